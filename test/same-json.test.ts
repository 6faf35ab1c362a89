import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {sameJson} from '../core/same-json.ts'

const sameText = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

describe('sameJson', () => {
  it('agrees with comparing the JSON texts, over generated values and their edits', () => {
    const value = fc.jsonValue({maxDepth: 4})
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(sameText(a, b))
      })
    )
    // Values that differ in one place deep down, or not at all.
    fc.assert(
      fc.property(value, (a) => {
        const copy = JSON.parse(JSON.stringify(a)) as unknown
        expect(sameJson(a, copy)).toBe(true)
        const edited = {wrapped: copy, extra: 1}
        expect(sameJson({wrapped: a}, edited)).toBe(false)
      })
    )
  })

  it('tells key order, and reads undefined, NaN and infinities as JSON writes them', () => {
    expect(sameJson({a: 1, b: 2}, {b: 2, a: 1})).toBe(false)
    expect(sameJson({a: 1, b: undefined}, {a: 1})).toBe(true)
    expect(sameJson([undefined], [null])).toBe(true)
    expect(sameJson({x: Number.NaN}, {x: null})).toBe(true)
    expect(sameJson({x: Number.POSITIVE_INFINITY}, {x: 0})).toBe(false)
    expect(sameJson([1, 2], {0: 1, 1: 2})).toBe(false)
    expect(sameJson([], {})).toBe(false)
    expect(sameJson('1', 1)).toBe(false)
  })

  it('finds a seed report unchanged, and changed by one similarity in one reuse link', () => {
    const text = readFileSync('reports/000_0ff0c87b60d874fd.txt.json', 'utf8')
    const report = JSON.parse(text) as {blocks: Array<{reuse: Array<{similarity: number}>}>}
    expect(sameJson(report, JSON.parse(text))).toBe(true)
    const edited = JSON.parse(text) as typeof report
    const link = edited.blocks.flatMap((block) => block.reuse)[0]!
    link.similarity = link.similarity === 1 ? 0.99 : 1
    expect(sameJson(report, edited)).toBe(false)
  })
})
