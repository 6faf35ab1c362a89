/**
 * wiretrace's state folder, `.wiretrace/` (the reuse index, and by default
 * the reports), ignores itself: it holds a `.gitignore` of `*`, as pytest,
 * ruff and mypy do with their caches. `git add -A` never stages the index
 * (hundreds of MB on a large corpus) or the reports, and the user's own
 * `.gitignore` needs no line for them.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'

export const STATE_FOLDER_NAME = '.wiretrace'

/** When `path` lies in a `.wiretrace` folder, makes sure that folder holds its `.gitignore`. */
export function ignoreStateFolder(path: string): void {
  let folder = resolve(path)
  while (basename(folder) !== STATE_FOLDER_NAME) {
    const parent = dirname(folder)
    if (parent === folder) return
    folder = parent
  }
  mkdirSync(folder, {recursive: true})
  try {
    writeFileSync(join(folder, '.gitignore'), '# Created by wiretrace: its index and reports are not for git.\n*\n', {flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}
