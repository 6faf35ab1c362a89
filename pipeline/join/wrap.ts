/**
 * Hard-wrapped text: wire copy, e-paper pages and mailing-list reposts break
 * one paragraph over several lines at a fixed width. Each fragment, judged
 * alone, is short and stops mid-sentence, so the stages after would drop it.
 * This module finds, from the text's own shape and in any script, which
 * runs of lines are one wrapped paragraph:
 *
 * 1. the article is wrapped when enough lines stop mid-sentence and are
 *    continued on the very next line (lower case in scripts with case),
 *    their lengths cluster just under one width, and few lines run past it
 *    (scraped pages print a paragraph a line, far longer than any wrap);
 * 2. in a wrapped article a line joins the one before it when it goes on
 *    in lower case a sentence the line before left open, or when that line
 *    is full (the next word would not have fitted, or the line reaches well
 *    into the band) and does not close its sentence; a paragraph's first
 *    word set apart on a line of its own (a drop cap) joins the rest. Never
 *    across a blank line, an indent or a list bullet.
 */

import {codePointLength, lastLetter} from '../../core/text.ts'

/** One non-blank line of the input. */
export interface WrapLine {
  /** The line without the white space at its edges. */
  text: string
  /** 1-based line of the input. */
  line: number
  /** White space before the text, in characters. */
  indent: number
}

/** A wrapped paragraph: indexes (into the given lines) of its first and last line. */
export interface WrappedParagraph {
  first: number
  last: number
}

export interface WrapLayout {
  /** The width the text is wrapped at, in characters. */
  width: number
  /** Lines that stop mid-sentence and go on on the next line: what the width was read from. */
  evidence: number
  paragraphs: WrappedParagraph[]
}

/** Lines that must stop mid-sentence and go on in the next line before an article counts as wrapped. */
const MIN_EVIDENCE = 3
/** The wrap width is the length this share of the evidence lines stays within (robust to one odd line). */
const WIDTH_PERCENTILE = 0.9
/** Wrapped lines fill their width: most evidence lines reach this share of it. */
const BAND = 0.65
const MIN_IN_BAND_SHARE = 0.6
/** A line this much longer than the width is not wrapped at it; a wrapped article has few of them. */
const OVER_WIDTH = 1.25
const MAX_OVER_WIDTH_PER_BAND_LINE = 0.5
/** Narrower than this is a column of labels or a menu, not wrapped prose. */
const MIN_WIDTH = 25
/** A line reaching this share of the width is full, whatever the next word. */
const FULL = 0.75
/** An evidence line holds at least this many words ("Halaman" over a page number is not prose). */
const MIN_EVIDENCE_WORDS = 3

const WORD = /[\p{L}\p{M}\p{N}]+/gu
/** Closes a sentence: a full stop, question or exclamation mark in any script, maybe inside quotes or brackets. */
const SENTENCE_END = /[.!?…。！？؟।]["'”’»)\]」』]*$/u
/** A list item, a dialogue dash or a numbered point opens a line of its own. */
const ITEM = /^(?:[-–—•*·▪►●]\s|\d{1,2}[.)]\s)/u
/** So does a short field under a label and a colon ("Fuente: ABI", "Source: Reuters"): a credit or a byline, not a sentence going on. */
const FIELD = /^\p{Lu}[\p{L}\p{M}]*\s*[:：]\s*\S/u
const MAX_FIELD_WORDS = 4

/**
 * Where hard-wrapped paragraphs stand, or null when the text is not
 * wrapped. `lines` are the article's non-blank lines in order; two lines
 * are adjacent when their line numbers follow each other (no blank line
 * between).
 */
export function findWrappedParagraphs(lines: readonly WrapLine[]): WrapLayout | null {
  const shapes = lines.map(shapeOf)
  const evidence: number[] = []
  for (let index = 0; index + 1 < lines.length; index++) {
    if (!adjacent(lines, index)) continue
    const line = shapes[index]!
    const next = shapes[index + 1]!
    if (line.endsSentence || line.words < MIN_EVIDENCE_WORDS || next.words === 0 || next.item) continue
    const continues = next.start === 'lower' || (next.start === 'caseless' && line.caseless)
    if (continues) evidence.push(line.chars)
  }
  if (evidence.length < MIN_EVIDENCE) return null
  const sorted = [...evidence].sort((a, b) => a - b)
  const width = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * WIDTH_PERCENTILE))]!
  if (width < MIN_WIDTH) return null
  const inBand = evidence.filter((chars) => chars >= width * BAND && chars <= width * OVER_WIDTH).length
  if (inBand < MIN_EVIDENCE || inBand < evidence.length * MIN_IN_BAND_SHARE) return null
  const overWidth = shapes.filter((shape) => shape.words >= MIN_EVIDENCE_WORDS && shape.chars > width * OVER_WIDTH).length
  if (overWidth > inBand * MAX_OVER_WIDTH_PER_BAND_LINE) return null

  const paragraphs: WrappedParagraph[] = []
  let first = 0
  for (let index = 1; index <= lines.length; index++) {
    const joins = index < lines.length && goesOn(lines, shapes, index, index - 1 > first, width)
    if (joins) continue
    if (index - 1 > first && closes(shapes, first, index - 1, lines.length)) paragraphs.push({first, last: index - 1})
    first = index
  }
  return {width, evidence: evidence.length, paragraphs}
}

