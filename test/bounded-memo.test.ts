import {describe, expect, it} from 'vitest'
import {boundedMemo} from '../core/bounded-memo.ts'

describe('a bounded memo', () => {
  it('answers a key it has seen from memory, null answers included, and computes again once emptied when full', () => {
    const asked: string[] = []
    const lookUp = boundedMemo(2, (word: string) => {
      asked.push(word)
      return word === 'none' ? null : word.toUpperCase()
    })
    expect([lookUp('a'), lookUp('none'), lookUp('a'), lookUp('none')]).toEqual(['A', null, 'A', null])
    expect(asked).toEqual(['a', 'none'])
    // Full at two: a third word empties it, so the first is computed again.
    expect([lookUp('b'), lookUp('a')]).toEqual(['B', 'A'])
    expect(asked).toEqual(['a', 'none', 'b', 'a'])
  })
})
