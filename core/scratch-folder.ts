/**
 * Scratch folders under the system's temporary folder, named after the
 * process that made them. A run removes its scratch folders however it
 * ends, except when it is killed (SIGKILL, the machine's out-of-memory
 * killer): what it left then can be as large as the run (a translation
 * row's keys and words, about 0.6 KB an article), so the next run of any
 * process sweeps the folders of processes that are gone.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Makes a folder `<prefix><pid>-XXXXXX` under the temporary folder, after removing the folders of that prefix whose
 * process is no longer running. A folder whose name carries no process id is left alone: it is not one of these.
 */
export function scratchFolder(prefix: string, parent = tmpdir()): string {
  sweepStaleFolders(prefix, parent)
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`))
}

function sweepStaleFolders(prefix: string, parent: string): void {
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1]
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(parent, name), {recursive: true, force: true})
  }
}

/** Whether a process of this id runs: signal 0 only checks. EPERM means it runs as another user. */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
