/**
 * Corpus signals for the generic stage, counted in a cheap first pass over
 * the raw lines of every article in a run: a line several articles of one
 * outlet print is that outlet's template (menus, tag lists, footers); a
 * line many outlets print is a stock phrase.
 *
 * The outlet of an article is the outlet the rules recognise in it, else
 * the web address it names most often, else unknown (an unknown outlet is
 * counted as one of its own, so it never makes template on its own).
 */
import {createHash} from 'node:crypto'
import {DEFAULT_TIME_BUDGET_MS, scaledBudgetMs, TimeBudgetError, withinTimeBudget} from '../../core/rules/budget.ts'
import type {Outlet} from '../../core/rules/load.ts'
import {comparable, isBlank, isLatin1, keyWordCount, matchText, narrowed, readsAsWritten} from '../../core/text.ts'
import {hash53} from '../../core/hash53.ts'
import {firstLinesRecognising} from '../../core/rules/recognise.ts'

/** Longer lines are paragraphs: never template, so not worth counting. */
const MAX_COUNTED_WORDS = 40

export interface CorpusLines {
  /** Outlet key of each article, by article id. */
  outletOf: OutletsById
  /** For each line (by `lineKeyHash` of its comparable key), the outlets and articles that print it. */
  lines: Map<number, LineCounts>
}

/**
 * How a line is printed across the corpus: by how many outlets, and by how many articles of each named outlet. An
 * article of no known outlet is an outlet of its own (`ownOutlet`): it prints a line once, below any threshold, so it
 * adds to `outlets` but has no entry in `named`. Kept for each of them, a line every article prints would hold an entry
 * per article of the corpus, in the main thread and again in each worker.
 */
export interface LineCounts {
  outlets: number
  named: Map<string, number>
}

/** Outlet keys by article id: a map as counted, or any lookup by id (a run's main thread keeps them by input position). */
export type OutletsById = Pick<ReadonlyMap<string, string>, 'get'>

/** The counts as counted: every counted article's outlet in a map. */
export interface CountedLines extends CorpusLines {
  outletOf: Map<string, string>
}

/** The start of an article's own outlet key; the index's queries read it to tell those outlets apart. */
export const OWN_OUTLET = 'article:'

/** The outlet key of an article whose outlet is not known: one of its own, so that it never makes template alone. */
export function ownOutlet(id: string): string {
  return `${OWN_OUTLET}${id}`
}

/** Whether an outlet key is an article's own (`ownOutlet`): outlet ids of the rules and web addresses hold no colon. */
export function isOwnOutlet(outlet: string): boolean {
  return outlet.startsWith(OWN_OUTLET)
}

export interface CorpusArticle {
  /** The article id the pipeline gives it (`file.data.input.id`). */
  id: string
  text: string
}

/** What one article adds to the corpus counts: its outlet and the lines it prints, each once. */
export interface CountedArticle {
  id: string
  /** The outlet key (see `countedArticle`). */
  outlet: string
  /** `lineKeyHash` of each counted line, sorted, each once. */
  keys: number[]
}

/**
 * A line's comparable key as a 53-bit number (`hash53`): what the counts and the index store, so a line costs eight
 * bytes wherever it is kept. Two keys meet by chance once in about 2^26 lines, and then only merge counts.
 */
export function lineKeyHash(key: string): number {
  return hash53(key)
}

/** The outlet an article counts under and the short lines it prints. */
export function countedArticle(article: CorpusArticle, outlets: readonly Outlet[] = []): CountedArticle {
  // Read as the parse stage reads them: one byte a character where they can be (`narrowed`).
  const wide = !isLatin1(article.text)
  const lines = article.text
    .split(/\r\n|\n|\r/)
    .filter((line) => !isBlank(line))
    .map((line) => narrowed(line, wide))
  const outlet = recognisedOutlet(lines, article.text.length, outlets) ?? ownOutlet(article.id)
  const keys = new Set<number>()
  for (const line of lines) {
    // Keyed as the generic stage keys the line it looks up: its reading (`matchText`), without a link's address.
    const key = comparable(readsAsWritten(line) ? line : matchText(line).value)
    if (key !== '' && keyWordCount(key) <= MAX_COUNTED_WORDS) keys.add(lineKeyHash(key))
  }
  return {id: article.id, outlet, keys: [...keys].sort((a, b) => a - b)}
}

/**
 * Counts, for every short line of the corpus, the articles and outlets that
 * print it. Lines printed by fewer than `keepFrom` articles can trigger no
 * corpus rule (the thresholds of `generic.yaml` start there), so they are
 * dropped: what a run keeps, and hands to every worker, is the corpus's
 * repeated lines, not every line of it.
 */
export function countCorpusLines(articles: Iterable<CorpusArticle>, outlets: readonly Outlet[] = [], keepFrom = 1): CountedLines {
  const counter = new LineCounter()
  for (const article of articles) counter.add(countedArticle(article, outlets))
  return counter.counted(keepFrom)
}

/** The line counts of articles counted one by one (`countedArticle`), in any thread, added in input order. */
export class LineCounter {
  private readonly outletOf = new Map<string, string>()
  // A line seen once holds just its outlet: most lines are, and counts each would be most of the memory.
  private readonly seen = new Map<number, string | LineCounts>()

