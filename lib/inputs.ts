/**
 * Expands the paths and globs a user gives into the article files to read,
 * each with the root it was found under (reports mirror paths below it).
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import fg from 'fast-glob'
import ignore, {type Ignore} from 'ignore'
import {enclosingRepository} from './repository.ts'

export interface InputFile {
  /** Absolute path. */
  absolute: string
  /** Path relative to the root it was found under, with forward slashes: the article id. */
  relative: string
  /** Path relative to the working directory, with forward slashes, as reports show it. */
  display: string
  /** The article's bytes when it came from standard input (`-`) rather than from the file at `absolute`. */
  bytes?: Uint8Array
}

export class UsageError extends Error {
  override name = 'UsageError'
}

/** Files under a folder that count as articles. */
export const ARTICLE_GLOB = '**/*.txt'

/** The input that stands for standard input. */
export const STDIN_INPUT = '-'

/** gitignore-style patterns that leave inputs out, relative to `base` (the config file's folder, or the working folder). */
export interface ExcludeRules {
  base: string
  patterns: string[]
}

export interface InputSelection {
  /** Patterns that leave out files found in folders or by globs. */
  exclude?: ExcludeRules[]
  /** Leave out what the `.gitignore` files of the repository (from its root down) ignore; default true. */
  gitignore?: boolean
  /** The article `-` stands for: its bytes and the name it is reported under (`--stdin-filename`). */
  stdin?: {bytes: Uint8Array; filename: string}
}

/** Left out of every folder and glob, as ESLint does: installed packages are never articles. */
const ALWAYS_EXCLUDED = ['node_modules/']

/**
 * Resolves inputs: a folder means every `.txt` below it, a file means that
 * file, `-` means standard input, `!PATTERN` leaves files out, anything else
 * is a glob (fast-glob syntax). Files found in folders or by globs are left
 * out when an exclude pattern or a `.gitignore` of their repository says so;
 * a file named on its own is always read.
 *
 * @throws {UsageError} when an input matches nothing.
 */
export function resolveInputs(inputs: string[], cwd = process.cwd(), selection: InputSelection = {}): InputFile[] {
  const negated = inputs.filter((input) => input.startsWith('!')).map((input) => input.slice(1))
  const excluded = excluder([{base: cwd, patterns: ALWAYS_EXCLUDED}, ...(selection.exclude ?? []), {base: cwd, patterns: negated}], selection.gitignore ?? true)
  const seen = new Map<string, InputFile>()
  const positive = inputs.filter((input) => !input.startsWith('!'))
  if (positive.length === 0) throw new UsageError(`name the article files, folders or globs to read; ${inputs.map((input) => `"${input}"`).join(', ')} only leave files out`)
  for (const input of positive) {
    const found = input === STDIN_INPUT ? [fromStdin(selection.stdin, cwd)] : expand(input, cwd, excluded)
    if (found.length === 0) throw new UsageError(`no article files match "${input}"`)
    for (const file of found) if (!seen.has(file.absolute)) seen.set(file.absolute, file)
  }
  return [...seen.values()]
}

function fromStdin(stdin: InputSelection['stdin'], cwd: string): InputFile {
  if (!stdin) throw new UsageError('"-" reads an article from standard input: name it with --stdin-filename NAME (the path it is reported under)')
  const absolute = resolve(cwd, stdin.filename)
  const fromCwd = relative(cwd, absolute)
  const name = toPosix(fromCwd.startsWith('..') ? basename(absolute) : fromCwd)
  return {absolute, relative: name, display: name, bytes: stdin.bytes}
}

