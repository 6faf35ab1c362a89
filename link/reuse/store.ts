/**
 * The reuse index: what wiretrace remembers about every article it has
 * seen, so a later run compares new articles with the whole corpus without
 * reading the old files again. One small interface; the engine behind it
 * is embedded SQLite (link/reuse/sqlite-store.ts).
 */
import {z} from 'zod'
import {byCodeUnits} from '../../core/sorted-ids.ts'
import type {BodyBlock, Fingerprint} from './tokens.ts'
import type {CountedArticle} from '../../pipeline/generic/corpus.ts'

/** An agency a block's own text credits, as the attribution stage found it (no reuse-derived sources). */
export const ownSourceSchema = z.strictObject({
  agency: z.string(),
  confidence: z.number().min(0).max(1),
  role: z.enum(['origin', 'intermediary'])
})
export type OwnSource = z.infer<typeof ownSourceSchema>

export const indexedBlockSchema = z.strictObject({
  id: z.string(),
  lines: z.tuple([z.number().int(), z.number().int()]),
  start: z.number().int().nonnegative(),
  text: z.string(),
  cuts: z.array(z.tuple([z.number().int(), z.number().int()])),
  sources: z.array(ownSourceSchema)
})
export type IndexedBlock = z.infer<typeof indexedBlockSchema> & BodyBlock

export interface IndexedArticle {
  id: string
  sha256: string
  /** Hash of everything besides the text that shaped the analysis (rules, version); a change re-indexes. */
  config: string
  /** Publication date or date-time, for the direction of reuse. */
  published: string | null
  blocks: IndexedBlock[]
}

/** What the index takes of a report, read where the report was made: an `IndexedArticle` without the run's `config`. */
export type ReuseDraft = Omit<IndexedArticle, 'config'>

/** What the index keeps of an article for the corpus statistics (see `countedArticle`), and the view of them its report was made with. */
export interface CountedEntry {
  outlet: string
  keys: number[]
  /** The `corpusView` the article's report was analysed with; null while unknown (not analysed since it was counted). */
  view: string | null
}

/**
 * A line's counts over every article counted: the outlets and articles that print it, and the articles of each named
 * outlet (an outlet of its own, `ownOutlet`, is one article and has no entry).
 */
export interface LineCount {
  key: number
  outlets: number
  articles: number
  named: Array<[outlet: string, articles: number]>
}

/** A line's counts by named outlet, as a query of the line counts gives them. */
export const namedCountsSchema = z.array(z.tuple([z.string(), z.number().int().positive()]))

/** Named outlets' counts in the order of their outlet keys, whatever order an engine aggregated them in. */
export function sortedNamedCounts(named: Array<[string, number]>): Array<[string, number]> {
  return named.sort((a, b) => byCodeUnits(a[0], b[0]))
}

/** The stored form of an article's counted line keys. */
export const countedKeysSchema = z.array(z.number().int().nonnegative())

/** A link between blocks of two articles, stored once for both directions. */
export interface StoredLink {
  article: string
  block: string
  span: [number, number]
  other: string
  otherBlock: string
  otherLines: [number, number]
  otherSpan: [number, number]
  similarity: number
  /** Shingle hashes both articles share inside the passage. */
  seeds: number[]
}

/** The order an index returns an article's links in, whatever the engine: reading order, then the other article. */
export function byReadingOrder(x: StoredLink, y: StoredLink): number {
  return x.span[0] - y.span[0] || byCodeUnits(x.other, y.other) || x.otherSpan[0] - y.otherSpan[0]
}

/**
 * Rows the recent postings hold before they are merged into the main table
 * (about 3,500 articles). A merge touches most leaves of the main tree
 * whatever its size, so it is paid for by many articles; the recent tree (a
 * few MB) stays well inside the page cache.
 */
export const RECENT_POSTINGS_LIMIT = 200_000

export interface Candidate {
  article: string
  /** Fingerprints shared with the query. */
  shared: number
}

/** The order an index returns candidates in, whatever the engine: most fingerprints shared first, then by id. */
export function byMostShared(a: Candidate, b: Candidate): number {
  return b.shared - a.shared || byCodeUnits(a.article, b.article)
}

/**
 * The reuse index interface every engine implements. Asynchronous, so that
 * a server engine fits behind it as well as embedded SQLite.
 */
