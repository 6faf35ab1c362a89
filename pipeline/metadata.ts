/**
 * Stage 4: metadata. Finds the lines that carry the article's metadata
 * where no rule did, then the title and the dek from position and shape,
 * and gathers the publication date, bylines and dateline.
 *
 * - Meta lines: a label word and a colon ("Editor: …", "Muhabir: …",
 *   "Penerjemah: …", from `rules/generic.yaml`) or a label before a name
 *   ("Reporting by …", "Editor Tito Hilmawan"), a byline prefix ("By …"),
 *   a copyright mark, a sign-off ("(sam)", "jd-abc/mm").
 * - Title: among the headline-shaped lines above the first paragraph, one
 *   the page prints again further down (pages repeat their title above the
 *   photo), else one followed by its dek, byline, date or text rather than
 *   by another menu item.
 * - Dek: the sentence under the title, when the page shows it is not the
 *   lead: a date, a meta line, a name or the title's repeat follows it, or
 *   a dateline lead; or it reads like a standfirst (no full stop).
 * - Date lines: those above the lead, and a lone one below it (a list of
 *   dates below the article belongs to its teasers).
 * - A dateline printed alone right above the lead ("ANKARA"), and bylines
 *   printed as a bare name of two words or more right under the title or
 *   beside a meta line.
 */
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {parseDate, type Calendar} from '../core/dates.ts'
import {fold, settingsFor, type GenericConfig, type GenericSettings} from './generic/config.ts'
import {findLead} from './generic/layout.ts'
import {holdsUnspacedScript, wordsOf} from './generic/features.ts'
import {functionWords} from './generic/stoplist.ts'
import {
  densityReference,
  isCaption,
  isOpen,
  looksLikeDatelineAlone,
  looksLikeHeadline,
  looksLikeName,
  looksLikePlace,
  opensWithDateline,
  readLines,
  sameHeadline,
  textClass,
  type Line,
  type TextClass
} from './generic/lines.ts'
import {
  bylineByPrefix,
  bylineByRole,
  captionCredit,
  isImageFile,
  isMarkdownPicture,
  creditLabel,
  isCopyright,
  isDateLine,
  isPromo,
  isSignOff,
  isTeaser,
  metaLabels,
  sentencesIn
} from './generic/meta.ts'
import type {Field, Role} from '../core/rules/schema.ts'
import {blockCleanText} from './block-view.ts'
import {blocksOf, decide as decideBlock, keyWithoutSiteName, withoutSiteName} from './data.ts'
import {withinArticleBudget} from '../core/rules/budget.ts'

export interface MetadataOptions {
  calendar: Calendar
  generic: GenericConfig
  /** How long user patterns (the datelines) may run on one article, shared with the other stages; unset when there are none. */
  timeBudgetMs?: number
}

/** Headlines have at least this many words; a shorter headline-shaped line is taken only when no longer one stands above the text. */
const MIN_TITLE_WORDS = 3
/** Most headlines have this many words or more; a shorter line followed by a headline is more likely a prompt or a menu item. */
const FULL_TITLE_WORDS = 5
/** A headline alone is seldom shorter than this (in characters); a shorter title goes on on the next line. */
const MIN_HEADLINE_CHARS = 20
/** Two lines of a wrapped title hold no more words than this. */
const MAX_TITLE_WORDS = 15
const MAX_DEK_SENTENCES = 2
/** A dek is a sentence: a line this short is a caption, a name or a label. */
const MIN_DEK_WORDS = 6
/** A line under the title without a full stop and at least this long reads as a standfirst. */
const MIN_STANDFIRST_WORDS = 8

