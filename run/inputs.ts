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
import {REUSE_DIGEST_FILE, REUSE_FILE} from '../link/reuse/clusters.ts'
import {detached} from '../core/detached.ts'
import {SortedIds} from '../core/sorted-ids.ts'
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
  const folders = new InputFolders()
  const positive = inputs.filter((input) => !input.startsWith('!'))
  if (positive.length === 0)
    throw new UsageError(`name the article files, folders or globs to read; ${inputs.map((input) => `"${input}"`).join(', ')} only leave files out`)
  for (const input of positive) {
    const found = input === STDIN_INPUT ? [fromStdin(selection.stdin, cwd)] : expand(input, cwd, excluded, folders)
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
    return source ? {...plainInput(file), source} : file
  })
}

function fromStdin(stdin: InputSelection['stdin'], cwd: string): InputFile {
  if (!stdin) throw new UsageError('"-" reads an article from standard input: name it with --stdin-filename NAME (the path it is reported under)')
  const absolute = resolve(cwd, stdin.filename)
  const fromCwd = relative(cwd, absolute)
  const name = toPosix(fromCwd.startsWith('..') ? basename(absolute) : fromCwd)
  return {absolute, relative: name, display: name, root: cwd, bytes: stdin.bytes}
}

function expand(input: string, cwd: string, excluded: (absolute: string) => boolean, folders: InputFolders): InputFile[] {
  const absolute = resolve(cwd, input)
  const stats = statSync(absolute, {throwIfNoEntry: false})
  if (stats?.isDirectory()) return glob(ARTICLE_GLOB, absolute, cwd, folders).filter((file) => !excluded(file.absolute))
  if (stats?.isFile()) return [describe(absolute, dirname(absolute), cwd, folders)]
  // A glob with braces (`{a,b}/*.txt`) has one base per branch; ids are paths below the base they share.
  const bases = fg.generateTasks(input, {cwd}).map((task) => resolve(cwd, task.base))
  const base = bases.length > 0 ? commonFolder(bases) : cwd
  return fg
    .sync(input, {cwd, absolute: true, onlyFiles: true, dot: false})
    .sort()
    .map((file) => describe(file, base, cwd, folders))
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
    // The C library's realpath: one call, where Node's own walks the path with an lstat for each of its folders.
    real = realpathSync.native(input.absolute)
    root = realRoots.get(input.root) ?? realpathSync.native(input.root)
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

/**
 * Refuses a run that would write over one of its inputs (`run dir/story
 * dir/story.md --out dir`), or into a folder that is a file.
 *
 * Only an input inside `out` can be overwritten, so each input's real path is asked whether it is there and, if so,
 * whose report's name it has (the JSON, Markdown and HTML reports of an input by its id, and the corpus pages): a map
 * of every report's path, made for the question, was about 150 MB of the main thread's heap at 100,000 articles, at
 * the start of the run.
 *
 * @throws {UsageError} naming the input and the report that would replace it.
 */
export function assertOutputsApart(inputs: readonly InputFile[], out: string): void {
  const outStats = statSync(out, {throwIfNoEntry: false})
  if (outStats && !outStats.isDirectory()) throw new UsageError(`--out ${printable(out)} is a file, not a folder for the reports`)
  const realOrSame = (path: string) => {
    try {
      return realpathSync.native(path)
    } catch {
      return resolve(path)
    }
  }
  // The output folder is resolved once; each input once: a run of 100,000 articles pays no more than its reads.
  const realOut = realOrSame(out)
  const inside = realOut.endsWith(sep) ? realOut : realOut + sep
  let byId: Map<string, InputFile> | undefined
  for (const input of inputs) {
    const real = realOrSame(input.absolute)
    if (!real.startsWith(inside)) continue
    byId ??= new Map(inputs.map((each) => [each.relative, each]))
    const owner = reportNamed(toPosix(real.slice(inside.length)), byId)
    if (owner !== undefined)
      throw new UsageError(
        `the report for ${printable(owner)} would overwrite the input ${printable(input.display)}; write the reports to another folder with --out`
      )
  }
}

/** Whose report (or which corpus page) a run writes under the name `name` in its folder: the input's display path, the page's name, or undefined. */
function reportNamed(name: string, byId: ReadonlyMap<string, InputFile>): string | undefined {
  if ([REUSE_FILE, REUSE_DIGEST_FILE, INDEX_PAGE, REUSE_PAGE].includes(name)) return name
  for (const suffix of ['.json', '.md', '.html']) {
    if (!name.endsWith(suffix)) continue
    const input = byId.get(name.slice(0, -suffix.length))
    if (input && [`${input.relative}.json`, `${input.relative}.md`, articlePagePath(input.relative)].includes(name)) return input.display
  }
  return undefined
}

function glob(pattern: string, root: string, cwd: string, folders: InputFolders): InputFile[] {
  return fg
    .sync(pattern, {cwd: root, absolute: true, onlyFiles: true})
    .sort()
    .map((file) => describe(file, root, cwd, folders))
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

function describe(absolute: string, root: string, cwd: string, folders: InputFolders): InputFile {
  const fromRoot = relative(root, absolute)
  const fromCwd = relative(cwd, absolute)
  const outside = fromRoot.startsWith('..')
  return folders.input({
    absolute,
    relative: toPosix(outside ? basename(absolute) : fromRoot),
    display: toPosix(fromCwd.startsWith('..') ? absolute : fromCwd),
    root: outside ? dirname(absolute) : root
  })
}

/**
 * The folders a run's inputs were found in, each made once: an input found in one keeps its id and its folder, and
 * makes its absolute and display paths when asked for (`FoundInput`).
 */
class InputFolders {
  private readonly folders = new Map<string, InputFolder>()

  /** The input as a `FoundInput` when its paths are its folder's followed by its id (on POSIX, every input found in a folder); else as it is. */
  input(paths: InputFile): InputFile {
    const {absolute, relative: id, display, root} = paths
    if (!absolute.endsWith(id) || (display !== absolute && !display.endsWith(id))) return paths
    const prefix = absolute.slice(0, absolute.length - id.length)
    const displayPrefix = display === absolute ? null : display.slice(0, display.length - id.length)
    const key = `${root}\u0000${prefix}\u0000${displayPrefix ?? '\u0000'}`
    let folder = this.folders.get(key)
    if (!folder) {
      folder = {root, prefix, displayPrefix}
      this.folders.set(key, folder)
    }
    return new FoundInput(folder, detached(id))
  }
}

/** What the inputs found in one folder share: their root, and what their absolute and display paths have before their ids. */
interface InputFolder {
  readonly root: string
  readonly prefix: string
  /** Null when an input's display path is its absolute path (a folder outside the working directory). */
  readonly displayPrefix: string | null
}

/**
 * An input found in a folder: its id (a string of its own) and its folder, its paths made when asked for. An object
 * holding the paths (the id and display path slices of the absolute one) took about 150 bytes an article of the main
 * thread's heap, 180 when the display path differs from the absolute one, for the whole run; a run keeps its inputs
 * in an `InputList`, which makes this object when asked for one.
 * Its getters do not cross to another thread (a structured clone copies fields alone): send `plainInput(input)`.
 */
class FoundInput implements InputFile {
  constructor(
    readonly folder: InputFolder,
    readonly relative: string
  ) {}

  get absolute(): string {
    return this.folder.prefix + this.relative
  }

  get display(): string {
    return this.folder.displayPrefix === null ? this.absolute : this.folder.displayPrefix + this.relative
  }

  get root(): string {
    return this.folder.root
  }
}

/** Inputs read by position: a list of them, or a run's `InputList`. */
export interface InputSequence {
  readonly length: number
  at(position: number): InputFile | undefined
  slice(from: number, to: number): InputFile[]
}

/**
 * A run's inputs, held for the whole run as each input's id and the number of the folder it was found in: its
 * `FoundInput` is made when asked for. An object an input kept for the whole run was 3.8 MB of the main thread's heap
 * at 100,000 articles (40 bytes each), and V8 leaves room above what a thread holds in proportion to it. An input that
 * was not found in a folder (standard input, a source of its own) is kept as it is.
 */
export class InputList implements InputSequence {
  /** The code of an input kept as it is, in `others`. */
  private static readonly KEPT = 0xffff

  private constructor(
    private readonly idsInOrder: readonly string[],
    /** Per position, the input's folder's number in `folders`, or `KEPT`. */
    private readonly folderCodes: Uint16Array,
    private readonly folders: readonly InputFolder[],
    private readonly others: ReadonlyMap<number, InputFile>
  ) {}

  static of(inputs: readonly InputFile[]): InputList {
    const folders: InputFolder[] = []
    const numberOf = new Map<InputFolder, number>()
    const codes = new Uint16Array(inputs.length)
    const others = new Map<number, InputFile>()
    const ids = inputs.map((input, position) => {
      let code = input instanceof FoundInput ? numberOf.get(input.folder) : undefined
      if (input instanceof FoundInput && code === undefined && folders.length < InputList.KEPT) {
        code = folders.push(input.folder) - 1
        numberOf.set(input.folder, code)
      }
      if (code === undefined) others.set(position, input)
      codes[position] = code ?? InputList.KEPT
      return input.relative
    })
    return new InputList(ids, codes, folders, others)
  }

  get length(): number {
    return this.idsInOrder.length
  }

  /** The ids, in input order: the list's own, not a copy. */
  ids(): readonly string[] {
    return this.idsInOrder
  }

  /** The id at a position: the list's own string, which whoever keeps it shares. */
  id(position: number): string {
    const id = this.idsInOrder[position]
    if (id === undefined) throw new RangeError(`no input at position ${position} of ${this.length}`)
    return id
  }

  at(position: number): InputFile | undefined {
    const code = this.folderCodes[position]
    if (code === undefined) return undefined
    return code === InputList.KEPT ? this.others.get(position) : new FoundInput(this.folders[code]!, this.idsInOrder[position]!)
  }

  slice(from: number, to: number): InputFile[] {
    const inputs: InputFile[] = []
    for (let position = Math.max(0, from); position < Math.min(to, this.length); position++) inputs.push(this.at(position)!)
    return inputs
  }

  /** The inputs that `keep` keeps, in order. */
  filter(keep: (input: InputFile) => boolean): InputList {
    const kept: InputFile[] = []
    for (const input of this) if (keep(input)) kept.push(input)
    return InputList.of(kept)
  }

  *[Symbol.iterator](): Iterator<InputFile> {
    for (let position = 0; position < this.length; position++) yield this.at(position)!
  }
}

/** The input as an object holding its fields: what crosses to another thread, or takes another field by spreading. */
export function plainInput(input: InputFile): InputFile {
  return {
    absolute: input.absolute,
    relative: input.relative,
    display: input.display,
    root: input.root,
    ...(input.bytes ? {bytes: input.bytes} : {}),
    ...(input.source ? {source: input.source} : {})
  }
}

/** The path with forward slashes; on POSIX the string itself. */
function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}

/**
 * The run's articles in input order: where each id is, one index for the whole run (its marks and its JSON Lines files
 * read it), found through the ids sorted (`SortedIds`). An input's id is its own: the list holds each once.
 */
export class InputOrder {
  private readonly sorted: SortedIds

  /** @param id the id at a position, read through for as long as the order is: the run's inputs, not a list of their ids beside them */
  constructor(
    readonly length: number,
    readonly id: (position: number) => string
  ) {
    this.sorted = new SortedIds(length, id)
  }

  /** The order of a list of ids. */
  static of(ids: readonly string[]): InputOrder {
    return new InputOrder(ids.length, (position) => ids[position]!)
  }

  position(id: string): number | undefined {
    return this.sorted.last(id)
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
