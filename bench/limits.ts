/**
 * The limit figures: how fast the same corpus goes through (a) reading and
 * parsing into NLCST by retext-latin with no stage after it, the floor the
 * design sets, and (b) reading and splitting into words by a bare loop. Run
 * on as many threads as the pipeline, timed from the moment every thread is
 * ready, so thread start-up is not counted against the parser.
 */
import type {Worker} from 'node:worker_threads'
import {startModuleWorker} from '../core/module-worker.ts'
import {resolveInputs} from '../run/inputs.ts'

export type LimitMode = 'parse' | 'words'

export interface LimitTask {
  files: string[]
  mode: LimitMode
}

export type LimitMessage = {type: 'ready'} | {type: 'done'; articles: number; words: number}

export interface LimitResult {
  mode: LimitMode
  threads: number
  articles: number
  /** Words the bare loop found (0 for a parse run). */
  words: number
  seconds: number
  articlesPerSec: number
}

export async function measureLimit(dir: string, mode: LimitMode, threads: number): Promise<LimitResult> {
  const files = resolveInputs([dir]).map((input) => input.absolute)
  const shares: string[][] = Array.from({length: threads}, () => [])
  for (const [index, file] of files.entries()) shares[index % threads]!.push(file)
  const workers = shares.map((share) => startModuleWorker(import.meta.url, 'limit-worker', {workerData: {files: share, mode} satisfies LimitTask}))
  const next = (worker: Worker) =>
    new Promise<LimitMessage>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  await Promise.all(workers.map(next))
  const start = performance.now()
  const finished = workers.map(next)
  for (const worker of workers) worker.postMessage('go')
  const results = await Promise.all(finished)
  const seconds = (performance.now() - start) / 1000
  await Promise.all(workers.map((worker) => worker.terminate()))
  const done = results.flatMap((result) => (result.type === 'done' ? [result] : []))
  const articles = done.reduce((sum, result) => sum + result.articles, 0)
  return {mode, threads, articles, words: done.reduce((sum, result) => sum + result.words, 0), seconds, articlesPerSec: articles / seconds}
}
