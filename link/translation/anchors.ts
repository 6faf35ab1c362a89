/**
 * Anchors: the parts of a paragraph that survive translation. Numbers and
 * clock times keep their digits in every language; names keep their
 * consonants when they are written in another script or spelt another way
 * (Reuters, رويترز; Fadzil, فضيل); quoted speech keeps its quotation marks.
 * Each anchor becomes a key that is the same in every language, so two
 * paragraphs can be compared by the keys they share.
 */
import {createRequire} from 'node:module'
import {boundedMemo} from '../../core/bounded-memo.ts'
import {startsWithCapital} from '../../core/text.ts'
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with {type: 'json'}

export type AnchorKind = 'number' | 'time' | 'date' | 'name' | 'quote'

export interface Anchor {
  kind: AnchorKind
  /** The same in every language: `n:1200`, `t:16:40`, `m:5` (May), `d:5` (Friday), `w:rtrs`, `q`. */
  key: string
  /** As written in the paragraph. */
  text: string
  /** For a name: whether a vowel is written before, between and after its consonants (`vowelsAgree`). */
  vowels?: string
  /** For a name: written in an abjad (Arabic), which leaves short vowels out. */
  abjad?: boolean
}

/** What a word of the vocabulary stands for: a number, a month or a weekday, or a country. */
export interface VocabularyEntry {
  kind: 'number' | 'date' | 'name'
  key: string
}

/**
 * Words that are anchors by their meaning, folded (`fold`): number words,
 * months, weekdays (from rules/translation.yaml and rules/calendar.yaml) and
 * countries as each language names them (`c:CN` for China, Tiongkok, الصين,
 * 中国). An entry of several words (`dua belas`, `Amerika Serikat`) is
 * matched over as many words of the text, the longest first; those of
 * scripts written without spaces are found anywhere.
 */
export interface AnchorVocabulary {
  words: ReadonlyMap<string, VocabularyEntry>
  /** Chinese characters that spell foreign names by their sound (法赫米 Fahmi, 吉隆坡 Kuala Lumpur): a run of them is read as a name. */
  transliteration: ReadonlySet<string>
  /** Words, folded, after which hours and minutes written with a dot are a clock time ("pukul 17.21"), not a decimal number. */
  clockWords: ReadonlySet<string>
  /** For the first word (folded) of entries of several words ("dua belas", "Papua New Guinea"): the most words of such an entry. */
  phrases: ReadonlyMap<string, number>
  /** The entries of `words` written in a script without spaces (星期五, 马来西亚), looked for anywhere in a text that has such characters. */
  unspaced: ReadonlyArray<readonly [string, VocabularyEntry]>
}

const NO_VOCABULARY: AnchorVocabulary = {words: new Map(), transliteration: new Set(), clockWords: new Set(), phrases: new Map(), unspaced: []}

/** The entries of a vocabulary's words written in a script without spaces. */
export function unspacedEntries(words: ReadonlyMap<string, VocabularyEntry>): Array<readonly [string, VocabularyEntry]> {
  return [...words].filter(([written]) => UNSPACED_WORD.test(written))
}

/** An Arabic word's single clitic (and, so, with, for) before a vocabulary word: "وخمسة", "بمايو". */
const ARABIC_CLITIC = /^[وفبل](?=\p{L}{3})/u
/** The letters `ARABIC_CLITIC` starts with, as UTF-16 code units. */
const CLITIC_LETTERS = new Set([...'وفبل'].map((letter) => letter.charCodeAt(0)))

/** Vocabulary words this short are read only when capitalised in a script with case: "May" the month, not "may" the verb. */
const SHORT_VOCABULARY = 3

/**
 * Function words of the languages written without capitals, where any word
 * may be a name: "في" or "على" is none. (Capitalised words are judged by
 * where they stand instead: some stopwords-iso lists hold place names.)
 */
const UNCASED_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ['ar', 'fa', 'ur'].flatMap((language) => (stopwordsIso as Record<string, string[]>)[language] ?? []).map((word) => fold(word))
)

/**
 * Arabic letters to the Latin letter a transliteration writes for them: the
 * long vowels alif, waw and ya as a, w and y (vowels to `skeleton`), the
 * hamza's carriers and ta marbuta as nothing.
 */
const ARABIC: Record<string, string> = {
  ب: 'b',
  پ: 'p',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'k',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'd',
  ع: '',
  غ: 'g',
  ف: 'f',
  ڤ: 'v',
  ق: 'k',
  ك: 'k',
  ک: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: '',
  و: 'w',
  ي: 'y',
  ی: 'y',
  ى: 'a',
  ا: 'a',
  أ: '',
  إ: '',
  آ: 'a',
  ء: '',
  ئ: '',
  ؤ: ''
}

