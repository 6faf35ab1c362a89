/**
 * Stage: generic cleaning. Decides every line the rules and the metadata
 * stage left undecided, for outlets nobody wrote rules for, in any
 * language, from signals that do not depend on either:
 *
 * 1. what the line is on its own: a credit label ("Източник: БТА"), a
 *    caption ending in a photo credit, a teaser label ("Read more: …"),
 *    text printed twice over, no letters, only links, a short line the
 *    article prints again and again; a line the outlet prints in other
 *    articles (template) or many outlets print (stock phrase), when the run
 *    counted the corpus;
 * 2. where it stands: above the lead (captions, menus, app banners) or
 *    below the last paragraph (teasers, widgets, footers);
 * 3. between the two, how it reads, as jusText classes paragraphs: long
 *    lines that end like sentences and hold enough function words are body,
 *    long lines without function words are not, and short lines follow
 *    their neighbours.
 *
 * Each decision carries its own rule id (`generic/…`) and, in `why`, the
 * features behind it.
 */
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import {decide as decideBlock} from '../data.ts'
import {settingsFor, type GenericConfig, type GenericRuleId, type GenericSettings} from './config.ts'
import {lineSpread, type CorpusLines, type LineSpread} from './corpus.ts'
import {bylineAboveText, findLead, lastParagraph} from './layout.ts'
import {
  densityReference,
  describeFeatures,
  isCaption,
  isDoubled,
  looksLikeDatelineAlone,
  looksLikeHeadline,
  opensWithDateline,
  readLines,
  readsAsNearText,
  readsAsText,
  breaksOffMidSentence,
  textClass,
  wholeText,
  type Line,
  type TextClass
} from './lines.ts'
import {captionCredit, creditLabel, isImageFile, isListLabel, isMarkdownPicture, isPromo, isTeaser, sentencesIn, type CreditMatch} from './meta.ts'
import type {Role} from '../../core/rules/schema.ts'
import {withinArticleBudget} from '../../core/rules/budget.ts'
import {keyWordCount} from '../../core/text.ts'

export interface GenericOptions {
  config: GenericConfig
  /** Line counts over the corpus of the run (see `countCorpusLines`); without them the template and stock-phrase rules stay silent. */
  corpus?: CorpusLines
  /** How long user patterns (the datelines) may run on one article, shared with the other stages; unset when there are none. */
  timeBudgetMs?: number
}

/** Lines this short that recur inside one article are labels ("Internasional", "Share"); longer ones are the repeats stage's. */
const MAX_LABEL_WORDS = 3

export const wiretraceGeneric: Plugin<[GenericOptions], Root> = function (options) {
  return function (tree, file) {
    // User patterns run here: within the article's time budget, shared with the other stages.
    withinArticleBudget(file, options.timeBudgetMs, () => {
      const settings = settingsFor(
        options.config,
        (file.data.outlets ?? []).map((outlet) => outlet.id)
      )
      const lines = readLines(tree)
      const reference = densityReference(lines, settings)
      const classes = new Map(lines.map((line) => [line, textClass(line, reference, settings.thresholds)]))
      const classOf = (line: Line): TextClass => classes.get(line)!
      const decide = (line: Line, role: Role, ruleId: GenericRuleId, why: string): boolean => {
        if (line.block.role !== undefined || !settings.on(ruleId)) return false
        decideBlock(file, line.node, role, ruleId, `${why} (${describeFeatures(line, reference)})`, `${role}: ${why}`)
        return true
      }

      const printings = new Map<string, number>()
      for (const line of lines) printings.set(line.key, (printings.get(line.key) ?? 0) + 1)
      const context: LineContext = {lines, settings, classOf, decide, printings}
      for (const line of lines) if (line.block.role === undefined) decideAlone(line, context)
      for (const line of lines) if (line.block.role === 'boilerplate' && isListLabel(line.text, settings)) decideListUnder(line, context)
      for (const line of lines) if (line.block.ruleId === 'generic/image-file') decideCaptionUnder(line, context)

      const title = lines.find((line) => line.block.role === 'title')
      const lead = opensText(lines, findLead(lines, title ? title.index + 1 : 0, classOf, settings), reference, settings)
      const end = lead && lastParagraph(lines, lead, classOf, settings)
      const last = end?.last
      for (const head of end?.heads ?? []) decideNextHead(head, context)
      const input = file.data.input
      if (options.corpus && input) {
        const inText = (line: Line) => lead !== undefined && last !== undefined && line.index >= lead.index && line.index <= last.index
        for (const line of lines) decideByCorpus(line, lineSpread(options.corpus, input.id, line.key), inText(line), context)
      }
      if (!lead || !last) {
        for (const line of lines) {
          if (line.features.endsSentence) decide(line, 'body', 'generic/sentence', 'the article has no paragraph; a line that ends like a sentence is kept')
          else decide(line, 'boilerplate', 'generic/no-paragraph', 'the article has no paragraph; a line that does not end like a sentence is dropped')
        }
        return
      }
      // With a zone's rule switched off, its lines are judged as text like the rest.
      const from = settings.on('generic/before-lead') ? lead.index : 0
      const to = settings.on('generic/after-article') ? last.index + 1 : lines.length
      for (const line of lines.slice(0, from)) decide(line, 'boilerplate', 'generic/before-lead', `above the lead (line ${lead.block.line})`)
      decideTail(lines.slice(to), last, reference, rulesInText(lines.slice(lead.index, last.index + 1)), context)
      decideText(lines.slice(from, to), context)
    })
  }
}

