/**
 * Word tokens and fingerprints of body text, the units of reuse detection.
 * Tokens are compared lower-cased on letters and digits only, so changed
 * punctuation, case or quote marks do not hide a copied passage.
 */
import {codePointOffsets, markupSpans, mayHoldMarkup, startsWithCapital} from '../../core/text.ts'

/** One word of a body block, with where it stands in the article (code points). */
export interface Token {
  norm: string
  /**
   * A name or a number: capitalised inside a sentence, or with a digit.
   * Independent reports of one event share these; they say less about
   * copying than the words around them.
   */
  name: boolean
  /** Inside quotation marks: reported speech, which independent reports of one statement print alike. */
  quoted: boolean
  /** Index of the block in the article's body text. */
  block: number
  start: number
  end: number
}

/** A body block as reuse detection sees it: its text with removed spans left out. */
export interface BodyBlock {
  id: string
  lines: [number, number]
  /** Code-point offset of the block in its article. */
  start: number
  /** The block's text as in the input. */
  text: string
  /** Spans cut by rules, in code points relative to the block. */
  cuts: Array<[number, number]>
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu
const NUMBER = /\p{N}/u
/** Marks that may stand between the end of a sentence and the first word of the next: spaces, quotes, brackets, dashes. */
const OPENING = /[\s\p{Pi}\p{Pf}\p{Ps}\p{Pd}"'*•]/u
const SENTENCE_END = /[.!?…:;]/u

/** Marks that open a quotation, and the marks each may close with (German „…“ closes with the English opening mark). */
const QUOTES: Record<string, string> = {'“': '”', '„': '“”', '«': '»', '"': '"', '「': '」', '『': '』'}
/** Every mark of `QUOTES`, opening or closing. */
const QUOTE_MARK = new RegExp(`[${[...new Set(Object.entries(QUOTES).flatMap(([opener, closers]) => [opener, ...closers]))].join('')}]`, 'g')

/**
 * Ranges of a block's text (UTF-16 offsets, end exclusive) inside quotation
 * marks. Single quotes are left alone: they double as apostrophes. A quote
 * left open runs to the end of the block, as a quotation carried on into
 * the next paragraph does.
 */
function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let open: {at: number; closers: string} | undefined
  // Only quotation marks open or close a range: the search steps from one to the next, not through every character.
  QUOTE_MARK.lastIndex = 0
  for (let found = QUOTE_MARK.exec(text); found; found = QUOTE_MARK.exec(text)) {
    const char = found[0]
    const at = found.index
    const closing = open?.closers.includes(char) ? open : undefined
    if (closing) {
      ranges.push([closing.at, at])
      open = undefined
    } else if (!open && QUOTES[char] !== undefined) open = {at, closers: QUOTES[char]}
  }
  if (open) ranges.push([open.at, text.length])
  return ranges
}

/** Whether the word at `index` begins the text or a sentence (its capital then says nothing about a name). */
function beginsSentence(text: string, index: number): boolean {
  let at = index - 1
  while (at >= 0 && OPENING.test(text[at]!)) at--
  return at < 0 || SENTENCE_END.test(text[at]!)
}

/**
 * How the words of a script that joins clitics to the word (Arabic writes
 * "and", "with", "the" and possessive pronouns as part of it) are brought to
 * one form, so that one outlet's "والحكومة" (and the government) and
 * another's "الحكومة" read as the same word: letter variants folded, then
 * clitics stripped from either end while the stem keeps `minStem` letters.
 * Data (`clitics:` in `rules/reuse.yaml`).
 */
export interface CliticRule {
  /** The Unicode script (`\p{Script=…}`) of the words the rule applies to. */
  script: string
  /** Letters written alike by some outlets and not by others, each to the one form compared. */
  fold: Record<string, string>
  prefixes: string[]
  suffixes: string[]
  /** Fewest letters a stem keeps: a clitic is not stripped when less would remain. */
  minStem: number
}

/** A word's compared form, from its NFKC lower-cased text. */
export type WordForm = (word: string) => string

const DIGIT = /\p{Nd}/u
const MARKS = /\p{M}/gu

/**
 * Decimal digits of any script as ASCII digits: one outlet's "٢٠١٩" is
 * another's "2019". Unicode lays out every decimal digit set as ten code
 * points from zero, so a digit's value is its distance from the first of
 * its run, modulo ten.
 */
function asciiDigits(word: string): string {
  if (!DIGIT.test(word)) return word
  let out = ''
  for (const char of word) {
    if (char >= '0' && char <= '9') out += char
    else if (DIGIT.test(char)) {
      const point = char.codePointAt(0)!
      let first = point
      while (DIGIT.test(String.fromCodePoint(first - 1))) first--
      out += String((point - first) % 10)
    } else out += char
  }
  return out
}

/** The compared form of words under these clitic rules (none: the word as NFKC lower-cases it, digits as ASCII). */
export function wordForm(rules: readonly CliticRule[] = []): WordForm {
  const compiled = rules.map((rule) => ({
    script: new RegExp(`^\\p{Script=${rule.script}}`, 'u'),
    fold: new Map(Object.entries(rule.fold)),
    // Longest first, so "وال" goes whole before "و" is tried.
    prefixes: [...rule.prefixes].sort((x, y) => y.length - x.length),
    suffixes: [...rule.suffixes].sort((x, y) => y.length - x.length),
    minStem: rule.minStem
  }))
  return (word) => {
    const plain = asciiDigits(word)
    const rule = compiled.find((candidate) => candidate.script.test(plain))
    if (!rule) return plain
    let stem = ''
    for (const char of plain.normalize('NFD').replace(MARKS, '')) stem += rule.fold.get(char) ?? char
    // Stripped one clitic at a time until none is left: a word reaches the same stem however many clitics an outlet joined to it.
    for (let stripped = true; stripped; ) {
      stripped = false
      const prefix = rule.prefixes.find((clitic) => stem.startsWith(clitic) && [...stem].length - [...clitic].length >= rule.minStem)
      if (prefix) {
        stem = stem.slice(prefix.length)
        stripped = true
      }
      const suffix = rule.suffixes.find((clitic) => stem.endsWith(clitic) && [...stem].length - [...clitic].length >= rule.minStem)
      if (suffix) {
        stem = stem.slice(0, stem.length - suffix.length)
        stripped = true
      }
    }
    return stem
  }
}

const PLAIN = wordForm()

/** Tokens of a sequence of body blocks, in reading order, compared in the form `form` gives. */
export function tokenize(blocks: BodyBlock[], form: WordForm = PLAIN): Token[] {
  const tokens: Token[] = []
  for (const [index, block] of blocks.entries()) {
    const text = block.text
    // Token offsets come out in code points.
    const pointAt = codePointOffsets(text)
    const quoted = quotedRanges(text)
    // A link's address or an HTML tag a scraper left is no word of the text (UTF-16 offsets, as the match's).
    const markup = mayHoldMarkup(text) ? markupSpans(text) : undefined
    let range = 0
    // `exec`, not `matchAll`, whose iterator makes one more object per word.
    WORD.lastIndex = 0
    for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
      const start = pointAt(match.index)
      const end = pointAt(match.index + match[0].length)
      if (block.cuts.some(([cutStart, cutEnd]) => start < cutEnd && cutStart < end)) continue
      if (markup?.some((span) => match.index < span.end && span.start < match.index + match[0].length)) continue
      // toLowerCase is Unicode's default (root locale) case mapping, as toLocaleLowerCase('und') is, at a fraction of the cost.
      const norm = form(match[0].normalize('NFKC').toLowerCase())
      const name = NUMBER.test(match[0]) || (startsWithCapital(match[0]) && !beginsSentence(text, match.index))
      while (range < quoted.length && quoted[range]![1] <= match.index) range++
      const inQuote = range < quoted.length && quoted[range]![0] <= match.index
      tokens.push({norm, name, quoted: inQuote, block: index, start: block.start + start, end: block.start + end})
    }
  }
  return tokens
}