/** Cyrillic letters to Latin (one common romanisation; the skeleton below forgives the rest). */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g'
}

/**
 * The Arabic article with the clitics before it ("والولايات", "بالسفارة"). A lone
 * clitic cannot be told from a name's first letter (فهمي): the word is read
 * both with it and without it (`ARABIC_CLITIC`).
 */
const ARABIC_ARTICLE = /^[وف]?[بلك]?ال(?=\p{L}{2})/u

/** Shortest skeleton a name may have: a single consonant matches too much. */
const MIN_SKELETON = 2

/**
 * Whether a text is written mostly in a script without spaces (Chinese,
 * Japanese, Thai): there names are found only where they are transliterated
 * by sound, so a translated paragraph keeps fewer anchors.
 */
export function writtenWithoutSpaces(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  return letters > 0 && (text.match(UNSPACED) ?? []).length > letters / 2
}

/** Whether a word is printable ASCII alone, which `fold` needs only to lower: a loop over its units costs less than a regular expression's call on a word. */
function isAscii(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const unit = word.charCodeAt(index)
    if (unit < 0x20 || unit > 0x7e) return false
  }
  return true
}

/** Lower case, accents dropped: what two spellings of one word share before any transliteration. */
export function fold(word: string): string {
  // ASCII has no accents to drop and decomposes to itself: most words of most texts take the short way.
  if (isAscii(word)) return word.toLowerCase()
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * A word's consonant skeleton in Latin letters: vowels and the letters that
 * transliterations write or drop at will (h, w, y) left out, digraphs and
 * letters that stand for one sound merged, doubled letters written once.
 */
export function skeleton(latin: string): string {
  return consonantsAndVowels(latin).consonants
}

/** Marks a vowel (a, e, i, o, u, or the semivowels y and w) in `shape`. */
const VOWEL_MARK = 'V'

/**
 * Names read so far, for their skeletons (a dozen replacements each): names come back paragraph after paragraph and
 * article after article. Over 12,000 bench articles on one thread, 497,000 names were asked for, 12,833 of them
 * distinct: 15,970 skeletons read with this bound, against 12,833 with 50,000, a quarter of a read more an article. At
 * 50,000, the memo (a name, its skeleton and its vowels: about 130 bytes) grew to 6.5 MB in each worker thread of a
 * 100,000-article run: each worker's heap ended the pipeline at 78–81 MB, against 67–69 at 10,000 articles, and at 71–74
 * MB with this bound.
 */
const WORDS_KEPT = 10_000

/**
 * The skeleton's consonants and, for each place around them (before the
 * first, between two, after the last), whether the word writes a vowel
 * there: `1` or `0`, one more place than consonants; and whether the word,
 * folded, is written in Latin letters alone (apostrophes and hyphens aside),
 * which a name needs: remembered with the skeleton, as it is asked as often.
 */
const consonantsAndVowels = boundedMemo(WORDS_KEPT, readSkeleton)

const LATIN_LETTERS = /^\p{Script=Latin}+$/u
const NAME_JOINERS = /['’-]/g

function readSkeleton(latin: string): {consonants: string; vowels: string; latinScript: boolean} {
  const folded = fold(latin)
  const latinScript = LATIN_LETTERS.test(folded.replace(NAME_JOINERS, ''))
  const shape = folded
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/dz|dh/g, 'd')
    .replace(/[tcs]h/g, (pair) => pair[0]!)
    .replace(/kh|gh/g, (pair) => pair[0]!)
    .replace(/x/g, 'ks')
    .replace(/[ckq]/g, 'k')
    .replace(/z/g, 's')
    .replace(/p/g, 'b')
    .replace(/v/g, 'f')
    .replace(/j/g, 'g')
    .replace(/h/g, '')
    .replace(/[aeiouyw]/g, VOWEL_MARK)
  let consonants = ''
  let vowels = ''
  let vowelHere = false
  for (const letter of shape) {
    if (letter === VOWEL_MARK) vowelHere = true
    else if (letter !== consonants.at(-1)) {
      // A doubled consonant (or one written twice around a vowel) is one: the place between is not counted.
      vowels += vowelHere ? '1' : '0'
      consonants += letter
      vowelHere = false
    } else vowelHere = false
  }
  return {consonants, vowels: vowels + (vowelHere ? '1' : '0'), latinScript}
}

/**
 * Whether a name written in an abjad (Arabic) can be the transliteration of
 * a name written with every vowel (Latin, or pinyin): an abjad leaves short
 * vowels out but writes a long vowel letter only where the name has a vowel,
 * so each place where it writes one must hold a vowel in the other spelling
 * too. Which vowel is not compared (Trump is ترامب, with an alif).
 */
export function vowelsAgree(abjad: string, full: string): boolean {
  if (abjad.length !== full.length) return false
  for (let index = 0; index < abjad.length; index++) if (abjad[index] === '1' && full[index] === '0') return false
  return true
}

/**
 * Pinyin initials to the Latin letters a foreign name they transliterate is
 * likely written with: 西 xi stands for "si", 齐 qi for "chi", 詹 zhan for
 * "jan"; the syllable 尔 er closes a name on r or l.
 */
const PINYIN_INITIALS: Array<[RegExp, string]> = [
  [/^er$/, 'r'],
  [/^zh/, 'j'],
  [/^x/, 's'],
  [/^q/, 'ch'],
  [/^c(?!h)/, 'ts']
]

/** A pinyin syllable (no tone) as the Latin letters it most likely transliterates. */
function fromPinyin(syllable: string): string {
  for (const [initial, latin] of PINYIN_INITIALS) if (initial.test(syllable)) return syllable.replace(initial, latin)
  return syllable
}

const ARABIC_LETTER = /\p{Script=Arabic}/u
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u

/** The Latin transliteration of a word written in Arabic or Cyrillic letters; undefined for other scripts. */
function romanise(word: string): string | undefined {
  if (ARABIC_LETTER.test(word)) return [...word].map((letter) => ARABIC[letter] ?? '').join('')
  if (CYRILLIC_LETTER.test(word)) return [...word.toLowerCase()].map((letter) => CYRILLIC[letter] ?? letter).join('')
  return undefined
}

/** Arabic-Indic and Persian digits, read as the digits they are. */
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/gu
const NUMBER = /\d+(?:[.,]\d+)*/gu
/**
 * A clock time. It opens on a digit, so "no word character before it" is the word boundary `\b` would test; written as
 * a lookbehind, since V8 tries a `\b` under the `iu` flags at every position of the text (six times the time over the
 * bench's paragraphs, the same matches).
 */
const TIME = /(?<!\w)([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:(a\.?\s?m\.?|p\.?\s?m\.?)(?!\p{L}))?/giu
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu
const UNSPACED_WORD = new RegExp(UNSPACED.source, 'u')
const QUOTE = /["“”«»„「」『』]/u
/** A run of Chinese characters, with the dots that join the parts of a foreign name (法赫米·法齐尔). */
const HAN_RUN = /[\p{Script=Han}·・•]+/gu
/** Shortest run of transliteration characters read as a name: one character is as often a word. */
const MIN_HAN_NAME = 2

/** The digits of a number as a value: "1,200" and "1.200" are 1200, "1,5" and "1.5" are 1.5. */
function numberKey(written: string): string {
  const groups = written.split(/[.,]/)
  if (groups.length === 1) return String(Number(written))
  const last = groups.at(-1)!
  // A separator before exactly three digits groups thousands; any other separator is the decimal point.
  if (last.length === 3) return String(Number(groups.join('')))
  return String(Number(`${groups.slice(0, -1).join('')}.${last}`))
}

/**
 * The anchors of a paragraph, in order of appearance.
 *
 * A word is a name when its script writes capitals and it starts with one
 * (function words left out), or when its script writes none (Arabic): the
 * other side of a comparison decides then, since only a name's skeleton is
 * likely to stand in the other language.
 */
export function anchorsOf(text: string, vocabulary: AnchorVocabulary = NO_VOCABULARY): Anchor[] {
  const found: PlacedAnchor[] = []
  const digits = text.replace(EASTERN_DIGIT, (digit) => String(((digit.codePointAt(0)! - 0x0660) % 0x90) % 16))
  const timed = new Set<number>()
  for (const match of digits.matchAll(TIME)) {
    const [, hour, minute, meridiem] = match
    // "12.5" is a number, "16.40" may be a time; a colon, a meridiem or a clock word before it ("pukul 16.40") makes it one.
    if (!match[0].includes(':') && !meridiem && !vocabulary.clockWords.has(fold(lastWord(digits.slice(0, match.index))))) continue
    let value = Number(hour)
    if (meridiem && /^p/i.test(meridiem) && value < 12) value += 12
    if (meridiem && /^a/i.test(meridiem) && value === 12) value = 0
    found.push({anchor: {kind: 'time', key: `t:${value}:${minute}`, text: match[0].trim()}, at: match.index})
    for (let at = match.index; at < match.index + match[0].length; at++) timed.add(at)
  }
  for (const match of digits.matchAll(NUMBER)) {
    if (timed.has(match.index)) continue
    found.push({anchor: {kind: 'number', key: `n:${numberKey(match[0])}`, text: match[0]}, at: match.index})
  }
  const unspaced = UNSPACED_WORD.test(text)
  for (const [written, entry] of unspaced ? vocabulary.unspaced : []) {
    // A country in Chinese characters is read by its sound, as a name is: below.
    if (entry.kind === 'name') continue
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) found.push({anchor: entryAnchor(entry, written), at})
  }
  // Scripts written without spaces run into the Latin names inside them ("支持PN的说法"): they are cut apart first.
  const words = wordsOf(unspaced ? text.replace(UNSPACED, ' ') : text)
  // A capitalised word that also stands capitalised inside a sentence is a name even where it opens one.
  const named = namedInside(text, words)
  // A paragraph with no Arabic letter has no word to read as one.
  const arabic = ARABIC_LETTER.test(text)
  for (let index = 0; index < words.length; index++) {
    const {text: word, at} = words[index]!
    const phrase = phraseAt(words, index, text, vocabulary, named)
    if (phrase) {
      found.push({anchor: entryAnchor(phrase.meaning, phrase.written), at})
      index += phrase.words - 1
      continue
    }
    const uncased = arabic && ARABIC_LETTER.test(word)
    if (uncased) {
      const bare = word.replace(ARABIC_ARTICLE, '')
      if (UNCASED_FUNCTION_WORDS.has(fold(word)) || UNCASED_FUNCTION_WORDS.has(fold(bare))) continue
      addName(found, word, romanise(bare)!, at)
      // A lone clitic (with, for, and) cannot be told from a name's first letter: the name is also read without it ("بماليزيا").
      const unclitic = bare === word ? word.replace(ARABIC_CLITIC, '') : word
      if (unclitic !== word && !UNCASED_FUNCTION_WORDS.has(fold(unclitic))) addName(found, word, romanise(unclitic)!, at)
    } else if (startsWithCapital(word) && (named.has(word) || isAcronym(word))) {
      addName(found, word, romanise(word) ?? word, at)
    }
  }
  if (unspaced && vocabulary.transliteration.size > 0) {
    // A country in Chinese characters is read by its sound (马来西亚 malaixiya, Malaysia), and cut out of the run of
    // characters it stands in (马来西亚爱): what is left of the run is read for names on its own.
    let rest = text
    for (const {entry, written, at} of unspacedCountries(text, vocabulary)) {
      const latin = pinyinLatin(written)
      const anchor = latin === undefined ? undefined : countryAnchor(entry, latin)
      if (anchor) found.push({anchor: entryAnchor(anchor, written), at})
      rest = rest.slice(0, at) + ' '.repeat(written.length) + rest.slice(at + written.length)
    }
    for (const name of hanNames(rest, vocabulary.transliteration)) addName(found, name.text, name.latin, name.at)
  }
  if (QUOTE.test(text)) found.push({anchor: {kind: 'quote', key: 'q', text: text.match(QUOTE)![0]}, at: text.search(QUOTE)})
  return found.sort((a, b) => a.at - b.at).map((placed) => placed.anchor)
}

/** An anchor and where in the paragraph it starts, for the reading order. */
interface PlacedAnchor {
  anchor: Anchor
  at: number
}

/**
 * A vocabulary entry as an anchor written `text`, made field by field: spreading the entry into a new object with the
 * place beside it, and taking the place out again, were the dearest lines of `anchorsOf` itself in a CPU profile.
 */
function entryAnchor({kind, key}: VocabularyEntry, text: string): Anchor {
  return {kind, key, text}
}

/**
 * The longest run of adjacent words from `index` that the vocabulary holds ("Amerika Serikat", "dua belas", "Friday"):
 * its meaning, how it is written and how many words it takes; none when no run from there is a vocabulary word.
 */
function phraseAt(
  words: readonly Word[],
  index: number,
  text: string,
  vocabulary: AnchorVocabulary,
  named: ReadonlySet<string>
): {meaning: VocabularyEntry; written: string; words: number} | undefined {
  const first = words[index]!
  const folded = fold(first.text)
  // A word that opens on no clitic's letter has no clitic to take off (most words: not matched against the expression).
  const unclitic = CLITIC_LETTERS.has(folded.charCodeAt(0)) ? folded.replace(ARABIC_CLITIC, '') : folded
  const most = Math.max(1, vocabulary.phrases.get(folded) ?? 1, unclitic === folded ? 1 : (vocabulary.phrases.get(unclitic) ?? 1))
  let end = first.at + first.text.length
  let longest = 1
  while (longest < most && index + longest < words.length) {
    const next = words[index + longest]!
    if (text.slice(end, next.at).trim() !== '') break
    end = next.at + next.text.length
    longest++
  }
  for (let count = longest; count >= 1; count--) {
    const written =
      count === 1
        ? first.text
        : words
            .slice(index, index + count)
            .map((word) => word.text)
            .join(' ')
    const meaning = meaningOf(written, count === 1 ? folded : fold(written), text, first.at, vocabulary, named)
    if (meaning) return {meaning, written, words: count}
  }
  return undefined
}

/** The countries of the vocabulary written in a script without spaces found in a text, the longest first where two overlap (印度尼西亚 is Indonesia, not India). */
function unspacedCountries(text: string, vocabulary: AnchorVocabulary): Array<{entry: VocabularyEntry; written: string; at: number}> {
  const matches: Array<{entry: VocabularyEntry; written: string; at: number}> = []
  for (const [written, entry] of vocabulary.unspaced) {
    if (entry.kind !== 'name') continue
    for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) matches.push({entry, written, at})
  }
  const kept: typeof matches = []
  for (const match of matches.sort((a, b) => b.written.length - a.written.length || a.at - b.at)) {
    if (!kept.some((other) => match.at < other.at + other.written.length && other.at < match.at + match.written.length)) kept.push(match)
  }
  return kept
}

/** The last word of a text, or nothing. */
function lastWord(text: string): string {
  return /([\p{L}\p{M}]+)\s*$/u.exec(text)?.[1] ?? ''
}

/** The words of a text whose scripts without spaces are cut apart already; by `exec`, not `matchAll`, whose match arrays and iterator cost more than the words. */
function wordsOf(text: string): Word[] {
  const words: Word[] = []
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) words.push({text: match[0], at: match.index})
  return words
}

