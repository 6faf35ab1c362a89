import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import fg from 'fast-glob'
import {describe, expect, it} from 'vitest'
import {SCHEMA_FILES} from '../cli/wiretrace.ts'

/** Every user-editable data file kind, the schema its editors are pointed at, and the files shipped of that kind. */
const DATA_FILES: Array<{schema: string; files: string[]}> = [
  {schema: 'rules.schema.json', files: fg.sync('rules/{common,outlets}/*.yaml')},
  {schema: 'agencies.schema.json', files: ['rules/agencies.yaml']},
  {schema: 'generic.schema.json', files: ['rules/generic.yaml']},
  {schema: 'translation.schema.json', files: ['rules/translation.yaml']},
  {schema: 'calendar.schema.json', files: ['rules/calendar.yaml']},
  {schema: 'config.schema.json', files: ['wiretrace.config.yaml']}
]

/** The paths (like `rules[].examples.match[]`) of properties that have no description for an editor to show. */
function undescribed(schema: unknown, path = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item) => undescribed(item, path))
  if (typeof schema !== 'object' || schema === null) return []
  const node = schema as Record<string, unknown>
  const missing: string[] = []
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') {
      for (const [name, property] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        if (typeof property.description !== 'string') missing.push(`${path}.${name}`)
        missing.push(...undescribed(property, `${path}.${name}`))
      }
    } else if (key === 'items') missing.push(...undescribed(value, `${path}[]`))
    else missing.push(...undescribed(value, path))
  }
  return missing
}

describe('JSON Schemas of every file a user edits', () => {
  it('are committed in schema/ and current (run `npm run schema` after changing a zod schema)', () => {
    for (const [name, generate] of Object.entries(SCHEMA_FILES)) expect(JSON.parse(readFileSync(join('schema', name), 'utf8')), name).toEqual(generate())
  })

  it('describe every key, so an editor shows help on hover', () => {
    for (const {schema} of DATA_FILES) expect(undescribed(JSON.parse(readFileSync(join('schema', schema), 'utf8'))), schema).toEqual([])
  })

  it('are named at the top of every shipped data file, by a path that leads to them', () => {
    for (const {schema, files} of DATA_FILES) {
      expect(files.length, schema).toBeGreaterThan(0)
      for (const file of files) {
        const pointer = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1]
        expect(pointer, file).toBeDefined()
        expect(join(dirname(file), pointer!), file).toBe(join('schema', schema))
        expect(existsSync(join(dirname(file), pointer!))).toBe(true)
      }
    }
  })
})
