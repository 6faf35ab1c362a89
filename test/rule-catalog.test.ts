import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {catalogIds, describeRule, RULE_CATALOG, ruleAnchor} from '../core/rule-catalog.ts'
import {GENERIC_RULE_IDS} from '../pipeline/generic/config.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {POLICY_RULES, UNCREDITED_SHARE_RULE} from '../render/policy.ts'
import {RULE_IDS, withSection} from '../scripts/readme-docs.ts'

const CODE_FOLDERS = ['core', 'pipeline', 'link', 'render', 'run', 'cli']
const FAMILIES = 'input|layout|rules|outlet|credits|metadata|generic|repeat|language|reuse|translation'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Every rule id in a report: decisions, cuts, evidence, messages. */
function reportRuleIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) reportRuleIds(item, into)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'ruleId' && typeof item === 'string') into.add(item)
      else reportRuleIds(item, into)
    }
  }
  return into
}

describe('the rule catalog', () => {
  const catalog = new Set<string>(RULE_CATALOG.map((doc) => doc.id))

  it('names every rule id written in the code', () => {
    const literal = new RegExp(`'((?:${FAMILIES})/[a-z0-9-]+)'`, 'g')
    const written = new Set(CODE_FOLDERS.flatMap(sources).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((match) => match[1]!)))
    expect(written.size).toBeGreaterThan(40)
    expect([...written].filter((id) => !catalog.has(id))).toEqual([])
    expect([...POLICY_RULES, UNCREDITED_SHARE_RULE].filter((id) => !catalog.has(id))).toEqual([])
  })

  it('describes every rule id of the seed reports, from the catalog or from the data file that defines it', () => {
    const data = loadPipelineData()
    const dataIds = new Set([
      ...data.rules.rules.map((rule) => rule.id),
      ...data.rules.outlets.map((outlet) => `${outlet.id}/recognise`),
      ...data.agencies.citations.map((citation) => citation.id)
    ])
    const ids = new Set<string>()
    for (const name of readdirSync('reports').filter((file) => file.endsWith('.txt.json')))
      reportRuleIds(JSON.parse(readFileSync(join('reports', name), 'utf8')), ids)
    expect(ids.size).toBeGreaterThan(10)
    const undescribed = [...ids].filter((id) => !catalog.has(id) && !dataIds.has(id) && !/^agencies\/reporting-[a-z]+-[a-z]+$/.test(id))
    expect(undescribed).toEqual([])
  })

  it('gives the generic stage its ids and a data id the file family that defines it', () => {
    expect(GENERIC_RULE_IDS).toEqual(catalogIds('generic/'))
    expect(GENERIC_RULE_IDS).toContain('generic/hard-wrap')
    expect(describeRule('generic/caption').meaning).toMatch(/caption/)
    expect(describeRule('common-id/read-also').meaning).toContain('rule file "common-id"')
    expect(describeRule('agencies/en-told').by).toBe('attribute')
    expect(describeRule('antaranews/recognise').by).toBe('outlet')
    expect(ruleAnchor('generic/short-between-body')).toBe('rule-generic-short-between-body')
  })

  it('has one entry per id, each with a meaning', () => {
    expect(catalog.size).toBe(RULE_CATALOG.length)
    expect(RULE_CATALOG.filter((doc) => doc.meaning.length < 10)).toEqual([])
  })

  it('is the table the README shows (npm run docs writes it)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(withSection(readme, RULE_IDS, () => '')).toBe(readme)
  })
})
