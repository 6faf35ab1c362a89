/**
 * Stage: language. Guesses the article's language from its body text with
 * franc (trigram profiles of 82 languages), once the roles are known so
 * menus and footers do not vote. The result is a BCP 47 tag (`id`, `ar`,
 * `tr`; the two-letter code where ISO 639-1 has one, as CLDR canonicalises
 * franc's ISO 639-3 codes), or null when the text is too short or too mixed
 * to tell: pages use it for `<html lang>`, readers of the JSON report for
 * anything else.
 */
import {franc} from 'franc-min'
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import {blocksOf, note} from './data.ts'

export const LANGUAGE_RULE = 'language/trigrams'

/** Fewer characters than this give franc too few trigrams to tell related languages apart. */
const MIN_CHARACTERS = 40
/** Enough text for a stable guess; more only costs time. */
const MAX_CHARACTERS = 4000

/** The BCP 47 tag for a text, or null when it cannot be told. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, MAX_CHARACTERS)
  const code = franc(sample, {minLength: MIN_CHARACTERS})
  if (code === 'und') return null
  return Intl.getCanonicalLocales(code)[0] ?? code
}

export const wiretraceLanguage: Plugin<[], Root> = function () {
  return function (tree, file) {
    const blocks = blocksOf(tree)
    const body = blocks.filter(({block}) => (block.role ?? 'body') === 'body')
    const text = (body.length > 0 ? body : blocks)
      .map(({node}) => String(file.value).slice(node.position!.start.offset!, node.position!.end.offset!))
      .join('\n')
    const language = detectLanguage(text)
    file.data.language = language
    note(file, language ? `language: ${language}, guessed from the body text` : 'language: too little text to tell', LANGUAGE_RULE)
  }
}
