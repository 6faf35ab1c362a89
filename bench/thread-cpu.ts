/**
 * A thread's own CPU time, which Node's clocks do not give (`process.cpuUsage()` sums every thread of the process):
 * Linux keeps it in `/proc/thread-self/stat`. The bench reads the main thread's, where a run with the index admits each
 * article and runs the link step while the workers analyse.
 */
import {readFileSync} from 'node:fs'

/**
 * Clock ticks a second in `/proc`'s times: Linux reports them in units of USER_HZ, which is 100 on every architecture
 * Node runs on (the kernel's own tick rate may differ; what it exports to user space does not).
 */
const TICKS_PER_SECOND = 100

/** The calling thread's CPU time so far (user and system), in seconds; null where `/proc/thread-self/stat` cannot be read. */
export function threadCpuSec(): number | null {
  let stat: string
  try {
    stat = readFileSync('/proc/thread-self/stat', 'utf8')
  } catch {
    return null
  }
  return cpuSecOfStat(stat)
}

/** The user and system times of a `/proc/…/stat` line (fields 14 and 15), in seconds. */
export function cpuSecOfStat(stat: string): number {
  // The command name, in parentheses, may hold spaces and parentheses itself: the fields after it are counted from the
  // last closing parenthesis, the third field (the state) first.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const user = Number(fields[14 - 3])
  const system = Number(fields[15 - 3])
  if (!Number.isInteger(user) || !Number.isInteger(system)) throw new Error(`not a /proc stat line: ${stat.slice(0, 80)}`)
  return (user + system) / TICKS_PER_SECOND
}
