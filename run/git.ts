/**
 * The few questions `wiretrace check --changed` asks git: where the
 * repository is, what the pull request branched from, and which files were
 * added or modified since. Everything goes through the `git` command, so
 * whatever the user's git config says (worktrees, safe directories) holds.
 */
import {execFileSync} from 'node:child_process'
import {resolve} from 'node:path'
import {UsageError} from './inputs.ts'

/** Git could not answer: not a repository, an unknown ref, a shallow clone. Exit code 2. */
export class GitError extends UsageError {
  override name = 'GitError'
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024})
  } catch (error) {
    const stderr = String((error as {stderr?: unknown}).stderr ?? '').trim()
    const reason = stderr.split('\n').at(-1) || (error as Error).message
    throw new GitError(`git ${args[0]} failed: ${reason}`)
  }
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args).trim()
  } catch {
    return undefined
  }
}

/** The top folder of the repository holding `cwd`; undefined outside one. */
export function repositoryRoot(cwd = process.cwd()): string | undefined {
  return tryGit(cwd, ['rev-parse', '--show-toplevel'])
}

/**
 * The ref a pull request is compared with: the base branch GitHub Actions
 * names (`GITHUB_BASE_REF`), else the remote's default branch, else a local
 * `main` or `master`.
 *
 * @throws {GitError} when none exists.
 */
export function defaultBranch(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : undefined,
    tryGit(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']),
    'origin/main',
    'origin/master',
    'main',
    'master'
  ]
  for (const ref of candidates) {
    if (ref && tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) return ref
  }
  throw new GitError('cannot find the default branch (no origin/HEAD, main or master); name the base with --since REF')
}

/**
 * The commit `--changed` compares with when no `--since` is given: where
 * HEAD branched from the default branch.
 *
 * @throws {GitError} when there is no common ancestor (often a shallow clone: fetch with depth 0).
 */
export function mergeBase(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const branch = defaultBranch(cwd, env)
  const base = tryGit(cwd, ['merge-base', 'HEAD', branch])
  if (!base)
    throw new GitError(
      `HEAD and ${branch} have no common ancestor here; in a shallow clone fetch the full history (actions/checkout with fetch-depth: 0), or name the base with --since REF`
    )
  return base
}

/**
 * Absolute paths of the files added or modified since `since` (a commit or
 * ref), counting uncommitted and untracked files too: what a pull request,
 * or the work in progress, adds to the corpus. Deleted files are left out.
 *
 * @throws {GitError} outside a repository or for an unknown ref.
 */
export function changedFiles(since: string, cwd = process.cwd()): string[] {
  const root = repositoryRoot(cwd)
  if (!root) throw new GitError(`${cwd} is not inside a git repository; --changed needs one (or use --all)`)
  if (!tryGit(root, ['rev-parse', '--verify', '--quiet', `${since}^{commit}`])) throw new GitError(`"${since}" names no commit in ${root}`)
  const changed = git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=AM', since, '--'])
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard'])
  const paths = [...changed.split('\0'), ...untracked.split('\0')].filter((path) => path !== '')
  return [...new Set(paths.map((path) => resolve(root, path)))].sort()
}
