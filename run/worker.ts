/** A worker thread's side of a run: its share of the articles, through the same pipeline. */
import {parentPort, workerData} from 'node:worker_threads'
import {loadPipelineData} from '../pipeline/index.ts'
import {processAll} from './run.ts'
import {stageTimes, timed} from '../core/stage-clock.ts'
import {sendable, type WorkerMessage, type WorkerTask} from './workers.ts'

const task = workerData as WorkerTask
const post = (message: WorkerMessage) => parentPort!.postMessage(message)
try {
  const {options} = task
  const data = loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  // Reports cross back only when the run writes none (the index is the main thread's, in the link step), or as
  // JSON lines when the main thread writes them into files of many articles.
  const send = {report: options.out === undefined && options.index !== undefined, line: options.jsonl !== undefined}
  processAll(
    {...options, onArticle: (article) => timed('post to main thread', () => post({type: 'article', article: sendable(article, send)}))},
    data,
    task.inputs,
    task.corpus,
    undefined,
    false,
    task.twinsLater
  )
  post({type: 'done', stageTimes: stageTimes()})
} catch (error) {
  post({type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? ''})
}
