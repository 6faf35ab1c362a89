/**
 * A line's features are measured in one walk over its characters, with the
 * character classes of ASCII looked up and folded words remembered: they
 * must be what the plain definition gives (every character tested against
 * the letter, digit and punctuation classes, every word folded), on every
 * line of the fixtures and on any text, in any script, lone surrogates and
 * odd white space included.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {fold} from '../pipeline/generic/config.ts'
import {lineFeatures, wordsOf, type LineFeatures} from '../pipeline/generic/features.ts'
import {functionWords} from '../pipeline/generic/stoplist.ts'
import {codePointLength, codePointSlice, comparable, keyWordCount, lastLetter, shortened, startsWithCapital} from '../core/text.ts'

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?<![\p{L}\p{N}])[#@][\p{L}\p{N}_]{2,}/gu
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu

/** The features by their definition, character by character (what the stage computed before it walked the line once). */
function definition(text: string, stoplist: ReadonlySet<string>, words: number): Omit<LineFeatures, 'words' | 'endsSentence'> {
  const folded = text.replace(/\s+/gu, ' ').trim()
  const raw = folded.match(WORD) ?? []
  const visible = [...folded.replace(/\s/gu, '')]
  const count = (pattern: RegExp) => visible.filter((char) => pattern.test(char)).length
  const total = Math.max(visible.length, 1)
  const unspaced = folded.match(UNSPACED)?.length ?? 0
  const cased = raw.filter((word) => word[0]!.toLowerCase() !== word[0]!.toUpperCase())
  return {
    chars: [...folded].length + unspaced * 2,
    letters: count(/[\p{L}\p{M}]/u) / total,
    digits: count(/\p{N}/u) / total,
    punctuation: count(/[\p{P}\p{S}]/u) / total,
    functionWords: raw.length === 0 ? 0 : raw.filter((word) => stoplist.has(fold(word))).length / raw.length,
    endsOnFunctionWord: raw.length > 0 && /[\p{L}\p{M}]$/u.test(folded) && stoplist.has(fold(raw.at(-1)!)),
    capitalised: cased.length === 0 || cased.length * 2 < words ? null : cased.filter((word) => word[0] === word[0]!.toUpperCase()).length / cased.length,
    links: folded.match(LINK)?.length ?? 0
  }
}

function measuredAsDefined(text: string): void {
  const {words, endsSentence: _endsSentence, ...features} = lineFeatures(text, functionWords())
  // Words are not redefined here (a script without spaces counts its runs by length); the share of capitals reads them.
  expect(features).toEqual(definition(text, functionWords(), words))
  expect(wordsOf(text)).toEqual((text.match(WORD) ?? []).map(fold))
  // A line's key, the same whichever way it is computed (ASCII lines take a shorter one).
  expect(comparable(text)).toBe(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  )
  // Its words counted in place: what splitting it at its spaces gives, none for an empty key.
  const key = comparable(text)
  expect(keyWordCount(key)).toBe(key === '' ? 0 : key.split(' ').length)
}

const FOLDERS = ['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2', 'test/fixtures/xlang']