export const wiretraceMetadata: Plugin<[MetadataOptions], Root> = function (options) {
  return function (tree, file) {
    // User patterns run here: within the article's time budget, shared with the other stages.
    withinArticleBudget(file, options.timeBudgetMs, () => {
      const settings = settingsFor(
        options.generic,
        (file.data.outlets ?? []).map((outlet) => outlet.id)
      )
      const lines = readLines(tree)
      const reference = densityReference(lines, settings)
      const classOf = (line: Line): TextClass => textClass(line, reference, settings.thresholds)
      const decide = (line: Line, role: Role, ruleId: string, why: string, fields: FieldValue[] = []): void => {
        for (const {field, value, start, end} of fields) {
          line.block.fields.push({field, value, ruleId, start: line.offsetOf(start), end: line.offsetOf(end - 1) + 1})
        }
        decideBlock(file, line.node, role, ruleId, why)
      }
      // Asked of the same lines by several decisions below: each line is read once.
      const isDate = onePerLine((line) => isDateLine(line.text, options.calendar, settings))
      const notHeadline = onePerLine(
        (line) =>
          isDate(line) ||
          printedOnNextLine(line, lines) ||
          isTeaser(line.text, settings) ||
          isPromo(line.text, settings) ||
          isImageFile(line.text) ||
          isMarkdownPicture(line.text) ||
          creditLabel(line.text, settings) !== null ||
          captionCredit(line.text, settings) !== null
      )

      findMetaLines(lines, settings, decide)
      const paragraphs = lines.filter((line) => isOpen(line) && classOf(line) === 'paragraph')
      const sharedWords = wordsSharedWithText(paragraphs)
      const search = titleSearch(lines, paragraphs, notHeadline, sharedWords)
      const title = findTitle(lines, search, isDate, (line) => notHeadline(line) || search.sharedWords(line) === 0, settings)
      if (title) decide(title, 'title', 'metadata/title', 'headline-shaped line above the first paragraph')
      const titleGoesOn = title && titleSecondLine(lines, title, notHeadline)
      if (titleGoesOn) decide(titleGoesOn, 'title', 'metadata/title', `the title's second line (line ${title.block.line} is too short to be a headline alone)`)
      const highlights = title ? findHighlights(lines, title, isDate, settings) : []
      for (const highlight of highlights) decide(highlight, 'dek', 'metadata/dek', `one of ${highlights.length} highlights listed under the title`)
      const dek =
        highlights.length > 0
          ? undefined
          : title
            ? findDek(lines, title, isDate, notHeadline, settings)
            : findDekAboveDateline(lines, classOf, isDate, notHeadline, settings)
      if (dek)
        decide(
          dek,
          'dek',
          'metadata/dek',
          title ? 'sentence under the title, above the lead' : 'sentence above a lead that opens with a dateline, on a page with no title'
        )
      const lead = findLead(lines, ((highlights.at(-1) ?? dek ?? title)?.index ?? -1) + 1, classOf, settings)
      findDateLines(lines.filter(isDate), lead, settings, decide)
      findDatelineAlone(lines, lead, settings, decide)
      findBylineNames(lines, title, lead, settings, decide)
      file.data.metadata = gather(tree, title, lead, options.calendar, file)
    })
  }
}

/** A field read from a line, with offsets in the line's text. */
interface FieldValue {
  field: Field
  value: string
  start: number
  end: number
}

type Decide = (line: Line, role: Role, ruleId: string, why: string, fields?: FieldValue[]) => void

/** Lines whose labels or marks say what they are, wherever they stand. */
function findMetaLines(lines: Line[], settings: GenericSettings, decide: Decide): void {
  for (const line of lines) {
    if (line.block.role !== undefined) continue
    const labelled = metaLabels(line.text, settings)
    const byline = labelled ? null : bylineByPrefix(line.text, settings)
    const byRole = labelled || byline ? null : bylineByRole(line.text, settings)
    if (labelled && settings.on('generic/meta-label')) {
      decide(line, 'meta', 'generic/meta-label', `meta line labelled "${labelled.map((value) => value.label).join('", "')}"`, labelled)
    } else if (byline && settings.on('generic/byline')) {
      decide(line, 'meta', 'generic/byline', `byline opened by "${byline.label}"`, [byline])
    } else if (byRole && settings.on('generic/byline')) {
      decide(line, 'meta', 'generic/byline', `byline naming the writer's role "${byRole.label}"`, [byRole])
    } else if (isCopyright(line.text, settings) && settings.on('generic/copyright')) {
      decide(line, 'meta', 'generic/copyright', 'copyright line', [{field: 'copyright', value: line.text, start: 0, end: line.text.length}])
    } else if (isSignOff(line.text) && settings.on('generic/sign-off')) {
      decide(line, 'meta', 'generic/sign-off', "writer's or editor's sign-off")
    } else if (settings.on('generic/meta-label')) {
      labelAboveName(line, lines[line.index + 1], settings, decide)
    }
  }
}

/** A meta label alone with its colon, its value a name on the line under it ("Author:" over "Jane Doe"): both are meta. */
function labelAboveName(line: Line, next: Line | undefined, settings: GenericSettings, decide: Decide): void {
  if (!next || next.block.role !== undefined || !/[:：]$/u.test(line.text)) return
  const label = line.text.replace(/[\s:：]+$/u, '')
  const field = settings.labelField.get(fold(label))
  if (!field || !looksLikeName(next, settings.thresholds)) return
  decide(line, 'meta', 'generic/meta-label', `meta label "${label}" over its value on the next line`)
  decide(next, 'meta', 'generic/meta-label', `the value of the label "${label}" on the line above`, [
    {field, value: next.text, start: 0, end: next.text.length}
  ])
}

