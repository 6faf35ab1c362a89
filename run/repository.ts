/**
 * Where the user's repository ends. The config search and the `.gitignore`
 * rules both stop at its root (the nearest folder holding `.git`, a folder
 * or a worktree's file), as git, ESLint's flat config and Vale do: nothing
 * above the repository a pull request lives in steers what wiretrace reads.
 * Found on disk, not through the `git` command, so it works without git
 * installed and costs no process per file.
 */
import {existsSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

/** The root of the git repository holding `dir`, or undefined outside one. */
export function enclosingRepository(dir: string): string | undefined {
  let folder = resolve(dir)
  for (;;) {
    if (existsSync(join(folder, '.git'))) return folder
    const parent = dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}
