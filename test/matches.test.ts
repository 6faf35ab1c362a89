import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {allMatches} from '../core/matches.ts'
import {loadAgencies, maskNames} from '../pipeline/agencies.ts'

const plain = (matches: Iterable<RegExpMatchArray>) =>
  [...matches].map((match) => ({index: match.index, text: [...match], groups: match.groups, indices: match.indices}))

describe('every match of an expression', () => {
  const article = readFileSync('test/fixtures/corpus/022_gunestv-gazze-aa-tr.txt', 'utf8')
  const expressions = [/\p{Lu}\p{Ll}+/gu, /(?<word>\p{L}+)/dgu, /\b/g, /(?:)/gu, /a*/g, /(?<=\s)|x/gu]
  const texts = [article, '', 'a😀b😀', '😀', 'aaa baaa', '\ud83d', 'x\ud83dx']

  it('are the matches matchAll gives, empty ones and astral characters included', () => {
    for (const expression of expressions) {
      for (const text of texts)
        expect(plain(allMatches(expression, text)), `${expression} on ${JSON.stringify(text.slice(0, 20))}`).toEqual(plain(text.matchAll(expression)))
    }
  })

  it('are the matches matchAll gives for the registry’s citation patterns on the fixture articles', () => {
    const registry = loadAgencies()
    const folder = 'test/fixtures/corpus'
    let found = 0
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
      const read = readFileSync(join(folder, name), 'utf8')
      const text = maskNames(read, registry.resolve(read))
      for (const {regex} of registry.citations) {
        const matches = allMatches(regex, text)
        expect(plain(matches)).toEqual(plain(text.matchAll(regex)))
        found += matches.length
      }
    }
    expect(found).toBeGreaterThan(10)
  })

  it('leaves the expression ready for the next text, and refuses one that is not global', () => {
    const names = /AA|Anadolu/g
    expect(allMatches(names, 'AA and Anadolu').map((match) => match.index)).toEqual([0, 7])
    expect(names.lastIndex).toBe(0)
    expect(allMatches(names, 'Anadolu').map((match) => match.index)).toEqual([0])
    expect(() => allMatches(/AA/, 'AA')).toThrow(TypeError)
  })
})
