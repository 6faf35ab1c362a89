/**
 * A worker thread's side of a run: first the inputs the main thread sends it to count for the corpus statistics, each
 * batch answered with its articles counted; then, given the counts, batches of articles through the same pipeline,
 * each article reported in the order it was sent them, until the main thread says there is nothing left.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {loadPipelineData} from '../pipeline/index.ts'
import {processAll} from './run.ts'
import {stageTimes, timed} from '../core/stage-clock.ts'
import {sendable, type AnalysisTask, type Keep, type WorkerInput, type WorkerMessage, type WorkerTask} from './workers.ts'
import type {CorpusLines} from '../pipeline/generic/corpus.ts'
import {linkDrafter} from '../link/drafts.ts'
import {countedBatch} from './corpus.ts'
import {DEFAULT_LIMITS} from '../core/decode.ts'
import {lowerThreadPriority} from '../core/thread-priority.ts'

const task = workerData as WorkerTask
const port = parentPort!
/**
 * With an index, the main thread admits each report to the link step as the workers make it (indexing it, aligning it
 * with its candidates), and the run ends only once it has caught up. At one priority the workers and the main thread
 * share the cores evenly, the main thread falls behind, and it catches up alone once the workers end, the other core
 * idle; a worker that yields to it leaves no such tail. Measured on 2,000 copies of 25 stories (`bench/HISTORY.md`).
 */
const WORKER_NICENESS = 10
if (task.options.index !== undefined) lowerThreadPriority(WORKER_NICENESS)
const post = (message: WorkerMessage) => port.postMessage(message, message.type === 'article' && message.article.held ? [message.article.held.buffer] : [])
const fail = (error: unknown) => post({type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? ''})
try {
  const {options} = task
  const data = loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const limits = options.limits ?? DEFAULT_LIMITS
  // Set when the main thread sends what the analysis needs, once the corpus is counted.
  let analysis: {task: AnalysisTask; keep: Keep} | undefined
  port.on('message', (message: WorkerInput) => {
    try {
      if (message.type === 'count') {
        const articles = timed('corpus count', () => countedBatch(message.inputs, limits, data.rules.outlets))
        post({type: 'counted', articles})
      } else if (message.type === 'analyse') {
        const {type: _type, ...received} = message
        // Reports cross back only when the run writes none (the index is the main thread's, in the link step), or as
        // JSON lines when the main thread writes them into files of many articles.
        const send = {
          report: options.out === undefined && options.index !== undefined,
          line: options.jsonl !== undefined,
          // What the link step's linkers read of each report alone is read here, on the worker's thread, rather than on the main one.
          ...(received.drafts ? {drafts: linkDrafter(received.drafts)} : {})
        }
        analysis = {
          task: received,
          keep: (article, kept) => timed('post to main thread', () => post({type: 'article', article: sendable(article, send, kept?.held)}))
        }
      } else if (message.type === 'batch') {
        if (!analysis) throw new Error('a batch to analyse came before the corpus counts')
        // The batch's outlets only: the counts of the corpus's repeated lines are the run's, sent once.
        const corpus: CorpusLines = {outletOf: message.outletOf, lines: analysis.task.lines}
        processAll(options, data, message.inputs, corpus, analysis.keep, false, analysis.task.writes)
      } else {
        post({type: 'done', stageTimes: stageTimes()})
        port.close()
      }
    } catch (error) {
      fail(error)
    }
  })
} catch (error) {
  fail(error)
}
