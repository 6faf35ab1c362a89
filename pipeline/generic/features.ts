/**
 * What the generic stage measures on a line, in any language: length, the
 * share of letters, digits and punctuation, how it ends, how many of its
 * words are capitalised or function words, and links.
 */
import {boundedMemo, boundedMemoPer} from '../../core/bounded-memo.ts'
import {fold} from './config.ts'

export interface LineFeatures {
  /**
   * Code points, white space folded; a character of a script written without
   * spaces counts as `UNSPACED_CHAR_WIDTH`, the letters it takes an alphabet to
   * say as much, so length thresholds hold in every script.
   */
  chars: number
  /** Words made of letters (digits and symbols are not words); in a script written without spaces, one for every two characters. */
  words: number
  /** Shares of the line's non-space characters. */
  letters: number
  digits: number
  punctuation: number
  /** Ends like a sentence: a full stop, question or exclamation mark in any script, maybe inside quotes. */
  endsSentence: boolean
  /**
   * Share of words starting with a capital, among words of scripts with case; null when they are fewer than half the
   * line's words: in a line of a script without case, an acronym or a Latin name says nothing of how the line is written.
   */
  capitalised: number | null
  /** Share of words that are function words. */
  functionWords: number
  /** The last word is a function word ("or", "atau", "de"): a sentence cut off mid-way, not a headline, ends so. */
  endsOnFunctionWord: boolean
  /** URLs, e-mail addresses, hashtags and @handles. */
  links: number
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu
/** A line that ends in punctuation or a digit ends after its last word, not on it. */
const TRAILING_MARK = /[^\p{L}\p{M}]$/u
/** Scripts written without spaces between words: a run of their letters is a phrase, not a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu
const HOLDS_UNSPACED = new RegExp(UNSPACED.source, 'u')

/** Whether a text holds letters of a script written without spaces between words (Chinese, Japanese, Thai …). */
export function holdsUnspacedScript(text: string): boolean {
  return HOLDS_UNSPACED.test(text)
}
/** Characters of an average word in those scripts (a Chinese word is one to three characters, most often two). */
const UNSPACED_WORD_CHARS = 2
/** Letters of an alphabetic rendering per character of those scripts (English runs about three times as long as its Chinese). */
const UNSPACED_CHAR_WIDTH = 3
const LETTER = /[\p{L}\p{M}]/u
const DIGIT = /\p{N}/u
const PUNCTUATION = /[\p{P}\p{S}]/u
/** A text's last characters when they close a sentence: a full stop, question or exclamation mark in any script, maybe inside quotes or brackets. */
export const SENTENCE_END = /[.!?…。！？؟।]["'”’»)\]」』]*$/u
// Bounded, and anchored at the start of a token, so a long line without spaces cannot make the search quadratic.
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?<![\p{L}\p{N}])[#@][\p{L}\p{N}_]{2,}/gu
/** What every alternative of `LINK` holds: a line without it has no link, and most lines are read without running `LINK`. */
const LINK_MARK = /[#@]|https?:\/\/|www\./

/**
 * A word folded as `fold` folds it. A word of printable ASCII without spaces, which `fold` only lowers, is lowered;
 * any other is remembered: the same words come back line after line and article after article, and folding (lower
 * case, NFC) cost more than the rest of a line's measuring. Bounded: emptied when full. Searching the memo for every
 * word of an English or Indonesian text cost more than lowering it.
 */
const FOLDED_WORDS_KEPT = 50_000
const foldOther = boundedMemo(FOLDED_WORDS_KEPT, fold)
const PLAIN_ASCII = /^[!-~]*$/
function foldWord(word: string): string {
  return PLAIN_ASCII.test(word) ? word.toLowerCase() : foldOther(word)
}

/**
 * Whether a word as written is a function word, folded, of a stoplist: remembered per stoplist and word, one lookup
 * where folding and the stoplist took two, for every word of every line. Bounded as `foldWord` is.
 */
const inStoplist = boundedMemoPer(FOLDED_WORDS_KEPT, (stoplist: ReadonlySet<string>, written: string) => stoplist.has(foldWord(written)))

/** The words of a line, folded for stoplist lookup. */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map(foldWord)
}

/** The words of a line, folded as `wordsOf` folds them, one at a time: for a reader that may stop after the first few. */
export function* eachWordOf(text: string): Generator<string> {
  for (const [word] of text.matchAll(WORD)) yield foldWord(word)
}

const IS_LETTER = 1
const IS_DIGIT = 2
const IS_PUNCTUATION = 4

/** The classes of a character (one code point), by `LETTER`, `DIGIT` and `PUNCTUATION`. */
function classesOf(char: string): number {
  return (LETTER.test(char) ? IS_LETTER : 0) | (DIGIT.test(char) ? IS_DIGIT : 0) | (PUNCTUATION.test(char) ? IS_PUNCTUATION : 0)
}

/** The classes of the ASCII characters, by code, computed from the same expressions: a lookup where three tests ran per character. */
const ASCII_CLASSES = Uint8Array.from({length: 128}, (_, code) => classesOf(String.fromCharCode(code)))
/** The classes of other characters met so far, by code point; bounded, past it each is tested. */
const otherClasses = new Map<number, number>()
const OTHER_CLASSES_KEPT = 65_536

function codePointClasses(codePoint: number): number {
  let classes = otherClasses.get(codePoint)
  if (classes === undefined) {
    classes = classesOf(String.fromCodePoint(codePoint))
    if (otherClasses.size < OTHER_CLASSES_KEPT) otherClasses.set(codePoint, classes)
  }
  return classes
}

interface CharacterCounts {
  /** Code points. */
  points: number
  /** Code points other than spaces, and of them letters, digits and punctuation. */
  visible: number
  letters: number
  digits: number
  punctuation: number
}

/** What a line is made of, its white space folded to single spaces (the only white space left is U+0020): one walk over its code points. */
function characterCounts(folded: string): CharacterCounts {
  const counts: CharacterCounts = {points: 0, visible: 0, letters: 0, digits: 0, punctuation: 0}
  for (let index = 0; index < folded.length; index++) {
    const code = folded.codePointAt(index)!
    // A lone surrogate (text not from a decoded file) can pair with one beyond a space once the spaces are out: counted as the text without its spaces reads.
    if (code >= 0xd800 && code <= 0xdfff) return surrogateCounts(folded)
    if (code > 0xffff) index++
    counts.points++
    if (code === 0x20) continue
    counts.visible++
    const classes = code < 128 ? ASCII_CLASSES[code]! : codePointClasses(code)
    if (classes & IS_LETTER) counts.letters++
    if (classes & IS_DIGIT) counts.digits++
    if (classes & IS_PUNCTUATION) counts.punctuation++
  }
  return counts
}

function surrogateCounts(folded: string): CharacterCounts {
  const visible = [...folded.replace(/ /g, '')].map(classesOf)
  const count = (kind: number) => visible.filter((classes) => classes & kind).length
  return {points: [...folded].length, visible: visible.length, letters: count(IS_LETTER), digits: count(IS_DIGIT), punctuation: count(IS_PUNCTUATION)}
}

/** Measures a line, its words checked against a stoplist of folded function words. */
export function lineFeatures(text: string, stoplist: ReadonlySet<string>): LineFeatures {
  const folded = text.replace(/\s+/gu, ' ').trim()
  const raw = folded.match(WORD) ?? []
  const {points, visible, letters, digits, punctuation} = characterCounts(folded)
  const total = Math.max(visible, 1)
  let cased = 0
  let capitals = 0
  for (const word of raw) {
    const letter = caseOf(word.charCodeAt(0))
    if (letter === NO_CASE) continue
    cased++
    if (letter === CAPITAL) capitals++
  }
  const unspaced = folded.match(UNSPACED)?.length ?? 0
  // Without a character of those scripts in the line, every word counts one.
  const words = unspaced === 0 ? raw.length : raw.reduce((sum, word) => sum + wordCount(word), 0)
  return {
    chars: points + unspaced * (UNSPACED_CHAR_WIDTH - 1),
    words,
    letters: letters / total,
    digits: digits / total,
    punctuation: punctuation / total,
    endsSentence: SENTENCE_END.test(folded),
    capitalised: cased === 0 || cased * 2 < words ? null : capitals / cased,
    functionWords: raw.length === 0 ? 0 : raw.filter((word) => inStoplist(stoplist, word)).length / raw.length,
    endsOnFunctionWord: raw.length > 0 && !TRAILING_MARK.test(folded) && inStoplist(stoplist, raw[raw.length - 1]!),
    links: LINK_MARK.test(folded) ? (folded.match(LINK)?.length ?? 0) : 0
  }
}

const NO_CASE = 0
const CAPITAL = 1
const SMALL = 2

/** Whether a word's first UTF-16 unit has case, and which: a capital is its own upper case and differs from its lower case. ASCII by its range, the rest by conversion. */
function caseOf(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return CAPITAL
  if (code >= 0x61 && code <= 0x7a) return SMALL
  if (code < 0x80) return NO_CASE
  const char = String.fromCharCode(code)
  const upper = char.toUpperCase()
  if (char.toLowerCase() === upper) return NO_CASE
  return char === upper ? CAPITAL : SMALL
}

/** One word, or for a run of a script written without spaces, the words it likely holds. */
function wordCount(run: string): number {
  const unspaced = run.match(UNSPACED)?.length ?? 0
  return unspaced === 0 ? 1 : Math.max(1, Math.round(unspaced / UNSPACED_WORD_CHARS))
}
