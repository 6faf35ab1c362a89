/**
 * Generates benchmark corpora from the real articles: each generated article
 * is a real article's layout, with its outlet's boilerplate, meta lines and
 * body datelines kept as printed, and the words of its title and body drawn
 * afresh from the vocabulary of its language (capitals, digits and
 * punctuation where the real words had them), so no two articles share text
 * by chance. A fixed share of the articles then takes passages from a recent
 * article, edited as outlets edit wire copy: words dropped and inserted,
 * paragraphs merged. Reuse detection has real work at any size, and the
 * answer (who took from whom) is known.
 *
 * Everything follows from the seed and the article's number: the first
 * thousand articles of a large corpus are the corpus of a thousand.
 */
import type {SourceArticle} from './sources.ts'

export interface GenerateOptions {
  seed: number
  /** Share of the articles that reuse passages of earlier ones (0 to 1). */
  reuseShare: number
}

export const DEFAULT_GENERATE: GenerateOptions = {seed: 1, reuseShare: 0.3}

/** How far back (in articles) a reusing article looks for its donor: news is taken while it is news. */
export const DONOR_WINDOW = 1000
/** Fewest words a reused passage starts with, before edits: comfortably above the 12 words wiretrace calls reuse. */
export const MIN_REUSED_WORDS = 25
/** Most paragraphs taken from a donor. */
const MAX_REUSED_PARAGRAPHS = 3
const DROP_WORD = 0.05
const INSERT_WORD = 0.05
const MERGE_PARAGRAPHS = 0.3

export interface GeneratedArticle {
  /** Position in the corpus, from 0. */
  index: number
  /** Path of the file in the corpus folder, which is also its article id. */
  id: string
  text: string
  /** The real article whose layout and outlet it has. */
  template: string
  /** Set when the article takes a passage from an earlier one. */
  reuse?: {donor: string; paragraphs: number; words: number}
}

/** The file path of the article at `index`: a thousand to a folder. */
export function articleId(index: number): string {
  return `${String(Math.floor(index / 1000)).padStart(4, '0')}/${String(index).padStart(7, '0')}.txt`
}

/** Whether the article at `index` reuses: exactly `floor(n * share)` of the first n articles do. */
export function isReusing(index: number, share: number): boolean {
  return Math.floor((index + 1) * share) > Math.floor(index * share)
}

/** An endless, deterministic stream of articles; take as many as the corpus needs. */
export function* generateArticles(sources: readonly SourceArticle[], options: GenerateOptions = DEFAULT_GENERATE): Generator<GeneratedArticle> {
  if (sources.length === 0) throw new Error('no source articles to generate a corpus from')
  const vocabularies = vocabularyByLanguage(sources)
  const byLanguage = new Map<string, SourceArticle[]>()
  for (const source of sources) byLanguage.set(source.language, [...(byLanguage.get(source.language) ?? []), source])
  const recent: Array<{language: string; body: string[]}> = []
  for (let index = 0; ; index++) {
    const rng = random(mix(options.seed, index))
    // A reusing article copies from an article in its own language: across languages it would be translation, not reuse.
    const donor = index > 0 && isReusing(index, options.reuseShare) ? index - 1 - Math.floor(rng() * Math.min(index, DONOR_WINDOW)) : undefined
    const candidates = donor === undefined ? sources : byLanguage.get(recent[donor % DONOR_WINDOW]!.language)!
    const template = candidates[Math.floor(rng() * candidates.length)]!
    const vocabulary = vocabularies.get(template.language)!
    const body = template.lines.filter((line) => line.role === 'body').map((line) => resampleLine(line.text, vocabulary, rng))
    let reuse: GeneratedArticle['reuse']
    if (donor !== undefined) {
      const edited = editPassage(takePassage(recent[donor % DONOR_WINDOW]!.body, rng), vocabulary, rng)
      const at = Math.floor(rng() * (body.length + 1))
      body.splice(at, Math.min(edited.length, body.length - at), ...edited)
      reuse = {donor: articleId(donor), paragraphs: edited.length, words: edited.reduce((sum, paragraph) => sum + wordsOf(paragraph).length, 0)}
    }
    recent[index % DONOR_WINDOW] = {language: template.language, body}
    yield {index, id: articleId(index), text: layOut(template, body, vocabulary, rng), template: template.name, ...(reuse ? {reuse} : {})}
  }
}

