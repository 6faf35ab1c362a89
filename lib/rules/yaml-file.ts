/**
 * Reads one YAML data file and validates it with a zod schema, turning every
 * problem into `file:line:column: what is wrong`. Shared by every YAML file in
 * `rules/` (cleaning rules, agencies, calendar) and by the config file.
 */
import {readFileSync} from 'node:fs'
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import type {z} from 'zod'

/** One problem in a data file, positioned for editors and terminals. */
export class DataFileError extends Error {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly reason: string
  constructor(file: string, line: number, column: number, reason: string) {
    super(`${file}:${line}:${column}: ${reason}`)
    this.name = 'DataFileError'
    this.file = file
    this.line = line
    this.column = column
    this.reason = reason
  }
}

/** Alias expansion is capped so a "billion laughs" file cannot exhaust memory. */
const MAX_ALIAS_COUNT = 50
/** A rules file is hand-written; anything larger is a mistake or an attack. */
const MAX_DATA_FILE_BYTES = 1024 * 1024

export interface LoadedYaml<T> {
  value: T
  /** Line and column (1-based) of the node at a path, for messages about valid data. */
  positionOf(path: ReadonlyArray<string | number>, atKey?: boolean): {line: number; column: number}
}

export function loadYamlFile<S extends z.ZodType>(file: string, schema: S, displayPath = file): LoadedYaml<z.output<S>> {
  const source = readFileSync(file)
  if (source.length > MAX_DATA_FILE_BYTES) {
    throw new DataFileError(displayPath, 1, 1, `file is ${source.length} bytes; data files are limited to ${MAX_DATA_FILE_BYTES}`)
  }
  return parseYamlText(source.toString('utf8'), schema, displayPath)
}

export function parseYamlText<S extends z.ZodType>(text: string, schema: S, displayPath: string): LoadedYaml<z.output<S>> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const at = (offset: number) => lineCounter.linePos(offset)
  const firstError = doc.errors[0]
  if (firstError) {
    const {line, col} = at(firstError.pos[0])
    throw new DataFileError(displayPath, line, col, firstError.message.split('\n')[0]!)
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
  } catch (error) {
    throw new DataFileError(displayPath, 1, 1, `cannot expand the file: ${(error as Error).message}`)
  }
  const positionOf = (path: ReadonlyArray<string | number>, atKey = false) => {
    const node = nodeAt(doc.contents as YamlNode | null, path, atKey)
    const offset = node?.range?.[0] ?? 0
    const {line, col} = at(offset)
    return {line, column: col}
  }
  const result = schema.safeParse(data ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]!
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const unknownKey = issue.code === 'unrecognized_keys'
    const {line, column} = positionOf(unknownKey ? [...path, issue.keys[0]!] : path, unknownKey)
    throw new DataFileError(displayPath, line, column, describeIssue(issue, path))
  }
  return {value: result.data as z.output<S>, positionOf}
}

function describeIssue(issue: z.core.$ZodIssue, path: Array<string | number>): string {
  const where = path.length > 0 ? `${path.join('.')}: ` : ''
  if (issue.code === 'unrecognized_keys') return `${where}unknown key "${issue.keys.join('", "')}"`
  return `${where}${issue.message}`
}

/** The YAML node at a path; stops at the deepest node that exists so a missing key points at its parent. */
function nodeAt(root: YamlNode | null, path: ReadonlyArray<string | number>, atKey: boolean): YamlNode | null {
  let node: YamlNode | null = root
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key)
      if (!pair) return node
      const wantKey = atKey && depth === path.length - 1
      node = ((wantKey ? pair.key : pair.value) as YamlNode | null) ?? node
    } else if (isSeq(node) && typeof key === 'number') {
      node = (node.items[key] as YamlNode | undefined) ?? node
    } else {
      return node
    }
  }
  return node
}
