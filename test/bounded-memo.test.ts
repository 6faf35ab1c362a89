import {describe, expect, it} from 'vitest'
import {boundedMemo, boundedMemoPer} from '../core/bounded-memo.ts'

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

  it('keeps one memo per owner: the same key is answered for each owner apart, each bounded on its own', () => {
    const asked: string[] = []
    const inList = boundedMemoPer(2, (list: ReadonlySet<string>, word: string) => {
      asked.push(word)
      return list.has(word)
    })
    const english = new Set(['the'])
    const malay = new Set(['yang'])
    expect([inList(english, 'the'), inList(malay, 'the'), inList(english, 'the'), inList(malay, 'yang')]).toEqual([true, false, true, true])
    expect(asked).toEqual(['the', 'the', 'yang'])
    // Each owner full at two: a third word of one empties that one's memo alone.
    expect([inList(english, 'a'), inList(english, 'of'), inList(english, 'the'), inList(malay, 'the')]).toEqual([false, false, true, false])
    expect(asked).toEqual(['the', 'the', 'yang', 'a', 'of', 'the'])
  })

  it('computes on the word it was asked, and answers the same word cut from elsewhere in the text from memory', () => {
    const asked: string[] = []
    const lower = boundedMemo(10, (word) => {
      asked.push(word)
      return word.toLowerCase()
    })
    const text = 'Reuters reported INTERNATIONALISATION twice: INTERNATIONALISATION'
    const first = text.slice(17, 37)
    const second = text.slice(-20)
    expect(lower(first)).toBe('internationalisation')
    expect(lower(second)).toBe('internationalisation')
    expect(asked).toEqual(['INTERNATIONALISATION'])
  })
})
