/**
 * Spreads a run over worker threads, so both cores parse and clean at once.
 * Each worker opens its own connection to the reuse index (SQLite in WAL
 * mode or PostgreSQL), where indexing is serialised by the engine's lock;
 * the order articles reach the index does not change the reports.
 */
import {Worker} from 'node:worker_threads'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {CorpusLines} from '../pipeline/generic/corpus.ts'
import type {InputFile} from './inputs.ts'
import type {Report} from '../pipeline/report-schema.ts'
import type {ArticleResult, PartialRun, RunOptions} from './options.ts'
import type {WriteReply, WriteRequest, WriterTask} from './write-worker.ts'
import {addStageTimes, timed, type StageTimes} from '../core/stage-clock.ts'

/** Options a worker can receive: plain data, no callbacks or loaded rules. */
export type WorkerRunOptions = Omit<RunOptions, 'onArticle' | 'data' | 'workers'>

export interface WorkerTask {
  options: WorkerRunOptions
  inputs: InputFile[]
  corpus: CorpusLines
  /** Write each JSON report alone: the link step writes the Markdown twins (see `processAll`). */
  twinsLater: boolean
}

/** An article's result as it crosses from a worker: the messages, not the file (the input is the main thread's own). */
export interface SentArticle {
  failed: boolean
  written: string[]
  /** The report itself only when the run writes none: the link step needs it. */
  report?: Report
  /** The report as one JSON line, serialised on the worker's thread, when the run writes JSON Lines. */
  line?: string
  messages: Array<{reason: string; ruleId: string | null; source: string | null; fatal: boolean | null; place: VFileMessage['place'] | null}>
}

export type WorkerMessage = {type: 'article'; article: SentArticle} | {type: 'done'; stageTimes: StageTimes} | {type: 'error'; message: string; stack: string}

/** Under tsx the worker must register tsx itself; a built package runs the compiled worker directly. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker-tsx.js' : './worker.js', import.meta.url)

const WRITER = new URL(import.meta.url.endsWith('.ts') ? './write-worker-tsx.js' : './write-worker.js', import.meta.url)

/** Threads that render and write reports, so the link step's patched reports are written on every core. */
export interface ReportWriters {
  /** Resolves once the report is on disk. */
  write(id: string, report: Report): Promise<void>
  /** Writes the Markdown twin of a report this run wrote, rendered from its JSON on disk; resolves once the twin is. */
  writeTwin(id: string): Promise<void>
  close(): Promise<void>
}

/** Starts `count` report-writing threads for the reports under `out`. */
export function reportWriters(count: number, task: WriterTask): ReportWriters {
  const waiting = new Map<number, {resolve: () => void; reject: (error: Error) => void}>()
  const threads = Array.from({length: count}, () => {
    const worker = new Worker(WRITER, {workerData: task})
    const thread = {worker, inFlight: 0}
    worker.on('message', ({seq, error}: WriteReply) => {
      thread.inFlight--
      const promise = waiting.get(seq)!
      waiting.delete(seq)
      if (error === undefined) promise.resolve()
      else promise.reject(new Error(error))
    })
    worker.on('error', (error) => {
      for (const promise of waiting.values()) promise.reject(error)
      waiting.clear()
    })
    return thread
  })
  let seq = 0
  const send = (id: string, report?: Report) => {
    const thread = threads.reduce((least, candidate) => (candidate.inFlight < least.inFlight ? candidate : least))
    thread.inFlight++
    const request: WriteRequest = report ? {seq: ++seq, id, report} : {seq: ++seq, id}
    return new Promise<void>((resolve, reject) => {
      waiting.set(request.seq, {resolve, reject})
      thread.worker.postMessage(request)
    })
  }
  return {
    write: (id, report) => send(id, report),
    writeTwin: (id) => send(id),
    async close() {
      await Promise.all(threads.map((thread) => thread.worker.terminate()))
    }
  }
}

