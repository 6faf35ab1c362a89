/** The filter of the hashes a reuse index may hold in two articles or more: never a false negative, few false positives. */
import {describe, expect, it} from 'vitest'
import {SharedHashes} from '../link/reuse/shared-hashes.ts'
import {shingles, tokenize, winnow} from '../link/reuse/tokens.ts'

/** Deterministic 32-bit hashes (a linear congruential sequence), so the figures below are the same on every run. */
function* hashes(seed: number, count: number): Generator<number> {
  let state = seed >>> 0
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    yield state
  }
}

describe('SharedHashes', () => {
  it('tells a hash one article holds from one two articles hold, an article holding a hash twice counting once', () => {
    const filter = new SharedHashes()
    filter.addArticle([11, 22, 22, 33])
    filter.addArticle([33, 44])
    expect([11, 22, 33, 44, 55].map((hash) => filter.mayBeHeld(hash))).toEqual([true, true, true, true, false])
    expect([11, 22, 33, 44, 55].map((hash) => filter.mayBeShared(hash))).toEqual([false, false, true, false, false])
  })

  it('never misses a shared hash, even when its slots are crowded', () => {
    for (const slotBits of [10, 26]) {
      const filter = new SharedHashes(slotBits)
      const twice = [...hashes(1, 20_000)]
      for (const hash of twice) filter.add(hash)
      for (const hash of hashes(2, 200_000)) filter.add(hash)
      for (const hash of twice) filter.add(hash)
      expect(twice.every((hash) => filter.mayBeShared(hash))).toBe(true)
    }
  })

  it("answers 'maybe' for few hashes no article holds twice, winnowed fingerprints (the smallest hashes) included", () => {
    const filter = new SharedHashes()
    // About the fingerprints of 100,000 articles, each hash held once.
    for (const hash of hashes(3, 5_000_000)) filter.add(hash)
    const unseen = [...hashes(4, 100_000)]
    const falseShared = unseen.filter((hash) => filter.mayBeShared(hash)).length / unseen.length
    expect(falseShared).toBeLessThan(0.01)
    // Winnowing keeps each window's smallest hash: those crowd the low values, and must still spread over the slots.
    const words = Array.from({length: 20_000}, (_, index) => `kata${index}`).join(' ')
    const fingerprints = winnow(shingles(tokenize([{id: 'b1', lines: [1, 1], start: 0, text: words, cuts: []}])), 4)
    const small = new SharedHashes(16)
    small.addArticle(fingerprints.map((fingerprint) => fingerprint.hash))
    const heldAfterOne = fingerprints.filter((fingerprint) => small.mayBeShared(fingerprint.hash)).length / fingerprints.length
    // Spread evenly, a hash finds its slot taken by another about as often as the share of slots taken.
    const evenly = 1 - Math.exp(-new Set(fingerprints.map((fingerprint) => fingerprint.hash)).size / 2 ** 16)
    expect(heldAfterOne).toBeLessThan(1.3 * evenly)
  })
})
