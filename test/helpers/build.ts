/**
 * Vitest global setup: the tests that start `bin/wiretrace.js` run the
 * compiled CLI, as users do, so dist/ is rebuilt from the sources under test
 * when any of them is newer than the last build.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'

const SOURCES = ['index.ts', 'core', 'pipeline', 'link', 'render', 'run', 'cli', 'tsconfig.json', 'tsconfig.build.json']
const BUILT = 'dist/cli/wiretrace.js'

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function builtAt(): number {
  try {
    return statSync(BUILT).mtimeMs
  } catch {
    return -Infinity
  }
}

export default function buildDist(): void {
  if (builtAt() > Math.max(...SOURCES.map(newest))) return
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {stdio: 'inherit'})
}
