/**
 * The built-in rule files, parsed once when the package is built.
 *
 * Parsing YAML with every node's position is the largest part of a small
 * run's start-up (about 0.45 s of CPU for the 150 KB of `rules/`, in each
 * thread that loads them, since the parser has not yet been optimised by the
 * time it reads its first files). The build writes each built-in file's data
 * and node positions to one JSON file; a text is recognised by its hash, so an
 * edited file, a user's file or a missing table is simply parsed.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {z} from 'zod'
import {PACKAGE_ROOT} from '../paths.ts'
import {type ParsedYaml, type Position, type PositionOf, parseYaml} from './yaml-parse.ts'

/** Where `npm run build` writes the table. */
export const PRECOMPILED_YAML_FILE = join(PACKAGE_ROOT, 'dist', 'parsed-rules.json')

const PRECOMPILED_VERSION = 1

const precompiledFileSchema = z.strictObject({
  version: z.literal(PRECOMPILED_VERSION),
  /** By the SHA-256 of a file's text. */
  files: z.record(
    z.string(),
    z.strictObject({
      data: z.unknown(),
      /**
       * Four numbers for each node of the data, in the order `eachNode` visits
       * them: the line and column of the node, then of its key in a map (0, 0
       * for an item of a list or the root).
       */
      positions: z.array(z.number().int().nonnegative())
    })
  )
})
export type PrecompiledYaml = z.infer<typeof precompiledFileSchema>

function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

/** A path as the table's key. Map keys compare by their text, as the parser's own lookup does. */
function pathKey(path: ReadonlyArray<string | number>): string {
  return path.map(String).join('\u0001')
}

/** Every node of plain data with its path, parents first, lists in order, maps in key order. */
function eachNode(data: unknown, visit: (path: Array<string | number>, inMap: boolean) => void): void {
  const walk = (node: unknown, path: Array<string | number>, inMap: boolean) => {
    visit(path, inMap)
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, [...path, index], false)
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key], true)
    }
  }
  walk(data, [], false)
}

/**
 * The table for these texts: each text that parses without a problem, with
 * its data and the position of every node, taken from the parser's own
 * lookup so that a position read from the table is the one it would give.
 */
export function precompileYaml(texts: Iterable<string>): PrecompiledYaml {
  const files: PrecompiledYaml['files'] = {}
  for (const text of texts) {
    const parsed = parseYaml(text, '')
    const data = parsed.data ?? null
    // Data that JSON cannot carry unchanged (such as .inf) is left to the parser.
    if (parsed.problems.length > 0 || !isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue
    const positions: number[] = []
    eachNode(data, (path, inMap) => {
      const value = parsed.positionOf(path)
      const key = inMap ? parsed.positionOf(path, true) : {line: 0, column: 0}
      positions.push(value.line, value.column, key.line, key.column)
    })
    files[textHash(text)] = {data, positions}
  }
  return {version: PRECOMPILED_VERSION, files}
}

let table: PrecompiledYaml['files'] | undefined

/** The table `npm run build` wrote; empty when there is none or it is not of this version (the texts are then parsed). */
function builtTable(): PrecompiledYaml['files'] {
  if (table) return table
  try {
    table = precompiledFileSchema.parse(JSON.parse(readFileSync(PRECOMPILED_YAML_FILE, 'utf8'))).files
  } catch {
    table = {}
  }
  return table
}

/** The parsed form of a text the table holds (a fresh copy of its data), or undefined. */
export function precompiledYaml(text: string, files: PrecompiledYaml['files'] = builtTable()): ParsedYaml | undefined {
  const entry = files[textHash(text)]
  if (!entry) return undefined
  let nodeIndex: Map<string, number> | undefined
  const indexOf = (path: ReadonlyArray<string | number>): number | undefined => {
    if (!nodeIndex) {
      const index = new Map<string, number>()
      eachNode(entry.data, (nodePath) => index.set(pathKey(nodePath), index.size))
      nodeIndex = index
    }
    return nodeIndex.get(pathKey(path))
  }
  const at = (node: number, offset: 0 | 2): Position | undefined => {
    const line = entry.positions[node * 4 + offset]
    const column = entry.positions[node * 4 + offset + 1]
    return line && column ? {line, column} : undefined
  }
  const positionOf: PositionOf = (path, atKey = false) => {
    const node = indexOf(path)
    const key = atKey && node !== undefined ? at(node, 2) : undefined
    if (key) return key
    // A path past the data points at its deepest node that exists, as the parser's lookup does.
    for (let length = path.length; length >= 0; length--) {
      const ancestor = indexOf(path.slice(0, length))
      const value = ancestor === undefined ? undefined : at(ancestor, 0)
      if (value) return value
    }
    return {line: 1, column: 1}
  }
  return {data: structuredClone(entry.data), positionOf, problems: []}
}