export interface ReuseStore {
  /** The stored hash and config of an article, if indexed. */
  lookup(id: string): Promise<{sha256: string; config: string} | undefined>
  /**
   * Adds an article (replacing any earlier version and its links) with its fingerprints; with a `root`, as a near-exact
   * copy of it, as `setCopyOf` would make it, without ever writing the postings a copy sets aside.
   */
  add(article: IndexedArticle, fingerprints: Fingerprint[], root?: string | null): Promise<void>
  /**
   * Articles sharing these fingerprints, most shared first. A near-exact copy
   * shares only those its root does not hold (see `setCopyOf`): the root
   * stands for the copies.
   */
  candidates(fingerprints: Fingerprint[], exclude: string): Promise<Candidate[]>
  /**
   * Hashes among `hashes` found in more than `maxDf` documents, an article and
   * its near-exact copies counting as one: a stock phrase is printed by many
   * texts, while a wire story printed by 200 outlets is one text, whose
   * passages must still link. Below zero, every hash.
   */
  commonHashes(hashes: number[], maxDf: number): Promise<Set<number>>
  load(id: string): Promise<IndexedArticle | undefined>
  /** Replaces the links between two articles (stored for both sides). */
  recordLinks(article: string, other: string, links: StoredLink[]): Promise<void>
  /** Every link from an article's blocks, in reading order, stock phrases included (the linker judges those). */
  linksOf(id: string): Promise<StoredLink[]>
  /** Forgets an article, its fingerprints and its links. */
  remove(id: string): Promise<void>
  /** Ids of every indexed article, sorted. */
  articleIds(): Promise<string[]>
  /** The fingerprints an article was indexed with, by position. */
  fingerprintsOf(id: string): Promise<Fingerprint[]>
  /**
   * Records that `id` is a near-exact copy of `root`: it was aligned with the
   * root alone, and its links to the root's other copies are composed from
   * the root's links instead of being aligned and stored (a wire story
   * printed by 80 outlets stores 79 alignments, not 3,160). Null: none.
   * Forgotten with either article.
   *
   * While it is a copy, its postings of the hashes its root holds are set
   * aside: a fingerprint of that story has one posting, not 80, so admitting
   * the 80th copy reads as much of the index as admitting the second. They
   * come back, as `fingerprintsOf` gives them, when it stops being a copy
   * (null, another root, or its root forgotten).
   */
  setCopyOf(id: string, root: string | null): Promise<void>
  /** The article `id` is a near-exact copy of, if any. */
  copyOf(id: string): Promise<string | undefined>
  /** `copyOf` for many articles in one query: the root of each that is a copy (the others have no entry). */
  rootsOf(ids: readonly string[]): Promise<Map<string, string>>
  /** The near-exact copies of `root`, sorted. */
  copiesOf(root: string): Promise<string[]>
  /** Those of `others` that `id` has links stored with, in one query for all (none when `id` is not indexed). */
  linkedAmong(id: string, others: readonly string[]): Promise<Set<string>>
  /**
   * Notes that these articles' reports must be patched from the index (the
   * link step's journal): marked in the transaction that changes their
   * links, cleared once their reports are written, so a run killed in
   * between leaves the next run the list of reports to finish.
   */
  markPending(ids: string[]): Promise<void>
  /** Ids of the articles whose reports are still to be patched, sorted. */
  pending(): Promise<string[]>
  clearPending(ids: string[]): Promise<void>
  /**
   * The corpus statistics the generic stage reads: every article counted
   * (its outlet and the short lines it prints) and, for every line, the
   * articles of each outlet that print it. Runs and shards add what they
   * count, so the counts are those of every article any of them was given.
   */
  counted(ids: string[]): Promise<Map<string, CountedEntry>>
  /** Adds these articles to the line counts, replacing what an earlier count of each added; their views become unknown. */
  count(articles: ReadonlyArray<CountedArticle>): Promise<void>
  /** The counts of these lines (none for a line no article prints), each line's named outlets sorted. */
  lineCounts(keys: number[]): Promise<LineCount[]>
  /** Records the view of the counts each article's report was analysed with. */
  setViews(views: ReadonlyArray<{id: string; view: string | null}>): Promise<void>
  /**
   * The articles were analysed again with the same text and rules (the
   * corpus counts changed under them): the next link step indexes them
   * anew, as if their text had changed.
   */
  markStale(ids: string[]): Promise<void>
  /** Runs `work` atomically: all of it is stored, or none. Calls do not nest. */
  transaction<T>(work: () => Promise<T>): Promise<T>
  articleCount(): Promise<number>
  close(): Promise<void>
}
