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
  type CorpusLines,
  type CountedLines,
  type CorpusViewRange,
  type CountedArticle,
  type LineCounts
} from '../pipeline/generic/corpus.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {readInput, type InputFile, type InputSequence, type Positions} from './inputs.ts'
import {OutletsByPosition, ViewsByPosition} from './positions.ts'

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
export function* countedHere(inputs: InputSequence, limits: InputLimits, outlets: readonly Outlet[] = []): Generator<CountedArticle[]> {
  for (let start = 0; start < inputs.length; start += COUNTED_AT_ONCE) yield countedBatch(inputs.slice(start, start + COUNTED_AT_ONCE), limits, outlets)
}

/** The line counts of a run without an index, as the corpus runner's first pass: lines printed by `keepFrom` articles or more. */
export async function countCorpusFiles(counted: CountedBatches, keepFrom = 1): Promise<CountedLines> {
  const counter = new LineCounter()
  for await (const batch of counted) for (const article of batch) counter.add(article)
  return counter.counted(keepFrom)
}

/**
 * What the counts give the articles a run reads them for, by their positions in the `reading` order: the lines they
 * print with the counts of the whole corpus, each article's outlet, and two views of the counts (`corpusView`): the one
 * its report on disk was made with (none: unknown) and the one they give now (none: the article was not counted). Held
 * by position in typed arrays and buffers: maps and objects by id, one of each an article from the count to the
 * pipeline's start, were the main thread's largest transient of a large run (about 0.3 KB an article).
 */
export interface SharedCorpus {
  lines: CorpusLines & {outletOf: OutletsByPosition}
  then: ViewsByPosition
  now: ViewsByPosition
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
 * rule (`views.least`), and each reading article's views of them. With
 * `forgetViews`, their recorded views are cleared first: they are about to
 * be analysed again.
 */
export async function sharedCorpusLines(
  store: ReuseStore,
  counted: CountedBatches,
  reading: Positions,
  options: {views: CorpusViewRange; forgetViews: boolean; lookupBatch?: number}
): Promise<SharedCorpus> {
  const outletOf = new OutletsByPosition(reading)
  const then = new ViewsByPosition(reading.length)
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
      const position = reading.position(article.id)
      if (position === undefined) continue
      const view = stored.get(article.id)?.view
      // A view of another form than this version makes is one no report of this version was made with: none known.
      if (!changed.has(article) && view && ViewsByPosition.isView(view)) then.set(position, view)
      outletOf.set(position, article.outlet)
      if (options.forgetViews && view) forgotten.push({id: article.id, view: null})
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
  const corpus = {outletOf, lines}
  const now = new ViewsByPosition(reading.length)
  let wanted = new Set<number>()
  // Articles whose keys are all in `wanted` or in `lines`: their views are taken once `wanted` is looked up.
  let waiting: Array<{position: number; article: CountedArticle}> = []
  const lookUp = async () => {
    for (const row of await store.lineCounts([...wanted])) {
      if (row.articles >= options.views.least) lines.set(row.key, {outlets: row.outlets, named: new Map(row.named)})
    }
    wanted = new Set()
    for (const {position, article} of waiting) now.set(position, corpusView(corpus, article, options.views.least, options.views.most))
    waiting = []
  }
  for (let start = 0; start < reading.length; start += COUNT_BATCH) {
    // Every reading article that could be read is in the index now, as counted above.
    const chunk: Array<{position: number; id: string; outlet: string}> = []
    for (let position = start; position < Math.min(start + COUNT_BATCH, reading.length); position++) {
      const outlet = outletOf.at(position)
      if (outlet !== undefined) chunk.push({position, id: reading.id(position), outlet})
    }
    const stored = await store.counted(chunk.map(({id}) => id))
    for (const {position, id, outlet} of chunk) {
      const article = {id, outlet, keys: stored.get(id)?.keys ?? []}
      waiting.push({position, article})
      // A line kept already has its counts; a rare one is printed by too few articles to be asked for twice.
      for (const key of article.keys) if (!lines.has(key)) wanted.add(key)
      if (wanted.size >= (options.lookupBatch ?? LOOKUP_BATCH)) await lookUp()
    }
  }
  await lookUp()
  return {lines: corpus, then, now}
}