/** A word of a paragraph and where it starts. */
interface Word {
  text: string
  at: number
}

/** The capitalised words a text writes inside a sentence: names ("Fahmi said"), which stay names where they open one ("Fahmi, who is"). */
function namedInside(text: string, words: readonly Word[]): Set<string> {
  return new Set(words.filter((word) => startsWithCapital(word.text) && !opensSentence(text, word.at)).map((word) => word.text))
}

/**
 * What a word (or two) of the text means as a number, month or weekday, if
 * the vocabulary holds it. A capitalised number word inside a sentence, or
 * one the paragraph writes so inside a sentence, or one in capitals (the
 * dateline "LIMA, Dec 2"), is a name (Lima); a short
 * month name in lower case is another word ("may"). `folded` is the word as `fold` folds it, which the caller has.
 */
function meaningOf(
  word: string,
  folded: string,
  text: string,
  at: number,
  vocabulary: AnchorVocabulary,
  named: ReadonlySet<string>
): VocabularyEntry | undefined {
  if (vocabulary.words.size === 0) return undefined
  const found = lookUp(folded, vocabulary)
  if (!found) return undefined
  const {entry, stem} = found
  const cased = word[0]!.toLowerCase() !== word[0]!.toUpperCase()
  if (entry.kind === 'name') return cased && !startsWithCapital(word) ? undefined : countryAnchor(entry, stem)
  if (entry.kind === 'number' && startsWithCapital(word) && (named.has(word) || isAcronym(word) || !opensSentence(text, at))) return undefined
  if (entry.kind === 'date' && cased && [...word].length <= SHORT_VOCABULARY && !startsWithCapital(word)) return undefined
  return entry
}

