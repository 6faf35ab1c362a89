/**
 * Small text utilities shared by the stages: blank-line tests, matching
 * normalisation, and UTF-16 to code-point offset conversion.
 */
import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import {decodeNumericCharacterReference} from 'micromark-util-decode-numeric-character-reference'

/** Characters V8 holds one byte each (U+0000 to U+00FF), all of them. */
const LATIN1 = /^[\0-\xff]*$/

/** Whether every character of a text is one V8 holds in one byte: a text holding one past U+00FF is held two bytes each. */
export function isLatin1(text: string): boolean {
  return LATIN1.test(text)
}

/**
 * A line cut from a text, held one byte a character when the text was held two (`wide`: `!isLatin1(text)`, an article
 * with one curly quote, dash or Arabic word) and all of the line's characters allow it; a line cut from a one-byte text
 * is one-byte already, and is returned as it is. V8 keeps a slice as a view of the text it was cut from, two bytes a
 * character, and runs a regular expression over a two-byte string with a call into C++ for each character it tests
 * against a large class (`\p{L}`, `[\p{L}\p{N}]`), where it tests a one-byte string's characters in line: that call was
 * 4.5% of a pipeline thread's CPU time over the bench's articles. The copy costs a small fraction of what it saves. The
 * text is the same, character for character.
 */
export function narrowed(line: string, wide: boolean): string {
  return wide && LATIN1.test(line) ? Buffer.from(line, 'latin1').toString('latin1') : line
}

/** A line with nothing but white space (NBSP and zero-width characters included) is blank. */
export function isBlank(line: string): boolean {
  return /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]*$/u.test(line)
}

/** White space at either edge of a line, zero-width characters included. */
export const EDGE_SPACE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]+|[\s\u200B-\u200D\u2060\uFEFF\u00AD]+$/gu

/**
 * Text prepared for pattern matching: NBSP and other exotic spaces become a
 * plain space, zero-width characters are dropped, HTML character references
 * a scraper left in the text are read as the characters they stand for, the
 * marks of Markdown links and strong emphasis and the HTML tags a scraper
 * left are left out, mojibake (UTF-8 read as Windows-1252) is read as what it
 * garbled, and decomposed letters are composed. So a rule written as `Baca Juga:` also
 * matches `Baca\u00A0Juga:`, `Baca\u200BJuga:` or `Baca&nbsp;Juga:`, and
 * `haberine göre` matches it with the "ö" stored as "o" and a combining
 * diaeresis; an Arabic tatweel alone between spaces reads as the dash it
 * stands for, and Arabic's short vowels are read past ("العُمانية" matches
 * `العمانية`). Spans already cut by a rule can be left out too. `toOriginal`
 * maps an index in `value` back to an index in the original.
 */
export interface MatchText {
  value: string
  toOriginal(index: number): number
}

/**
 * Whether `matchText` reads a line as it is written, but for composing decomposed letters: it holds no exotic space,
 * invisible character, reference or mark of Markdown or HTML. One scan, for the readers that need no more (a line's
 * comparable key composes letters itself).
 */
export function readsAsWritten(text: string): boolean {
  return !MAY_READ_OTHERWISE.test(text) && !mayBeMojibake(text)
}

/**
 * Windows-1252's characters for the bytes 0x80 to 0x9F (the five it leaves undefined decode to the C1 controls); its
 * characters for 0xA0 to 0xFF are Latin-1's, the byte's own code point.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'
const CP1252_BYTE = new Map([...CP1252_HIGH].map((char, at) => [char, 0x80 + at]))
/** A byte 0x80 to 0xBF (a UTF-8 continuation byte) as Windows-1252 shows it. */
const CONTINUATION = `[\\u0080-\\u00BF${[...CP1252_HIGH].filter((char) => char > '\u00FF').join('')}]`
/**
 * Text stored as UTF-8 and read as Windows-1252 (mojibake): each character beyond ASCII shows as the two to four
 * characters of its bytes ("Ã©" for "é", "â€”" for "—", "Ð¼Ð¾" for "мо").
 */
