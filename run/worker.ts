/**
 * A worker thread's side of a run: batches of articles, as the main thread sends them, through the same pipeline; it
 * reports each article in the order it was sent them, and ends when the main thread says there is nothing left.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {loadPipelineData} from '../pipeline/index.ts'
import {processAll} from './run.ts'
import {stageTimes, timed} from '../core/stage-clock.ts'
import {sendable, type WorkerInput, type WorkerMessage, type WorkerTask} from './workers.ts'
import type {CorpusLines} from '../pipeline/generic/corpus.ts'
import type {ArticleResult} from './options.ts'
import {linkDrafter} from '../link/drafts.ts'

const task = workerData as WorkerTask
const port = parentPort!
const post = (message: WorkerMessage) => port.postMessage(message)
const fail = (error: unknown) => post({type: 'error', message: (error as Error).message, stack: (error as Error).stack ?? ''})
try {
  const {options} = task
  const data = loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  // Reports cross back only when the run writes none (the index is the main thread's, in the link step), or as
  // JSON lines when the main thread writes them into files of many articles.
  const send = {
    report: options.out === undefined && options.index !== undefined,
    line: options.jsonl !== undefined,
    // What the link step's linkers read of each report alone is read here, on the worker's thread, rather than on the main one.
    ...(task.drafts ? {drafts: linkDrafter(task.drafts)} : {})
  }
  const onArticle = (article: ArticleResult) => timed('post to main thread', () => post({type: 'article', article: sendable(article, send)}))
  port.on('message', (message: WorkerInput) => {
    if (message.type === 'end') {
      post({type: 'done', stageTimes: stageTimes()})
      port.close()
      return
    }
    try {
      // The batch's outlets only: the counts of the corpus's repeated lines are the run's, sent once.
      const corpus: CorpusLines = {outletOf: message.outletOf, lines: task.lines}
      processAll({...options, onArticle}, data, message.inputs, corpus, undefined, false, task.twinsLater)
    } catch (error) {
      fail(error)
    }
  })
} catch (error) {
  fail(error)
}
