/**
 * The built-in rule files parsed at build time must read exactly as the
 * parser reads them: the same data, and the same line and column for every
 * node, its key, and any path past the data (where a schema's message about
 * a missing key points). A text the table does not hold is parsed.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import fg from 'fast-glob'
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULES_DIR} from '../core/rules/load.ts'
import {parseYaml} from '../core/rules/yaml-parse.ts'
import {precompiledYaml, precompileYaml} from '../core/rules/yaml-precompiled.ts'

const RULE_FILES = fg.sync('**/*.yaml', {cwd: BUILTIN_RULES_DIR}).sort()

/** Every path of plain data, with one path past each node and one past each map that names no key of it. */
function pathsOf(data: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const paths = [path, [...path, 'no-such-key'], [...path, 9999]]
  if (Array.isArray(data)) {
    for (const [index, item] of data.entries()) paths.push(...pathsOf(item, [...path, index]))
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) paths.push(...pathsOf(value, [...path, key]))
  }
  return paths
}

describe('the built-in rule files parsed at build time', () => {
  it('covers every built-in rule file', () => {
    expect(RULE_FILES.length).toBeGreaterThan(20)
    const table = precompileYaml(RULE_FILES.map((file) => readFileSync(join(BUILTIN_RULES_DIR, file), 'utf8')))
    expect(Object.keys(table.files)).toHaveLength(RULE_FILES.length)
  })

  it.each(RULE_FILES)('reads %s as the parser does: data and every position', (file) => {
    const text = readFileSync(join(BUILTIN_RULES_DIR, file), 'utf8')
    const parsed = parseYaml(text, file)
    const table = JSON.parse(JSON.stringify(precompileYaml([text]))) as ReturnType<typeof precompileYaml>
    const precompiled = precompiledYaml(text, table.files)
    expect(precompiled).toBeDefined()
    expect(precompiled!.data).toEqual(parsed.data)
    for (const path of pathsOf(parsed.data)) {
      expect(precompiled!.positionOf(path), path.join('.')).toEqual(parsed.positionOf(path))
      expect(precompiled!.positionOf(path, true), `${path.join('.')} (key)`).toEqual(parsed.positionOf(path, true))
    }
  })
})

describe('texts the table does not hold', () => {
  const text = 'outlet:\n  id: example\n  recognise:\n    - Example News\n'
  const table = precompileYaml([text])

  it('parses a text edited since the build (one character)', () => {
    expect(precompiledYaml(text, table.files)).toBeDefined()
    expect(precompiledYaml(text.replace('Example', 'Exampel'), table.files)).toBeUndefined()
  })

  it('leaves out a text with a syntax error, and one whose data JSON cannot carry', () => {
    const broken = 'outlet: [unclosed\n'
    const infinite = 'limit: .inf\n'
    expect(parseYaml(broken, 'x').problems).not.toHaveLength(0)
    expect(precompileYaml([broken, infinite]).files).toEqual({})
  })

  it('hands each reader its own copy of the data', () => {
    const first = precompiledYaml(text, table.files)!.data as {outlet: {id: string}}
    first.outlet.id = 'changed'
    expect((precompiledYaml(text, table.files)!.data as {outlet: {id: string}}).outlet.id).toBe('example')
  })
})
