import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {latestBench, QUALITY_FIGURES, qualityFigures, SECTIONS, withSection, withSections} from '../scripts/readme-docs.ts'

const readme = readFileSync('README.md', 'utf8')
const evalJson = readFileSync('reports/eval.json', 'utf8')
const benchJson = readFileSync('reports/bench.json', 'utf8')
/** The README's figures made from other files than the committed ones. */
const withFiles = (files: Record<string, string>) => withSections(readme, (path) => files[path] ?? readFileSync(path, 'utf8'))

describe('the README’s generated parts', () => {
  it('are the rule catalog and the figures reports/eval.json and reports/bench.json give (npm run docs writes them)', () => {
    expect(withSections(readme)).toBe(readme)
    for (const section of SECTIONS) expect(readme).toContain(section.start)
  })

  it('print each gold set’s rules run over all articles, with a dash where nothing is measured', () => {
    const rows = qualityFigures(evalJson).split('\n')
    const all = JSON.parse(evalJson).sets.xlang.runs.rules.scores.all
    expect(rows.find((row) => row.startsWith('| xlang '))).toContain(`| ${all.translations.recall.toFixed(3)} / ${all.translations.precision.toFixed(3)} |`)
    expect(rows.find((row) => row.startsWith('| seeds '))).toMatch(/\| – \|$/)
  })

  it('print the benchmark’s sizes per output mode and every target it judged', () => {
    const bench = JSON.parse(benchJson)
    const section = latestBench(benchJson)
    expect(section.split('\n').filter((row) => row.includes('| per-article files |')).length).toBe(bench.runs.length)
    for (const target of bench.targets)
      expect(section).toContain(`| ${target.target} | ${target.measured} | ${target.met ? 'yes' : `no (off by ${target.shortBy}×)`} |`)
  })

  it('change when a figure of either file changes', () => {
    const evaluation = JSON.parse(evalJson)
    evaluation.sets.corpus2.runs.rules.scores.all.roles.accuracy = 0.5
    const changedEval = withFiles({'reports/eval.json': JSON.stringify(evaluation)})
    expect(changedEval).not.toBe(readme)
    expect(changedEval).toContain('| 0.500 |')
    const bench = JSON.parse(benchJson)
    bench.outputs[0].peakRssMb = 12_345
    const changedBench = withFiles({'reports/bench.json': JSON.stringify(bench)})
    expect(changedBench).not.toBe(readme)
    expect(changedBench).toContain('| 12,345 |')
  })

  it('refuse a README without markers, and files that are not what they should be', () => {
    expect(() => withSection('# no markers', QUALITY_FIGURES, () => evalJson)).toThrow(/markers/)
    expect(() => qualityFigures('{"sets": {"x": {}}}')).toThrow()
    expect(() => latestBench(evalJson)).toThrow()
  })
})
