/**
 * The article as the generic decisions see it: one entry per line with its
 * text as a reader reads it, its features, and the shapes that matter
 * (paragraph, headline, bare name, place name, text printed twice over).
 */
import type {Paragraph, Root} from 'nlcst'
import {blocksOf, keyOf, keyWithoutSiteName, type BlockData} from '../data.ts'
import {lineMemo} from '../../core/bounded-memo.ts'
import {matchText} from '../../core/text.ts'
import {blockView} from '../block-view.ts'
import type {GenericSettings, Thresholds} from './config.ts'
import {lineFeatures, SENTENCE_END, type LineFeatures} from './features.ts'
import {functionWords} from './stoplist.ts'

/** One line of the article, as the generic decisions read it. */
export interface Line {
  node: Paragraph
  block: BlockData
  /** 0-based position among the article's lines. */
  index: number
  /** The line as in the input. */
  original: string
  /** The line as a reader reads it: spans cut by rules left out, exotic spaces made plain. */
  text: string
  /** Shared by every line of the same text (`measured`): read only. */
  readonly features: Readonly<LineFeatures>
  /** Letters and digits only, lower case: two lines with the same key are the same line. */
  key: string
  /** Offset in the input of a character of `text`. */
  offsetOf(index: number): number
}

/**
 * What was measured on each text of an article, by text: the generic and the
 * metadata stages both read the article's lines, and a line's features and
 * key depend on its text alone, so a text read again is not measured again.
 */
const measuredByTree = new WeakMap<Root, Map<string, Pick<Line, 'features' | 'key'>>>()
/** An outlet's clutter comes back on each of its pages: short lines' features are remembered across articles too. */
const rememberedFeatures = lineMemo((text) => lineFeatures(text, functionWords()))

function measured(tree: Root, text: string): Pick<Line, 'features' | 'key'> {
  let byText = measuredByTree.get(tree)
  if (!byText) {
    byText = new Map()
    measuredByTree.set(tree, byText)
  }
  let entry = byText.get(text)
  if (!entry) {
    entry = {features: rememberedFeatures(text), key: keyOf(tree, text)}
    byText.set(text, entry)
  }
  return entry
}

/** The article's lines, in order, with what the generic decisions measure on each. */
export function readLines(tree: Root): Line[] {
  return blocksOf(tree).map(({node, block}, index) => {
    const {original, reading: reader, inputOffset} = blockView(node, block)
    const lead = reader.value.length - reader.value.trimStart().length
    const text = withSentenceEnd(original, reader.value.trim())
    return {
      node,
      block,
      index,
      original,
      text,
      ...measured(tree, text),
      offsetOf: (at) => inputOffset(at + lead)
    }
  })
}

/**
 * The text with the full stop a rule cut from its end: a lead signed off by its agency after its last word (`…
 * الكويتية (كونا).`, `… dijo (EFE).`) still ends its sentence once the sign-off is cut, and is read as a sentence, not
 * as a headline.
 */
function withSentenceEnd(original: string, text: string): string {
  // Read from the end, a character at a time: a pattern anchored at the end is tried from every position of the line.
  let end = original.length - 1
  while (end >= 0 && /\s/u.test(original[end]!)) end--
  const mark = original[end]
  if (mark === undefined || !SENTENCE_MARKS.has(mark)) return text
  let before = end - 1
  while (before >= 0 && /\s/u.test(original[before]!)) before--
  if (!CLOSING_SIGN_OFF.has(original[before] ?? '') || text === '' || SENTENCE_END.test(text)) return text
  return `${text}${mark}`
}

/** Marks that close a sentence, and what closes a sign-off before one (a bracket, a slash). */
const SENTENCE_MARKS = new Set(['.', '!', '?', '؟', '。'])
const CLOSING_SIGN_OFF = new Set([')', ']', '/'])

/**
 * Whether two lines print the same headline: the same key, or one of them the other with the site's name after it
 * ("… | The Straits Times"), as a page's document title and its heading differ.
 */
export function sameHeadline(a: Line, b: Line): boolean {
  return a.key === b.key || keyWithoutSiteName(a.text) === b.key || keyWithoutSiteName(b.text) === a.key
}

/** A picture's caption or credit, by the photo credit a rule or the credits stage read in it. */
export function isCaption(line: Line): boolean {
  return line.block.evidence.some((evidence) => evidence.kind === 'photo-credit')
}

/** A line a stage may still decide, or one a rule kept as body. */
export function isOpen(line: Line): boolean {
  return line.block.role === undefined || line.block.role === 'body'
}

/**
 * The article's own function-word density: the median over its lines that
 * read like sentences (a widget's prompt left out). Other lines are measured against it, so that
 * languages whose stoplists catch fewer words are judged fairly. Null when
 * the stoplists know none of the article's words (a language they do not
 * cover, a script without spaces): density then says nothing.
 */
