/**
 * CI check: the committed seed reports in reports/ are what the current code
 * writes. Regenerates them into a temporary folder with the same command as
 * `npm start` and compares byte for byte. Exit 1 with the stale files named.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import fg from 'fast-glob'

const fresh = mkdtempSync(join(tmpdir(), 'wiretrace-reports-'))

try {
  // A fresh index: the committed reports describe the seeds alone, not whatever a local index has seen.
  const run = spawnSync(process.execPath, ['bin/wiretrace.js', 'run', '--out', fresh, '--index', join(fresh, 'index.sqlite'), '--quiet'], {stdio: 'inherit'})
  if (run.status !== 0) {
    console.error(`check-reports: regenerating the seed reports failed (exit ${run.status})`)
    process.exit(1)
  }
  const outputs = ['**/*.txt.{json,md}', 'reuse.json', 'reuse.json.sha256']
  const generated = fg.sync(outputs, {cwd: fresh}).sort()
  const committed = fg.sync(outputs, {cwd: 'reports'}).sort()
  const stale = generated.filter((name) => {
    try {
      return !readFileSync(join('reports', name)).equals(readFileSync(join(fresh, name)))
    } catch {
      return true
    }
  })
  const orphaned = committed.filter((name) => !generated.includes(name))
  if (stale.length > 0 || orphaned.length > 0) {
    for (const name of stale) console.error(`check-reports: reports/${name} is stale`)
    for (const name of orphaned) console.error(`check-reports: reports/${name} has no seed behind it`)
    console.error('check-reports: run `npm start` and commit reports/')
    process.exit(1)
  }
  console.log(`check-reports: ${generated.length} seed reports are current (${relative(process.cwd(), 'reports')}/)`)
} finally {
  rmSync(fresh, {recursive: true, force: true})
}
