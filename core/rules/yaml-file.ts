/**
 * Reads one YAML data file and validates it with a zod schema, turning every
 * problem into `file:line:column: what is wrong`. Shared by every YAML file in
 * `rules/` (cleaning rules, agencies, calendar) and by the config file.
 *
 * Data files come from users and may be hostile: their size is capped, alias
 * expansion is capped (no "billion laughs"), explicit tags are refused (a
 * data file holds strings, numbers, lists and maps, never objects of a type
 * it names), and nesting too deep for the parser is an error, not a crash.
 */
import {readFileSync} from 'node:fs'
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import {z} from 'zod'
import {closest} from './did-you-mean.ts'

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
export const MAX_ALIAS_COUNT = 50
/** A rules file is hand-written; anything larger is a mistake or an attack. */
export const MAX_DATA_FILE_BYTES = 1024 * 1024

export interface Position {
  line: number
  column: number
}

export interface LoadedYaml<T> {
  value: T
  /** Line and column (1-based) of the node at a path, for messages about valid data. */
  positionOf(path: ReadonlyArray<string | number>, atKey?: boolean): Position
}

/** A file read without stopping at the first problem: `value` is set only when there are none. */
export interface ReadYaml<T> {
  value: T | undefined
  positionOf(path: ReadonlyArray<string | number>, atKey?: boolean): Position
  problems: DataFileError[]
}

/**
 * Reads and validates a data file.
 *
 * @throws {DataFileError} on the first problem.
 */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S, displayPath = file): LoadedYaml<z.output<S>> {
  return firstProblemThrown(readYamlFile(file, schema, displayPath))
}

/**
 * Parses and validates YAML text.
 *
 * @throws {DataFileError} on the first problem.
 */
export function parseYamlText<S extends z.ZodType>(text: string, schema: S, displayPath: string): LoadedYaml<z.output<S>> {
  return firstProblemThrown(readYamlText(text, schema, displayPath))
}

/** Reads and validates a data file, collecting every problem instead of stopping at the first. */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S, displayPath = file): ReadYaml<z.output<S>> {
  let source: Buffer
  try {
    source = readFileSync(file)
  } catch (error) {
    return failed(new DataFileError(displayPath, 1, 1, `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`))
  }
  if (source.length > MAX_DATA_FILE_BYTES) {
    return failed(new DataFileError(displayPath, 1, 1, `file is ${source.length} bytes; data files are limited to ${MAX_DATA_FILE_BYTES}`))
  }
  return readYamlText(source.toString('utf8'), schema, displayPath)
}

/** Parses and validates YAML text, collecting every problem. */
export function readYamlText<S extends z.ZodType>(text: string, schema: S, displayPath: string): ReadYaml<z.output<S>> {
  const lineCounter = new LineCounter()
  // resolveKnownTags off: YAML 1.1 tags such as !!binary or !!set stay unresolved and are refused below.
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, resolveKnownTags: false})
  const at = (offset: number): Position => {
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }
  const positionOf = (path: ReadonlyArray<string | number>, atKey = false): Position => {
    const node = nodeAt(doc.contents as YamlNode | null, path, atKey)
    return at(node?.range?.[0] ?? 0)
  }
  const problemAt = (offset: number, reason: string) => {
    const {line, column} = at(offset)
    return new DataFileError(displayPath, line, column, reason)
  }
  const syntax = [
    ...doc.errors.map((error) => problemAt(error.pos[0], error.message.split('\n')[0]!)),
    ...doc.warnings
      .filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')
      .map((warning) => problemAt(warning.pos[0], `${warning.message.split('\n')[0]!}; data files hold plain values, without tags`))
  ]
  if (syntax.length > 0) return {value: undefined, positionOf, problems: syntax}
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
  } catch (error) {
    return {value: undefined, positionOf, problems: [new DataFileError(displayPath, 1, 1, `cannot expand the file: ${(error as Error).message}`)]}
  }
  const result = schema.safeParse(data ?? {})
  if (result.success) return {value: result.data as z.output<S>, positionOf, problems: []}
  // A misspelt key shows up twice: as an unknown key and as the missing key it was meant to be. The did-you-mean says both.
  const misspelt = new Set<string>()
  const unknownKeys = result.error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return []
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const known = keysAt(schema, path)
    return issue.keys.map((key) => {
      const suggestion = closest(key, known)
      if (suggestion) misspelt.add(JSON.stringify([...path, suggestion]))
      const {line, column} = positionOf([...path, key], true)
      const where = path.length > 0 ? `${path.join('.')}: ` : ''
      return new DataFileError(displayPath, line, column, `${where}unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`)
    })
  })
  const otherIssues = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return []
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol')
    const missing = valueAt(data, path) === undefined
    if (missing && misspelt.has(JSON.stringify(path))) return []
    const {line, column} = positionOf(path)
    return [new DataFileError(displayPath, line, column, describeIssue(issue, path, missing))]
  })
  const problems = [...unknownKeys, ...otherIssues]
  problems.sort((a, b) => a.line - b.line || a.column - b.column)
  return {value: undefined, positionOf, problems}
}

function failed<T>(problem: DataFileError): ReadYaml<T> {
  return {value: undefined, positionOf: () => ({line: 1, column: 1}), problems: [problem]}
}

function firstProblemThrown<T>(read: ReadYaml<T>): LoadedYaml<T> {
  const first = read.problems[0]
  if (first) throw first
  return {value: read.value as T, positionOf: read.positionOf}
}

function describeIssue(issue: z.core.$ZodIssue, path: Array<string | number>, missing: boolean): string {
  const key = path.at(-1)
  // A schema's own message for a missing value (such as "examples are required") says more than "missing key".
  if (missing && issue.code === 'invalid_type' && typeof key === 'string' && / received undefined$/.test(issue.message)) {
    const parent = path.slice(0, -1)
    return `${parent.length > 0 ? `${parent.join('.')}: ` : ''}missing key "${key}"`
  }
  const where = path.length > 0 ? `${path.join('.')}: ` : ''
  return `${where}${issue.message}`
}

/** The plain value at a path of parsed data, undefined where there is none. */
function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = data
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}

/** The keys an object in the schema accepts at `path`, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<string | number>): string[] {
  let node: z.ZodType | undefined = schema
  for (const key of path) {
    node = unwrap(node)
    if (node instanceof z.ZodArray) node = node.element as z.ZodType
    else if (node instanceof z.ZodObject) node = node.shape[key] as z.ZodType | undefined
    else return []
  }
  node = unwrap(node)
  return node instanceof z.ZodObject ? Object.keys(node.shape) : []
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType
  return current
}

/** The YAML node at a path; stops at the deepest node that exists so a missing key points at its parent. */
function nodeAt(root: YamlNode | null, path: ReadonlyArray<string | number>, atKey: boolean): YamlNode | null {
  let node: YamlNode | null = root
  for (const [depth, key] of path.entries()) {
    if (isMap(node)) {
      // A key written as a number (a line number) is named by its text in a data path.
      const pair = node.items.find((item) => isScalar(item.key) && (item.key.value === key || String(item.key.value) === String(key)))
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