/**
 * The vocabulary's entry for a word (folded), and the form it was found under: as written, after an Arabic clitic
 * ("وخمسة", "بمايو"), and for a country also after two ("وبماليزيا", and in Malaysia). Looked up each time: the
 * vocabulary is a few thousand words, and a map of every word asked so far, which this was, cost more to search.
 */
function lookUp(folded: string, vocabulary: AnchorVocabulary): {entry: VocabularyEntry; stem: string} | undefined {
  const entry = vocabulary.words.get(folded)
  if (entry) return {entry, stem: folded}
  // Most words do not start with a clitic's letter: they are not matched against the clitic's expression.
  if (!CLITIC_LETTERS.has(folded.charCodeAt(0))) return undefined
  const unclitic = folded.replace(ARABIC_CLITIC, '')
  // Most words have no clitic to take off, and would be looked up again as they are.
  if (unclitic === folded) return undefined
  const stems: Array<[string, boolean]> = [
    [unclitic, true],
    [unclitic.replace(ARABIC_CLITIC, ''), false]
  ]
  for (const [stem, anyKind] of stems) {
    const found = vocabulary.words.get(stem)
    if (found && (anyKind || found.kind === 'name')) return {entry: found, stem}
  }
  return undefined
}

/**
 * A country as an anchor: its code and the consonant skeleton of the name as written, so that a country meets the same
 * country spelt alike in another language (Peru, Perú, بيرو; Malaysia, Malasia, ماليزيا) and never a name that only
 * shares its consonants (China and Chen, Peru and Iparia). Names that share nothing (China, الصين) meet as little as
 * before; none when the skeleton is too short to say anything (US).
 */
