/**
 * Every built-in rule, outlet and exception carries examples; this runs
 * each one's examples through the same code as `wiretrace rules test`,
 * one case per rule, so a failing example names the rule and the line.
 */
import {describe, expect, it} from 'vitest'
import {loadRules} from '../core/rules/load.ts'
import {testRuleSet} from '../core/rules/tester.ts'

const results = testRuleSet(loadRules())

describe('built-in rule examples', () => {
  it('covers every built-in rule and outlet', () => {
    const set = loadRules()
    const tested = new Set(results.map((result) => result.id))
    for (const rule of set.defined) expect(tested).toContain(rule.id)
    for (const outlet of set.outlets) expect(tested).toContain(`${outlet.id}/recognise`)
  })

  it.each(results.map((result) => [result.id, result] as const))('%s behaves as its examples say', (_id, result) => {
    const failures = result.failures.map(
      (failure) => `${failure.at.file}:${failure.at.line}:${failure.at.column}: ${failure.message}: ${JSON.stringify(failure.example)}`
    )
    expect(failures).toEqual([])
    expect(result.examples).toBeGreaterThanOrEqual(2)
  })
})