function expand(input: string, cwd: string, excluded: (absolute: string) => boolean): InputFile[] {
  const absolute = resolve(cwd, input)
  const stats = statSync(absolute, {throwIfNoEntry: false})
  if (stats?.isDirectory()) return glob(ARTICLE_GLOB, absolute, cwd).filter((file) => !excluded(file.absolute))
  if (stats?.isFile()) return [describe(absolute, dirname(absolute), cwd)]
  const task = fg.generateTasks(input, {cwd})[0]
  const base = resolve(cwd, task?.base ?? '.')
  return fg
    .sync(input, {cwd, absolute: true, onlyFiles: true, dot: false})
    .sort()
    .map((file) => describe(file, base, cwd))
    .filter((file) => !excluded(file.absolute))
}

function glob(pattern: string, root: string, cwd: string): InputFile[] {
  return fg
    .sync(pattern, {cwd: root, absolute: true, onlyFiles: true})
    .sort()
    .map((file) => describe(file, root, cwd))
}

/**
 * Whether a file is left out: by an exclude pattern, or by the `.gitignore`
 * files between its repository's root and its folder, read as git reads
 * them (a deeper file's `!pattern` takes back what a shallower one ignored).
 * Outside a repository no `.gitignore` applies, as in git.
 */
function excluder(rules: ExcludeRules[], gitignore: boolean): (absolute: string) => boolean {
  const compiled = rules.filter((rule) => rule.patterns.length > 0).map((rule) => ({base: rule.base, ignore: ignore().add(rule.patterns)}))
  const gitignores = new Map<string, Ignore | undefined>()
  const repositories = new Map<string, string | undefined>()
  const repositoryOf = (dir: string): string | undefined => {
    if (!repositories.has(dir)) repositories.set(dir, enclosingRepository(dir))
    return repositories.get(dir)
  }
  const gitignoreIn = (dir: string): Ignore | undefined => {
    if (!gitignores.has(dir)) {
      const path = join(dir, '.gitignore')
      gitignores.set(dir, existsSync(path) ? ignore().add(readFileSync(path, 'utf8')) : undefined)
    }
    return gitignores.get(dir)
  }
  return (absolute) => {
    for (const rule of compiled) {
      const path = relative(rule.base, absolute)
      if (!path.startsWith('..') && !isAbsolute(path) && rule.ignore.ignores(toPosix(path))) return true
    }
    if (!gitignore) return false
    const root = repositoryOf(dirname(absolute))
    if (!root) return false
    let ignored = false
    const folders = toPosix(relative(root, dirname(absolute))).split('/').filter((part) => part !== '')
    for (let depth = 0; depth <= folders.length; depth++) {
      const dir = join(root, ...folders.slice(0, depth))
      const verdict = gitignoreIn(dir)?.test(toPosix(relative(dir, absolute)))
      if (verdict?.ignored) ignored = true
      else if (verdict?.unignored) ignored = false
    }
    return ignored
  }
}

function describe(absolute: string, root: string, cwd: string): InputFile {
  const fromRoot = relative(root, absolute)
  const fromCwd = relative(cwd, absolute)
  return {
    absolute,
    relative: toPosix(fromRoot.startsWith('..') ? basename(absolute) : fromRoot),
    display: toPosix(fromCwd.startsWith('..') ? absolute : fromCwd)
  }
}

function toPosix(path: string): string {
  return path.split(sep).join('/')
}

/** One of `count` disjoint shares of a corpus, numbered from 1. */
export interface Shard {
  index: number
  count: number
}

/** Parses "2/8" into a shard, or throws a UsageError. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes K/N with 1 <= K <= N, as in 2/8 (got "${text}")`)
  return {index, count}
}

/**
 * Whether an input belongs to a shard. Decided by the file's content hash,
 * so the split is stable across machines, paths and runs; an unreadable file
 * goes to shard 1, which reports it.
 */
export function inShard(input: InputFile, shard: Shard): boolean {
  let bytes: Uint8Array
  try {
    bytes = input.bytes ?? readFileSync(input.absolute)
  } catch {
    return shard.index === 1
  }
  const bucket = createHash('sha256').update(bytes).digest().readUInt32BE(0) % shard.count
  return bucket === shard.index - 1
}