function countryAnchor(entry: VocabularyEntry, stem: string): VocabularyEntry | undefined {
  const consonants = skeleton(romanise(stem.replace(ARABIC_ARTICLE, '')) ?? stem)
  return consonants.length < MIN_SKELETON ? undefined : {...entry, key: `${entry.key}:${consonants}`}
}

type PinyinReader = typeof import('pinyin-pro').pinyin
let loadedPinyin: PinyinReader | undefined

/**
 * pinyin-pro, loaded when the first Chinese characters are read: its dictionaries take a seventh of a second to load,
 * which every run paid at start-up, Chinese text or not. Required (its CommonJS build), since anchors are read
 * synchronously.
 */
function pinyinReader(): PinyinReader {
  loadedPinyin ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin
  return loadedPinyin
}

/** Chinese characters as the Latin letters of the foreign name they would transliterate; undefined when pinyin-pro cannot read each. */
function pinyinLatin(characters: string): string | undefined {
  const syllables = pinyinReader()(characters, {toneType: 'none', type: 'array'})
  return syllables.length === [...characters].length ? syllables.map(fromPinyin).join('') : undefined
}

/**
 * Foreign names written in Chinese characters: runs of characters that
 * transliterate sounds (and the parts of a dotted name), read in pinyin
 * (pinyin-pro, which reads a character by its neighbours) and turned into
 * the Latin letters the name is likely spelt with elsewhere.
 */
