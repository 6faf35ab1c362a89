import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {END, qualityFiguresSection, START, withFigures} from '../scripts/figure-docs.ts'

const evalJson = readFileSync('reports/eval.json', 'utf8')

describe('the README’s table of quality figures', () => {
  it('is the table reports/eval.json gives (npm run docs writes it)', () => {
    const readme = readFileSync('README.md', 'utf8')
    expect(withFigures(readme, evalJson)).toBe(readme)
  })

  it('prints each set’s rules run over all articles, with a dash where nothing is measured', () => {
    const section = qualityFiguresSection(evalJson)
    expect(section.startsWith(START) && section.endsWith(END)).toBe(true)
    const xlang = section.split('\n').find((row) => row.startsWith('| xlang '))
    const all = JSON.parse(evalJson).sets.xlang.runs.rules.scores.all
    expect(xlang).toContain(`| ${all.translations.recall.toFixed(3)} / ${all.translations.precision.toFixed(3)} |`)
    expect(section.split('\n').find((row) => row.startsWith('| seeds '))).toMatch(/\| – \|$/)
  })

  it('changes when a figure of the file changes', () => {
    const changed = JSON.parse(evalJson)
    changed.sets.corpus2.runs.rules.scores.all.roles.accuracy = 0.5
    const rows = qualityFiguresSection(JSON.stringify(changed)).split('\n')
    expect(rows.find((row) => row.startsWith('| corpus2 '))).toContain('| 0.500 |')
    expect(withFigures(readFileSync('README.md', 'utf8'), JSON.stringify(changed))).not.toBe(readFileSync('README.md', 'utf8'))
  })

  it('refuses a README without its markers, and a file that is not an evaluation', () => {
    expect(() => withFigures('# no markers', evalJson)).toThrow(/markers/)
    expect(() => qualityFiguresSection('{"sets": {"x": {}}}')).toThrow()
  })
})