/**
 * Runs the inputs over `count` worker threads; `keep` takes each article's result of a run that writes none or writes
 * JSON Lines, as in `processAll`, with its report (and its line, serialised by the worker, for JSON Lines).
 */
export async function runInWorkers(
  options: RunOptions,
  inputs: InputFile[],
  corpus: CorpusLines,
  count: number,
  keep?: Keep,
  twinsLater = false
): Promise<PartialRun> {
  const {onArticle, data: _loaded, workers: _count, ...plain} = options
  const shares: InputFile[][] = Array.from({length: count}, () => [])
  for (const [index, input] of inputs.entries()) shares[index % count]!.push(input)
  let done = 0
  const articles: ArticleResult[] = []
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const task: WorkerTask = {options: {...plain, retain: false}, inputs: share, corpus: shareOfCounts(corpus, share), twinsLater}
          const worker = new Worker(WORKER, {workerData: task})
          // A worker reports its share in order: its n-th result is the n-th input, whose object the result keeps
          // rather than the copy that crossed over (its four paths, held until the run ends).
          let next = 0
          worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'article') {
              const input = share[next++]!
              const result = timed('main thread: receive', () => received(message.article, input))
              // The report stays with the result only while `keep` takes it: a worker's results keep none.
              result.report = message.article.report
              keep?.(result, message.article.line)
              result.report = undefined
              articles.push(result)
              onArticle?.(result, ++done, inputs.length)
            } else if (message.type === 'done') {
              addStageTimes(message.stageTimes)
              resolve()
            } else {
              const error = new Error(message.message)
              error.stack = message.stack
              reject(error)
            }
          })
          worker.on('error', reject)
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`a worker stopped with exit code ${code}`))
          })
        })
    )
  )
  const order = new Map(inputs.map((input, index) => [input.relative, index]))
  articles.sort((a, b) => order.get(a.input.relative)! - order.get(b.input.relative)!)
  return {articles}
}

/**
 * The corpus counts a worker reads: every repeated line, and the outlets of
 * its own articles only. Each worker is sent a copy: with the outlet of
 * every article of the corpus, that copy grew with the corpus in each thread.
 */
function shareOfCounts(corpus: CorpusLines, share: readonly InputFile[]): CorpusLines {
  const outletOf = new Map<string, string>()
  for (const input of share) {
    const outlet = corpus.outletOf.get(input.relative)
    if (outlet !== undefined) outletOf.set(input.relative, outlet)
  }
  return {outletOf, lines: corpus.lines}
}

/**
 * Takes each article's result in the main thread, report included, for the run's shelf (a run that writes none) or its
 * JSON Lines files; `line` is the report serialised already.
 */
export type Keep = (result: ArticleResult, line?: string) => void

/** Turns an article's result into something that can cross to the main thread: the report itself, or as a JSON line. */
export function sendable(result: ArticleResult, send: {report: boolean; line: boolean}): SentArticle {
  return {
    failed: result.failed,
    written: result.written,
    ...(send.report && result.report ? {report: result.report} : {}),
    ...(send.line && result.report ? {line: timed('serialise json', () => JSON.stringify(result.report))} : {}),
    messages: result.file.messages.map((message) => ({
      reason: message.reason,
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      fatal: message.fatal ?? null,
      place: message.place ?? null
    }))
  }
}

function received(article: SentArticle, input: InputFile): ArticleResult {
  const file = new VFile({path: input.display})
  for (const sent of article.messages) {
    const message = new VFileMessage(sent.reason, {
      ...(sent.place ? {place: sent.place} : {}),
      ...(sent.ruleId ? {ruleId: sent.ruleId} : {}),
      ...(sent.source ? {source: sent.source} : {})
    })
    message.file = file.path
    message.fatal = sent.fatal ?? undefined
    file.messages.push(message)
  }
  return {input, file, report: undefined, failed: article.failed, written: article.written}
}
