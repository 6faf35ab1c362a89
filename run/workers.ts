/**
 * Spreads a run over worker threads, so both cores parse and clean at once.
 * Each worker opens its own connection to the reuse index (SQLite in WAL
 * mode or PostgreSQL), where indexing is serialised by the engine's lock;
 * the order articles reach the index does not change the reports.
 */
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {Worker} from 'node:worker_threads'
import type {CorpusLines, CountedArticle} from '../pipeline/generic/corpus.ts'
import {plainInput, type InputFile, type InputSequence} from './inputs.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {returnsResult, type ArticleResult, type PartialRun, type PipelineWrites, type RunOptions} from './options.ts'
import type {WriteReply, WriteRequest, WriterTask} from './write-worker.ts'
import {addStageTimes, stageClockOn, timed, type StageTimes} from '../core/stage-clock.ts'
import {startModuleWorker} from '../core/module-worker.ts'
import {reportFiles} from './write-report.ts'
import type {LinkDrafts} from '../link/index.ts'
import type {LinkDraftSettings} from '../link/drafts.ts'
import type {HeldJson} from './held-reports.ts'

/** Options a worker can receive: plain data, no callbacks or loaded rules. */
export type WorkerRunOptions = Omit<RunOptions, 'onArticle' | 'data' | 'workers'>

export interface WorkerTask {
  options: WorkerRunOptions
}

/** What a worker needs to analyse, sent once the corpus is counted. */
export interface AnalysisTask {
  /** The corpus's repeated lines; the outlets of a batch's articles come with the batch. */
  lines: CorpusLines['lines']
  /** How the worker writes its reports, when the link step writes part of them (see `processAll`). */
  writes: PipelineWrites
  /** What the worker needs to send what the linkers read of each report (link/drafts.ts), when the run's link step admits them. */
  drafts: LinkDraftSettings | undefined
}

/**
 * What the main thread sends a worker: inputs to count for the corpus statistics; then what it analyses with, batches
 * of inputs with their articles' outlets, and the end of its work.
 */
export type WorkerInput =
  | {type: 'count'; inputs: InputFile[]}
  | ({type: 'analyse'} & AnalysisTask)
  | {type: 'batch'; inputs: InputFile[]; outletOf: Map<string, string>}
  | {type: 'end'}

/**
 * Inputs a worker is sent at once. A worker holds at most two batches (the one it analyses and the next), not its share
 * of the corpus: a share sent whole at the start held about 0.7 KB an article of it (inputs and outlets) in every worker
 * until the run ended.
 */
export const BATCH_INPUTS = 100

/**
 * Hands a run's inputs to its workers a batch at a time, in input order, each batch to the worker that asks: a worker
 * is sent its next batch when its last but one is analysed, so each holds at most `2 * batch` inputs while none waits
 * for work. Counts per worker the inputs sent and not yet reported; a worker reports its inputs in the order it was
 * sent them.
 */
export class WorkerFeed {
  private next = 0
  /** Per worker, the batches sent and not yet wholly reported, as ranges of input positions: `[from, to)`, oldest first. */
  private readonly sent: Array<Array<[from: number, to: number]>>

  constructor(
    private readonly inputs: InputSequence,
    workers: number,
    readonly batch = BATCH_INPUTS
  ) {
    this.sent = Array.from({length: workers}, () => [])
  }

  /** The batch to send `worker` now: undefined while it holds enough, or once every input is handed out. */
  take(worker: number): InputFile[] | undefined {
    if (this.held(worker) > this.batch || this.next >= this.inputs.length) return undefined
    const from = this.next
    this.next = Math.min(this.inputs.length, from + this.batch)
    this.sent[worker]!.push([from, this.next])
    return this.inputs.slice(from, this.next)
  }

  /** The position among the inputs of the input whose result `worker` has just reported: the oldest it holds. */
  reported(worker: number): number {
    const ranges = this.sent[worker]!
    const oldest = ranges[0]
    if (!oldest) throw new Error(`worker ${worker} reported more articles than it was sent`)
    const position = oldest[0]++
    if (oldest[0] === oldest[1]) ranges.shift()
    return position
  }

