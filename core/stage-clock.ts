/**
 * A stage clock for the bench: thread time per pipeline stage and per step
 * of a run (reading, writing reports, the link step), summed over a run.
 * Off unless `WIRETRACE_STAGE_TIMES=1` is in the environment when the
 * process starts: then every stage's transformer is wrapped; otherwise the
 * stages run unwrapped and `timed` calls its work directly.
 *
 * Node 20 has no per-thread CPU clock, so a stage's figure is the wall time
 * of its calls in the thread that ran them: on a machine with idle cores it
 * is that stage's CPU time; the run's CPU time (all threads) comes from
 * `process.cpuUsage()`.
 */
import type {Plugin} from 'unified'

export const STAGE_TIMES_ENV = 'WIRETRACE_STAGE_TIMES'

const enabled = process.env[STAGE_TIMES_ENV] === '1'

/** Whether the clock is on in this process (`WIRETRACE_STAGE_TIMES=1`). */
export function stageClockOn(): boolean {
  return enabled
}

/** Milliseconds and calls per stage, in this thread, since it started (plus what its workers sent). */
export type StageTimes = Record<string, {ms: number; calls: number}>

const totals: StageTimes = {}

function add(name: string, ms: number, calls = 1): void {
  const total = totals[name] ?? {ms: 0, calls: 0}
  totals[name] = total
  total.ms += ms
  total.calls += calls
}

/**
 * Runs `work`, adding its time to `name` when the clock is on; for work that
 * returns a promise, the time until it settles (the link step is
 * asynchronous: timing only its first synchronous slice gave a few
 * milliseconds for a step of minutes).
 */
export function timed<T>(name: string, work: () => T): T {
  if (!enabled) return work()
  const start = performance.now()
  let result: T
  try {
    result = work()
  } catch (error) {
    add(name, performance.now() - start)
    throw error
  }
  if (result instanceof Promise) return result.finally(() => add(name, performance.now() - start)) as T
  add(name, performance.now() - start)
  return result
}

/** A plugin whose transformer adds its time to `name` when the clock is on; the plugin itself otherwise. */
// biome-ignore lint/suspicious/noExplicitAny: any plugin, of any options and tree, keeps its own type
export function timedPlugin<P extends Plugin<any[], any, any>>(name: string, plugin: P): P {
  if (!enabled) return plugin
  return function (this: unknown, ...options: unknown[]) {
    const transformer = (plugin as (...args: unknown[]) => unknown).apply(this, options) as ((...args: unknown[]) => unknown) | undefined
    if (typeof transformer !== 'function') return transformer
    return function (this: unknown, ...args: unknown[]) {
      return timed(name, () => transformer.apply(this, args))
    }
  } as P
}

/** This thread's totals so far (empty when the clock is off). */
export function stageTimes(): StageTimes {
  return structuredClone(totals)
}

/** Adds a worker thread's totals to this thread's. */
export function addStageTimes(times: StageTimes): void {
  for (const [name, {ms, calls}] of Object.entries(times)) add(name, ms, calls)
}