export function densityReference(lines: Line[], settings: GenericSettings): number | null {
  const {thresholds, promoPattern} = settings
  // A widget's prompt ("Sign up for our newsletter …") is written by the page, often in another language than the article.
  const long = lines.filter((line) => isOpen(line) && line.features.chars >= thresholds.shortChars && !promoPattern.test(line.text))
  const sentences = long.filter((line) => line.features.endsSentence)
  const sample = (sentences.length >= 2 ? sentences : long).map((line) => line.features.functionWords).sort((a, b) => a - b)
  if (sample.length === 0) return thresholds.defaultDensity
  const middle = sample.length / 2
  const median = sample.length % 2 === 1 ? sample[Math.floor(middle)]! : (sample[middle - 1]! + sample[middle]!) / 2
  return median > 0 ? median : null
}

/**
 * Whether a line reads like running text: enough function words, measured
 * against the article; or, since some stoplists (Turkish, Arabic) miss most
 * of a language's function words, a sentence mostly in lower case, or a
 * whole sentence in a script without case.
 */
export function readsAsText(line: Line, reference: number | null, thresholds: Thresholds): boolean {
  const {functionWords, capitalised, words, endsSentence} = line.features
  if (reference === null || functionWords >= reference * thresholds.paragraphRatio) return true
  // In a script without case (Arabic), function words cling to the next word as prefixes the stoplists cannot see; a full sentence is text.
  if (capitalised === null) return endsSentence && words >= MIN_TEXT_WORDS
  return capitalised < LOWER_CASE_TEXT && words >= MIN_TEXT_WORDS
}

/**
 * Whether the line reads as text, or comes near it as jusText's near-good paragraphs do: a sentence of six words or
 * more, not a name list or a headline (under 0.6 of its words capitalised), with function words above the share below
 * which a line is no running text (`lowRatio`).
 */
export function readsAsNearText(line: Line, reference: number | null, thresholds: Thresholds): boolean {
  if (readsAsText(line, reference, thresholds)) return true
  const {functionWords, words} = line.features
  return reference !== null && !namesOrHeadline(line.features) && words >= MIN_TEXT_WORDS && functionWords >= reference * thresholds.lowRatio
}

/**
 * A line that does not end a sentence, or one of mostly capitalised words (a name list, a headline); without case
 * (Arabic), one too short for a sentence.
 */
function namesOrHeadline({endsSentence, capitalised, words}: LineFeatures): boolean {
  return !endsSentence || (capitalised === null ? words < MIN_TEXT_WORDS : capitalised >= NAMES_SHARE)
}

/** A sentence's worth of words broken off after a function word: a stored copy cut short mid-sentence, where no headline or label ends. */
export function breaksOffMidSentence(line: Line): boolean {
  return line.features.endsOnFunctionWord && line.features.words >= MIN_TEXT_WORDS
}

/** A web address opening the line: an embedded post's or a link's, however long. */
const OPENS_WITH_ADDRESS = /^\s*(?:https?:\/\/|www\.)/iu

/** A line with fewer capitalised words than this share is a sentence, not a name list or a headline. */
const LOWER_CASE_TEXT = 0.4
/** A line with this share of its words capitalised or more is a name list or a headline, not a sentence. */
const NAMES_SHARE = 0.6
const MIN_TEXT_WORDS = 6

/**
 * How a line reads, as jusText classes paragraphs: `paragraph` (long enough,
 * ends like a sentence, enough function words), `low` (long but too few
 * function words to be running text: names, addresses, keyword lists) or
 * `short` (left to its neighbours).
 */
export type TextClass = 'paragraph' | 'low' | 'short'

export function textClass(line: Line, reference: number | null, thresholds: Thresholds): TextClass {
  const {chars, endsSentence, functionWords: density, letters} = line.features
  if (chars < thresholds.shortChars) return 'short'
  if (letters < 0.5) return 'low'
  // Running text seldom prints an address; promotions and share prompts do. A long line that does not open with one is
  // text even so: a paragraph may name a site, or a scraped page run a promotion's address into the paragraph above it.
  if (line.features.links > 0 && (chars < thresholds.longChars || OPENS_WITH_ADDRESS.test(line.text))) return 'short'
  // Some stoplists (Turkish) miss most function words; a sentence in lower case is text even so.
  // Without case (Arabic) only the sentence's end and length tell a sentence from a name list.
  // A sentence after a wire dateline a rule cut ("İSTANBUL (AA) - …") is a story's lead, however many names it holds.
  const afterDateline = endsSentence && line.block.fields.some((field) => field.field === 'dateline')
  if (reference !== null && density < reference * thresholds.lowRatio && namesOrHeadline(line.features) && !afterDateline) return 'low'
  if ((endsSentence || chars >= thresholds.longChars) && readsAsText(line, reference, thresholds)) return 'paragraph'
  return 'short'
}

/**
 * Whether the line opens with a dateline: one a rule cut, one of the generic patterns, or a place alone when no other
 * line of the article (`lines`) opens so. A kicker or a label where the place would stand is no dateline.
 */
export function opensWithDateline(line: Line, lines: readonly Line[], settings: GenericSettings): boolean {
  if (line.block.fields.some((field) => field.field === 'dateline' && field.start === line.node.position!.start.offset)) return true
  if (placeDatelineOf(lines, settings) === line) return true
  const whole = wholeText(line)
  return settings.datelines.some((pattern) => pattern.test(whole)) && !settings.labelOpening.test(whole)
}