  add({id, outlet, keys}: CountedArticle): void {
    this.outletOf.set(id, outlet)
    for (const key of keys) {
      const before = this.seen.get(key)
      if (before === undefined) {
        this.seen.set(key, outlet)
        continue
      }
      const counts = typeof before === 'string' ? countsOf(before) : before
      addArticle(counts, outlet)
      this.seen.set(key, counts)
    }
  }

  /** The counts of the lines printed by `keepFrom` articles or more, and each article's outlet. */
  counted(keepFrom = 1): CountedLines {
    const lines = new Map<number, LineCounts>()
    for (const [key, value] of this.seen) {
      if (typeof value !== 'string') lines.set(key, value)
      else if (keepFrom <= 1) lines.set(key, countsOf(value))
    }
    return {outletOf: this.outletOf, lines}
  }
}

/** The counts of a line one article of `outlet` prints. */
function countsOf(outlet: string): LineCounts {
  return {outlets: 1, named: isOwnOutlet(outlet) ? new Map() : new Map([[outlet, 1]])}
}

/** Adds an article of `outlet` to a line's counts; an outlet of its own is new to the line, as its article counts each line once. */
function addArticle(counts: LineCounts, outlet: string): void {
  if (isOwnOutlet(outlet)) {
    counts.outlets++
    return
  }
  const before = counts.named.get(outlet)
  if (before === undefined) counts.outlets++
  counts.named.set(outlet, (before ?? 0) + 1)
}

/** The outlet the rules recognise, within the time budget user patterns get everywhere (as large as the article); none when they run out of it. */
function recognisedOutlet(lines: string[], characters: number, outlets: readonly Outlet[]): string | null {
  if (outlets.every((outlet) => outlet.builtin)) return articleOutlet(lines, outlets)
  try {
    return withinTimeBudget(scaledBudgetMs(DEFAULT_TIME_BUDGET_MS, characters), () => articleOutlet(lines, outlets))
  } catch (error) {
    if (error instanceof TimeBudgetError) return null
    throw error
  }
}

export interface LineSpread {
  /** Articles of this article's outlet that print the line, this one included. */
  sameOutlet: number
  /** Outlets that print the line. */
  outlets: number
}

/** How widely a line of an article is printed across the corpus; null when the article was not counted. */
export function lineSpread(corpus: CorpusLines, articleId: string, key: string): LineSpread | null {
  const outlet = corpus.outletOf.get(articleId)
  if (outlet === undefined) return null
  return spreadOf(corpus, outlet, lineKeyHash(key))
}

function spreadOf(corpus: CorpusLines, outlet: string, key: number): LineSpread {
  const counts = corpus.lines.get(key)
  if (counts === undefined) return {sameOutlet: 0, outlets: 0}
  // An outlet of its own is its one article, asked about a line it prints.
  return {sameOutlet: isOwnOutlet(outlet) ? 1 : (counts.named.get(outlet) ?? 0), outlets: counts.outlets}
}

/** The counts the corpus rules of the generic stage fire at: the least and the most of their thresholds. */
export interface CorpusViewRange {
  least: number
  most: number
}

/** The characters of a view of the counts (`corpusView`), all of them base64url, so one byte each. */
export const VIEW_CHARACTERS = 22

/**
 * What the generic stage of an article can learn from the counts, as a
 * short hash: for every line it prints, how many articles of its outlet and
 * how many outlets print it, each read only as far as a threshold can tell
 * (below `least`, nothing; from `most` on, `most`). Two counts with the
 * same view give the article the same decisions; a view that changed is an
 * article to analyse again.
 */
export function corpusView(corpus: CorpusLines, article: CountedArticle, least: number, most: number): string {
  const level = (count: number) => (count < least ? 0 : Math.min(count, most))
  const hash = createHash('sha256').update(article.outlet)
  for (const key of article.keys) {
    const spread = spreadOf(corpus, article.outlet, key)
    const seen = [level(spread.sameOutlet), level(spread.outlets)]
    if (seen[0] !== 0 || seen[1] !== 0) hash.update(`\n${key} ${seen[0]} ${seen[1]}`)
  }
  return hash.digest('base64url').slice(0, VIEW_CHARACTERS)
}

const WEB_ADDRESS = /(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]{1,63}\.){1,4}(?:com|net|org|id|my|tr|bg|uk|gov|info|news|tv|co)(?![\p{L}\p{N}-])/giu

/**
 * The outlet an article comes from, as far as its text tells: the last
 * outlet the rules recognise (the publisher, as in the report), else the web
 * address named most often (`iNews.id`, `dikGAZETE.com`), without `www.`.
 */
export function articleOutlet(lines: readonly string[], outlets: readonly Outlet[]): string | null {
  let recognised: {id: string; line: number} | undefined
  // Each line read once for every outlet: made per outlet and line, this was most of a run's corpus count.
  const firstLines = firstLinesRecognising(outlets, outlets.length === 0 ? [] : lines.map((text) => matchText(text).value))
  for (const [place, outlet] of outlets.entries()) {
    const line = firstLines.get(place)
    if (line !== undefined && (!recognised || line >= recognised.line)) recognised = {id: outlet.id, line}
  }
  if (recognised) return recognised.id
  const named = new Map<string, number>()
  for (const line of lines) {
    for (const [address] of line.matchAll(WEB_ADDRESS)) {
      const host = address.toLowerCase().replace(/^(?:www|amp|m)\./, '')
      named.set(host, (named.get(host) ?? 0) + 1)
    }
  }
  return [...named].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}