/**
 * The line the text opens with: the lead, or the sentences right above it that read as text, as outlets that print a
 * paragraph a sentence set the first one ("Perang Rusia di Ukraina belum selesai."), or that come near it, as jusText
 * keeps a near-good paragraph beside a good one (a Turkish lead full of names: "Antalya'nın Kemer ilçesindeki Olimpos
 * Antik Kenti'nde …"). A line a stage decided (title, dek, meta), one that does not end a sentence, or a caption
 * stops the search; a lead that opens with the dateline is the text's first line.
 */
function opensText(lines: Line[], lead: Line | undefined, reference: number | null, settings: GenericSettings): Line | undefined {
  // A lead that opens with the dateline opens the text: what stands above it (a caption, however long) is not the text's.
  if (!lead || opensWithDateline(lead, lines, settings)) return lead
  let opening = lead
  for (let index = lead.index - 1; index >= 0; index--) {
    const line = lines[index]!
    if (line.block.role !== undefined || !line.features.endsSentence || isCaption(line) || !readsAsNearText(line, reference, settings.thresholds)) break
    opening = line
  }
  return opening
}

interface LineContext {
  lines: Line[]
  settings: GenericSettings
  classOf(line: Line): TextClass
  decide(line: Line, role: Role, ruleId: GenericRuleId, why: string): boolean
  /** How many lines of the article have each key. */
  printings: Map<string, number>
}

/** Decisions a line gives away on its own, wherever it stands. */
function decideAlone(line: Line, context: LineContext): void {
  const {decide, settings, classOf} = context
  const credit = creditLabel(line.text, settings)
  if (credit && decide(line, 'boilerplate', 'generic/credit-label', `credit line naming "${credit.agencyText}"`)) {
    recordCredit(line, credit, 'generic/credit-label')
    return
  }
  const caption = captionCredit(line.text, settings)
  if (caption && decide(line, 'boilerplate', 'generic/caption-credit', `caption ending in a photo credit to "${caption.agencyText}"`)) {
    recordCredit(line, caption, 'generic/caption-credit')
    return
  }
  if (
    settings.sectionLabel.test(line.text) &&
    decide(line, 'boilerplate', 'generic/section-label', 'heading of comments, tags or a most-read list: the article ends above it')
  )
    return
  if (isTeaser(line.text, settings) && decide(line, 'boilerplate', 'generic/teaser-label', 'teaser or list of teasers, by its label')) return
  if (isImageFile(line.text) && decide(line, 'boilerplate', 'generic/image-file', 'the file name of a picture')) return
  if (isMarkdownPicture(line.text) && decide(line, 'boilerplate', 'generic/picture', 'a picture, in Markdown')) return
  if (
    classOf(line) !== 'paragraph' &&
    isPromo(line.text, settings) &&
    decide(line, 'boilerplate', 'generic/promo', "a call to action of a widget or promotion, or the site's note about its copy")
  )
    return
  if (isDoubled(line) && decide(line, 'boilerplate', 'generic/doubled-text', 'the same text twice over on one line (a link and its title)')) return
  if (line.features.words === 0 && decide(line, 'boilerplate', 'generic/no-text', 'no words')) return
  if (line.features.links > 0 && line.features.words <= line.features.links * 3 && decide(line, 'boilerplate', 'generic/link', 'links and little else')) return
  if (classOf(line) === 'paragraph') return
  const printings = context.printings.get(line.key)!
  if (printings > 1 && keyWordCount(line.key) <= MAX_LABEL_WORDS)
    decide(line, 'boilerplate', 'generic/repeated-line', `a label the article prints ${printings} times`)
}

/**
 * The head of a further article on the same page (an e-paper page prints
 * several): its headline is a title, a dateline printed alone is meta.
 */
