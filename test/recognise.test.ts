/**
 * Outlets are recognised through one joined expression per flag set, tested
 * once per line, then outlet by outlet on the lines it matches: the line
 * found for each outlet must be the one its own patterns find first, for
 * the built-in outlets on every line of the fixtures and seeds, and for
 * patterns the join must leave alone (backreferences, named groups of one
 * name) or keep apart (letter case).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadRules, type Outlet} from '../core/rules/load.ts'
import {recognisedLines} from '../core/rules/recognise.ts'
import {matchText} from '../core/text.ts'

/** What each outlet's own patterns find, line by line. */
function oneByOne(outlets: readonly Outlet[], lines: readonly string[]): number[] {
  return outlets.map((outlet) => lines.findIndex((line) => outlet.recognise.some((pattern) => pattern.test(line))))
}

function outlet(id: string, ...recognise: RegExp[]): Outlet {
  return {id, name: id, domains: [], recognise, builtin: true, source: {file: 'test', line: 1, column: 1}, examples: {match: [], noMatch: []}}
}

const FOLDERS = ['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2', 'test/fixtures/xlang']

describe('recognising outlets', () => {
  it('finds for every built-in outlet the line its own patterns find, in every article of the fixtures and seeds', () => {
    const {outlets} = loadRules()
    let recognised = 0
    for (const folder of FOLDERS) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
        const lines = readFileSync(join(folder, name), 'utf8')
          .split(/\r?\n/)
          .map((line) => matchText(line).value)
        const found = recognisedLines(outlets, lines)
        expect(found).toEqual(oneByOne(outlets, lines))
        recognised += found.filter((line) => line !== -1).length
      }
    }
    expect(recognised).toBeGreaterThan(10)
  })

  it('keeps apart what the join cannot hold: backreferences, named groups of one name, letter case', () => {
    const outlets = [
      outlet('doubled', /\b(\w+) \1\b/u),
      outlet('named', /(?<site>Kabar)\s+\k<site>/u),
      outlet('named-too', /(?<site>Warta)\.com/u),
      outlet('capital', /^[A-Z]+ POST\b/u),
      outlet('any-case', /daily post/iu),
      outlet('behind', /(?<=\()Sumber: Harian(?=\))/iu)
    ]
    const lines = [
      'nothing here',
      'KABAR kabar',
      'Kabar Kabar',
      'the the end',
      'JAKARTA POST today',
      'jakarta post',
      'read Warta.com',
      '(sumber: harian)',
      'The Daily Post'
    ]
    const found = recognisedLines(outlets, lines)
    expect(found).toEqual(oneByOne(outlets, lines))
    expect(found).toEqual([2, 2, 6, 4, 8, 7])
    expect(recognisedLines(outlets, ['nothing names an outlet here', ''])).toEqual([-1, -1, -1, -1, -1, -1])
    expect(recognisedLines([], lines)).toEqual([])
  })
})
