/**
 * Expands the paths and globs a user gives into the article files to read,
 * each with the root it was found under (reports mirror paths below it).
 */
import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {basename, dirname, relative, resolve, sep} from 'node:path'
import fg from 'fast-glob'

export interface InputFile {
  /** Absolute path. */
  absolute: string
  /** Path relative to the root it was found under, with forward slashes: the article id. */
  relative: string
  /** Path relative to the working directory, with forward slashes, as reports show it. */
  display: string
}

export class UsageError extends Error {
  override name = 'UsageError'
}

/** Files under a folder that count as articles. */
export const ARTICLE_GLOB = '**/*.txt'

/**
 * Resolves inputs: a folder means every `.txt` below it, a file means that
 * file, anything else is a glob (fast-glob syntax).
 *
 * @throws {UsageError} when an input matches nothing.
 */
export function resolveInputs(inputs: string[], cwd = process.cwd()): InputFile[] {
  const seen = new Map<string, InputFile>()
  for (const input of inputs) {
    const found = expand(input, cwd)
    if (found.length === 0) throw new UsageError(`no article files match "${input}"`)
    for (const file of found) if (!seen.has(file.absolute)) seen.set(file.absolute, file)
  }
  return [...seen.values()]
}

function expand(input: string, cwd: string): InputFile[] {
  const absolute = resolve(cwd, input)
  const stats = statSync(absolute, {throwIfNoEntry: false})
  if (stats?.isDirectory()) return glob(ARTICLE_GLOB, absolute, cwd)
  if (stats?.isFile()) return [describe(absolute, dirname(absolute), cwd)]
  const task = fg.generateTasks(input, {cwd})[0]
  const base = resolve(cwd, task?.base ?? '.')
  return fg.sync(input, {cwd, absolute: true, onlyFiles: true, dot: false}).sort().map((file) => describe(file, base, cwd))
}

function glob(pattern: string, root: string, cwd: string): InputFile[] {
  return fg
    .sync(pattern, {cwd: root, absolute: true, onlyFiles: true})
    .sort()
    .map((file) => describe(file, root, cwd))
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
  let bytes: Buffer
  try {
    bytes = readFileSync(input.absolute)
  } catch {
    return shard.index === 1
  }
  const bucket = createHash('sha256').update(bytes).digest().readUInt32BE(0) % shard.count
  return bucket === shard.index - 1
}