  /** Inputs sent to `worker` and not yet reported. */
  held(worker: number): number {
    let held = 0
    for (const [from, to] of this.sent[worker]!) held += to - from
    return held
  }

  /** True once every input is handed out and `worker` has reported all it was sent. */
  finished(worker: number): boolean {
    return this.next >= this.inputs.length && this.sent[worker]!.length === 0
  }
}

/**
 * An article's result as it crosses from a worker: the messages, not the file (the input is the main thread's own),
 * nor the paths of its reports, which the main thread spells from the input.
 */
export interface SentArticle {
  failed: boolean
  /** The report itself only when the run writes none: the link step needs it. */
  report?: Report
  /** The report as one JSON line, serialised on the worker's thread, when the run writes JSON Lines. */
  line?: string
  /** What the linkers read of the report, read on the worker's thread, when the run's link step admits it. */
  drafts?: LinkDrafts
  /** The report's JSON, transferred, when the run holds it for its link step to write (run/held-reports.ts). */
  held?: HeldJson
  messages: Array<{reason: string; ruleId: string | null; source: string | null; fatal: boolean | null; place: VFileMessage['place'] | null}>
}

export type WorkerMessage =
  | {type: 'counted'; articles: CountedArticle[]}
  | {type: 'article'; article: SentArticle}
  | {type: 'done'; stageTimes: StageTimes}
  | {type: 'error'; message: string; stack: string}

/**
 * The resource limits of each thread the runner starts: its young generation, in MB, the space where V8 puts new
 * objects and collects them by copying the survivors. In a thread that allocates fast, as a worker does, V8 grows its two semi-spaces to
 * 16 MB each (32 MB, and up to 4 MB more for large new objects); 24 MB bounds them to 8 MB each. Measured on 10,000
 * articles with two workers (and two writer threads), alternating with the unbounded build, two runs each on a
 * machine shared with other jobs: peak RSS 383 → 333 MB, CPU time 132 and 102 s unbounded against 106 and 111 s
 * bounded (no cost told apart from the noise). Bounded to 12 MB (4 MB semi-spaces) the peak fell to 314 MB, but its
 * two runs took 104 and 119 s of CPU against 93 and 92 s, the collections running more often and promoting more.
 */
const THREAD_LIMITS = {maxYoungGenerationSizeMb: 24}

/**
 * The report writers' limits: a young generation of 12 MB (4 MB semi-spaces). The writers run in the link step beside
 * the main thread, whose heap is largest then; their two young generations were 16 MB committed each. Measured on
 * 100,000 articles: the link step's resident set, sampled every second, at most 358 MB against 376, 379 and 385 MB in
 * three runs with 24 MB; the wall time 6:09 against 6:13. Over 10,000 articles, alternating, two runs each: rendering
 * the Markdown twins 10.1 and 10.0 s of thread time against 9.7 and 9.5 s (4–5% more, about 0.04 ms an article).
 */
const WRITER_LIMITS = {maxYoungGenerationSizeMb: 12}

/** Threads that render and write reports, so the link step's patched reports are written on every core. */
export interface ReportWriters {
  /** Resolves once the report is on disk. */
  write(id: string, report: Report): Promise<void>
  /** Writes the Markdown twin of a report this run wrote, rendered from its JSON on disk; resolves once the twin is. */
  writeTwin(id: string): Promise<void>
  /** Writes a report the run held, as its JSON's bytes (handed over: the caller lets go of them), with its twin. */
  writeHeld(id: string, json: HeldJson): Promise<void>
  close(): Promise<void>
}