/** Each article's line that opens with a place alone, read once per array of lines. */
const placeDatelines = new WeakMap<readonly Line[], Line | null>()

/** The one line that opens with a place alone ("KUALA LUMPUR: …"); null when none does or several do (a transcript's speakers). */
function placeDatelineOf(lines: readonly Line[], settings: GenericSettings): Line | null {
  let found = placeDatelines.get(lines)
  if (found === undefined) {
    const opening = lines.filter((line) => {
      const whole = wholeText(line)
      return settings.placeDatelines.some((pattern) => pattern.test(whole)) && !settings.labelOpening.test(whole)
    })
    found = opening.length === 1 ? opening[0]! : null
    placeDatelines.set(lines, found)
  }
  return found
}

/**
 * The whole line as patterns read it (`matchText`): exotic spaces plain and zero-width characters dropped, as in
 * `text`, but with nothing cut, for the patterns that look for what a rule may have cut (a dateline, a sign-off). A
 * scraped page's zero-width space before "(Antara)" must not hide it.
 */
export function wholeText(line: Line): string {
  return matchText(line.original).value
}

/** Characters that show code or markup, not a headline ("SELECT * FROM …", "a=1"). */
const MARKUP = /[=*{}<>[\]|\\_#@^~`]/gu

/**
 * A headline: two words or more, not too long, starting with a capital (or
 * in a script without case), and not ending like a sentence or a label.
 */
export function looksLikeHeadline(line: Line): boolean {
  const {text, features} = line
  if (features.chars > 200 || features.words < 2 || features.words > 25 || features.letters < 0.6) return false
  if ((text.match(MARKUP)?.length ?? 0) >= 2 || features.links > 0) return false
  if (/^\p{Ll}/u.test(text)) return false
  if (isDoubled(line)) return false
  return !/[.,;:]["'”’)]?$/u.test(text) || /\.\.\.$|…$/u.test(text)
}

/** A bare name ("Anton Suhartono", "Fath"): a few capitalised words, no digits, no function words. */
export function looksLikeName(line: Line, thresholds: Thresholds): boolean {
  const {text, features} = line
  if (features.words === 0 || features.words > thresholds.nameWords || features.functionWords > 0 || features.digits > 0) return false
  if (features.capitalised !== 1 || /[.!?:;,]$/u.test(text)) return false
  return /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*)*$/u.test(text) && text !== text.toUpperCase()
}

/** A place name in capitals on a line of its own ("ANKARA", "KUALA LUMPUR"): a dateline printed apart. */
export function looksLikePlace(line: Line): boolean {
  return /^\p{Lu}[\p{Lu}\p{M}'’.-]{2,}(?:\s+\p{Lu}[\p{Lu}\p{M}'’.-]+){0,2}$/u.test(line.text)
}

/** A word of four letters or more closing a sentence, then a bracket. */
const CAPTION_BEFORE_BRACKETS = /[\p{L}\p{M}]{4}[.!?]["'”’]?\s*\(/u

/** Words of a dateline printed on its own line ("Jakarta, CNN Indonesia --"): a place, maybe an outlet or a date. */
const DATELINE_WORDS = 6

/**
 * A dateline printed on a line of its own: a place in capitals ("ANKARA"),
 * a place and the outlet or agency in brackets ("Moskow, (Analisa)",
 * "MEDAN (Waspada) -"), or a short line ending in a dash ("Jakarta, CNN
 * Indonesia --").
 */
export function looksLikeDatelineAlone(line: Line): boolean {
  if (looksLikePlace(line)) return true
  // A sentence closed before the brackets is a caption and its credit ("Ilustrasi. (Foto: ANTARA)"); a place's
  // abbreviations are short ("Washington D.C. (AP)").
  if (line.features.words > DATELINE_WORDS || CAPTION_BEFORE_BRACKETS.test(line.text)) return false
  return /^\p{Lu}[\p{L}\p{M}.'’ -]{1,40}?,?\s*\([^()]{2,40}\)\s*(?:-{1,2}|–|—|:)?$/u.test(line.text) || /^\p{L}[^.!?]*\s(?:-{1,2}|–|—)$/u.test(line.text)
}

/** A line that is the same text twice over (a link's text and its title, printed together). */
export function isDoubled(line: Line): boolean {
  const words = line.key.split(' ')
  if (words.length < 4 || words.length % 2 === 1) return false
  const half = words.length / 2
  return words.slice(0, half).join(' ') === words.slice(half).join(' ')
}

/** The features behind a decision, in words, for `why` and `explain`. */
export function describeFeatures(line: Line, reference: number | null): string {
  const {chars, words, endsSentence, functionWords: density, capitalised} = line.features
  const ends = endsSentence ? 'ends like a sentence' : 'no sentence end'
  const caps = capitalised === null ? '' : `, ${Math.round(capitalised * 100)}% capitalised`
  const article = reference === null ? 'article: none known' : `article ${reference.toFixed(2)}`
  return `${chars} chars, ${words} word${words === 1 ? '' : 's'}, function words ${density.toFixed(2)} (${article}), ${ends}${caps}`
}
