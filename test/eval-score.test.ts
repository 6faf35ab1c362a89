import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadGold} from '../eval/gold.ts'
import {loadGoldSet, runGoldSet, RUNS} from '../eval/harness.ts'
import {blankLines, loadReports, pythonRound, ReportFileError, scoreReports, textDirsFor} from '../eval/score.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SCORE_PY = resolve(ROOT, '../shared/eval/score.py')
const SEEDS_GOLD = join(ROOT, 'test/fixtures/gold/seeds.gold.json')
const CORPUS_GOLD = join(ROOT, 'test/fixtures/gold/corpus.gold.json')

const skipReason = !existsSync(SCORE_PY)
  ? `${SCORE_PY} is not here (it is in CI)`
  : spawnSync('python3', ['--version']).status !== 0
    ? 'python3 is not installed'
    : undefined
if (skipReason) console.warn(`eval-score: skipping the comparison with score.py: ${skipReason}`)

/** The reference scorer's figures, as its --json prints them. */
function scorePy(gold: string, reports: string, texts: string[]): unknown {
  const run = spawnSync('python3', [SCORE_PY, gold, reports, '--json', ...texts.flatMap((dir) => ['--texts', dir])], {encoding: 'utf8'})
  if (run.status !== 0) throw new Error(`score.py failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

function scoreTs(gold: string, reports: string, texts: string[]) {
  return scoreReports(loadGold(gold), loadReports(reports), textDirsFor(gold, texts))
}

let work: string
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wiretrace-eval-score-'))
})
afterAll(() => rmSync(work, {recursive: true, force: true}))

describe.skipIf(skipReason)(`the scorer agrees with ../shared/eval/score.py${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('on the committed seed reports', () => {
    expect(scoreTs(SEEDS_GOLD, join(ROOT, 'reports'), [join(ROOT, 'seeds')])).toEqual(scorePy(SEEDS_GOLD, join(ROOT, 'reports'), [join(ROOT, 'seeds')]))
  })

  for (const [name, gold, config] of [
    ['seeds', SEEDS_GOLD, {texts: 'seeds', language: 'id'}],
    ['corpus', CORPUS_GOLD, {}]
  ] as const) {
    it(`on fresh ${name} reports from every run, with and without the texts`, async () => {
      const set = loadGoldSet(gold, config, ROOT)
      for (const run of RUNS) {
        const out = join(work, name, run)
        await runGoldSet(set, run, out)
        expect(scoreTs(gold, out, [set.textsDir]), `${name} ${run}`).toEqual(scorePy(gold, out, [set.textsDir]))
        // Without the texts blank lines count as labelled: a different figure, still the same in both.
        expect(scoreTs(gold, out, []), `${name} ${run}, no texts`).toEqual(scorePy(gold, out, []))
      }
    })
  }

  it('on hand-made reports that exercise blank lines, agencies, reuse links and stray files', () => {
    const {gold, reports, texts} = writeSyntheticCase(join(work, 'synthetic'))
    const ours = scoreTs(gold, reports, [texts])
    expect(ours).toEqual(scorePy(gold, reports, [texts]))
    // The case is built to touch every branch: make sure it still does.
    expect(ours.missing).toEqual(['c.txt'])
    expect(ours.body.fp).toBeGreaterThan(0)
    expect(ours.reuse.predicted).toBeGreaterThan(0)
    expect(ours.reuse.recall).toBe(0.5)
  })

  it('rounds every ratio as Python does', () => {
    const values: number[] = []
    for (let total = 1; total <= 400; total++) for (let part = 0; part <= total; part++) values.push(part / total)
    for (let tp = 1; tp <= 60; tp++) {
      for (let fp = 0; fp <= 30; fp++) {
        const precision = tp / (tp + fp)
        const recall = tp / (tp + 30 - Math.min(fp, 29))
        values.push((2 * precision * recall) / (precision + recall))
      }
    }
    const run = spawnSync('python3', ['-c', 'import json,sys; print(json.dumps([round(x, 4) for x in json.load(sys.stdin)]))'], {
      input: JSON.stringify(values),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
    expect(values.map((value) => pythonRound(value))).toEqual(JSON.parse(run.stdout))
  })
})

describe('scoreReports', () => {
  it('counts title and dek for roles only, never as body or boilerplate', () => {
    const {gold, reports, texts} = writeSyntheticCase(join(work, 'roles'))
    const result = scoreTs(gold, reports, [texts])
    // a.txt line 1 is a title the report calls body: a role miss, not a false positive (line 7 is the one).
    expect(result.perArticle['a.txt']!.body).toEqual([2, 1, 1])
    // Five labelled lines in each reported article once blank lines are out; c.txt has no report.
    expect(result.roles.n).toBe(10)
    expect(result.reuse).toEqual({recall: 0.5, precision: 0.6667, gold: 2, predicted: 3})
    expect(result.sources).toEqual({accuracy: 0.5, n: 6})
  })

  it('leaves out lines Python calls blank, and only those', () => {
    const dir = join(work, 'blanks')
    mkdirSync(dir, {recursive: true})
    writeFileSync(join(dir, 'x.txt'), '\uFEFFtitle\r\n\u00A0\r\n\u200B\rbody\n\x1C\n\u3000\t\nend')
    // The BOM keeps line 1 and a zero-width space keeps line 3 from being blank; NBSP, \x1C and ideographic space are blank.
    expect([...blankLines('x.txt', [join(work, 'nowhere'), dir])]).toEqual([2, 5, 6])
    expect(blankLines('x.txt', [join(work, 'nowhere')]).size).toBe(0)
  })

  it('reads reports below the folder, skips JSON that is not a report, and names a malformed one', () => {
    const {reports} = writeSyntheticCase(join(work, 'loading'))
    expect([...loadReports(reports).keys()].sort()).toEqual(['a.txt', 'b.txt'])
    writeFileSync(join(reports, 'broken.json'), JSON.stringify({article: {id: 'z.txt'}, blocks: [{lines: [1, 1], sources: [{agency: 7}]}]}))
    expect(() => loadReports(reports)).toThrow(ReportFileError)
    expect(() => loadReports(reports)).toThrow(/broken\.json/)
  })

  it('rounds exact ties to even, as Python round() does', () => {
    expect(pythonRound(0.03125)).toBe(0.0312)
    expect(pythonRound(0.09375)).toBe(0.0938)
    expect(pythonRound(2.675, 2)).toBe(2.67)
    expect(pythonRound(1 / 3)).toBe(0.3333)
    expect(pythonRound(0)).toBe(0)
  })
})

/**
 * A gold set of three articles (c.txt has no report) with texts that use
 * CRLF, a lone CR, a BOM, NBSP and zero-width lines, and reports that get
 * roles and agencies partly wrong and link blocks across articles in every
 * way score.py distinguishes.
 */
function writeSyntheticCase(dir: string): {gold: string; reports: string; texts: string} {
  const texts = join(dir, 'texts')
  const reports = join(dir, 'reports')
  mkdirSync(texts, {recursive: true})
  mkdirSync(join(reports, 'nested'), {recursive: true})
  writeFileSync(join(texts, 'a.txt'), 'Title\r\nBody one.\r\n\r\nBody two.\r\n\u00A0\r\nBody three.\r\nMenu\r\n')
  writeFileSync(join(texts, 'b.txt'), '\uFEFFHead\n\u200B\nBody b1.\rBody b2.\n\x1C\nFooter\n')
  writeFileSync(join(texts, 'c.txt'), 'Title\nBody.\n')
  const gold = {
    articles: {
      'a.txt': {
        roles: {'1': 'title', '2-4': 'body', '6': 'body', '7': 'boilerplate'},
        sources: {'2-6': ['anadolu']},
        acceptAlso: {'2-6': ['anadolu', 'antara']}
      },
      'b.txt': {roles: {'1': 'dek', '2-4': 'body', '5-6': 'boilerplate'}, sources: {'2-4': []}},
      'c.txt': {roles: {'1': 'title', '2': 'body'}}
    },
    reuse: [
      {a: 'a.txt', aLines: '2', b: 'b.txt', bLines: '3'},
      {a: 'a.txt', aLines: '4-6', b: 'c.txt', bLines: '2'}
    ]
  }
  const goldPath = join(dir, 'synthetic.gold.json')
  writeFileSync(goldPath, JSON.stringify(gold))
  const block = (first: number, last: number, role: string, extra: object = {}) => ({lines: [first, last], role, ...extra})
  writeFileSync(
    join(reports, 'a.txt.json'),
    JSON.stringify({
      article: {id: 'corpus/a.txt', path: 'texts/a.txt'},
      blocks: [
        block(1, 1, 'body'),
        block(2, 2, 'body', {
          sources: [
            {agency: 'Anadolu', confidence: null},
            {agency: 'antara', confidence: 0.4}
          ],
          reuse: [
            {article: 'corpus/b.txt', lines: [3, 3]},
            {article: 'a.txt', lines: [4, 4]},
            {article: 'nowhere.txt', lines: [1, 1]}
          ]
        }),
        block(4, 4, 'body', {sources: [{agency: 'anadolu', confidence: -1}], reuse: [{article: 'c.txt', lines: [1, 1]}, {article: 'b.txt'}]}),
        block(6, 6, 'boilerplate', {sources: [{agency: 'ANADOLU'}]}),
        block(7, 7, 'body', {reuse: [{article: 'b.txt', lines: [6, 6]}]})
      ]
    })
  )
  writeFileSync(
    join(reports, 'nested', 'b.txt.json'),
    JSON.stringify({
      article: {id: 'corpus/b.txt', path: 'b.txt'},
      blocks: [
        block(1, 1, 'dek'),
        block(3, 4, 'body', {sources: [{agency: 'reuters', confidence: 0.9}], reuse: [{article: 'texts/a.txt', lines: [2, 2]}]}),
        block(6, 6, 'meta')
      ]
    })
  )
  writeFileSync(join(reports, 'eval.json'), JSON.stringify({passed: true, sets: {}}))
  writeFileSync(join(reports, 'truncated.json'), '{"article": ')
  return {gold: goldPath, reports, texts}
}