/** Starts `count` report-writing threads for the reports under `out`. */
export function reportWriters(count: number, task: WriterTask): ReportWriters {
  const waiting = new Map<number, {resolve: () => void; reject: (error: Error) => void}>()
  const threads = Array.from({length: count}, () => {
    const worker = startModuleWorker(import.meta.url, 'write-worker', {workerData: task, resourceLimits: WRITER_LIMITS})
    const thread = {worker, inFlight: 0, ended: false}
    worker.on('exit', () => {
      thread.ended = true
    })
    worker.on('message', ({seq, error, stageTimes}: WriteReply) => {
      thread.inFlight--
      const promise = waiting.get(seq)!
      waiting.delete(seq)
      if (stageTimes) addStageTimes(stageTimes)
      if (error === undefined) promise.resolve()
      else promise.reject(new Error(error))
    })
    worker.on('error', (error) => {
      thread.ended = true
      for (const promise of waiting.values()) promise.reject(error)
      waiting.clear()
    })
    return thread
  })
  let seq = 0
  const post = (thread: (typeof threads)[number], request: WriteRequest) => {
    thread.inFlight++
    return new Promise<void>((resolve, reject) => {
      waiting.set(request.seq, {resolve, reject})
      thread.worker.postMessage(request, 'json' in request && request.json ? [request.json.buffer] : [])
    })
  }
  const send = (request: Omit<Extract<WriteRequest, {id: string}>, 'seq'>) => {
    const thread = threads.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least))
    return post(thread, {seq: ++seq, ...request})
  }
  return {
    write: (id, report) => send({id, report}),
    writeTwin: (id) => send({id}),
    writeHeld: (id, json) => send({id, json}),
    async close() {
      // With the clock on, each thread's rendering and writing joins the run's stage times before the thread ends; a
      // thread that failed rejected what it had been sent and has ended, and its clock is left out.
      const running = threads.filter((thread) => !thread.ended)
      if (stageClockOn()) await Promise.allSettled(running.map((thread) => post(thread, {seq: ++seq, stageTimes: true})))
      await Promise.all(threads.map((thread) => thread.worker.terminate()))
    }
  }
}

/**
 * Runs the inputs over `count` worker threads started for them; `keep` takes each article's result of a run that writes
 * none or writes JSON Lines, as in `processAll` (see `WorkerPool.analyse`).
 */
export async function runInWorkers(
  options: RunOptions,
  inputs: InputFile[],
  corpus: CorpusLines,
  count: number,
  keep?: Keep,
  writes: PipelineWrites = {},
  drafts?: LinkDraftSettings
): Promise<PartialRun> {
  const pool = new WorkerPool(options, count)
  try {
    return await pool.analyse(inputs, corpus, keep, writes, drafts)
  } finally {
    await pool.close()
  }
}

/** Batches of inputs a worker is sent to count and not yet counted, at most: one it counts, the next waiting. */
const COUNTING_AHEAD = 2

/**
 * A run's worker threads, started before the corpus is counted: they read and count its inputs for the corpus
 * statistics (`count`), which the main thread alone did before while the other cores waited, then analyse them with
 * the counts (`analyse`). Each loads the rules once for both.
 */
export class WorkerPool {
  private readonly threads: Array<{worker: Worker; index: number}>
  /** What the pool's current step does with a worker's message, and with a worker's failure. */
  private onMessage: (thread: number, message: WorkerMessage) => void = () => {}
  private failed: Error | undefined
  private onFailure: (error: Error) => void = () => {}

