/**
 * Parses YAML text into plain data, with the line and column of every node.
 *
 * Data files come from users and may be hostile: alias expansion is capped
 * (no "billion laughs"), explicit tags are refused (a data file holds strings,
 * numbers, lists and maps, never objects of a type it names), and nesting too
 * deep for the parser is an error, not a crash.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'

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

export interface Position {
  line: number
  column: number
}

/** Line and column (1-based) of the node at a path; a path that goes past the data points at its deepest node that exists. */
export type PositionOf = (path: ReadonlyArray<string | number>, atKey?: boolean) => Position

/** YAML text read into plain data (`data` is meaningful only when there are no problems). */
export interface ParsedYaml {
  data: unknown
  positionOf: PositionOf
  problems: DataFileError[]
}

export function parseYaml(text: string, displayPath: string): ParsedYaml {
  const lineCounter = new LineCounter()
  // resolveKnownTags off: YAML 1.1 tags such as !!binary or !!set stay unresolved and are refused below.
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, resolveKnownTags: false})
  const at = (offset: number): Position => {
    const {line, col} = lineCounter.linePos(offset)
    return {line, column: col}
  }
  const positionOf: PositionOf = (path, atKey = false) => {
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
  if (syntax.length > 0) return {data: undefined, positionOf, problems: syntax}
  try {
    return {data: doc.toJS({maxAliasCount: MAX_ALIAS_COUNT}), positionOf, problems: []}
  } catch (error) {
    return {data: undefined, positionOf, problems: [new DataFileError(displayPath, 1, 1, `cannot expand the file: ${(error as Error).message}`)]}
  }
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