describe('line features', () => {
  it('are what their definition gives on every line of the fixtures and seeds', () => {
    let lines = 0
    for (const folder of FOLDERS) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
        for (const line of readFileSync(join(folder, name), 'utf8').split(/\r?\n/)) {
          measuredAsDefined(line)
          lines++
        }
      }
    }
    expect(lines).toBeGreaterThan(1000)
  })

  it('are what their definition gives on any text: scripts, digits, symbols, lone surrogates, odd white space', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'Z', '7', '.', '$', '|', ' ', '\t', '\u00a0', '\u3000', '\u2009', 'İ', 'ı', 'é', 'e\u0301', 'ß', '٣', '½', '€', '—'),
      fc.constantFrom('Д', 'ж', 'ب', 'ש', '中', 'の', 'カ', '한', 'ก', '\ud83d\ude00', '\ud800', '\udc00', '𝟘', 'Ⅻ', '’', "'", 'the', 'dan', 'und', 'ǅ'),
      fc.constantFrom('#', '@', 'www.', 'http://', 'https://', 'x.com', 'a@b.co', '_', '-', '+')
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}), (pieces) => measuredAsDefined(pieces.join(''))),
      {numRuns: 2000}
    )
  })

  it('count and cut code points as the string iterator does (and shorten a text by them), and find the last letter that a search from the start finds, on any text', () => {
    const lastBySearch = (text: string) => /\p{L}(?=[^\p{L}]*$)/u.exec(text)?.[0] ?? ''
    const piece = fc.constantFrom('a', 'Z', 'é', 'e\u0301', '7', ' ', '.', '"', 'ق', 'ж', '中', '\u{1d400}', '\ud83d\ude00', '\ud800', '\udc00', '٣', '-')
    const holds = (text: string) => {
      expect(codePointLength(text)).toBe([...text].length)
      expect(lastLetter(text)).toBe(lastBySearch(text))
      for (let start = -1; start <= text.length; start++)
        for (let end = start; end <= text.length + 1; end++) expect(codePointSlice(text, start, end)).toBe([...text].slice(start, end).join(''))
      for (let most = 1; most <= text.length + 1; most++) {
        const characters = [...text]
        expect(shortened(text, most)).toBe(characters.length > most ? `${characters.slice(0, most - 1).join('')}…` : text)
      }
    }
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 12}), (pieces) => holds(pieces.join(''))),
      {numRuns: 5000}
    )
    fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 8}), holds), {numRuns: 5000})
    expect(['Reuters.)', '12 …', 'x\u{1d400}!', 'ab\udc00', '\ud800', ''].map(lastLetter)).toEqual(['s', '', '\u{1d400}', 'b', '', ''])
    expect(['a\ud83d\ude00\ud800', '\udc00\ud800', 'abc'].map(codePointLength)).toEqual([3, 2, 3])
    expect(['a\ud83d\ude00b', '\udc00ab', 'abc'].map((text) => codePointSlice(text, 1, 3))).toEqual(['\ud83d\ude00b', 'ab', 'bc'])
  })

  it("start with a capital exactly where the text's first code point is an upper-case letter, whichever script", () => {
    const capital = (text: string) => /^\p{Lu}/u.test(text)
    for (const folder of FOLDERS)
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt')))
        for (const [word] of readFileSync(join(folder, name), 'utf8').matchAll(/\S+/gu)) expect(startsWithCapital(word)).toBe(capital(word))
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 3}), (text) => startsWithCapital(text) === capital(text)),
      {numRuns: 5000}
    )
    expect(['Z', 'É', 'Ж', 'İ', '\u{1d400}x', 'a', 'z', '7', '', 'é', 'ب', '\ud835'].map(startsWithCapital)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false
    ])
  })

  it('count what a reader counts: letters, digits and punctuation of a plain line, function words among its words', () => {
    const features = lineFeatures('The 2 ministers met in Jakarta: “talks”.', functionWords())
    expect(features.chars).toBe(40)
    expect(features.digits).toBeCloseTo(1 / 34)
    expect(features.punctuation).toBeCloseTo(4 / 34)
    expect(features.letters).toBeCloseTo(29 / 34)
    expect(features.functionWords).toBeGreaterThan(0)
    expect(features.capitalised).toBeCloseTo(2 / 6)
    expect(features.links).toBe(0)
    expect(lineFeatures('Follow @wiretrace and #news at https://example.org/a', functionWords()).links).toBe(3)
    expect(lineFeatures('', functionWords())).toMatchObject({chars: 0, letters: 0, digits: 0, punctuation: 0, functionWords: 0})
  })

  it('read no share of capitals in a line of a script without case that holds an acronym, and keep it for a line in a cased script', () => {
    // The last paragraph of a Chinese article (xlang 324), ending in its source's name: one cased word, WQC, among 18.
    const chinese = lineFeatures('法赫米今天在这里参加完2023年世界古兰经大会(WQC)后对媒体说了这番话。——马来西亚', functionWords())
    expect(chinese.words).toBeGreaterThan(2)
    expect(chinese.capitalised).toBeNull()
    expect(lineFeatures('مؤتمر WQC في كوالالمبور', functionWords()).capitalised).toBeNull()
    expect(lineFeatures('Fahmi spoke after the WQC in Kuala Lumpur', functionWords()).capitalised).toBeCloseTo(4 / 8)
  })
})
