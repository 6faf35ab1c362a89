/**
 * One measurement, in a process of its own so that its peak resident set
 * (which covers its worker threads) is its own: a pipeline run over a corpus
 * folder, or a limit run. Takes the task as JSON in argv[2]; prints the
 * result as one JSON line on stdout.
 */
import {runCorpus} from '../run/run.ts'
import {stageTimes, type StageTimes} from '../core/stage-clock.ts'
import type {Shard} from '../run/inputs.ts'
import {measureLimit, type LimitMode, type LimitResult} from './limits.ts'
import {setProcessFlags} from '../core/process-flags.ts'
import {threadCpuSec} from './thread-cpu.ts'

export type MeasureTask =
  | {
      kind: 'pipeline'
      inputs: string[]
      index?: string
      out: string
      workers: number
      shard?: Shard
      finalize?: boolean
      /** Reports as JSON Lines files of this many articles, instead of a JSON report and its Markdown twin per article. */
      jsonlBatch?: number
      label: string
    }
  | {kind: 'limit'; dir: string; mode: LimitMode; threads: number}

export interface PipelineMeasure {
  kind: 'pipeline'
  articles: number
  failed: number
  skipped: number
  /** Wall-clock start and end of the run (epoch ms), to combine processes that ran side by side. */
  startedAt: number
  endedAt: number
  wallSec: number
  /** CPU time of the process, worker threads included (user + system). */
  cpuSec: number
  /**
   * CPU time of the main thread alone (user + system), where a run with the index admits each article and runs the
   * link step while the workers analyse; null where the system does not give a thread's own time (Linux does).
   */
  mainThreadCpuSec: number | null
  /** Articles that went through the pipeline: each once, however many copies link them. */
  analysed: number
  peakRssMb: number
  /**
   * Peak RSS when the pipeline had reported every article, before the link
   * step: below `peakRssMb` when the link step set the peak.
   */
  pipelinePeakRssMb: number
  /** Thread time per stage and step, summed over threads (with `WIRETRACE_STAGE_TIMES=1`). */
  stages: StageTimes
}

export type MeasureResult = PipelineMeasure | ({kind: 'limit'} & LimitResult)

async function measure(task: MeasureTask): Promise<MeasureResult> {
  if (task.kind === 'limit') return {kind: 'limit', ...(await measureLimit(task.dir, task.mode, task.threads))}
  const start = performance.now()
  const startedAt = Date.now()
  let reported = 0
  let analysed = 0
  let pipelinePeakRssMb = 0
  const result = await runCorpus({
    inputs: task.inputs,
    ...(task.index === undefined ? {} : {index: task.index}),
    out: task.out,
    workers: task.workers,
    retain: false,
    results: 'noteworthy',
    ...(task.shard ? {shard: task.shard} : {}),
    ...(task.finalize ? {finalize: true} : {}),
    ...(task.jsonlBatch ? {jsonl: {batch: task.jsonlBatch}} : {}),
    onArticle: (_article, done, total) => {
      analysed++
      if (done === total) pipelinePeakRssMb = process.resourceUsage().maxRSS / 1024
      // A line every tenth of the way, so a long run shows it is alive.
      if (total >= 10_000 && done * 10 >= (reported + 1) * total) {
        reported = Math.floor((done * 10) / total)
        process.stderr.write(`  ${task.label}: ${done}/${total} articles, ${((performance.now() - start) / 1000).toFixed(0)} s\n`)
      }
    }
  })
  const wallSec = (performance.now() - start) / 1000
  return {
    kind: 'pipeline',
    articles: result.reported.length + result.failed,
    failed: result.failed,
    skipped: result.skipped,
    startedAt,
    endedAt: Date.now(),
    wallSec,
    cpuSec: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    mainThreadCpuSec: threadCpuSec(),
    analysed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    pipelinePeakRssMb,
    stages: stageTimes()
  }
}

// The process runs with the `wiretrace` command's V8 flags: the bench measures what the command runs.
setProcessFlags()
process.stdout.write(`${JSON.stringify(await measure(JSON.parse(process.argv[2]!) as MeasureTask))}\n`)
