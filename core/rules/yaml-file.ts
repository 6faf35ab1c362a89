/**
 * Reads one YAML data file and validates it with a zod schema, turning every
 * problem into `file:line:column: what is wrong`. Shared by every YAML file in
 * `rules/` (cleaning rules, agencies, calendar) and by the config file.
 * Data files come from users and may be hostile: their size is capped here,
 * and yaml-parse.ts says what the parser refuses.
 */
import {readFileSync} from 'node:fs'
import {z} from 'zod'
import {closest} from './did-you-mean.ts'
import {DataFileError, type Position, parseYaml} from './yaml-parse.ts'
import {precompiledYaml} from './yaml-precompiled.ts'

export {DataFileError, MAX_ALIAS_COUNT, type Position} from './yaml-parse.ts'

/** A rules file is hand-written; anything larger is a mistake or an attack. */
export const MAX_DATA_FILE_BYTES = 1024 * 1024

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
  // The built-in rule files were parsed when the package was built; their text is recognised by its hash.
  const parsed = precompiledYaml(text) ?? parseYaml(text, displayPath)
  const {positionOf} = parsed
  if (parsed.problems.length > 0) return {value: undefined, positionOf, problems: parsed.problems}
  const {data} = parsed
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
