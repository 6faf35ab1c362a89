/**
 * Where wiretrace's own files are: the package root holds `rules/` and
 * `schema/`, whether the code runs from its TypeScript sources or from the
 * compiled `dist/` folder.
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

function findPackageRoot(from: string): string {
  let dir = from
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`wiretrace cannot find its package root above ${from}`)
    dir = parent
  }
  return dir
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)))