/** Words per shingle: long enough to be rare, short enough to survive light edits. */
export const SHINGLE = 5

/** 32-bit FNV-1a of a shingle's words. */
export function shingleHash(tokens: Token[], at: number): number {
  let hash = 0x811c9dc5
  for (let index = at; index < at + SHINGLE; index++) {
    const word = tokens[index]!.norm
    for (let char = 0; char < word.length; char++) {
      hash ^= word.charCodeAt(char)
      hash = Math.imul(hash, 0x01000193)
    }
    hash ^= 0x20
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Hashes of every shingle, indexed by the position of its first word. */
export function shingles(tokens: Token[]): number[] {
  const hashes: number[] = []
  for (let at = 0; at + SHINGLE <= tokens.length; at++) hashes.push(shingleHash(tokens, at))
  return hashes
}

export interface Fingerprint {
  hash: number
  /** Position of the shingle's first word. */
  position: number
}

/** The hashes of fingerprints, each once. */
export function fingerprintHashes(fingerprints: readonly Fingerprint[]): Set<number> {
  const hashes = new Set<number>()
  for (const fingerprint of fingerprints) hashes.add(fingerprint.hash)
  return hashes
}

/**
 * Winnowed fingerprints (Schleimer, Wilkerson and Aiken 2003): the rightmost
 * minimum of each `window` consecutive shingles, once. Two texts that share
 * a run of SHINGLE + window - 1 words share a fingerprint (`window` is
 * data: `rules/reuse.yaml`).
 */
export function winnow(hashes: readonly number[], window: number): Fingerprint[] {
  const out: Fingerprint[] = []
  if (hashes.length === 0) return out
  if (hashes.length <= window) {
    const min = Math.min(...hashes)
    return [{hash: min, position: hashes.lastIndexOf(min)}]
  }
  let last = -1
  for (let start = 0; start + window <= hashes.length; start++) {
    let best = start
    for (let index = start; index < start + window; index++) if (hashes[index]! <= hashes[best]!) best = index
    if (best !== last) {
      out.push({hash: hashes[best]!, position: best})
      last = best
    }
  }
  return out
}
