/** A worker thread's side of a run: its share of the articles, through the same pipeline. */
import {parentPort, workerData} from 'node:worker_threads'
import {loadPipelineData} from '../pipeline/index.ts'
import {openStore} from './reuse/open.ts'
import {processAll} from './run.ts'
import {sendable, type WorkerMessage, type WorkerTask} from './workers.ts'

const task = workerData as WorkerTask
const post = (message: WorkerMessage) => parentPort!.postMessage(message)
try {
  const {options} = task
  const data = loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const store = options.index === undefined ? undefined : await openStore(options.index)
  try {
    const result = await processAll({...options, onArticle: (article) => post({type: 'article', article: sendable(article)})}, data, task.inputs, task.corpus, store)
    post({type: 'done', skipped: result.skipped, reported: result.reported})
  } finally {
    await store?.close()
  }
} catch (error) {
  post({type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? ''})
}