/** Where the title is looked for, and against which paragraphs a line's words are judged. */
interface TitleSearch {
  /** The paragraph the title stands above. */
  bound: Line | undefined
  /** A paragraph standing apart above the headline (a banner): the title stands below it and is not its button. */
  banner: Line | undefined
  sharedWords: SharedWords
}

/**
 * Where the title is looked for: above the first paragraph, unless that paragraph stands apart from the text above the
 * headline, as a consent or app banner printed over a page does ("Get the latest news on your phone…"): nothing
 * headline-shaped above it, under two content words shared with the other paragraphs, and between it and the next
 * paragraph a headline-shaped line, not a button ("Open in app"), that is not found to share no word with the
 * paragraphs once the first is left out of them (a line too short to judge passes). Then the title is looked for between
 * the two, and lines are judged against the paragraphs without the first.
 */
function titleSearch(lines: Line[], paragraphs: Line[], notHeadline: (line: Line) => boolean, sharedWords: SharedWords): TitleSearch {
  const [first, second] = paragraphs
  const asIs = {bound: first, banner: undefined, sharedWords}
  if (!first || !second) return asIs
  const headlineShaped = (line: Line, shared: SharedWords) =>
    line.block.role === undefined && !notHeadline(line) && shared(line) !== 0 && looksLikeHeadline(line)
  if (
    (sharedWords(first) ?? MIN_SHARED_HEADLINE_WORDS) >= MIN_SHARED_HEADLINE_WORDS ||
    lines.slice(0, first.index).some((line) => headlineShaped(line, sharedWords))
  )
    return asIs
  const withoutFirst = wordsSharedWithText(paragraphs.slice(1))
  const headline = lines.slice(first.index + 1, second.index).some((line) => headlineShaped(line, withoutFirst) && !looksLikeButton(line, withoutFirst))
  return headline ? {bound: second, banner: first, sharedWords: withoutFirst} : asIs
}

/**
 * The title: a headline-shaped line above the first paragraph, preferring
 * one of three words or more (menus and section names are shorter) that
 * the page prints again further down, then one followed by more than a menu
 * item (and about the text, where one is), five words long or more before
 * shorter ones. Without any paragraph, only the first undecided line can be
 * the title.
 */