function hanNames(text: string, transliteration: ReadonlySet<string>): Array<{text: string; latin: string; at: number}> {
  const names: Array<{text: string; latin: string; at: number}> = []
  for (const run of text.matchAll(HAN_RUN)) {
    const characters = [...run[0]]
    const syllables = pinyinReader()(run[0], {toneType: 'none', type: 'array'})
    if (syllables.length !== characters.length) continue
    let offset = run.index
    let start = 0
    for (let index = 0; index <= characters.length; index++) {
      const character = characters[index]
      if (character !== undefined && transliteration.has(character)) continue
      if (index - start >= MIN_HAN_NAME) {
        const written = characters.slice(start, index).join('')
        names.push({text: written, latin: syllables.slice(start, index).map(fromPinyin).join(''), at: offset})
      }
      offset += characters.slice(start, index + 1).join('').length
      start = index + 1
    }
  }
  return names
}

function addName(found: PlacedAnchor[], word: string, latin: string, at: number): void {
  const {consonants, vowels, latinScript} = consonantsAndVowels(latin)
  if (!latinScript || consonants.length < MIN_SKELETON) return
  const anchor: Anchor = {kind: 'name', key: `w:${consonants}`, text: word, vowels}
  if (ARABIC_LETTER.test(word)) anchor.abjad = true
  found.push({anchor, at})
}

/** Two capitals or more and no small letter: ASEAN, PN, WQC. */
function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,}$/u.test(word)
}

/** Whether a word opens a sentence: the paragraph's start, or after a full stop, a colon or an opening quote. */
function opensSentence(text: string, at: number): boolean {
  if (/(?:^|[.!?:;"“‘«(]|[-–—]\s)\s*$/u.test(text.slice(Math.max(0, at - 4), at))) return true
  // Only spaces before it: the first character that is not one is at or after the word (a copy of the text before each word, trimmed, cost as much as the paragraph's length).
  const first = text.search(/\S/)
  return first === -1 || first >= at
}
