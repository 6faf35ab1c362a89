/**
 * What the generic stage measures on a line, in any language: length, the
 * share of letters, digits and punctuation, how it ends, how many of its
 * words are capitalised or function words, and links.
 */
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
  /** Share of words starting with a capital, among words of scripts with case; null when there are none. */
  capitalised: number | null
  /** Share of words that are function words. */
  functionWords: number
  /** URLs, e-mail addresses, hashtags and @handles. */
  links: number
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu
/** Scripts written without spaces between words: a run of their letters is a phrase, not a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu
/** Characters of an average word in those scripts (a Chinese word is one to three characters, most often two). */
const UNSPACED_WORD_CHARS = 2
/** Letters of an alphabetic rendering per character of those scripts (English runs about three times as long as its Chinese). */
const UNSPACED_CHAR_WIDTH = 3
const LETTER = /[\p{L}\p{M}]/u
const DIGIT = /\p{N}/u
const PUNCTUATION = /[\p{P}\p{S}]/u
const SENTENCE_END = /[.!?…。！？؟।]["'”’»)\]」』]*$/u
// Bounded, and anchored at the start of a token, so a long line without spaces cannot make the search quadratic.
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?<![\p{L}\p{N}])[#@][\p{L}\p{N}_]{2,}/gu

/** The words of a line, folded for stoplist lookup. */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map(fold)
}

/** Measures a line, its words checked against a stoplist of folded function words. */
export function lineFeatures(text: string, stoplist: ReadonlySet<string>): LineFeatures {
  const folded = text.replace(/\s+/gu, ' ').trim()
  const raw = folded.match(WORD) ?? []
  const visible = [...folded.replace(/\s/gu, '')]
  let letters = 0
  let digits = 0
  let punctuation = 0
  for (const char of visible) {
    if (LETTER.test(char)) letters++
    if (DIGIT.test(char)) digits++
    if (PUNCTUATION.test(char)) punctuation++
  }
  const total = Math.max(visible.length, 1)
  const cased = raw.filter((word) => word[0]!.toLowerCase() !== word[0]!.toUpperCase())
  const unspaced = folded.match(UNSPACED)?.length ?? 0
  return {
    chars: [...folded].length + unspaced * (UNSPACED_CHAR_WIDTH - 1),
    // Without a character of those scripts in the line, every word counts one.
    words: unspaced === 0 ? raw.length : raw.reduce((sum, word) => sum + wordCount(word), 0),
    letters: letters / total,
    digits: digits / total,
    punctuation: punctuation / total,
    endsSentence: SENTENCE_END.test(folded),
    capitalised: cased.length === 0 ? null : cased.filter((word) => word[0] === word[0]!.toUpperCase()).length / cased.length,
    functionWords: raw.length === 0 ? 0 : raw.filter((word) => stoplist.has(fold(word))).length / raw.length,
    links: folded.match(LINK)?.length ?? 0
  }
}

/** One word, or for a run of a script written without spaces, the words it likely holds. */
function wordCount(run: string): number {
  const unspaced = run.match(UNSPACED)?.length ?? 0
  return unspaced === 0 ? 1 : Math.max(1, Math.round(unspaced / UNSPACED_WORD_CHARS))
}