function findTitle(
  lines: Line[],
  search: TitleSearch,
  isDate: (line: Line) => boolean,
  notHeadline: (line: Line) => boolean,
  settings: GenericSettings
): Line | undefined {
  const {bound: firstParagraph, banner, sharedWords} = search
  // "Muhabir: Ali Semerci" is a label and a name; "Duran: Özel'in İHA Açıklamaları …" shares its words with the text.
  const labelled = (line: Line) => looksLikeLabelled(line) && (sharedWords(line) ?? 0) < MIN_SHARED_HEADLINE_WORDS
  // Only the lines down to the first paragraph can be the title: the lines under it are not asked what they are. Under
  // a banner, only the lines below it, and not its button.
  const underBanner = (line: Line) => banner === undefined || (line.index > banner.index && !looksLikeButton(line, sharedWords))
  // A row of buttons saying the same word over ("A A A", the font sizes) is no headline.
  // A place in capitals right above the first paragraph is its dateline, printed apart ("CIUDAD DE MÉXICO").
  const datelineApart = (line: Line) => firstParagraph !== undefined && lines[line.index + 1] === firstParagraph && looksLikePlace(line)
  const open = (line: Line) =>
    line.block.role === undefined &&
    !notHeadline(line) &&
    !labelled(line) &&
    !repeatsItsWords(line, MIN_TITLE_DISTINCT_WORDS) &&
    underBanner(line) &&
    !datelineApart(line)
  if (!firstParagraph) {
    const first = lines.find(open)
    return first && looksLikeHeadline(first) && !first.block.fields.some((field) => field.field === 'dateline') ? first : undefined
  }
  const above = lines.slice(0, firstParagraph.index).filter((line) => open(line) && looksLikeHeadline(line))
  // A headline asking a question ends like a sentence, and so does one ending in an abbreviation ("… espionaje de EE.
  // UU."): with nothing above it, it is the title, not the lead.
  const endsLikeHeadline = (line: Line) => (looksLikeHeadline(line) && /[?!]["'”’]?$/u.test(line.text)) || endsInAbbreviation(line)
  const candidates = above.length === 0 && open(firstParagraph) && endsLikeHeadline(firstParagraph) ? [firstParagraph] : above
  const long = candidates.filter((line) => line.features.words >= MIN_TITLE_WORDS)
  // The page's document title ("… | Site") and its heading print one headline. A sentence that says the same words is a
  // paragraph of the text, which a standfirst above it may repeat: no second printing of a headline.
  const lastPrinting = new Map<string, number>()
  for (const line of lines) {
    if (line.features.endsSentence) continue
    lastPrinting.set(line.key, line.index)
    const headline = keyWithoutSiteName(line.text)
    if (headline !== undefined) lastPrinting.set(headline, line.index)
  }
  const printedLater = (key: string | undefined, line: Line) => key !== undefined && (lastPrinting.get(key) ?? -1) > line.index
  const printedAgain = long.find((line) => printedLater(line.key, line) || printedLater(keyWithoutSiteName(line.text), line))
  // Menu items and prompts ("Share this article") stand among other menu items; a headline is followed by its dek, byline, date, photo or text.
  const followed = long.filter(
    (line) =>
      !line.text.endsWith('!') &&
      followedBySubstance(
        lines.slice(line.index + 1).find((next) => !repeatsItsWords(next, MIN_TITLE_DISTINCT_WORDS)),
        isDate,
        settings
      )
  )
  // A headline is about its text: a site's tagline above it ("Proudly supported by the Example Media Council") shares a
  // word with the text at most, where the headline shares two or more. Passed over only beside a line judged about the
  // text; words written without spaces between them (Chinese, Japanese, Thai) are not judged.
  const judged = (line: Line) => (holdsUnspacedScript(line.text) ? null : sharedWords(line))
  const judgedAbout = (line: Line) => (judged(line) ?? -1) >= MIN_SHARED_HEADLINE_WORDS
  const headlines = followed.some(judgedAbout) ? followed.filter((line) => judged(line) === null || judgedAbout(line)) : followed
  return printedAgain ?? headlines.find((line) => line.features.words >= FULL_TITLE_WORDS) ?? headlines[0] ?? long[0] ?? candidates[0]
}

/**
 * A headline set in large type wraps: a title too short to be a headline
 * alone ("Rusia-AS Lakukan") goes on on the next line when that line is
 * headline-shaped too and the two make a headline's length.
 */
function titleSecondLine(lines: Line[], title: Line, notHeadline: (line: Line) => boolean): Line | undefined {
  const next = lines[title.index + 1]
  if (!next || next.block.role !== undefined || title.features.chars >= MIN_HEADLINE_CHARS || /[.!?:]$/u.test(title.text)) return undefined
  if (notHeadline(next) || !looksLikeHeadline(next) || repeatsItsWords(next, MIN_TITLE_DISTINCT_WORDS)) return undefined
  if (title.features.words + next.features.words > MAX_TITLE_WORDS) return undefined
  return next
}

/** Content words from this many letters on are compared by their first letters (a stem, in any language that inflects at the end). */
const STEM_CHARS = 5
const MIN_CONTENT_CHARS = 4
/** A line with this many content words can be judged against the text; the text needs this many to judge by. */
const MIN_JUDGED_WORDS = 2
const MIN_TEXT_STEMS = 20
/** A line shaped like "Label: Name" sharing this many words with the text is a headline. */
const MIN_SHARED_HEADLINE_WORDS = 2

/**
 * How many content words (not function words) a line shares with the
 * article's paragraphs, in any language: a headline is about the text under
 * it; a teaser for another story, a menu, the outlet's name or a reporter's
 * name is not. Null when the line is too short to judge or the article too
 * short to judge by.
 */
type SharedWords = (line: Line) => number | null

function wordsSharedWithText(paragraphs: Line[]): SharedWords {
  const stoplist = functionWords()
  const stems = (text: string) => {
    const found: string[] = []
    for (const word of wordsOf(text)) {
      const stem = stemOf(word)
      if (stem !== null && !stoplist.has(word)) found.push(stem)
    }
    return found
  }
  const ofParagraph = new Map(paragraphs.map((line) => [line, new Set(stems(line.text))]))
  // How many paragraphs hold each stem, counted once: "the other paragraphs" of a line are then all of them less the line
  // itself, with no pass over every paragraph per line (which grows with the square of a long article).
  const paragraphsWith = new Map<string, number>()
  for (const own of ofParagraph.values()) for (const stem of own) paragraphsWith.set(stem, (paragraphsWith.get(stem) ?? 0) + 1)
  return (line) => {
    // A site's name after a headline ("… | Example News") is no word of the headline's.
    const own = ofParagraph.get(line) ?? new Set(stems(withoutSiteName(line.text) ?? line.text))
    if (own.size < MIN_JUDGED_WORDS || paragraphsWith.size < MIN_TEXT_STEMS) return null
    const inOthers = (stem: string) => (paragraphsWith.get(stem) ?? 0) - (ofParagraph.has(line) ? 1 : 0) > 0
    return [...own].filter(inOthers).length
  }
}

/**
 * A content word's stem, its first `STEM_CHARS` code points; null for a word of fewer than `MIN_CONTENT_CHARS` (no more
 * than `STEM_CHARS`, so counting to the stem's end tells). Counted by code point as `[...word]` counts, without the array.
 */
function stemOf(word: string): string | null {
  let points = 0
  let end = 0
  while (end < word.length && points < STEM_CHARS) {
    end += word.codePointAt(end)! > 0xffff ? 2 : 1
    points++
  }
  return points < MIN_CONTENT_CHARS ? null : word.slice(0, end)
}

/** A test of a line, run once per line however often it is asked. */
function onePerLine(test: (line: Line) => boolean): (line: Line) => boolean {
  const answers = new Map<Line, boolean>()
  return (line) => {
    let answer = answers.get(line)
    if (answer === undefined) {
      answer = test(line)
      answers.set(line, answer)
    }
    return answer
  }
}

/**
 * A line that can follow a title: meta, a date, a name or a label and name, a meta label alone (a desk's byline,
 * "Redaksi"), an agency's credit the credits stage read ("AFP, Paris"), a line of four words or more, or any line not
 * shaped like a menu item (a reading time, a photo's credit: "3 min read", "Illustration. (Shutterstock)").
 */
function followedBySubstance(next: Line | undefined, isDate: (line: Line) => boolean, settings: GenericSettings): boolean {
  if (next === undefined) return false
  const byline = looksLikeName(next, settings.thresholds) && next.features.words >= 2
  const credit = next.block.evidence.some((evidence) => evidence.kind === 'credit')
  const label = isLabelAlone(next, settings)
  return (
    next.block.role === 'meta' || isDate(next) || looksLikeLabelled(next) || byline || credit || label || next.features.words >= 4 || !looksLikeMenuItem(next)
  )
}

/**
 * A headline's length whose only full stops are an abbreviation's, closing it: "EE. UU.", "U.S.", "U.K." (capitals, one
 * or two, each with its stop). A sentence of the lead has more words, or a full stop after a word in lower case.
 */
function endsInAbbreviation(line: Line): boolean {
  const {text, features} = line
  const abbreviation = /(?:^|\s)((?:\p{Lu}{1,2}\.\s?){2,})$/u.exec(text)
  if (!abbreviation || features.words > MAX_TITLE_WORDS || !/^\p{Lu}/u.test(text)) return false
  return !/[.!?;:]/u.test(text.slice(0, abbreviation.index))
}

/** A meta label alone on its line, maybe with its colon ("Redaksi", "Editor:"): the page's, as its meta lines are. */
function isLabelAlone(line: Line, settings: GenericSettings): boolean {
  const label = line.text.replace(/[\s:：]+$/u, '')
  // Maybe with the preposition its value took ("Publicado a", "Veröffentlicht am"), the value set apart or lost.
  return settings.labelField.has(fold(label)) || settings.labelField.has(fold(label.replace(/\s+\p{Ll}{1,3}$/u, '')))
}

/** A banner's button ("Open in app", "Accept all cookies"): a menu item's shape, and no word of the text's. */
function looksLikeButton(line: Line, sharedWords: SharedWords): boolean {
  return looksLikeMenuItem(line) && (sharedWords(line) ?? 0) === 0
}

/** A menu item or a button: a few words, no digit, no closing mark ("World", "Business & Economy", "Share"). */
function looksLikeMenuItem(line: Line): boolean {
  return line.features.words > 0 && line.features.words < 4 && line.features.digits === 0 && !/[.!?:;,)\]]$/u.test(line.text)
}