/** The template's lines with the body put in its body lines, and a fresh title and dek. */
function layOut(template: SourceArticle, body: string[], vocabulary: string[], rng: () => number): string {
  const slots = template.lines.flatMap((line, index) => (line.role === 'body' ? [index] : []))
  const lastSlot = slots.at(-1)
  const separator =
    lastSlot !== undefined && template.lines[lastSlot + 1]?.role === undefined && template.lines[lastSlot - 1]?.role === undefined ? '\n\n' : '\n'
  const out: string[] = []
  let next = 0
  for (const [index, line] of template.lines.entries()) {
    if (line.role === 'body') {
      // The last body line takes whatever paragraphs are left; body lines with none left are dropped.
      const take = index === lastSlot ? body.length - next : Math.min(1, body.length - next)
      if (take > 0) out.push(body.slice(next, next + take).join(separator))
      next += take
    } else if (line.role === 'title' || line.role === 'dek') {
      out.push(resampleLine(line.text, vocabulary, rng))
    } else {
      out.push(line.text)
    }
  }
  return out.join('\n')
}

/** One to three consecutive paragraphs of a donor's body, grown (forwards, then backwards) until the passage is long enough. */
function takePassage(body: string[], rng: () => number): string[] {
  const words = body.map((paragraph) => wordsOf(paragraph).length)
  let start = Math.floor(rng() * body.length)
  let end = Math.min(body.length, start + 1 + Math.floor(rng() * MAX_REUSED_PARAGRAPHS))
  const count = () => words.slice(start, end).reduce((sum, n) => sum + n, 0)
  while (end < body.length && count() < MIN_REUSED_WORDS) end++
  while (start > 0 && count() < MIN_REUSED_WORDS) start--
  return body.slice(start, end)
}

/** An outlet's light edits: a word dropped here, one inserted there, two paragraphs run together. */
function editPassage(passage: string[], vocabulary: string[], rng: () => number): string[] {
  const edited = passage.map((paragraph) => {
    const pieces = splitWords(paragraph)
    const out: string[] = [pieces[0]!]
    for (let index = 1; index < pieces.length; index += 2) {
      const drop = rng() < DROP_WORD
      if (!drop) out.push(pieces[index]!, pieces[index + 1]!)
      if (rng() < INSERT_WORD) out.push(vocabulary[Math.floor(rng() * vocabulary.length)]!, ' ')
    }
    return out.join('').trim()
  })
  const merged: string[] = []
  for (const paragraph of edited) {
    if (paragraph === '') continue
    if (merged.length > 0 && rng() < MERGE_PARAGRAPHS) merged[merged.length - 1] += ` ${paragraph}`
    else merged.push(paragraph)
  }
  return merged
}

const WORD = /([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)/u
/** A body line may open with a dateline ("İSTANBUL (AA) - ", "REPUBLIKA.CO.ID, ISTANBUL -- "): the credit stays as printed. */
const DATELINE = /^.{1,80}?\s(?:-{1,2}|–|—)\s/u

/** Text split into gap, word, gap, word, …, gap: words at odd positions. */
function splitWords(text: string): string[] {
  return text.split(WORD)
}

function wordsOf(text: string): string[] {
  return splitWords(text).filter((_, index) => index % 2 === 1)
}

/** A line with every word replaced by one drawn from the vocabulary, its dateline kept. */
function resampleLine(line: string, vocabulary: string[], rng: () => number): string {
  const dateline = DATELINE.exec(line)?.[0] ?? ''
  const pieces = splitWords(line.slice(dateline.length))
  for (let index = 1; index < pieces.length; index += 2) pieces[index] = replacement(pieces[index]!, vocabulary, rng)
  return dateline + pieces.join('')
}

/** A word drawn from the vocabulary in the case of the word it replaces; a number becomes another of as many digits. */
function replacement(word: string, vocabulary: string[], rng: () => number): string {
  if (/^\p{N}+$/u.test(word)) return word.replace(/\p{N}/gu, () => String(Math.floor(rng() * 10)))
  const drawn = vocabulary[Math.floor(rng() * vocabulary.length)]!
  if (word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()) return drawn.toUpperCase()
  const first = word[0]!
  if (first !== first.toLowerCase()) return drawn[0]!.toUpperCase() + drawn.slice(1)
  return drawn
}

/** The words of the body lines of every source, by language, as often as they occur (so drawing follows their frequency). */
function vocabularyByLanguage(sources: readonly SourceArticle[]): Map<string, string[]> {
  const vocabularies = new Map<string, string[]>()
  for (const source of sources) {
    const words = vocabularies.get(source.language) ?? []
    for (const line of source.lines) {
      if (line.role !== 'body') continue
      for (const word of wordsOf(line.text)) if (!/\p{N}/u.test(word)) words.push(word.toLowerCase())
    }
    vocabularies.set(source.language, words)
  }
  for (const [language, words] of vocabularies) if (words.length === 0) throw new Error(`no body words in the sources for language "${language}"`)
  return vocabularies
}

/** A 32-bit seed for one article of one corpus (murmur3's finaliser over both numbers). */
function mix(seed: number, index: number): number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ index
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1), so a corpus is the same on every machine. */
export function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
