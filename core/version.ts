/** The name and version written into every report, so a reader knows which code made it. */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import fg from 'fast-glob'
import {join} from 'node:path'
import {PACKAGE_ROOT} from './paths.ts'

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {version: string; homepage?: string}

export const VERSION: string = manifest.version
/** Where the README is published (package.json `homepage`); undefined while the package names none. Help links point into it. */
export const HOMEPAGE: string | undefined = manifest.homepage
export const GENERATOR = `wiretrace ${VERSION}`

/**
 * Hash of the code version, the options and every data file in the rule
 * folders: two runs with the same fingerprint analyse a text the same way.
 */
export function configFingerprint(folders: string[], options: object = {}): string {
  const hash = createHash('sha256').update(GENERATOR).update(JSON.stringify(options))
  for (const folder of folders) {
    for (const file of fg.sync('**/*.{yaml,yml}', {cwd: folder, absolute: true}).sort()) hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}