function decideNextHead(head: Line[], context: LineContext): void {
  for (const line of head) {
    if (line.block.role !== undefined) continue
    if (looksLikeDatelineAlone(line)) context.decide(line, 'meta', 'generic/next-article-head', 'dateline of a further article the page prints')
    else if (looksLikeHeadline(line)) context.decide(line, 'title', 'generic/next-article-head', 'headline of a further article the page prints')
  }
}

/**
 * Template and stock phrases: lines the outlet prints in other articles, or
 * many outlets print. Never paragraphs, and between the lead and the last
 * paragraph never a sentence: republished text is what wiretrace traces.
 */
function decideByCorpus(line: Line, spread: LineSpread | null, inText: boolean, context: LineContext): void {
  const {decide, settings, classOf} = context
  if (!spread || line.block.role !== undefined || classOf(line) === 'paragraph' || (inText && line.features.endsSentence)) return
  const {templateArticles, stockOutlets} = settings.thresholds
  if (
    spread.sameOutlet >= templateArticles &&
    decide(line, 'boilerplate', 'generic/outlet-template', `printed in ${spread.sameOutlet} articles of this outlet`)
  )
    return
  if (spread.outlets >= stockOutlets) decide(line, 'boilerplate', 'generic/stock-phrase', `printed by ${spread.outlets} outlets`)
}

/** The line under a picture's file name, when it is a sentence or less: the picture's caption. */
function decideCaptionUnder(image: Line, context: LineContext): void {
  const next = context.lines[image.index + 1]
  if (!next || next.block.role !== undefined || sentencesIn(next.text) > 1) return
  context.decide(next, 'boilerplate', 'generic/caption', `caption under the picture on line ${image.block.line}`)
}

/** The headline-like lines under a list label ("Baca juga:", "Berita Terkait"), up to the next line that reads like text. */
function decideListUnder(label: Line, context: LineContext): void {
  const {lines, classOf, decide} = context
  for (const line of lines.slice(label.index + 1)) {
    if (line.block.role !== undefined) continue
    if (classOf(line) === 'paragraph' || line.features.endsSentence) return
    decide(line, 'boilerplate', 'generic/teaser-label', `listed under the label on line ${label.block.line}`)
  }
}

function recordCredit(line: Line, credit: CreditMatch, ruleId: GenericRuleId): void {
  const start = line.offsetOf(credit.start)
  const end = line.offsetOf(credit.end - 1) + 1
  line.block.evidence.push({kind: credit.kind, agencyText: credit.agencyText, ruleId, start, end, text: line.text})
}

/**
 * Below the last paragraph: lines that go on reading like the text (a last
 * short sentence, a paragraph the stored copy cut short) stay body; the rest
 * is what pages print after an article.
 */
function decideTail(tail: Line[], last: Line, reference: number | null, inTextRules: ReadonlySet<string>, context: LineContext): void {
  const {decide, settings, lines} = context
  const couldBeText = (line: Line) => line.features.links === 0 && !isPromo(line.text, settings) && readsAsText(line, reference, settings.thresholds)
  // Where the stored copy ends: below its last sentence no rule has decided. A page's copyright line, share buttons,
  // tags or a newsletter prompt below a paragraph cut short are not more of the article.
  const lastSentence = lines.findLastIndex((line) => line.block.role === undefined && line.features.endsSentence && couldBeText(line))
  let continuing = true
  for (const line of tail) {
    if (line.block.role !== undefined) {
      // A kind of line the article also prints between its paragraphs (a read-also teaser), a picture's caption or
      // credit (pages print pictures between paragraphs, never as the close of an article), or a byline with text below
      // it, interrupts the text; any other ends it.
      const interrupts = (!!line.block.ruleId && inTextRules.has(line.block.ruleId)) || isCaption(line) || bylineAboveText(lines, line, context.classOf)
      if (!interrupts) continuing = false
      continue
    }
    const {endsSentence, capitalised} = line.features
    // A cut-off last line has no full stop; it must then read like a sentence, not like a title-case teaser:
    // mostly lower case, or broken off after a function word, where no headline ends.
    const readsOn =
      couldBeText(line) && (endsSentence || (line.index > lastSentence && (capitalised === null || capitalised < 0.5 || breaksOffMidSentence(line))))
    if (continuing && readsOn && decide(line, 'body', 'generic/paragraph-end', `goes on from the last paragraph (line ${last.block.line})`)) continue
    continuing = false
    decide(line, 'boilerplate', 'generic/after-article', `below the last paragraph (line ${last.block.line})`)
  }
}

/** The rules that decided lines between the lead and the last paragraph as boilerplate: inserts into the text. */
function rulesInText(text: Line[]): Set<string> {
  const rules = new Set<string>()
  for (const line of text) if (line.block.role === 'boilerplate' && line.block.ruleId) rules.add(line.block.ruleId)
  return rules
}