/** A label word, a colon and a name ("Haberci: Ali Semerci"): a meta line in a language the label lists lack, not a headline. */
function looksLikeLabelled(line: Line): boolean {
  return /^\p{L}+\s*[:：]\s*\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,3}$/u.test(line.text)
}

/**
 * The dek: the first line under the title that is not meta or a date, when it reads
 * like a sentence and the page shows it is not the lead: the next line is
 * meta, a date, the title again, a bare name or a place, or opens with a
 * dateline; or the line has no full stop, as standfirsts often do.
 */
function findDek(
  lines: Line[],
  title: Line,
  isDate: (line: Line) => boolean,
  notHeadline: (line: Line) => boolean,
  settings: GenericSettings
): Line | undefined {
  const {thresholds} = settings
  // A row of buttons, a reading time, a photo's credit or caption between the title and the dek is the page's, as a
  // meta line is; so is the title printed again.
  const line = lines
    .slice(headlineEnd(lines, title) + 1)
    .find((other) => other.block.role !== 'meta' && !sameHeadline(other, title) && !isDate(other) && !isHeadFurniture(other) && !isLabelAlone(other, settings))
  if (!line || line.block.role !== undefined || notHeadline(line) || !readsAsDek(line, lines, settings)) return undefined
  const {features} = line
  // A standfirst stands above the text: with no sentence below it, the line is the text.
  if (!lines.some((other) => other.index > line.index && isOpen(other) && other.features.endsSentence)) return undefined
  // The standfirst printed again among the text's paragraphs: the page set a paragraph of its text above it as the
  // standfirst, and the later printing is the text's own.
  if (printedAgainInText(line, lines)) return line
  // The page's picture, its caption or credit, may stand between the standfirst and the text: the line after it is read.
  const next = lines
    .slice(line.index + 1)
    .find(
      (other) => (other.block.role === undefined && !isHeadFurniture(other)) || other.block.role === 'meta' || isCreditLine(other) || sameHeadline(other, title)
    )
  if (next) {
    // A standfirst the page made of the lead's first words, or printed whole again as the lead: the lead opens as it does.
    if (sameOpening(line, next) && (line.key !== next.key || printedTwiceAsLead(line, next, lines, settings))) return line
    // A meta label alone ("Publicado a", its date set apart or lost by the scrape) is the header's too.
    const headerLine =
      next.block.role === 'meta' ||
      isLabelAlone(next, settings) ||
      isCreditLine(next) ||
      sameHeadline(next, title) ||
      isDate(next) ||
      looksLikeName(next, thresholds) ||
      (looksLikePlace(next) && !isListHeading(next, settings))
    if (headerLine || (next.features.chars >= thresholds.shortChars && opensWithDateline(next, lines, settings))) return line
  }
  return !features.endsSentence && features.chars < thresholds.longChars && features.words >= MIN_STANDFIRST_WORDS ? line : undefined
}

