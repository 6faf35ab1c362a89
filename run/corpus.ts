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
  countCorpusLines,
  countedArticle,
  type CorpusArticle,
  type CountedLines,
  type CorpusViewRange,
  type CountedArticle,
  type LineCounts
} from '../pipeline/generic/corpus.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {readInput, type InputFile} from './inputs.ts'

/**
 * Counts the lines of input files, as the corpus runner's first pass. Files
 * that cannot be read or decoded are left out; the main pass reports them.
 */
export function countCorpusFiles(inputs: readonly InputFile[], limits: InputLimits, outlets: readonly Outlet[] = [], keepFrom = 1): CountedLines {
  return countCorpusLines(decodedArticles(inputs, limits), outlets, keepFrom)
}

function* decodedArticles(inputs: readonly InputFile[], limits: InputLimits): Generator<CorpusArticle> {
  for (const input of inputs) {
    try {
      yield {id: input.relative, text: decodeInput(input.bytes ?? readInput(input), limits).text}
    } catch {}
  }
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
  inputs: readonly InputFile[],
  reading: ReadonlySet<string>,
  options: {limits: InputLimits; outlets: readonly Outlet[]; views: CorpusViewRange; forgetViews: boolean; lookupBatch?: number}
): Promise<SharedCorpus> {
  // The reading articles, in the order counted, with the views their reports were made with.
  const counted: Array<{id: string; view: string | null}> = []
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
      counted.push({id: article.id, view: changed.has(article) ? null : (before?.view ?? null)})
      outletOf.set(article.id, article.outlet)
      if (options.forgetViews && before?.view) forgotten.push({id: article.id, view: null})
    }
    await store.setViews(forgotten)
    batch = []
  }
  for (const article of decodedArticles(inputs, options.limits)) {
    batch.push(countedArticle(article, options.outlets))
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
  for (let start = 0; start < counted.length; start += COUNT_BATCH) {
    const chunk = counted.slice(start, start + COUNT_BATCH)
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