const MOJIBAKE_SOURCE = `[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`
const MOJIBAKE_ALL = new RegExp(MOJIBAKE_SOURCE, 'g')
const UTF8 = new TextDecoder('utf-8', {fatal: true})

/** The characters `EXOTIC_SPACE`, `INVISIBLE`, `SPACED_TATWEEL`, a character reference and `MARKUP_MARK` start with. */
const MAY_READ_OTHERWISE = /[\r\n\u00A0\u2000-\u200D\u202F\u205F\u3000\u2060\uFEFF\u00AD&<*_\]\u0640\u064B-\u0652\u0670]/
/** Mojibake alone. */
const MOJIBAKE = new RegExp(MOJIBAKE_SOURCE)
/** The characters mojibake of a character beyond ASCII starts with: most lines hold none, and one scan tells. */
const MOJIBAKE_LEAD = /[\u00C2-\u00F4]/

function mayBeMojibake(text: string): boolean {
  return MOJIBAKE_LEAD.test(text) && MOJIBAKE.test(text)
}

/** A zero-width character (or soft hyphen): the reader does not see it. */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/
/**
 * What the reader reads past: an invisible character, or one of Arabic's short vowels and other marks, which a page
 * writes where it pleases ("العُمانية" and "العمانية" are one name).
 */
const UNREAD = /[\u200B-\u200D\u2060\uFEFF\u00AD\u064B-\u0652\u0670]/
/** Exotic spaces, and the line breaks inside a block of hard-wrapped lines, read as plain spaces. */
const EXOTIC_SPACE = /[\r\n\u00A0\u2000-\u200A\u202F\u205F\u3000]/g
/**
 * Arabic's tatweel standing alone between spaces, which Arabic pages print as a dash ("الرياض ـ واس", "ـ القاهرة ـ"):
 * read as one, so the datelines and credits written with a dash read it. Inside a word it stretches the word and stays.
 */
const SPACED_TATWEEL = /(?<=^|\s)\u0640(?=\s|$)/gu
/** An HTML character reference, named (`&nbsp;`) or numeric (`&#8211;`, `&#x2013;`), read at one place. */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/y

/**
 * @param original the line as in the input
 * @param cuts spans of the line (offsets relative to it) to leave out
 */
export function matchText(original: string, cuts: ReadonlyArray<{start: number; end: number}> = []): MatchText {
  // Most lines hold none of the characters the long way reads otherwise: one scan, and composition, tell.
  if (cuts.length === 0 && readsAsWritten(original) && isComposed(original)) return {value: original, toOriginal: (index) => index}
  const plainSpaces = original.replace(EXOTIC_SPACE, ' ')
  const spaced = plainSpaces.includes('\u0640') ? plainSpaces.replace(SPACED_TATWEEL, '–') : plainSpaces
  const references = spaced.includes('&')
  const markup = mayHoldMarkup(spaced) ? markupSpans(spaced) : []
  // Read in the original: a no-break space's bytes show as "Â" and a no-break space ("Ã\u00A0" is "à").
  const mojibake = mayBeMojibake(original) ? mojibakeIn(original) : undefined
  // Composition is judged last, and only when nothing else sends the line the long way, which judges what it kept.
  if (cuts.length === 0 && markup.length === 0 && !references && !mojibake && !UNREAD.test(spaced) && isComposed(spaced)) {
    return {value: spaced, toOriginal: (index) => index}
  }
  const left = markup.length === 0 ? cuts : [...cuts, ...markup]
  const kept: number[] = []
  let value = ''
  for (let index = 0; index < spaced.length; index++) {
    if (left.some((cut) => index >= cut.start && index < cut.end)) continue
    const char = spaced[index]!
    const reference = references && char === '&' ? characterReference(spaced, index) : mojibake?.get(index)
    if (reference) {
      // A reference's (or a mojibake's) characters all stand where it starts; what it stands for is read as the input's
      // own characters are.
      for (const decoded of reference.value.replace(EXOTIC_SPACE, ' ')) {
        if (UNREAD.test(decoded)) continue
        for (let unit = 0; unit < decoded.length; unit++) kept.push(index)
        value += decoded
      }
      index += reference.length - 1
      continue
    }
    if (UNREAD.test(char)) continue
    kept.push(index)
    value += char
  }
  kept.push(spaced.length)
  if (!isComposed(value)) return composeKept(value, kept, spaced.length)
  return {value, toOriginal: (index) => kept[index] ?? spaced.length}
}