/** Words two paragraphs open with alike when one is the other's opening printed again ("La circulation a été fortement perturbée …"). */
const SHARED_OPENING_WORDS = 5

/** Whether two sentences of a standfirst's length or more open with the same words. */
function sameOpening(line: Line, other: Line): boolean {
  if (line.features.words < MIN_STANDFIRST_WORDS || other.features.words < MIN_STANDFIRST_WORDS) return false
  const [mine, theirs] = [wordsOf(line.text), wordsOf(other.text)]
  return mine.slice(0, SHARED_OPENING_WORDS).every((word, index) => word === theirs[index])
}

/**
 * Whether a sentence printed twice is the standfirst, then the lead: the two printings stand one under the other, and
 * no lead opening with its dateline follows them. The same sentence with a line between (its picture's credit), or
 * above a lead that opens with the dateline, is a picture's caption printed twice.
 */
function printedTwiceAsLead(line: Line, again: Line, lines: readonly Line[], settings: GenericSettings): boolean {
  const after = lines[again.index + 1]
  return again.index === line.index + 1 && !(after && opensWithDateline(after, lines, settings))
}

/**
 * Whether the page prints the line again on the very next line, with no blank line between, below its first line: a
 * picture's text as a scrape keeps it, its alternative text and its caption, not a headline. Opening the page, the two
 * printings are the document's title and the headline.
 */
function printedOnNextLine(line: Line, lines: readonly Line[]): boolean {
  const next = lines[line.index + 1]
  return line.index > 0 && next !== undefined && next.block.line === line.block.line + 1 && next.key === line.key
}

/** A list item's bullet opening a line: a highlight of the text under its title. */
const HIGHLIGHT = /^[•·▪◦‣●■\-–]\s+\S/u
/** Highlights a page lists under its title: at least two of them and at most this many. */
const MAX_HIGHLIGHTS = 6

/**
 * The highlights a page lists under its title, each a sentence opening with a list's bullet ("• La pena mayor recayó
 * sobre Oyarzabal."), past meta lines, dates and the page's furniture (a "Highlights" label): two to six in a row, with
 * the text's sentences below them. They sum up the text as a standfirst does, and the lead is looked for under them.
 */
function findHighlights(lines: Line[], title: Line, isDate: (line: Line) => boolean, settings: GenericSettings): Line[] {
  const found: Line[] = []
  for (const line of lines.slice(headlineEnd(lines, title) + 1)) {
    const head = line.block.role === 'meta' || isDate(line) || isHeadFurniture(line) || isLabelAlone(line, settings)
    if (found.length === 0 && head && !HIGHLIGHT.test(line.text)) continue
    if (line.block.role !== undefined || !HIGHLIGHT.test(line.text) || line.features.words < MIN_DEK_WORDS) break
    found.push(line)
  }
  if (found.length < 2 || found.length > MAX_HIGHLIGHTS) return []
  const last = found.at(-1)!
  return lines.some((other) => other.index > last.index && isOpen(other) && other.features.endsSentence && !HIGHLIGHT.test(other.text)) ? found : []
}

