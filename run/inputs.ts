/**
 * Expands the paths and globs a user gives into the article files to read,
 * each with the root it was found under (reports mirror paths below it).
 *
 * Inputs may come from an untrusted pull request, so an article is read only
 * when it really lives below the folder it was found in: a symbolic link to
 * `/etc/passwd` or to a secret beside the repository is refused, not read
 * into a report.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import fg from 'fast-glob'
import ignore, {type Ignore} from 'ignore'
import {InputError} from '../core/decode.ts'
import {printable} from '../core/exit-codes.ts'
import {articlePagePath, INDEX_PAGE, REUSE_PAGE} from '../render/html/links.ts'
import {REUSE_FILE} from '../link/reuse/clusters.ts'
import {enclosingRepository} from './repository.ts'
import {sourcesOf, type ArticleSource, type SourceRule} from '../pipeline/outlet/sources.ts'

export interface InputFile {
  /** Absolute path. */
  absolute: string
  /** Path relative to the root it was found under, with forward slashes: the article id. */
  relative: string
  /** Path relative to the working directory, with forward slashes, as reports show it. */
  display: string
  /** The article's bytes when it came from standard input (`-`) rather than from the file at `absolute`. */
  bytes?: Uint8Array
  /** The folder it was found under (for a file named alone, its folder): the file must really live below it. */
  root: string
  /** Where it was published, from a `sources.tsv` beside it or the config's `sources:`. */
  source?: ArticleSource
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
  /** The config's `sources:` entries: the page or outlet articles matching a glob come from. */
  sources?: SourceRule[]
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
 * Each file carries its source (`sources.tsv` row or config entry), if any.
 *
 * @throws {UsageError} when an input matches nothing, or two inputs would get the same article id.
 * @throws {DataFileError} when a `sources.tsv` is malformed.
 */
export function resolveInputs(inputs: string[], cwd = process.cwd(), selection: InputSelection = {}): InputFile[] {
  const negated = inputs.filter((input) => input.startsWith('!')).map((input) => input.slice(1))
  const excluded = excluder([{base: cwd, patterns: ALWAYS_EXCLUDED}, ...(selection.exclude ?? []), {base: cwd, patterns: negated}], selection.gitignore ?? true)
  const seen = new Map<string, InputFile>()
  const positive = inputs.filter((input) => !input.startsWith('!'))
  if (positive.length === 0)
    throw new UsageError(`name the article files, folders or globs to read; ${inputs.map((input) => `"${input}"`).join(', ')} only leave files out`)
  for (const input of positive) {
    const found = input === STDIN_INPUT ? [fromStdin(selection.stdin, cwd)] : expand(input, cwd, excluded)
    if (found.length === 0) throw new UsageError(`no article files match "${printable(input)}"`)
    for (const file of found) if (!seen.has(file.absolute)) seen.set(file.absolute, file)
  }
  const byId = new Map<string, InputFile>()
  for (const file of seen.values()) {
    const twin = byId.get(file.relative)
    // Reports and the index are keyed by article id: two files with one id would overwrite each other.
    if (twin)
      throw new UsageError(
        `${printable(twin.display)} and ${printable(file.display)} would both be article "${printable(file.relative)}"; name the folder that holds both instead, so that ids keep their folders`
      )
    byId.set(file.relative, file)
  }
  const sources = sourcesOf([...seen.keys()], selection.sources, cwd)
  return [...seen.values()].map((file) => {
    const source = sources.get(file.absolute)
    return source ? {...file, source} : file
  })
}

function fromStdin(stdin: InputSelection['stdin'], cwd: string): InputFile {
  if (!stdin) throw new UsageError('"-" reads an article from standard input: name it with --stdin-filename NAME (the path it is reported under)')
  const absolute = resolve(cwd, stdin.filename)
  const fromCwd = relative(cwd, absolute)
  const name = toPosix(fromCwd.startsWith('..') ? basename(absolute) : fromCwd)
  return {absolute, relative: name, display: name, root: cwd, bytes: stdin.bytes}
}

function expand(input: string, cwd: string, excluded: (absolute: string) => boolean): InputFile[] {
  const absolute = resolve(cwd, input)
  const stats = statSync(absolute, {throwIfNoEntry: false})
  if (stats?.isDirectory()) return glob(ARTICLE_GLOB, absolute, cwd).filter((file) => !excluded(file.absolute))
  if (stats?.isFile()) return [describe(absolute, dirname(absolute), cwd)]
  // A glob with braces (`{a,b}/*.txt`) has one base per branch; ids are paths below the base they share.
  const bases = fg.generateTasks(input, {cwd}).map((task) => resolve(cwd, task.base))
  const base = bases.length > 0 ? commonFolder(bases) : cwd
  return fg
    .sync(input, {cwd, absolute: true, onlyFiles: true, dot: false})
    .sort()
    .map((file) => describe(file, base, cwd))
    .filter((file) => !excluded(file.absolute))
}

function commonFolder(paths: string[]): string {
  const split = paths.map((path) => path.split(sep))
  const shared: string[] = []
  for (const [index, part] of split[0]!.entries()) {
    if (!split.every((parts) => parts[index] === part)) break
    shared.push(part)
  }
  return shared.join(sep) || sep
}

