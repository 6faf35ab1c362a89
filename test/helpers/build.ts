/**
 * Vitest global setup: the tests that start `bin/wiretrace.js` run the
 * compiled and bundled CLI, as users do, so dist/ is rebuilt from the sources
 * under test when any of them is newer than the last build. The parsed rule
 * table is rebuilt with it; a rule file edited since is recognised by its hash
 * and parsed again, so the table never needs to be newer than rules/.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {BUNDLED_COMMAND, bundleCommand} from '../../scripts/bundle.ts'
import {parseBuiltinRules} from '../../scripts/parse-rules.ts'

const SOURCES = [
  'index.ts',
  'core',
  'pipeline',
  'link',
  'render',
  'run',
  'cli',
  'scripts/bundle.ts',
  'scripts/parse-rules.ts',
  'tsconfig.json',
  'tsconfig.build.json'
]

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function builtAt(): number {
  try {
    return statSync(BUNDLED_COMMAND).mtimeMs
  } catch {
    return -Infinity
  }
}

export default async function buildDist(): Promise<void> {
  if (builtAt() > Math.max(...SOURCES.map(newest))) return
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {stdio: 'inherit'})
  await bundleCommand()
  parseBuiltinRules()
}
