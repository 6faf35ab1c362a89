/**
 * A corpus run: every input through the pipeline, a JSON report and its
 * Markdown twin per article under the output folder (or the reports as
 * JSON Lines files of many articles), written atomically.
 */
import {existsSync, readFileSync, rmSync, statSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import {join} from 'node:path'
import {VFile} from 'vfile'
import {createProcessor, loadPipelineData, type PipelineData} from '../pipeline/index.ts'
import {openLinkStep, settleCorpusStatistics, type LinkDrafts, type LinkResult, type ReportShelf} from '../link/index.ts'
import {linkDrafter, type LinkDraftSettings} from '../link/drafts.ts'
import {unlinkedReport} from '../link/unlinked.ts'
import {reuseLinker} from '../link/reuse/linker.ts'
import {translationLinker} from '../link/translation/linker.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {addDecisionMessages, processArticle} from './article.ts'
import type {CorpusLines, CorpusViewRange, CountedLines} from '../pipeline/generic/corpus.ts'
import {COUNTED_AT_ONCE, countCorpusFiles, countedHere, sharedCorpusLines, type CountedBatches, type SharedCorpus} from './corpus.ts'
import {DEFAULT_LIMITS} from '../core/decode.ts'
import {assertOutputsApart, InputList, InputOrder, inShard, resolveInputs, UsageError, type InputFile, type InputSequence, type Positions} from './inputs.ts'
import {InputMarks, OutletsByPosition, type ViewsByPosition} from './positions.ts'
import type {MarkdownOptions} from '../render/markdown.ts'
import {LinksRead, readReuseFile, writeReuseFile} from '../link/reuse/clusters.ts'
import {openStore} from '../link/reuse/open.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {reportWriters, runInWorkers, WorkerPool, type Keep, type ReportWriters} from './workers.ts'
import {holdsJsonl, JsonlReports} from './jsonl-reports.ts'
import {replaceFile} from '../core/replace-file.ts'
import {scratchFolder} from '../core/scratch-folder.ts'
import {timed} from '../core/stage-clock.ts'
import {eachWithinBudget, failForTimeBudget} from '../core/rules/budget.ts'
import {loadReuseConfig, reuseThresholds} from '../link/reuse/config.ts'
import {wordForm} from '../link/reuse/tokens.ts'
import {returnsResult, type ArticleResult, type PartialRun, type PipelineWrites, type RunOptions, type RunResult} from './options.ts'
import {
  jsonText,
  readWrittenReport,
  reportFiles,
  reportPaths,
  writeHeldJson,
  writeHeldReport,
  writeJsonReport,
  writeMarkdownTwin,
  writeReport,
  type TwinWriting
} from './write-report.ts'
import {HeldReports, hasRoom, heldRoom, takeRoom} from './held-reports.ts'
import {anchorVocabulary, loadTranslationConfig} from '../link/translation/config.ts'

export type {ArticleResult, PartialRun, RunOptions, RunResult} from './options.ts'
export {writeReport}

/**
 * Runs the pipeline over a corpus, then the link step over the reports it
 * wrote (with an index): every article is analysed once.
 *
 * @throws {UsageError} when an input matches no file.
 * @throws {DataFileError} when a rule file is malformed.
 */
export async function runCorpus(options: RunOptions): Promise<RunResult> {
  const data = options.data ?? loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const found = foundInputs(options)
  const only = options.only && new Set(options.only)
  // The list found when the run takes all of it: a copy would be one more slot an article for the whole run.
  const inputs =
    options.shard || only ? found.filter((input) => (!options.shard || inShard(input, options.shard)) && (!only || only.has(input.relative))) : found
  if (options.jsonl) refuseJsonl(options)
  const store = options.index === undefined ? undefined : await openStore(options.index)
  let scratch: string | undefined
  let writers: ReportWriters | undefined
  let writerThreads = 0
  let jsonl: JsonlReports | undefined
  let link: RunLink | undefined
  let admission: ReturnType<typeof inInputOrder> | undefined
  let pool: WorkerPool | undefined
  // Per-article reports wait in memory for the link step, which writes them once, while the budget has room.
  const held =
    options.out && !options.jsonl && !options.finalize && options.heldReportBytes !== 0 ? new HeldReports(heldRoom(options.heldReportBytes)) : undefined
  // The link step writes the reports it patches on as many threads as the run analysed them on. The threads start
  // with its first write, once the linkers have linked: their heaps are not held beside what linking reads.
  const allowWriters = (threads: number) => {
    writerThreads = threads
  }
  const startedWriters = () => {
    if (!writers && options.out && !options.jsonl && writerThreads > 1)
      writers = reportWriters(writerThreads, {
        out: options.out,
        agencyNames: data.agencies.agencies.map((agency) => [agency.id, agency.name]),
        markdown: options.markdown !== false
      })
    return writers
  }
  try {
    // Without an output folder, the reports wait for the link step in memory, or (a run that keeps none) in a scratch folder.
    scratch = !options.out && options.retain === false ? scratchFolder('wiretrace-reports-') : undefined
    // Reports this process wrote are read back without validating them again; any other is validated. Marked `twinless`:
    // the run's reports whose Markdown twin waits for the link step, which writes it once with the report's links.
    const marks = new InputMarks(inputs)
    jsonl = options.out && options.jsonl ? new JsonlReports(options.out, marks.order, options.jsonl.batch) : undefined
    const shelf =
      jsonl ??
      (options.out
        ? folderShelf(options.out, twinWriting(options, data, options.out), startedWriters, marks, held)
        : scratch
          ? scratchShelf(scratch)
          : memoryShelf())
    const limits = options.limits ?? DEFAULT_LIMITS
    const views = viewRange(data)
    if (options.finalize) {
      if (!store || !options.out) throw new UsageError('finalizing needs the index and the folder of reports')
      if (holdsJsonl(options.out))
        throw new UsageError(
          `${options.out} holds JSON Lines reports: reuse --finalize patches the per-article reports that sharded runs write, and a JSON Lines run links its own`
        )
      // The reports in the folder, told by their files: each is read when the step takes it in and again to patch it,
      // and reading every one first only to tell it was there made a third read.
      const out = options.out
      const ids = inputs.ids().filter((id) => existsSync(reportPaths(out, id)[0]))
      const reading = InputOrder.of(ids)
      const shared = await timed('corpus statistics', () =>
        sharedCorpusLines(store, countedHere(found, limits, data.rules.outlets), reading, {views, forgetViews: false})
      )
      // Reports made with part of the corpus counts are analysed again with all of them, before linking.
      const reanalysed = await timed('settle corpus statistics', () =>
        settleCorpusStatistics(store, viewsNowAndThen(reading, shared), (unsettled) => {
          const chosen = unsettled.map((id) => marks.input(id)!)
          const threads = threadCount(options, chosen.length)
          const again = {...options, finalize: false, retain: false}
          return threads > 1 ? runInWorkers(again, chosen, shared.lines, threads) : Promise.resolve(processAll(again, data, chosen, shared.lines))
        })
      )
      allowWriters(threadCount(options, inputs.length))
      const linked = await linkReports(options, data, store, shelf, ids)
      const unreadable = new Set(linked.unreadable)
      const changed = new Set([...linked.patched, ...reanalysed])
      const articles = [...inputs.filter((input) => changed.has(input.relative))].map((input) => finalizedResult(input, shelf, options))
      return {
        articles,
        reported: articles.map((article) => article.input.relative),
        failed: linked.unreadable.length,
        skipped: found.length - articles.length,
        reanalysed: reanalysed.length,
        linked: unreadable.size === 0 ? ids : ids.filter((id) => !unreadable.has(id)),
        unreadable: linked.unreadable,
        unreported: inputs.length - ids.length
      }
    }
    // The view of the counts each report is made with, by input position, taken before the pipeline runs: until the reports
    // are written the run holds a short hash per article, not every line key of every article (about 0.9 KB an article).
    let viewOf: ViewsByPosition | undefined
    let corpus: CorpusLines
    const workers = threadCount(options, inputs.length)
    if (workers > 1 && options.index === ':memory:')
      throw new UsageError('an in-memory index cannot be shared by worker threads; give --index a file or a postgres:// URL')
    // The workers start before the corpus is counted, and count it: the main thread adds up what they count.
    pool = workers > 1 ? new WorkerPool(options, workers) : undefined
    const counted = pool ? pool.count(found, COUNTED_AT_ONCE) : countedHere(found, limits, data.rules.outlets)
    if (store) ({lines: corpus, viewOf} = await countedWithViews(store, counted, marks, views))
    else corpus = forThreads(await timed('corpus first pass', () => countCorpusFiles(counted, views.least)), marks, workers)
    const files = jsonl
    // The link step takes each report in as soon as it is written, in input order, while the workers go on with the others.
    const opened = await openLink(options, data, store, shelf)
    link = opened
    const admitting = inInputOrder(marks, opened.admit)
    admission = admitting
    // The link step goes over every report of the run, so a per-article report's Markdown twin is written there, once.
    const twinsLater = options.out !== undefined && !files && options.markdown !== false
    // On one thread the drafts are read here, from the report still in memory, as a worker reads those of its reports.
    const drafter = pool ? undefined : linkDrafter(opened.drafts)
    const keep: Keep = (result, sent) => {
      const drafts = sent?.drafts ?? (result.report && drafter?.(result.report))
      const id = result.input.relative
      const line = sent?.line
      if (files) {
        files.add(id, result.report, line)
        if (result.report || line !== undefined) result.written = [files.fileOf(id)]
      } else if (!options.out && result.report) shelf.write(id, result.report)
      if (sent?.held) held?.hold(id, sent.held)
      if (result.failed) return admitting.skip(id)
      if (twinsLater) marks.add(id, 'twinless')
      // Read when its turn comes, from the shelf: a report waits on disk, or as the line its JSON Lines file waits for.
      admitting.take(
        id,
        () => {
          marks.add(id, 'own')
          return shelf.read(id)
        },
        drafts
      )
    }
    const writes = {twinsLater, ...(held ? {room: held.room} : {})}
    const first = pool ? await pool.analyse(inputs, corpus, keep, writes, opened.drafts) : processAll(options, data, inputs, corpus, keep, true, writes)
    // The workers have ended their work: their threads are let go before the link step starts. A worker's heap (70–80 MB)
    // stayed resident while its thread wound down, and the link step's first allocations on this thread overlapped it: in
    // one 100,000-article run the resident set went from 405 to 478 MB in the 1.3 s they overlapped.
    await pool?.close()
    files?.finish()
    await admitting.done()
    const skipped = found.length - inputs.length
    // Every input gives a result, and a failed one is always among those returned: the others are reported.
    const failures = first.articles.filter((article) => article.failed)
    const failedIds = new Set(failures.map((article) => article.input.relative))
    const failed = failures.length
    // The inputs' own list when none failed: a copy would be held through the link step (8 bytes an article).
    const reported = failed === 0 ? inputs.ids() : inputs.ids().filter((id) => !failedIds.has(id))
    for (const id of reported) marks.add(id, 'own')
    // The view of the counts each report was made with, recorded once the report is written: `reuse --finalize` compares it with the counts then.
    if (store && viewOf) {
      const known = viewOf
      // A share at a time: a record for every article at once was some 5 MB of the main thread's heap at 100,000 articles,
      // made just before the link step. A run killed between two shares leaves the rest unrecorded, as one killed before the first did.
      for (let start = 0; start < reported.length; start += VIEWS_AT_ONCE)
        await store.setViews(
          reported.slice(start, start + VIEWS_AT_ONCE).flatMap((id) => {
            const view = known.get(marks.position(id)!)
            return view === undefined ? [] : [{id, view}]
          })
        )
    }
    allowWriters(workers)
    await timed('link step', () => opened.finish())
    // Retained results carry the report as linked, not as the pipeline left it.
    if (options.retain !== false) {
      for (const article of first.articles) {
        if (article.failed) continue
        article.report = shelf.read(article.input.relative) ?? article.report
        article.file.data.report = article.report
      }
    }
    return {articles: first.articles, reported, ...(files ? {jsonlFiles: new Set(reported.map((id) => files.fileOf(id))).size} : {}), failed, skipped}
  } finally {
    // A run that failed during the pipeline lets the admissions under way end before the index closes.
    await admission?.done().catch(() => undefined)
    await pool?.close()
    // A run that failed before its link step wrote them leaves the reports it held on disk, as the pipeline would have.
    if (held && options.out) for (const [id, json] of held.drain()) writeHeldJson(options.out, id, json)
    await link?.close()
    await writers?.close()
    jsonl?.close()
    await store?.close()
    if (scratch) rmSync(scratch, {recursive: true, force: true})
  }
}

/**
 * The run's inputs counted into the index's corpus counts, and the counts their reports are made with: the repeated
 * lines, and each input's view of them by input position. What the count holds besides (the views the reports on disk
 * were made with) lives in this function's frame alone: held in `runCorpus`'s, which stays suspended until the run
 * ends, it would be kept through the whole pipeline.
 */
async function countedWithViews(
  store: ReuseStore,
  counted: CountedBatches,
  marks: InputMarks,
  views: CorpusViewRange
): Promise<{lines: CorpusLines; viewOf: ViewsByPosition}> {
  const shared = await timed('corpus statistics', () => sharedCorpusLines(store, counted, marks.order, {views, forgetViews: true}))
  return {lines: shared.lines, viewOf: shared.now}
}

/** Each counted article of `reading` with the view its report was made with and the one the counts give now. */
function* viewsNowAndThen(reading: Positions, shared: SharedCorpus): Generator<[string, {view: string | null; now: string}]> {
  for (let position = 0; position < reading.length; position++) {
    const now = shared.now.get(position)
    if (now !== undefined) yield [reading.id(position), {view: shared.then.get(position) ?? null, now}]
  }
}

/**
 * The counts as the run holds them through the pipeline: on worker threads, each input's outlet by input position
 * (`OutletsByPosition`), where the map of every counted article's outlet was about 110 bytes an article of the main
 * thread's heap; in this thread, as counted, the pipeline reading them here.
 */
function forThreads(counted: CountedLines, marks: InputMarks, workers: number): CorpusLines {
  return workers > 1 ? {lines: counted.lines, outletOf: OutletsByPosition.of(marks.order, counted.outletOf)} : counted
}

/**
 * Inputs a worker thread must have before `workers: 'auto'` starts it. A thread loads the rules and compiles their
 * patterns before its first article, which costs as much CPU as analysing a few hundred articles: 100 new articles
 * took twice the CPU on two threads as on one (11.1 against 5.5 s), and longer in wall time.
 */
export const ARTICLES_PER_WORKER = 250

/** The views of the counts recorded in the index at once, at the end of the pipeline. */
const VIEWS_AT_ONCE = 10_000

/**
 * The threads a run of `articles` inputs analyses them on (and writes patched reports on): the number asked for, at
 * most one per input; with `'auto'`, one per `ARTICLES_PER_WORKER` inputs up to the number of cores, and one with an
 * in-memory index, which threads cannot share.
 */
export function threadCount(options: Pick<RunOptions, 'workers' | 'index'>, articles: number): number {
  const asked =
    options.workers === 'auto'
      ? options.index === ':memory:'
        ? 1
        : Math.min(availableParallelism(), Math.ceil(articles / ARTICLES_PER_WORKER))
      : (options.workers ?? 1)
  return Math.max(1, Math.min(asked, articles))
}

/**
 * JSON Lines files are numbered by the run's input positions and hold only the run's reports, so two runners cannot
 * share a folder of them, and the link step alone has no run to number them by.
 *
 * @throws {UsageError} for a sharded or finalizing run, or one without an output folder.
 */
function refuseJsonl(options: RunOptions): void {
  if (options.shard)
    throw new UsageError(
      "JSON Lines reports are numbered by the run's inputs, so sharded runners would overwrite each other's files; shard with per-article reports (--format json)"
    )
  if (options.finalize) throw new UsageError('reuse --finalize patches the per-article reports that sharded runs write; a JSON Lines run links its own reports')
  if (!options.out) throw new UsageError('JSON Lines reports need a folder to go to (--out)')
  if (!Number.isSafeInteger(options.jsonl!.batch) || options.jsonl!.batch < 1)
    throw new UsageError('a JSON Lines batch is a whole number of articles, 1 or more')
}

/**
 * The counts at which the generic stage's corpus rules fire, per-outlet
 * tuning included: `least`, the smallest (rarer lines need not be kept),
 * and `most`, the largest (a count past it tells a rule nothing more).
 */
function viewRange(data: PipelineData): CorpusViewRange {
  const thresholds = [data.generic.thresholds, ...[...data.generic.outlets.values()].map((tuning) => tuning.thresholds ?? {})]
  const counts = thresholds.flatMap((set) => [set.templateArticles, set.stockOutlets].filter((value): value is number => value !== undefined))
  return {least: Math.max(1, Math.min(...counts)), most: Math.max(1, ...counts)}
}

/** The run's link step, open while the pipeline runs: the reports are admitted one by one, in the run's order. */
interface RunLink {
  /** As `LinkStep.admit`: `asWritten` when the report is the one this run's pipeline wrote. */
  admit(id: string, read: () => Report | undefined, asWritten: boolean, drafts?: LinkDrafts): Promise<void>
  /**
   * Links and patches (reuse through the index, when there is one; translations among the run's articles), then updates
   * the clusters in `reuse.json`.
   */
  finish(): Promise<LinkResult>
  /** What a worker thread needs to read what the linkers read of its reports, so the main thread only takes it in. */
  drafts: LinkDraftSettings
  /** Closes what the step opened (the linkers' scratch files, the store of a run without an index); called once the run ends, however it ends. */
  close(): Promise<void>
}

/** A report the pipeline wrote, as the link step takes it in: how to read it, and what the linkers read of it already. */
interface Arrival {
  read: () => Report | undefined
  drafts: LinkDrafts | undefined
}

/**
 * Admits the run's reports to the link step in input order, whatever order the workers finish them in, one at a time:
 * each is read when its turn comes, so a report waits on disk (or as its JSON line), not in memory. `done` settles
 * once every input is taken or skipped and the last report admitted, or with the first admission that failed.
 */
function inInputOrder(marks: InputMarks, admit: RunLink['admit']) {
  const {inputs} = marks
  // The arrivals ahead of the next input to admit, by position (null for a failed article): the workers report a few
  // batches out of order, so this stays small, where a list of every input's arrival grew with the run.
  const waiting = new Map<number, Arrival | null>()
  let next = 0
  let admitted = Promise.resolve()
  const arrive = (id: string, arrival: Arrival | null) => {
    waiting.set(marks.position(id)!, arrival)
    for (let take = waiting.get(next); take !== undefined; take = waiting.get(next)) {
      waiting.delete(next)
      const nextId = inputs.id(next++)
      if (!take) continue
      admitted = admitted.then(() => admit(nextId, take.read, true, take.drafts))
      // Awaited in `done`; handled here so a failure is not reported as unhandled before then.
      admitted.catch(() => undefined)
    }
  }
  return {
    take: (id: string, read: () => Report | undefined, drafts?: LinkDrafts) => arrive(id, {read, drafts}),
    skip: (id: string) => arrive(id, null),
    done: () => admitted
  }
}

/** Opens the link step over the run's reports. */
async function openLink(options: RunOptions, data: PipelineData, store: ReuseStore | undefined, shelf: ReportShelf): Promise<RunLink> {
  const reuse = options.reuse ?? {}
  const settings = loadReuseConfig(options.rules ?? [])
  // A sharded runner leaves its reports to `reuse --finalize`, which admits every report of the corpus in input order:
  // a story's root and the copies aligned pair by pair are then those of one process over the corpus, not those of
  // whichever runner admitted a copy first.
  const linker =
    store && !options.shard
      ? reuseLinker({...reuse, thresholds: reuse.thresholds ?? reuseThresholds(settings), window: settings.window, form: wordForm(settings.clitics)})
      : undefined
  const translation = loadTranslationConfig(options.rules ?? [])
  const copies = linker && store ? (id: string) => linker.links(store, id) : undefined
  const vocabulary = anchorVocabulary(translation, data.calendar)
  const linkers = [...(linker ? [linker] : []), translationLinker({config: translation, vocabulary, copies})]
  // Without an index the step still links translations; its pending marks live in a store that lasts the run.
  const linkStore = store ?? (await openStore(':memory:'))
  const step = openLinkStep(linkers, {store: linkStore, shelf, config: data.config, registry: data.agencies})
  return {
    drafts: {vocabulary, reuse: linker !== undefined},
    admit(id, read, asWritten, drafts) {
      return step.admit(id, read, asWritten, drafts)
    },
    async finish() {
      // A folder of JSON Lines files holds one run's reports, so its clusters are that run's; a folder of per-article
      // reports gathers the runs over it, so it keeps the clusters of articles this run does not read again.
      const {out} = options
      let pairs: LinksRead | undefined
      if (out && linker) {
        pairs = new LinksRead(options.jsonl ? undefined : readReuseFile(out))
        linker.gatherPairs(pairs)
      }
      const result = await step.finish()
      if (out && pairs && store) {
        // Which articles are copies of which root is the index's to say: read once, for the clusters the step makes.
        await timed('link step: clusters', async () => writeReuseFile(out, pairs.clusters(await store.rootsOf(pairs.articles()))))
      }
      // The patched ids as the step lists them: only `reuse --finalize` needs a set of them and makes its own, where one
      // made here would be built at the end of every run (about half of a run's articles).
      return result
    },
    async close() {
      step.close()
      if (!store) await linkStore.close()
    }
  }
}

/** The link step over reports already written: each is admitted, then linked. Names the reports that could not be read. */
async function linkReports(
  options: RunOptions,
  data: PipelineData,
  store: ReuseStore | undefined,
  shelf: ReportShelf,
  ids: string[]
): Promise<LinkResult & {unreadable: string[]}> {
  const link = await openLink(options, data, store, shelf)
  const unreadable: string[] = []
  try {
    for (const [index, id] of ids.entries()) {
      await link.admit(
        id,
        () => {
          const report = shelf.read(id)
          if (!report) unreadable.push(id)
          return report
        },
        false
      )
      options.onAdmitted?.(index + 1, ids.length)
    }
    return {...(await timed('link step', () => link.finish())), unreadable}
  } finally {
    await link.close()
  }
}

/**
 * Reports in a folder, read on demand: nothing of an article stays in memory
 * once its report is written, and a report the run holds (`held`, up to its
 * budget) is read from memory until the link step writes it. Given writer
 * threads, patched reports are rendered and written there, and so are the
 * held reports and the Markdown twins the pipeline left to the link step
 * (`twinless`).
 */
function folderShelf(out: string, twin: TwinWriting, writers: () => ReportWriters | undefined, marks: InputMarks, held: HeldReports | undefined): ReportShelf {
  // A twin shows the paragraphs of a report's translations from the partner's report on disk, and a writer thread may
  // render a partner's twin at any moment: a held report with translations, and its partners still held, go to disk at
  // once, as the pipeline would have written them.
  const translationsOnDisk = (id: string, report: Report | undefined) => {
    if (!held || !report || twin === false) return
    let translated = false
    for (const block of report.blocks) {
      for (const {article} of block.translations) {
        translated = true
        const json = held.release(article)
        if (json) writeHeldJson(out, article, json)
      }
    }
    const own = translated ? held.release(id) : undefined
    if (own) writeHeldJson(out, id, own)
  }
  return {
    holdsCorpus: true,
    read(id) {
      const text = held?.text(id)
      return text === undefined ? readWrittenReport(out, id, !marks.has(id, 'own')) : (JSON.parse(text) as Report)
    },
    write(id, report) {
      translationsOnDisk(id, report)
      held?.release(id)
      marks.add(id, 'own')
      marks.delete(id, 'twinless')
      const threads = writers()
      if (threads) return threads.write(id, report)
      writeReport(out, marks.input(id) ?? {relative: id}, report, twin)
    },
    keepUnchanged(id, report) {
      translationsOnDisk(id, report)
      const json = held?.release(id)
      if (json) {
        marks.delete(id, 'twinless')
        const threads = writers()
        if (threads) return threads.writeHeld(id, json)
        return writeHeldReport(out, id, json, twin)
      }
      // Only reports whose twin waits are marked, and a run without twins marks none.
      if (!marks.delete(id, 'twinless') || twin === false) return
      const threads = writers()
      if (threads) return threads.writeTwin(id)
      writeMarkdownTwin(out, id, twin)
    }
  }
}

/** Reports in a scratch folder, JSON only, for the link step of a run that keeps none: none of them waits in memory. */
function scratchShelf(dir: string): ReportShelf {
  const path = (id: string) => join(dir, `${encodeURIComponent(id)}.json`)
  return {
    holdsCorpus: false,
    read(id) {
      try {
        return JSON.parse(readFileSync(path(id), 'utf8')) as Report
      } catch {
        return undefined
      }
    },
    write(id, report) {
      replaceFile(path(id), JSON.stringify(report))
    }
  }
}

/** The run's reports in memory, for a run that writes none (the library API, `check` without `--out`). */
function memoryShelf(): ReportShelf {
  const reports = new Map<string, Report>()
  return {holdsCorpus: false, read: (id) => reports.get(id), write: (id, report) => void reports.set(id, report)}
}

function finalizedResult(input: InputFile, shelf: ReportShelf, options: RunOptions): ArticleResult {
  const report = options.retain === false ? undefined : shelf.read(input.relative)
  return {
    input,
    file: new VFile({path: input.display}),
    report,
    failed: false,
    hasMessages: false,
    written: reportFiles(options.out!, input.relative, options.markdown !== false)
  }
}

/** The run's inputs, checked against its output folder: the list resolved is let go once its inputs are held in an `InputList`. */
function foundInputs(options: RunOptions): InputList {
  const found = resolveInputs(options.inputs, process.cwd(), options.selection)
  if (options.out) assertOutputsApart(found, options.out)
  return InputList.of(found)
}

/**
 * Runs the pipeline over some inputs in this thread; `keep` takes each
 * report a run without an output folder links later, or a run writing JSON
 * Lines puts in its files. A worker thread, whose
 * results go to the main thread one by one, passes `collect: false` and
 * keeps none of them. With `twinsLater`, each report is written as JSON
 * alone: the link step that follows writes its Markdown twin once its links
 * are known (rendering a twin the patch would replace cost as much as a
 * stage for every report the link step patches). With `room`, a per-article
 * report is not written while the budget has room for it: `keep` takes its
 * JSON to hold for the link step (run/held-reports.ts).
 */
export function processAll(
  options: RunOptions,
  data: PipelineData,
  inputs: InputSequence,
  corpus: CorpusLines,
  keep?: Keep,
  collect = true,
  {twinsLater = false, room}: PipelineWrites = {}
): PartialRun {
  const processor = createProcessor(data, {corpus, limits: options.limits ?? DEFAULT_LIMITS})
  const articles: ArticleResult[] = []
  const twin = twinWriting(options, data)
  // User patterns run under the time budget (see `createProcessor`); the watchdog bounds a whole article.
  const budgetMs = data.rules.userPatterns ? data.rules.timeBudgetMs : undefined
  const timedOut = (input: InputFile, articleBudgetMs: number) => {
    const file = new VFile({path: input.display})
    failForTimeBudget(file, articleBudgetMs)
    return file
  }
  eachWithinBudget(
    inputs,
    budgetMs,
    inputSize,
    (input) => processArticle(processor, input),
    timedOut,
    (input, file, index) => {
      // The link step follows: a report is written as the step leaves one that gains no link, so only those that gain one are read again.
      if (file.data.report) file.data.report = unlinkedReport(file.data.report, data.agencies, options.index !== undefined)
      const report = file.data.report
      // JSON Lines files are written by the main thread, which takes each report through `keep`.
      const perArticle = report && options.out && !options.jsonl ? options.out : undefined
      // Serialised to be held while the budget has room; written with the same text if the room ran out meanwhile.
      const serialised = perArticle && room && keep && hasRoom(room) ? timed('serialise json', () => jsonText(report!)) : undefined
      const held = serialised === undefined ? undefined : takeRoom(room!, serialised)
      const written = !perArticle
        ? []
        : held
          ? reportFiles(perArticle, input.relative, options.markdown !== false)
          : twinsLater
            ? writeJsonReport(perArticle, input, report!, serialised)
            : writeReport(perArticle, input, report!, twin, serialised)
      if (options.messages === 'all') addDecisionMessages(file)
      const result: ArticleResult = {
        input,
        file,
        report,
        failed: report === undefined,
        get hasMessages() {
          return file.messages.length > 0
        },
        written
      }
      keep?.(result, held ? {held} : undefined)
      options.onArticle?.(result, index + 1, inputs.length)
      if (options.retain === false) {
        file.value = ''
        file.data = {}
        result.report = undefined
      }
      if (collect && returnsResult(options, result)) articles.push(result)
    }
  )
  return {articles}
}

/** How the run writes Markdown twins: not at all with `markdown: false`, else with `markdownOptions`. */
function twinWriting(options: RunOptions, data: PipelineData, out?: string): TwinWriting {
  return options.markdown === false ? false : markdownOptions(data, out)
}

/**
 * How the Markdown twins of a run name agencies: as the run's registry
 * (user folders included) names them; and, with the folder of reports, where
 * they find the other article of a translation link, to show its text.
 */
function markdownOptions(data: PipelineData, out?: string): MarkdownOptions {
  const names = new Map(data.agencies.agencies.map((agency) => [agency.id, agency.name]))
  return {agencyName: (agency) => names.get(agency) ?? agency, ...(out ? {otherReport: (id: string) => readWrittenReport(out, id)} : {})}
}

/** An input's size for its time budget: bytes, at least its characters in UTF-16 units for the scripts news is written in. */
function inputSize(input: InputFile): number {
  if (input.bytes) return input.bytes.length
  try {
    return statSync(input.absolute).size
  } catch {
    return 0
  }
}
