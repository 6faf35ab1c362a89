import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {FLOORS_FILE} from '../eval/gate.ts'
import {loadFloors} from '../eval/floors.ts'
import {loadGoldSet, runGoldSet, scoreGoldSet, type GoldSet} from '../eval/harness.ts'
import {loadReports, scoreReports, textDirsFor, type ScoreResult} from '../eval/score.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SEEDS_GOLD = join(ROOT, 'test/fixtures/gold/seeds.gold.json')

let seeds: GoldSet
let fresh: ScoreResult
let work: string

beforeAll(async () => {
  seeds = loadGoldSet(SEEDS_GOLD, loadFloors(join(ROOT, FLOORS_FILE)).sets.seeds ?? {}, ROOT)
  work = mkdtempSync(join(tmpdir(), 'wiretrace-eval-gate-'))
  expect(await runGoldSet(seeds, 'rules', join(work, 'rules'))).toEqual([])
  fresh = scoreGoldSet(seeds, join(work, 'rules')).all!
})
afterAll(() => rmSync(work, {recursive: true, force: true}))

// Issue 3's gate: the seeds are the cases the rules were written from, so nothing less than every body line will do.
describe('the seeds gate', () => {
  it('keeps every body line and nothing else on a fresh run (body F1 = 1.0)', () => {
    expect(fresh.missing).toEqual([])
    expect(fresh.body).toMatchObject({f1: 1, fp: 0, fn: 0})
  })

  it('gives at least 97% of labelled lines their role on a fresh run, title and dek included', () => {
    expect(fresh.roles.n).toBe(104)
    expect(fresh.roles.accuracy).toBeGreaterThanOrEqual(0.97)
  })

  it('holds for the committed reports/ too', () => {
    const committed = scoreReports(seeds.gold, loadReports(join(ROOT, 'reports')), textDirsFor(SEEDS_GOLD, [seeds.textsDir]))
    expect(committed.missing).toEqual([])
    expect(committed.body.f1).toBe(1)
    expect(committed.roles.accuracy).toBeGreaterThanOrEqual(0.97)
  })
})