  constructor(
    private readonly options: RunOptions,
    count: number
  ) {
    const {onArticle: _onArticle, data: _loaded, workers: _count, ...plain} = options
    const task: WorkerTask = {options: {...plain, retain: false}}
    this.threads = Array.from({length: count}, (_, index) => {
      const worker = startModuleWorker(import.meta.url, 'worker', {workerData: task, resourceLimits: THREAD_LIMITS})
      worker.on('message', (message: WorkerMessage) => {
        if (message.type !== 'error') return this.onMessage(index, message)
        const error = new Error(message.message)
        error.stack = message.stack
        this.fail(error)
      })
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker stopped with exit code ${code}`))
      })
      return {worker, index}
    })
  }

  private fail(error: Error): void {
    this.failed ??= error
    this.onFailure(this.failed)
  }

  private post(thread: number, message: WorkerInput): void {
    this.threads[thread]!.worker.postMessage(message)
  }

  /**
   * The inputs counted by the workers, a batch of `COUNTED_AT_ONCE` at a time, in input order (inputs that cannot be
   * read or decoded left out). A worker is sent its next batch as it returns one, and no more batches are out than the
   * caller has taken plus a few per worker: counted articles wait for the caller, not pile up.
   */
  async *count(inputs: InputSequence, atOnce: number): AsyncGenerator<CountedArticle[]> {
    const batches = Math.ceil(inputs.length / atOnce)
    const counted = new Map<number, CountedArticle[]>()
    // Per worker, the batches sent and not yet counted, oldest first: a worker answers in the order it was sent them.
    const out = this.threads.map((): number[] => [])
    let sent = 0
    let taken = 0
    let wake: (() => void) | undefined
    const send = () => {
      for (const {index} of this.threads) {
        while (out[index]!.length < COUNTING_AHEAD && sent < batches && sent - taken < 2 * COUNTING_AHEAD * this.threads.length) {
          out[index]!.push(sent)
          this.post(index, {type: 'count', inputs: inputs.slice(sent * atOnce, (sent + 1) * atOnce).map(plainInput)})
          sent++
        }
      }
    }
    this.onMessage = (thread, message) => {
      if (message.type !== 'counted') return this.fail(new Error(`a worker sent "${message.type}" while counting`))
      counted.set(out[thread]!.shift()!, message.articles)
      send()
      wake?.()
    }
    this.onFailure = () => wake?.()
    send()
    while (taken < batches) {
      if (this.failed) throw this.failed
      const batch = counted.get(taken)
      if (!batch) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = undefined
        continue
      }
      counted.delete(taken)
      taken++
      send()
      yield batch
    }
    if (this.failed) throw this.failed
  }

  /**
   * Analyses the inputs over the workers, each batch to the worker that asks, and ends them; `keep` takes each
   * article's result of a run that writes none or writes JSON Lines, as in `processAll`, with its report (and its line,
   * serialised by the worker, for JSON Lines), and with `drafts`, what the link step's linkers read of it
   * (link/drafts.ts).
   */
  async analyse(inputs: InputSequence, corpus: CorpusLines, keep?: Keep, writes: PipelineWrites = {}, drafts?: LinkDraftSettings): Promise<PartialRun> {
    if (this.failed) throw this.failed
    const {options} = this
    const feed = new WorkerFeed(inputs, this.threads.length)
    let done = 0
    let ended = 0
    // By input position, as the feed tells each result's: in input order once every worker is done, with no sort. A run
    // that returns only the noteworthy results keeps those with their positions, sorted at the end.
    const every = options.results !== 'noteworthy'
    const articles: ArticleResult[] = every ? new Array(inputs.length) : []
    const noteworthy: Array<{position: number; result: ArticleResult}> = []
    const finished = new Array<boolean>(this.threads.length).fill(false)
    // Sends what the worker may hold now; once it has reported everything and nothing is left, its end.
    const feedWorker = (index: number) => {
      for (let batch = feed.take(index); batch; batch = feed.take(index))
        this.post(index, {type: 'batch', inputs: batch.map(plainInput), outletOf: outletsOf(corpus, batch)})
      if (!finished[index] && feed.finished(index)) {
        finished[index] = true
        this.post(index, {type: 'end'})
      }
    }
    const reportsIn = options.out !== undefined && !options.jsonl ? {out: options.out, markdown: options.markdown !== false} : undefined
    await new Promise<void>((resolve, reject) => {
      this.onFailure = reject
      this.onMessage = (index, message) => {
        if (message.type === 'article') {
          // The result keeps the main thread's input rather than the copy that crossed over.
          const position = feed.reported(index)
          const result = new ReceivedResult(inputs.at(position)!, message.article, reportsIn)
          // The report stays with the result only while `keep` takes it: a worker's results keep none.
          result.report = message.article.report
          keep?.(result, message.article)
          result.report = undefined
          if (every) articles[position] = result
          else if (returnsResult(options, result)) noteworthy.push({position, result})
          options.onArticle?.(result, ++done, inputs.length)
          feedWorker(index)
        } else if (message.type === 'done') {
          addStageTimes(message.stageTimes)
          if (++ended === this.threads.length) resolve()
        } else reject(new Error(`a worker sent "${message.type}" while analysing`))
      }
      for (const {index} of this.threads) {
        this.post(index, {type: 'analyse', lines: corpus.lines, writes, drafts})
        feedWorker(index)
      }
    })
    return {articles: every ? articles : noteworthy.sort((a, b) => a.position - b.position).map(({result}) => result)}
  }

  /** Ends the workers, whatever they are doing: after `analyse` they have ended already. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map(({worker}) => worker.terminate()))
  }
}

/** The outlets of a batch's articles, as the corpus counts give them: a worker is sent those of its batches only. */
function outletsOf(corpus: CorpusLines, batch: readonly InputFile[]): Map<string, string> {
  const outletOf = new Map<string, string>()
  for (const input of batch) {
    const outlet = corpus.outletOf.get(input.relative)
    if (outlet !== undefined) outletOf.set(input.relative, outlet)
  }
  return outletOf
}

/**
 * Takes each article's result, report included, for the run's shelf (a run that writes none), its JSON Lines files or
 * the reports it holds; `sent` is what the thread that made the report made of it already: the report as a JSON line,
 * what the linkers read of it, or its JSON held for the link step. A worker thread takes its results to send them.
 */
export type Keep = (result: ArticleResult, sent?: Pick<SentArticle, 'line' | 'drafts' | 'held'>) => void

/** Turns an article's result into something that can cross to the main thread: the report itself, or as a JSON line. */
export function sendable(
  result: ArticleResult,
  send: {report: boolean; line: boolean; drafts?: (report: Report) => LinkDrafts},
  held: HeldJson | undefined
): SentArticle {
  const {drafts} = send
  return {
    failed: result.failed,
    ...(held ? {held} : {}),
    ...(send.report && result.report ? {report: result.report} : {}),
    ...(send.line && result.report ? {line: timed('serialise json', () => JSON.stringify(result.report))} : {}),
    ...(drafts && result.report ? {drafts: timed('link drafts', () => drafts(result.report!))} : {}),
    messages: result.file.messages.map((message) => ({
      reason: message.reason,
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      fatal: message.fatal ?? null,
      place: message.place ?? null
    }))
  }
}

/**
 * An article's result in the main thread, as a worker reported it: its file, holding its messages, is made when first
 * asked for, and so are the paths of its per-article reports. A run that returns every result keeps one per article
 * until it ends (one asking for the noteworthy results keeps those alone), and most articles have no messages: a file
 * and two paths made for each as it arrived were about 0.55 KB an article of the main thread's heap (55 MB at 100,000
 * articles).
 */
class ReceivedResult implements ArticleResult {
  report: Report | undefined = undefined
  failed: boolean
  #messages: SentArticle['messages'] | undefined
  #file: VFile | undefined
  #written: string[] | undefined

  /**
   * @param reportsIn the folder of the run's per-article reports and whether they have Markdown twins, one object for
   * the run's results; undefined when it writes none (or JSON Lines).
   */
  constructor(
    readonly input: InputFile,
    article: SentArticle,
    private readonly reportsIn: {out: string; markdown: boolean} | undefined
  ) {
    this.failed = article.failed
    this.#messages = article.messages.length > 0 ? article.messages : undefined
  }

  get hasMessages(): boolean {
    return this.#file ? this.#file.messages.length > 0 : this.#messages !== undefined
  }

  get file(): VFile {
    this.#file ??= fileWithMessages(this.input, this.#messages ?? [])
    this.#messages = undefined
    return this.#file
  }

  /** The reports a worker wrote for the article (`writeReport`, `writeJsonReport`), unless set otherwise (JSON Lines). */
  get written(): string[] {
    return this.#written ?? (this.reportsIn !== undefined && !this.failed ? reportFiles(this.reportsIn.out, this.input.relative, this.reportsIn.markdown) : [])
  }

  set written(paths: string[]) {
    this.#written = paths
  }
}

function fileWithMessages(input: InputFile, messages: SentArticle['messages']): VFile {
  const file = new VFile({path: input.display})
  for (const sent of messages) {
    const message = new VFileMessage(sent.reason, {
      ...(sent.place ? {place: sent.place} : {}),
      ...(sent.ruleId ? {ruleId: sent.ruleId} : {}),
      ...(sent.source ? {source: sent.source} : {})
    })
    message.file = file.path
    message.fatal = sent.fatal ?? undefined
    file.messages.push(message)
  }
  return file
}