interface Shape {
  chars: number
  words: number
  endsSentence: boolean
  /** How the line starts: its first letter in lower or upper case, a script without case, or no letter before a digit or symbol. */
  start: 'lower' | 'upper' | 'caseless' | 'other'
  /** Whether the line's last word ends in lower case. */
  endsLower: boolean
  /** Whether the line's letters are of a script without case (Arabic, Thai …). */
  caseless: boolean
  firstWordChars: number
  /** Whether the line is one token, nothing set apart by white space. */
  oneToken: boolean
  /** A list item or a labelled field: it opens a line of its own. */
  item: boolean
}

function shapeOf(line: WrapLine): Shape {
  const {text} = line
  const words = text.match(WORD) ?? []
  const firstLetter = /[\p{L}\p{N}]/u.exec(text)?.[0] ?? ''
  const last = lastLetter(text)
  return {
    chars: codePointLength(text),
    words: words.length,
    endsSentence: SENTENCE_END.test(text),
    start: caseOf(firstLetter),
    endsLower: caseOf(last) === 'lower',
    caseless: caseOf(last) === 'caseless',
    firstWordChars: codePointLength(/^\S+/u.exec(text)?.[0] ?? ''),
    oneToken: !/\s/u.test(text),
    item: ITEM.test(text) || (FIELD.test(text) && words.length <= MAX_FIELD_WORDS)
  }
}

const LETTER = /\p{L}/u

/**
 * Without case to show a sentence going on, a run of lines is a paragraph
 * only when it closes its sentence (or the text ends there): a list of
 * headlines in Arabic fills a width too, but never ends like a sentence.
 */
function closes(shapes: readonly Shape[], first: number, last: number, count: number): boolean {
  const run = shapes.slice(first, last + 1)
  const cased = run.some((shape) => shape.start === 'lower' || shape.start === 'upper')
  return cased || run.at(-1)!.endsSentence || last === count - 1
}

function caseOf(char: string): Shape['start'] {
  if (!LETTER.test(char)) return 'other'
  if (char.toLowerCase() === char.toUpperCase()) return 'caseless'
  return char === char.toLowerCase() ? 'lower' : 'upper'
}

function adjacent(lines: readonly WrapLine[], index: number): boolean {
  return lines[index + 1]!.line === lines[index]!.line + 1
}

/**
 * Whether line `index` goes on the paragraph of the line before it.
 * `continuing` says the line before is itself a continuation: a capitalised
 * word then carries on the sentence (a name), where after a first line it
 * may open the text under a title.
 */
function goesOn(lines: readonly WrapLine[], shapes: readonly Shape[], index: number, continuing: boolean, width: number): boolean {
  const before = shapes[index - 1]!
  const line = shapes[index]!
  if (!adjacent(lines, index - 1) || line.words === 0 || line.item) return false
  if (lines[index]!.indent > lines[index - 1]!.indent) return false
  // A sentence going on in lower case is one paragraph whatever the width (a headline set in a wider type wraps sooner),
  // after a line of more than one word: one token that is not full ends its line by itself, as the desks' initials that
  // close wire copy ("jd-abc/mm") do.
  if (line.start === 'lower' && !before.endsSentence && !before.oneToken) return true
  // A paragraph's first word set apart (a drop cap the scraper put on a line of its own), in a script without case.
  if (before.words === 1 && before.start === 'caseless' && !before.endsSentence && line.start === 'caseless' && line.words >= MIN_EVIDENCE_WORDS) return true
  const full = before.chars >= width * FULL || before.chars + 1 + line.firstWordChars > width
  if (!full) return false
  if (line.start === 'lower') return true
  if (before.endsSentence) return false
  if (line.start === 'upper') return continuing || before.endsLower
  return true
}
