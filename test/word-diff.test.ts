/**
 * The reuse linker's word diff (link/reuse/word-diff.ts) gives jsdiff's runs: the same words kept, dropped and
 * inserted, in the same runs, where several alignments are equally short (a word repeated) included.
 */
import {readdirSync, readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {DROPPED, INSERTED, jsdiffRuns, KEPT, wordDiff} from '../link/reuse/word-diff.ts'
import {tokenize} from '../link/reuse/tokens.ts'

/** The compared words of every fixture article of `corpus2`, one list an article. */
const articles = readdirSync('test/fixtures/corpus2')
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => {
    const text = readFileSync(`test/fixtures/corpus2/${name}`, 'utf8')
    return tokenize([{id: 'b0', lines: [1, 1], start: 0, text, cuts: []}]).map((token) => token.norm)
  })

describe('the word diff of a passage', () => {
  it('gives the runs jsdiff gives for words drawn from a few, where many alignments tie', () => {
    const words = (few: number) =>
      fc.array(
        fc.integer({min: 0, max: few - 1}).map((word) => `w${word}`),
        {maxLength: 40}
      )
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 4}).chain((few) => fc.tuple(words(few), words(few))),
        ([a, b]) => {
          expect(wordDiff(a, b)).toEqual(jsdiffRuns(a, b))
        }
      ),
      {numRuns: 3000}
    )
  })

  it('gives the runs jsdiff gives for a real paragraph and a copy with words dropped, inserted and replaced', () => {
    const article = fc.integer({min: 0, max: articles.length - 1}).map((index) => articles[index]!)
    fc.assert(
      fc.property(
        article,
        article,
        fc.nat(),
        fc.integer({min: 1, max: 300}),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'insert', 'replace'), fc.nat()), {maxLength: 12}),
        (words, other, from, count, edits) => {
          const a = words.slice(from % Math.max(1, words.length), (from % Math.max(1, words.length)) + count)
          const b = [...a]
          for (const [at, edit, pick] of edits) {
            const place = at % (b.length + 1)
            const word = other[pick % Math.max(1, other.length)] ?? 'x'
            if (edit === 'drop') b.splice(place, 1)
            else if (edit === 'insert') b.splice(place, 0, word)
            else b.splice(place, 1, word)
          }
          expect(wordDiff(a, b)).toEqual(jsdiffRuns(a, b))
          expect(wordDiff(b, a)).toEqual(jsdiffRuns(b, a))
        }
      ),
      {numRuns: 400}
    )
  })

  it('gives the runs jsdiff gives for long passages that share little, through jsdiff itself when the paths run long', () => {
    // The first and the last words of the set, of other stories: 400 words a side takes about 150,000 run records, in
    // the diff's own arrays; 900 a side about 790,000, past the 262,144 a diff may hold, so jsdiff answers it.
    const all = articles.flat()
    for (const words of [400, 900]) {
      const [a, b] = [all.slice(0, words), all.slice(-words)]
      const runs = wordDiff(a, b)
      expect(runs).toEqual(jsdiffRuns(a, b))
      const total = (kind: number) => runs.reduce((sum, count, at) => (at % 2 === 1 && runs[at - 1] === kind ? sum + count : sum), 0)
      expect(total(KEPT) + total(DROPPED)).toBe(a.length)
      expect(total(KEPT) + total(INSERTED)).toBe(b.length)
      expect(total(KEPT)).toBeLessThan(words / 2)
    }
  })

  it('keeps identical passages whole and reads an empty side as all dropped or all inserted', () => {
    expect(wordDiff(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([KEPT, 3])
    expect(wordDiff(['a', 'b'], [])).toEqual([DROPPED, 2])
    expect(wordDiff([], ['a'])).toEqual([INSERTED, 1])
    expect(wordDiff([], [])).toEqual([])
  })
})