/**
 * The line's mojibake, decoded, by where each starts; undefined when the line is not mojibake: when its sequences hold
 * less than `MIN_MOJIBAKE_SHARE` of its characters beyond ASCII. A text that means them prints such pairs among letters
 * of its own ("heißt“": ß and a closing quotation mark are the bytes of an NKo letter), mojibake prints nothing else.
 */
function mojibakeIn(text: string): Map<number, {value: string; length: number}> | undefined {
  const found = new Map<number, {value: string; length: number}>()
  let covered = 0
  for (const match of text.matchAll(MOJIBAKE_ALL)) {
    const bytes = Uint8Array.from(match[0], (char) => CP1252_BYTE.get(char) ?? char.charCodeAt(0))
    try {
      found.set(match.index, {value: UTF8.decode(bytes), length: match[0].length})
      covered += match[0].length
    } catch {
      // Bytes that make no UTF-8 character (an overlong form, "à€€") are read as written.
    }
  }
  const beyondAscii = text.match(BEYOND_ASCII)?.length ?? 0
  return found.size > 0 && covered >= beyondAscii * MIN_MOJIBAKE_SHARE ? found : undefined
}

const MIN_MOJIBAKE_SHARE = 0.8
const BEYOND_ASCII = /[^\0-\x7F]/g

/** The character reference starting at `at`, decoded, and its length; undefined when none starts there or it names nothing. */
function characterReference(text: string, at: number): {value: string; length: number} | undefined {
  CHARACTER_REFERENCE.lastIndex = at
  const match = CHARACTER_REFERENCE.exec(text)
  if (!match) return undefined
  const [whole, decimal, hexadecimal, name] = match
  const value =
    decimal !== undefined
      ? decodeNumericCharacterReference(decimal, 10)
      : hexadecimal !== undefined
        ? decodeNumericCharacterReference(hexadecimal, 16)
        : decodeNamedCharacterReference(name!)
  return value === false ? undefined : {value, length: whole.length}
}

/**
 * Whether a text is in Unicode's composed form (NFC), as rules and registries are written: "ö" one character, not "o"
 * and a combining diaeresis. A text of one-byte characters always is, and is not normalised to find out.
 */
function isComposed(text: string): boolean {
  return LATIN1.test(text) || text.normalize('NFC') === text
}

/**
 * A base character and the marks that follow it (Hangul's vowel and final jamo too, which compose with the syllable's
 * first): what composition turns into one character, never across two of these.
 */
const COMPOSING = /[^\p{M}\u1160-\u11FF][\p{M}\u1160-\u11FF]*|[\p{M}\u1160-\u11FF]+/gsu

