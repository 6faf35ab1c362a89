/**
 * The corpus statistics of a run: the lines of every input, counted for the
 * generic stage before any article is analysed. Without an index a run
 * counts its own inputs; with one, every run and shard adds its inputs to
 * the counts the index keeps, and reads back the counts of the lines its
 * articles print, whoever counted them.
 */
import {decodeInput, type InputLimits} from '../core/decode.ts'
import type {Outlet} from '../core/rules/load.ts'
import {
  corpusView,
  countedArticle,
  LineCounter,
  type CountedLines,
  type CorpusViewRange,
  type CountedArticle,
  type LineCounts
} from '../pipeline/generic/corpus.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {readInput, type InputFile} from './inputs.ts'

/**
 * The run's inputs counted (`countedArticle`) a batch at a time, in input order: in this thread (`countedHere`), or on
 * the run's worker threads (`WorkerPool.count`), which read and count the inputs while the main thread adds them up.
 */
export type CountedBatches = Iterable<readonly CountedArticle[]> | AsyncIterable<readonly CountedArticle[]>

/** Inputs counted at once in this thread, and sent to a worker thread to count at once. */
export const COUNTED_AT_ONCE = 100

/** One input counted; undefined when it cannot be read or decoded (the pipeline reports it). */
function countedInput(input: InputFile, limits: InputLimits, outlets: readonly Outlet[]): CountedArticle | undefined {
  let text: string
  try {
    text = decodeInput(input.bytes ?? readInput(input), limits).text
  } catch {
    return undefined
  }
  return countedArticle({id: input.relative, text}, outlets)
}

/** A batch of inputs counted, in order, those that cannot be read or decoded left out: in this thread or a worker's. */
export function countedBatch(inputs: readonly InputFile[], limits: InputLimits, outlets: readonly Outlet[]): CountedArticle[] {
  return inputs.flatMap((input) => countedInput(input, limits, outlets) ?? [])
}

/** The inputs counted in this thread, `COUNTED_AT_ONCE` at a time. */
export function* countedHere(inputs: readonly InputFile[], limits: InputLimits, outlets: readonly Outlet[] = []): Generator<CountedArticle[]> {
  for (let start = 0; start < inputs.length; start += COUNTED_AT_ONCE) yield countedBatch(inputs.slice(start, start + COUNTED_AT_ONCE), limits, outlets)
}

/** The line counts of a run without an index, as the corpus runner's first pass: lines printed by `keepFrom` articles or more. */
export async function countCorpusFiles(counted: CountedBatches, keepFrom = 1): Promise<CountedLines> {
  const counter = new LineCounter()
  for await (const batch of counted) for (const article of batch) counter.add(article)
  return counter.counted(keepFrom)
}

/**
 * An article the run reads the counts for: the view of them its report on disk was made with (null: unknown), and the
 * view they give now. Its line keys are not held between counting and reading back: kept for every article until the
 * counts were read back, they were 0.6 KB an article of the main thread's heap (60 MB at 100,000 articles); they are
 * read again from the index, a batch of articles at a time, and let go once the article's view is taken.
 */
export interface CountedInput {
  view: string | null
  now: string
}

export interface SharedCorpus {
  /** The counts of every line the `reading` articles print, over every article the index has counted. */
  lines: CountedLines
  /** The `reading` articles, as counted. */
  articles: Map<string, CountedInput>
}

/** Articles counted and compared with the index at once: bounds what a run holds of a large corpus between two writes. */
const COUNT_BATCH = 500
/** Line keys looked up at once (by default). */
const LOOKUP_BATCH = 5000

/**
 * Adds the inputs to the index's corpus counts (an article counted the same
 * before is left as it is, one whose text or outlet changed replaces its
 * earlier count) and reads back the counts of the lines the `reading`
 * articles print, keeping those of lines printed often enough for a corpus
 * rule (`views.least`), and each reading article's view of them. With
 * `forgetViews`, their recorded views are cleared first: they are about to
 * be analysed again.
 */
export async function sharedCorpusLines(
  store: ReuseStore,
  counted: CountedBatches,
  reading: ReadonlySet<string>,
  options: {views: CorpusViewRange; forgetViews: boolean; lookupBatch?: number}
): Promise<SharedCorpus> {
  // The reading articles, in the order counted, with the views their reports were made with.
  const readingArticles: Array<{id: string; view: string | null}> = []
  const outletOf = new Map<string, string>()
  let batch: CountedArticle[] = []
  const flush = async () => {
    const stored = await store.counted(batch.map((article) => article.id))
    const changed = new Set(
      batch.filter((article) => {
        const before = stored.get(article.id)
        return !before || before.outlet !== article.outlet || before.keys.join() !== article.keys.join()
      })
    )
    await store.count([...changed])
    const forgotten: Array<{id: string; view: null}> = []
    for (const article of batch) {
      if (!reading.has(article.id)) continue
      const before = stored.get(article.id)
      readingArticles.push({id: article.id, view: changed.has(article) ? null : (before?.view ?? null)})
      outletOf.set(article.id, article.outlet)
      if (options.forgetViews && before?.view) forgotten.push({id: article.id, view: null})
    }
    await store.setViews(forgotten)
    batch = []
  }
  for await (const articles of counted) {
    for (const article of articles) batch.push(article)
    if (batch.length >= COUNT_BATCH) await flush()
  }
  await flush()
  // The counts are read back a batch of keys at a time, and kept only for lines printed often enough for a corpus rule
  // (as in `countCorpusLines`). Most lines of a corpus are printed once: holding every line's counts until the end
  // took the heap to 585 MB at 100,000 generated articles, the run's peak.
  const lines = new Map<number, LineCounts>()
  const corpus: CountedLines = {outletOf, lines}
  const articles = new Map<string, CountedInput>()
  let wanted = new Set<number>()
  // Articles whose keys are all in `wanted` or in `lines`: their views are taken once `wanted` is looked up.
  let waiting: Array<CountedArticle & {view: string | null}> = []
  const lookUp = async () => {
    for (const row of await store.lineCounts([...wanted])) {
      if (row.articles >= options.views.least) lines.set(row.key, {outlets: row.outlets, named: new Map(row.named)})
    }
    wanted = new Set()
    for (const article of waiting) articles.set(article.id, {view: article.view, now: corpusView(corpus, article, options.views.least, options.views.most)})
    waiting = []
  }
  for (let start = 0; start < readingArticles.length; start += COUNT_BATCH) {
    const chunk = readingArticles.slice(start, start + COUNT_BATCH)
    // Every reading article is in the index now, as counted above.
    const stored = await store.counted(chunk.map((article) => article.id))
    for (const {id, view} of chunk) {
      const article = {id, outlet: outletOf.get(id)!, keys: stored.get(id)?.keys ?? [], view}
      waiting.push(article)
      // A line kept already has its counts; a rare one is printed by too few articles to be asked for twice.
      for (const key of article.keys) if (!lines.has(key)) wanted.add(key)
      if (wanted.size >= (options.lookupBatch ?? LOOKUP_BATCH)) await lookUp()
    }
  }
  await lookUp()
  return {lines: corpus, articles}
}
