/**
 * Vitest global setup: every temporary folder the tests make, and every one the commands they start make, goes into
 * one folder for the test run, removed when the run ends. Tests make theirs with `tmpdir()`, which reads `TMPDIR`; the
 * test processes and the commands they spawn inherit it. A run used to leave about 190 folders in the system's.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export default function testTempFolder(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'wiretrace-test-run-'))
  const before = process.env.TMPDIR
  process.env.TMPDIR = folder
  return () => {
    if (before === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = before
    rmSync(folder, {recursive: true, force: true})
  }
}