/** A line that credits the text's source and nothing else ("Kaynak: DHA", "Keystone-SDA"): a header's line under a standfirst, as a byline is. */
function isCreditLine(line: Line): boolean {
  return line.block.role === 'boilerplate' && line.block.evidence.some((found) => found.kind === 'credit')
}

/** Whether the page prints the line again further down among the text's paragraphs: a sentence of the text above that printing and one below it. */
function printedAgainInText(line: Line, lines: readonly Line[]): boolean {
  const again = lines.findIndex((other) => other.index > line.index && other.key === line.key)
  if (again === -1) return false
  const sentence = (other: Line) => isOpen(other) && other.features.endsSentence && other.key !== line.key
  return lines.slice(line.index + 1, again).some(sentence) && lines.slice(again + 1).some(sentence)
}

/**
 * The dek of a page that prints no title (a scrape that kept the text and not the headline): the line right above a
 * lead that opens with a dateline, past meta lines, dates and the page's furniture, when it is a sentence. A dateline
 * opens the wire story, so a sentence above it is the outlet's standfirst; without a title, nothing weaker than a
 * dateline tells a standfirst from the lead.
 */
function findDekAboveDateline(
  lines: Line[],
  classOf: (line: Line) => TextClass,
  isDate: (line: Line) => boolean,
  notHeadline: (line: Line) => boolean,
  settings: GenericSettings
): Line | undefined {
  const lead = findLead(lines, 0, classOf, settings)
  if (!lead || !opensWithDateline(lead, lines, settings)) return undefined
  // Lines a rule decided (an advertisement's label, a meta line) stand between a standfirst and the text as furniture does.
  const line = lines
    .slice(0, lead.index)
    .reverse()
    .find((other) => isOpen(other) && !isDate(other) && !isHeadFurniture(other))
  // Without a title above it, a label ("Direkt aus dem dpa-Newskanal") is as likely as a standfirst: the line must be a sentence.
  return line && line.block.role === undefined && line.features.endsSentence && !notHeadline(line) && readsAsDek(line, lines, settings) ? line : undefined
}

/** A line shaped as a standfirst: a sentence or two of a few words, not a label and not a dateline's lead. */
function readsAsDek(line: Line, lines: readonly Line[], settings: GenericSettings): boolean {
  const {features} = line
  if (features.words < MIN_DEK_WORDS || features.letters < 0.6 || /[:：]$/u.test(line.text)) return false
  // A line that opens with a dateline opens the text: a standfirst never names the place and agency the story is from.
  // A standfirst is a sentence, two at most; a photo's caption runs on.
  return !opensWithDateline(line, lines, settings) && sentencesIn(line.text) <= MAX_DEK_SENTENCES
}

/**
 * Where the headline's last printing above the text stands: a page whose scrape holds its document title above the
 * menu prints the headline again under the menu, and the dek and byline stand under that one. Only lines before the
 * first sentence are looked at.
 */
function headlineEnd(lines: Line[], title: Line): number {
  let end = title.index
  for (const line of lines.slice(title.index + 1)) {
    if (line.features.endsSentence) break
    if (sameHeadline(line, title)) end = line.index
  }
  return end
}

/**
 * A line under the title too short to be a standfirst, no sentence and no menu item: a reading time, a photo's credit
 * ("3 min read", "Illustration. (Shutterstock)"). A button or a menu item ("Share") says the page's chrome stands there,
 * not the dek.
 */
function isPageFurniture(line: Line): boolean {
  return line.block.role === undefined && line.features.words < MIN_DEK_WORDS && !line.features.endsSentence && !looksLikeMenuItem(line)
}

/**
 * What the page prints between its title and the dek or byline, and both are looked for past: furniture, buttons, a
 * picture, a caption, a line a rule threw out ("Updated 2 hours ago", "Advertisement").
 */
function isHeadFurniture(line: Line): boolean {
  return line.block.role === 'boilerplate' || isPageFurniture(line) || repeatsItsWords(line) || isPicture(line) || isCaption(line)
}

/** A picture as a scrape leaves it: a link with no sentence around it (`![Firefighters at the scene](https://…/photo.jpg)`). */
function isPicture(line: Line): boolean {
  return line.features.links > 0 && !line.features.endsSentence
}

/** Fewest distinct words a standfirst holds, of its words: the standfirsts of the gold sets hold 0.95 and more. */
const MIN_DEK_DISTINCT_WORDS = 0.7

/**
 * Whether a line says the same words over: a row of buttons or links ("Share on Facebook Share on Twitter Share on
 * WhatsApp", in any language), not a sentence.
 */
function repeatsItsWords(line: Line, minDistinct = MIN_DEK_DISTINCT_WORDS): boolean {
  const words = line.key.split(' ')
  return new Set(words).size < words.length * minDistinct
}

