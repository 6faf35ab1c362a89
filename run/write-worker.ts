/**
 * A report-writing thread of the link step: renders and writes the patched reports, the held ones and the twins of
 * unchanged ones it is sent, one at a time.
 */
import {parentPort, workerData} from 'node:worker_threads'
import type {Report} from '../pipeline/report-schema.ts'
import {readWrittenReport, writeHeldReport, writeMarkdownTwin, writeReport} from './write-report.ts'
import {stageTimes, type StageTimes} from '../core/stage-clock.ts'
import type {HeldJson} from './held-reports.ts'

export interface WriterTask {
  out: string
  /** Agency id → name, as the run's registry names them in the Markdown. */
  agencyNames: Array<[string, string]>
  /** Whether reports are written with their Markdown twins (`RunOptions.markdown`). */
  markdown: boolean
}

/**
 * A report to write (`report`), one the run held to write as it was serialised (`json`, run/held-reports.ts), or
 * (neither) one whose JSON stands, to write its Markdown twin from that JSON; or, once the writing is done, the
 * thread's stage clock, for the run's (the bench's table of thread time per stage).
 */
export type WriteRequest = {seq: number; id: string; report?: Report; json?: HeldJson} | {seq: number; stageTimes: true}
export type WriteReply = {seq: number; error?: string; stageTimes?: StageTimes}

const task = workerData as WriterTask
const names = new Map(task.agencyNames)
// The Markdown shows a translation's partner paragraph from the partner's report, as the main thread's writes do.
const markdown = {agencyName: (agency: string) => names.get(agency) ?? agency, otherReport: (id: string) => readWrittenReport(task.out, id)}
parentPort!.on('message', (request: WriteRequest) => {
  if ('stageTimes' in request) return void parentPort!.postMessage({seq: request.seq, stageTimes: stageTimes()} satisfies WriteReply)
  const {seq, id, report, json} = request
  try {
    if (json) writeHeldReport(task.out, id, json, task.markdown && markdown)
    else if (report) writeReport(task.out, {relative: id}, report, task.markdown && markdown)
    else writeMarkdownTwin(task.out, id, markdown)
    parentPort!.postMessage({seq} satisfies WriteReply)
  } catch (error) {
    parentPort!.postMessage({seq, error: (error as Error).message} satisfies WriteReply)
  }
})