/**
 * Between the lead and the last paragraph: paragraphs are body, long lines
 * without function words are not, and short lines go with their neighbours
 * (lines the rules already decided are passed over, so a crosshead next to
 * a read-also teaser still sits between paragraphs).
 */
function decideText(zone: Line[], context: LineContext): void {
  const {decide, classOf} = context
  const verdict = (line: Line): 'good' | 'bad' | undefined => {
    if (line.block.role === 'body') return 'good'
    if (line.block.ruleId !== undefined && NOT_TEXT.has(line.block.ruleId as GenericRuleId)) return 'bad'
    if (line.block.role !== undefined) return undefined
    const kind = classOf(line)
    return kind === 'paragraph' ? 'good' : kind === 'low' ? 'bad' : undefined
  }
  // Past the ends of the zone, as past the ends of a page in jusText, lies boilerplate.
  const neighbour = (from: number, step: 1 | -1): {verdict: 'good' | 'bad'; line: Line | undefined} => {
    for (let index = from + step; index >= 0 && index < zone.length; index += step) {
      const found = verdict(zone[index]!)
      if (found) return {verdict: found, line: zone[index]!}
    }
    return {verdict: 'bad', line: undefined}
  }
  decideBracketedCaptions(zone, context)
  for (const line of zone) {
    const kind = classOf(line)
    if (kind === 'paragraph') decide(line, 'body', 'generic/paragraph', 'a paragraph')
    else if (kind === 'low') decide(line, 'boilerplate', 'generic/low-function-words', 'too few function words for running text')
  }
  for (const run of headingRuns(zone)) {
    for (const line of run) decide(line, 'boilerplate', 'generic/heading-list', `one of ${run.length} headline-like lines in a row (a list of links)`)
  }
  for (const [index, line] of zone.entries()) {
    if (line.block.role !== undefined) continue
    const before = neighbour(index, -1)
    const after = neighbour(index, 1)
    const where = `between ${before.line ? `line ${before.line.block.line}` : 'the start'} and ${after.line ? `line ${after.line.block.line}` : 'the end'}`
    if (before.verdict === 'good' && after.verdict === 'good') decide(line, 'body', 'generic/short-between-body', `short line ${where}, both text`)
    else if (before.verdict === 'bad' && after.verdict === 'bad')
      decide(line, 'boilerplate', 'generic/short-between-boilerplate', `short line ${where}, both boilerplate`)
    else if (line.features.endsSentence) decide(line, 'body', 'generic/short-beside-body', `short sentence ${where}, next to text`)
    else decide(line, 'boilerplate', 'generic/short-beside-boilerplate', `short line ${where}, next to boilerplate`)
  }
}

/**
 * Between the lead and the last paragraph: a short line that closes a
 * sentence and then names its source in brackets ("Ilustrasi mayat.
 * (Antara)"), with a paragraph on either side, is a picture's caption.
 */
function decideBracketedCaptions(zone: Line[], context: LineContext): void {
  const {classOf, settings} = context
  for (const [index, line] of zone.entries()) {
    const before = zone[index - 1]
    const after = zone[index + 1]
    if (line.block.role !== undefined || !before || !after || line.features.chars >= settings.thresholds.shortChars) continue
    if (!BRACKETED_SOURCE.test(wholeText(line).trimEnd()) || ![before, after].every((other) => other.block.role === 'body' || classOf(other) === 'paragraph'))
      continue
    context.decide(line, 'boilerplate', 'generic/caption', 'a short caption naming its source in brackets, between paragraphs')
  }
}

/** A sentence closed, then a name in brackets, ending the line: "Ilustrasi mayat. (Antara)". */
const BRACKETED_SOURCE = /[.!?]["'”’]?\s*\(\s*\p{Lu}[\p{L}\p{N}.&/ -]{1,40}\)$/u

/** What this stage found between paragraphs that is not text: the neighbours short lines go with. */
const NOT_TEXT = new Set<GenericRuleId>(['generic/low-function-words', 'generic/heading-list'])

/** A run of lines none of which is text holds this many undecided headline-like lines: a list of links, not crossheads. */
const MIN_LIST_LINES = 3

/**
 * Runs of adjacent lines that are all headline-like (short, no sentence end)
 * or already boilerplate or meta: a crosshead stands alone between
 * paragraphs, a list of related articles does not.
 */
function headingRuns(zone: Line[]): Line[][] {
  const runs: Line[][] = []
  let run: Line[] = []
  const close = () => {
    if (run.length >= MIN_LIST_LINES) runs.push(run)
    run = []
  }
  for (const line of zone) {
    if (line.block.role === undefined && !line.features.endsSentence) run.push(line)
    else if (line.block.role === undefined || line.block.role === 'body') close()
  }
  close()
  return runs
}