/** Real paths of the roots inputs were found under: one folder holds many articles. */
const realRoots = new Map<string, string>()

/**
 * The bytes of an input, once it is known to live below its root: a link
 * that leads out of the folder it was found in is refused.
 *
 * @throws {InputError} for a link leading out (`input/link-outside`) or a file that cannot be read (`input/unreadable`).
 */
export function readInput(input: InputFile): Buffer {
  let real: string
  let root: string
  try {
    real = realpathSync(input.absolute)
    root = realRoots.get(input.root) ?? realpathSync(input.root)
    realRoots.set(input.root, root)
  } catch (error) {
    throw new InputError('input/unreadable', `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  if (real !== input.absolute && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    // The target's path is not named: it may itself be something the pull request wants to learn.
    throw new InputError(
      'input/link-outside',
      'is a symbolic link (or below one) that leads outside the folder it was found in; articles must live in the scanned folder'
    )
  }
  try {
    return readFileSync(real)
  } catch (error) {
    throw new InputError('input/unreadable', `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

/** Every file a run writes for these inputs into `out`: the JSON, Markdown and HTML reports and the corpus pages. */
function outputPaths(inputs: readonly InputFile[], out: string): Map<string, string> {
  const paths = new Map<string, string>()
  for (const name of [REUSE_FILE, INDEX_PAGE, REUSE_PAGE]) paths.set(resolve(out, name), name)
  for (const input of inputs) {
    for (const suffix of ['.json', '.md']) paths.set(resolve(out, `${input.relative}${suffix}`), input.display)
    paths.set(resolve(out, articlePagePath(input.relative)), input.display)
  }
  return paths
}

/**
 * Refuses a run that would write over one of its inputs (`run dir/story
 * dir/story.md --out dir`), or into a folder that is a file.
 *
 * @throws {UsageError} naming the input and the report that would replace it.
 */
export function assertOutputsApart(inputs: readonly InputFile[], out: string): void {
  const outStats = statSync(out, {throwIfNoEntry: false})
  if (outStats && !outStats.isDirectory()) throw new UsageError(`--out ${printable(out)} is a file, not a folder for the reports`)
  const realOrSame = (path: string) => {
    try {
      return realpathSync(path)
    } catch {
      return resolve(path)
    }
  }
  // The output folder is resolved once; each input once: a run of 100,000 articles pays no more than its reads.
  const realOut = realOrSame(out)
  const inputsByReal = new Map(inputs.map((input) => [realOrSame(input.absolute), input]))
  for (const [path, of] of outputPaths(inputs, realOut)) {
    const input = inputsByReal.get(path)
    if (input)
      throw new UsageError(
        `the report for ${printable(of)} would overwrite the input ${printable(input.display)}; write the reports to another folder with --out`
      )
  }
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
    const folders = toPosix(relative(root, dirname(absolute)))
      .split('/')
      .filter((part) => part !== '')
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
  const outside = fromRoot.startsWith('..')
  return {
    absolute,
    relative: tailOf(absolute, toPosix(outside ? basename(absolute) : fromRoot)),
    display: tailOf(absolute, toPosix(fromCwd.startsWith('..') ? absolute : fromCwd)),
    root: outside ? dirname(absolute) : root
  }
}

/**
 * The path as a slice of the input's absolute path when it ends it, as an article's id and display path do on POSIX:
 * `path.relative` returns a slice of a copy of the absolute path, which the input kept alive beside its own (about 56
 * bytes an article of the main thread's heap for the whole run).
 */
function tailOf(absolute: string, path: string): string {
  return absolute.endsWith(path) ? absolute.slice(absolute.length - path.length) : path
}

/** The path with forward slashes; on POSIX the string itself, so an input's `display` shares its `absolute` when they are one path. */
function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}

/**
 * The run's articles in input order: where each id is, one index for the whole run (its marks and its JSON Lines files
 * read it). The positions sorted by id, four bytes an article, found by binary search: a map of every id took about 37
 * bytes an article of the main thread's heap for the whole run, its table doubling as it grew.
 */
export class InputOrder {
  readonly length: number
  private readonly byId: Int32Array

  constructor(private readonly ids: readonly string[]) {
    this.length = ids.length
    this.byId = Int32Array.from(ids.keys())
    // Inputs found under one folder come sorted already.
    if (ids.some((id, position) => position > 0 && ids[position - 1]! >= id)) this.byId.sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1))
  }

  /** The id at a position. */
  id(position: number): string {
    return this.ids[position]!
  }

  position(id: string): number | undefined {
    let low = 0
    let high = this.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const position = this.byId[middle]!
      const at = this.ids[position]!
      if (at === id) return position
      if (at < id) low = middle + 1
      else high = middle - 1
    }
    return undefined
  }
}

/** Where each of a list of articles stands, and the id at each place: what a run keeps by position is found through it. */
export type Positions = Pick<InputOrder, 'length' | 'position' | 'id'>

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
    bytes = input.bytes ?? readInput(input)
  } catch {
    return shard.index === 1
  }
  const bucket = createHash('sha256').update(bytes).digest().readUInt32BE(0) % shard.count
  return bucket === shard.index - 1
}
