import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {franc} from 'franc-min'
import {expressions} from 'franc-min/expressions.js'
import {describe, expect, it} from 'vitest'
import {detectLanguage, trigramLanguage} from '../pipeline/language.ts'

/** Every article of the fixtures and the seeds, in many languages and scripts. */
function articles(): Array<{name: string; text: string}> {
  const folders = ['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2', 'test/fixtures/xlang']
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => ({name: join(folder, name), text: readFileSync(join(folder, name), 'utf8')}))
  )
}

describe('language guess', () => {
  const all = articles()

  it('gives franc’s answer for every article, every line and every prefix of the fixtures', () => {
    let compared = 0
    for (const {name, text} of all) {
      const samples = [text, ...text.split('\n'), ...[12, 40, 97, 300, 1000, 2047, 2048, 2049, 3000].map((length) => text.slice(0, length))]
      for (const sample of samples) {
        for (const minLength of [10, 40]) {
          expect(trigramLanguage(sample, minLength), `${name}: ${JSON.stringify(sample.slice(0, 60))}`).toBe(franc(sample, {minLength}))
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(5000)
  })

  it('gives franc’s answer where related languages of one script are close: lines of different articles run together', () => {
    const lines = all.flatMap(({text}) => text.split('\n').filter((line) => line.length > 30))
    for (let index = 0; index + 1 < lines.length; index += 7) {
      const mixed = `${lines[index]} ${lines[index + 1]}`
      expect(trigramLanguage(mixed, 10)).toBe(franc(mixed, {minLength: 10}))
    }
  })

  it('gives franc’s script for text of every script franc knows, astral characters and lone surrogates included', () => {
    // What the script count relies on: no expression matches a surrogate alone, only a pair as one.
    for (let unit = 0xd800; unit <= 0xdfff; unit++) {
      for (const expression of Object.values(expressions)) expect(new RegExp(`^(?:${expression.source})$`).test(String.fromCharCode(unit))).toBe(false)
    }
    // Characters of each script (the first and last of each range of its expression, single units and pairs), digits,
    // punctuation, emoji, and lone surrogates, drawn in runs so one script or another leads.
    const pool: string[] = ['1', ' ', '.', '😀', '\ud83c', '\udc00', 'a', 'é']
    for (const expression of Object.values(expressions)) {
      const units = [...expression.source.matchAll(/\\u([0-9A-F]{4})/g)].map((match) => Number.parseInt(match[1]!, 16))
      for (const unit of units) if (unit < 0xd800 || unit > 0xdfff) pool.push(String.fromCharCode(unit))
      for (const [, high, low] of expression.source.matchAll(/\\u(D[89AB][0-9A-F]{2})\[?\\u([0-9A-F]{4})/g)) {
        pool.push(String.fromCharCode(Number.parseInt(high!, 16), Number.parseInt(low!, 16)))
      }
    }
    expect(pool.filter((character) => character.length === 2).length).toBeGreaterThan(20)
    let seed = 7
    const next = (bound: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % bound
    }
    for (let sample = 0; sample < 400; sample++) {
      let text = ''
      while (text.length < 10 + next(80)) {
        const character = pool[next(pool.length)]!
        text += character.repeat(1 + next(6))
      }
      expect(trigramLanguage(text, 10), JSON.stringify(text)).toBe(franc(text, {minLength: 10}))
    }
  })

  it('tells the fixtures’ languages apart, and says nothing of too little text', () => {
    expect(detectLanguage(readFileSync('test/fixtures/corpus/022_gunestv-gazze-aa-tr.txt', 'utf8'))).toBe('tr')
    expect(detectLanguage(readFileSync('test/fixtures/corpus/028_almadenah-peskov-referendum-anadolu-ar.txt', 'utf8'))).toBe('ar')
    const found = new Set(all.map(({text}) => detectLanguage(text)))
    expect(found.size).toBeGreaterThan(5)
    expect(detectLanguage('Baca juga')).toBeNull()
    expect(trigramLanguage('1234567890 — 2026', 10)).toBe('und')
  })
})
