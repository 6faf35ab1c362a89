/**
 * What the stages compute on a short line (its features and key, the outlets it recognises, the credits it holds) is
 * remembered across articles, since an outlet's clutter comes back on each of its pages: the answers must be those
 * computed afresh, whatever was read before, and a line longer than `LONGEST_KEPT_LINE` is not kept.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {LONGEST_KEPT_LINE, lineMemo, lineMemoPer} from '../core/bounded-memo.ts'
import type {Outlet} from '../core/rules/load.ts'
import {firstLinesRecognising} from '../core/rules/recognise.ts'
import {matchText} from '../core/text.ts'
import {loadAgencies} from '../pipeline/agencies.ts'
import {creditReader} from '../pipeline/credits/credit-lines.ts'
import {loadGenericConfig} from '../pipeline/generic/config.ts'
import {lineFeatures} from '../pipeline/generic/features.ts'
import {readLines} from '../pipeline/generic/lines.ts'
import {functionWords} from '../pipeline/generic/stoplist.ts'
import {builtinData, builtinProcessor} from './helpers/pipeline.ts'

/** Every article of the test corpora, by file name. */
const articles = ['test/fixtures/corpus', 'test/fixtures/corpus2', 'seeds'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({name, text: readFileSync(join(dir, name), 'utf8')}))
)

/** The article's tree once the whole pipeline has run over it. */
function analysedTree(text: string, name: string): Root {
  const file = new VFile({path: name, value: new TextEncoder().encode(text), data: {articleId: name}})
  return builtinProcessor.runSync({type: 'RootNode', children: []}, file)
}

describe('a line memo', () => {
  it('remembers a short line, computes a longer one each time it is asked for, and keeps one memo per owner', () => {
    const asked: string[] = []
    const upper = lineMemo((line) => {
      asked.push(line)
      return line.toUpperCase()
    })
    const long = 'x'.repeat(LONGEST_KEPT_LINE + 1)
    expect([upper('baca juga'), upper('baca juga'), upper(long), upper(long)]).toEqual(['BACA JUGA', 'BACA JUGA', long.toUpperCase(), long.toUpperCase()])
    expect(asked).toEqual(['baca juga', long, long])

    const inList = lineMemoPer((list: ReadonlySet<string>, line: string) => list.has(line))
    const english = new Set(['Read more'])
    const malay = new Set(['Baca juga'])
    expect([inList(english, 'Read more'), inList(malay, 'Read more'), inList(malay, 'Baca juga'), inList(english, 'Baca juga')]).toEqual([
      true,
      false,
      true,
      false
    ])
  })
})

describe('outlets recognised by line', () => {
  const {outlets} = builtinData.rules

  /** The first line each outlet's patterns match, outlet by outlet, as the stages read it before lines were remembered. */
  function scanned(list: readonly Outlet[], readings: readonly string[]): Map<number, number> {
    const first = new Map<number, number>()
    for (const [place, outlet] of list.entries()) {
      const line = readings.findIndex((reading) => outlet.recognise.some((pattern) => pattern.test(reading)))
      if (line !== -1) first.set(place, line)
    }
    return first
  }

  it('finds, for every article of the corpora, the lines the outlet-by-outlet scan finds, read in either order', () => {
    const readings = articles.map(({text}) => text.split(/\r\n|\n|\r/).map((line) => matchText(line).value))
    let recognised = 0
    for (const order of [readings, [...readings].reverse(), readings]) {
      for (const lines of order) {
        const expected = scanned(outlets, lines)
        recognised += expected.size
        expect(firstLinesRecognising(outlets, lines)).toEqual(expected)
      }
    }
    // The corpora name outlets (19 recognitions a pass): the comparison above is not between two empty answers.
    expect(recognised).toBeGreaterThan(3 * 15)
  })

  it('answers a line for each list of outlets apart', () => {
    const line = 'KOMPAS.com - Pemerintah menaikkan harga.'
    const named = outlets.filter((outlet) => outlet.recognise.some((pattern) => pattern.test(line)))
    expect(named.length).toBeGreaterThan(0)
    const others = outlets.filter((outlet) => !named.includes(outlet))
    expect(firstLinesRecognising(outlets, [line]).size).toBe(named.length)
    expect(firstLinesRecognising(others, [line])).toEqual(new Map())
    expect(firstLinesRecognising(named, ['Tidak ada nama di sini.', line])).toEqual(new Map(named.map((_, place) => [place, 1])))
  })
})

describe('line features across articles', () => {
  const footer = 'Ikuti berita terkini dari kami di Google News'
  const paragraph = 'Pemerintah menyatakan bahwa harga bahan pokok tetap stabil menjelang hari raya. '.repeat(4).trim()
  const article = (title: string) => `${title}\n\nJakarta - ${paragraph}\n\nHarga beras di pasar induk naik tipis pekan ini.\n\n${footer}\n`

  it('gives a short line of two articles the features it has alone, shared; a paragraph its own', () => {
    expect(paragraph.length).toBeGreaterThan(LONGEST_KEPT_LINE)
    const lines = [
      analysedTree(article('Harga pangan stabil menjelang lebaran'), 'a.txt'),
      analysedTree(article('Pasokan beras aman kata menteri'), 'b.txt')
    ].map((tree) => readLines(tree))
    const [a, b] = lines.map((read) => read.find((line) => line.text === footer)!)
    expect(a!.features).toEqual(lineFeatures(footer, functionWords()))
    expect(b!.features).toBe(a!.features)
    const [first, second] = lines.map((read) => read.find((line) => line.text.endsWith(paragraph))!)
    expect(second!.features).toEqual(first!.features)
    expect(second!.features).not.toBe(first!.features)
  })
})

describe('credits found by line', () => {
  const generic = loadGenericConfig()
  const labels = [...generic.creditKind].filter(([, kind]) => kind === 'credit').map(([label]) => label)

  it('finds on every line of the corpora, asked again, what a reader that never read it finds', () => {
    const registry = loadAgencies()
    const remembering = creditReader(registry, labels, generic.bylinePrefix)
    const fresh = creditReader(registry, labels, generic.bylinePrefix)
    const lines = [...new Set(articles.flatMap(({text}) => text.split('\n')))]
    for (const line of lines) remembering.find(line)
    let found = 0
    for (const line of lines) {
      const afresh = fresh.find(line)
      found += afresh.length
      expect(remembering.find(line)).toEqual(afresh)
    }
    expect(found).toBeGreaterThan(20)
  })
})