/**
 * Fewest distinct words a title holds, of its words: a headline may say a word twice ("Again and again", 0.67), a row
 * of buttons says one word over ("A A A", the font sizes).
 */
const MIN_TITLE_DISTINCT_WORDS = 0.5

/** Date lines above the lead are the article's; below it, only a lone one is (several are a teaser list's). */
function findDateLines(dated: Line[], lead: Line | undefined, settings: GenericSettings, decide: Decide): void {
  if (!settings.on('generic/date-line')) return
  const below = new Set(dated.filter((line) => lead !== undefined && line.index > lead.index))
  for (const line of dated) {
    if (line.block.role !== undefined || (below.has(line) && below.size > 1)) continue
    decide(line, 'meta', 'generic/date-line', 'a line that is only a date', [{field: 'published', value: line.text, start: 0, end: line.text.length}])
  }
}

/** A teaser list's or a closing section's heading, in capitals as a place may be ("ÖNERİLEN HABERLER", "MOST READ"). */
function isListHeading(line: Line, settings: GenericSettings): boolean {
  return isTeaser(line.text, settings) || settings.sectionLabel.test(line.text)
}

/** The dateline printed apart, on the line right above the lead (see `looksLikeDatelineAlone`). */
function findDatelineAlone(lines: Line[], lead: Line | undefined, settings: GenericSettings, decide: Decide): void {
  const above = lead && lines[lead.index - 1]
  if (!above || above.block.role !== undefined || !settings.on('generic/dateline-alone')) return
  if (!looksLikeDatelineAlone(above) || isListHeading(above, settings)) return
  decide(above, 'meta', 'generic/dateline-alone', `dateline printed alone above the lead (line ${lead.block.line})`, [
    {field: 'dateline', value: above.text, start: 0, end: above.text.length}
  ])
}

/** A name of two words or more, right under the title or beside a meta line, above the lead and not beside a photo credit: a byline. */
function findBylineNames(lines: Line[], title: Line | undefined, lead: Line | undefined, settings: GenericSettings, decide: Decide): void {
  if (!lead || !settings.on('generic/byline-name')) return
  // Where the lines under the title's last printing start.
  const underHeadline = title === undefined ? undefined : headlineEnd(lines, title) + 1
  for (const line of lines.slice(title ? title.index + 1 : 0, lead.index)) {
    if (line.block.role !== undefined || !looksLikeName(line, settings.thresholds)) continue
    // A single word is as likely a section name or a button ("Internasional", "Share") as a pen name.
    if (line.features.words < 2) continue
    const neighbours = [lines[line.index - 1], lines[line.index + 1]]
    // A name beside a photo credit is the caption of the photo.
    if (neighbours.some((other) => other && creditLabel(other.text, settings)?.kind === 'photo-credit')) continue
    const beside = neighbours.some((other) => other?.block.role === 'meta')
    // Right under the title's last printing, or with only a reading time, a credit, a photo's caption or a row of buttons between.
    const underTitle =
      title !== undefined && underHeadline !== undefined && !sameHeadline(line, title) && lines.slice(underHeadline, line.index).every(isHeadFurniture)
    if (!underTitle && !beside) continue
    decide(line, 'meta', 'generic/byline-name', beside ? 'a name beside a meta line' : 'a name right under the title', [
      {field: 'byline', value: line.text, start: 0, end: line.text.length}
    ])
  }
}

function gather(tree: Root, title: Line | undefined, lead: Line | undefined, calendar: Calendar, file: VFile): NonNullable<VFile['data']['metadata']> {
  // The article's own date stands above its text; dates below it may be its teasers'.
  const above = (line: number) => lead === undefined || line < lead.block.line
  const all = blocksOf(tree)
  const blocks = [...all.filter(({block}) => above(block.line)), ...all.filter(({block}) => !above(block.line))]
  const fields = blocks.flatMap(({block}) => block.fields)
  const valuesOf = (field: Field) => fields.filter((match) => match.field === field).map((match) => match.value)
  // Dates captured as such come first; a byline that also carries the date ("…, Jurnalis-Selasa, 18 Juni 2024") is the fallback.
  const dates = [...valuesOf('published'), ...blocks.filter(({block}) => block.role === 'meta').map(({node}) => toString(node))].map((text) =>
    parseDate(text, calendar)
  )
  const published = dates.find((date) => date?.dateTime) ?? dates.find((date) => date !== null) ?? null
  if (published) file.data.publishedDate = published.date
  return {
    // The headline as the report prints the line: without a span a rule cut from it (a page store's date stamp).
    title: title ? blockCleanText(String(file.value), title.node, title.block) : null,
    published: published?.dateTime ?? null,
    bylines: [...new Set(valuesOf('byline'))],
    dateline: valuesOf('dateline')[0] ?? null
  }
}
