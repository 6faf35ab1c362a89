/**
 * A progress bar on standard error for long runs, drawn only for a person
 * at a terminal: never when standard error is piped or a file, never in CI
 * (the `CI` variable every CI service sets), never with --quiet, so logs
 * stay clean.
 */
import cliProgress from 'cli-progress'

export interface Progress {
  /** `done` of `total` articles analysed. */
  update(done: number, total: number): void
  /** Clears the bar. */
  stop(): void
}

/** Whether a bar belongs on `stream`. */
export function progressWanted(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env, quiet = false): boolean {
  const inCi = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0'
  return stream.isTTY === true && !inCi && !quiet
}

/** A bar on `stream` when one belongs there (see `progressWanted`); otherwise one that draws nothing. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env, quiet = false): Progress {
  if (!progressWanted(stream, env, quiet)) return {update: () => undefined, stop: () => undefined}
  const bar = new cliProgress.SingleBar(
    {stream, format: 'wiretrace {bar} {value}/{total} articles, {eta_formatted} left', hideCursor: true, clearOnComplete: true, etaBuffer: 100, fps: 10},
    cliProgress.Presets.shades_classic
  )
  let started = false
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done)
        started = true
        return
      }
      bar.setTotal(total)
      bar.update(done)
    },
    stop() {
      if (started) bar.stop()
    }
  }
}