/** What every piece of `markupSpans` holds: a text without it has none. */
const MARKUP_MARK = /\]\(|\*\*|__|<\/?[A-Za-z]/

/** The text with the marks `markupSpans` finds turned to spaces: its words where they stood, for readers of words alone. */
export function withoutMarkup(text: string): string {
  if (!mayHoldMarkup(text)) return text
  const chars = text.split('')
  for (const {start, end} of markupSpans(text)) for (let at = start; at < end; at++) chars[at] = ' '
  return chars.join('')
}

/** Whether a text may hold marks `markupSpans` finds: one scan, for the readers that ask it of every block. */
export function mayHoldMarkup(text: string): boolean {
  return MARKUP_MARK.test(text)
}

/** A Markdown link, `[text](target)`, its target an address or a path; not a picture (`![alt](file)`), which is no text. */
const MARKDOWN_LINK = /(?<!!)\[([^[\]]{1,500})\]\((?:https?:\/\/|www\.|mailto:|\/|#)[^\s()]{0,2000}(?:\s+"[^"]{0,300}")?\)/g
/** Strong emphasis, `**text**` or `__text__`, around words: the marks pages' text never prints. */
const STRONG = /(\*\*|__)(?=[^\s*_])(?:(?!\1).){1,2000}?(?<=[^\s*_])\1/g
/**
 * An HTML tag of an element that holds or breaks text (`<p>`, `</a>`, `<br/>`, `<strong class="x">`), as a feed's
 * description or a careless scraper leaves them; only HTML's own element names, so `<<Le président>>` stays text.
 */
const HTML_TAG =
  /<\/?(?:a|abbr|b|big|blockquote|br|center|cite|del|div|em|figcaption|figure|font|h[1-6]|i|img|ins|li|mark|ol|p|q|s|small|span|strike|strong|sub|sup|time|u|ul)(?:\s[^<>]{0,1000})?\/?>/gi

/**
 * The marks of Markdown a scraper wrote around a page's text (trafilatura's, a reader service's): a link's brackets and
 * target, strong emphasis's asterisks or underscores; and HTML tags left in it. Its words are read as a plain scrape of
 * the page gives them, so a rule for `JAKARTA (ANTARA) -` matches `**JAKARTA (ANTARA) -**` and
 * `<p><b>JAKARTA (ANTARA) -</b>`, and a paragraph with a link in it is still a paragraph.
 */
export function markupSpans(text: string): Array<{start: number; end: number}> {
  const spans: Array<{start: number; end: number}> = []
  for (const match of text.matchAll(MARKDOWN_LINK)) {
    const textEnd = match.index + 1 + match[1]!.length
    spans.push({start: match.index, end: match.index + 1}, {start: textEnd, end: match.index + match[0].length})
  }
  for (const match of text.matchAll(STRONG)) {
    const end = match.index + match[0].length
    spans.push({start: match.index, end: match.index + 2}, {start: end - 2, end})
  }
  if (text.includes('<')) for (const match of text.matchAll(HTML_TAG)) spans.push({start: match.index, end: match.index + match[0].length})
  if (spans.length === 0) return spans
  // The white space the marks stood beside at the line's edges is at its edges too: `<p> date 2024-06-18` opens with "date".
  const covered = (index: number) => text[index] === ' ' || spans.some((span) => index >= span.start && index < span.end)
  let start = 0
  while (start < text.length && covered(start)) start++
  let end = text.length
  while (end > start && covered(end - 1)) end--
  spans.push({start: 0, end: start}, {start: end, end: text.length})
  return spans
}

/**
 * Text copied from a system that stores letters decomposed (a Mac, some PDF exports) reads the same as the composed
 * text, and must match the same rules: each base character with its marks is composed, and every character it becomes
 * maps back to where the base character stood, so a match still spans the original characters it covers.
 */
function composeKept(value: string, kept: readonly number[], end: number): MatchText {
  const mapped: number[] = []
  let out = ''
  for (const match of value.matchAll(COMPOSING)) {
    const piece = match[0].normalize('NFC')
    out += piece
    for (let unit = 0; unit < piece.length; unit++) mapped.push(kept[match.index]!)
  }
  mapped.push(end)
  return {value: out, toOriginal: (index) => mapped[index] ?? end}
}

/** A high surrogate: a text without one has as many code points as UTF-16 units. */
const HIGH_SURROGATE = /[\uD800-\uDBFF]/

/**
 * Converts UTF-16 offsets (what JavaScript strings index by) to Unicode code
 * point offsets (what the report promises, so Python or Rust readers slice
 * the same text). Identity when the text has no astral characters.
 */
export function codePointOffsets(text: string): (utf16Offset: number) => number {
  if (!HIGH_SURROGATE.test(text)) return (offset) => offset
  const table = new Uint32Array(text.length + 1)
  let points = 0
  for (let index = 0; index < text.length; index++) {
    table[index] = points
    if (isSurrogatePair(text, index)) {
      index++
      table[index] = points
    }
    points++
  }
  table[text.length] = points
  return (offset) => table[offset]!
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

/** Whether a text starts with a capital letter (`\p{Lu}`): read from the first code unit where it is ASCII, as most words' is. */
export function startsWithCapital(text: string): boolean {
  const code = text.charCodeAt(0)
  if (code < 0x80) return code >= 0x41 && code <= 0x5a
  return /^\p{Lu}/u.test(text)
}

/** A text of printable ASCII and tabs. */
const ASCII_ONLY = /^[\t -~]*$/

/** Letters and digits only, lower-cased: the key under which two printings of a line are "the same". */
export function comparable(text: string): string {
  // ASCII is its own NFKC form, and its letters and digits lowered are a–z and 0–9: the same key without searching
  // for the Unicode classes, most of the cost (2.3 of 3.2 µs a line), for such lines (82% of the bench corpus's).
  if (ASCII_ONLY.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a comparable key (`comparable`: one space between two, none at its edges), counted without splitting it. */
export function keyWordCount(key: string): number {
  if (key === '') return 0
  let words = 1
  for (let at = key.indexOf(' '); at !== -1; at = key.indexOf(' ', at + 1)) words++
  return words
}

/**
 * The code points of a text as `[...text].length` counts them (a pair of surrogates is one, a lone surrogate one),
 * without making an array of its characters: a block's length is counted for every report, and most texts hold no
 * surrogate.
 */
export function codePointLength(text: string): number {
  if (!HIGH_SURROGATE.test(text)) return text.length
  let points = text.length
  for (let index = 0; index + 1 < text.length; index++) {
    if (isSurrogatePair(text, index)) {
      points--
      index++
    }
  }
  return points
}

/**
 * The code points from `start` to `end` of a text, counted as `[...text]` counts them, without making an array of its
 * characters unless it holds a surrogate pair: a reuse link's passage is cut from its paragraph this way for every link.
 */
export function codePointSlice(text: string, start: number, end: number): string {
  if (!HIGH_SURROGATE.test(text)) return text.slice(start, end)
  return [...text].slice(start, end).join('')
}

/**
 * A text of more than `most` code points cut to `most`, the last an ellipsis; a shorter one as it is. A text of no
 * more UTF-16 code units than that fits without being counted: most do, and are not spread into characters.
 */
export function shortened(text: string, most: number): string {
  if (text.length <= most || codePointLength(text) <= most) return text
  return `${codePointSlice(text, 0, most - 1)}…`
}

const LETTER = /\p{L}/u

/**
 * The last letter of a text (a pair of surrogates as one character), or '' when it has none: read from the end, where
 * it stands within a character or two; a search from the start for a letter followed by none (`\p{L}(?=[^\p{L}]*$)`)
 * tried every letter of the text.
 */
export function lastLetter(text: string): string {
  for (let end = text.length; end > 0; ) {
    const start = end >= 2 && isSurrogatePair(text, end - 2) ? end - 2 : end - 1
    const char = text.slice(start, end)
    if (LETTER.test(char)) return char
    end = start
  }
  return ''
}

function isSurrogatePair(text: string, index: number): boolean {
  const high = text.charCodeAt(index)
  const low = text.charCodeAt(index + 1)
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff
}
