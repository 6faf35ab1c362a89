import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import fg from 'fast-glob'
import {describe, expect, it} from 'vitest'
import {FLOORS_FILE, GOLD_DIR, judge, repin, type Evaluation, type SetEvaluation} from '../eval/gate.ts'
import {findShortfalls, fingerprintChanges, loadFloors, repinFloors, type FigureTable, type Fingerprint, type FloorsFile} from '../eval/floors.ts'
import {fingerprintGoldSet, goldSetName, loadGoldSet} from '../eval/harness.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TOLERANCE = 0.001

const floors: FigureTable = {rules: {all: {'body.f1': 0.9, 'roles.accuracy': 0.8, 'reuse.precision': null}, id: {'body.f1': 0.95}}}
const measuredAt = (f1: number, roles = 0.8): FigureTable => ({
  rules: {all: {'body.f1': f1, 'roles.accuracy': roles, 'reuse.precision': 0.5}, id: {'body.f1': 0.95}}
})

describe('findShortfalls', () => {
  it('passes a figure equal to its floor, or under it by no more than the tolerance', () => {
    expect(findShortfalls(measuredAt(0.9), floors, TOLERANCE)).toEqual([])
    expect(findShortfalls(measuredAt(0.8995), floors, TOLERANCE)).toEqual([])
    expect(findShortfalls(measuredAt(0.899), floors, TOLERANCE)).toEqual([])
  })

  it('fails a figure under its floor by more than the tolerance', () => {
    expect(findShortfalls(measuredAt(0.8989), floors, TOLERANCE)).toEqual([{run: 'rules', scope: 'all', figure: 'body.f1', measured: 0.8989, floor: 0.9}])
    expect(findShortfalls(measuredAt(0.9, 0.75), floors, TOLERANCE).map((shortfall) => shortfall.figure)).toEqual(['roles.accuracy'])
  })

  it('fails a floor nothing measures any more, and ignores a null floor', () => {
    const noLanguage: FigureTable = {rules: {all: {'body.f1': 0.9, 'roles.accuracy': 0.8, 'reuse.precision': null}}}
    expect(findShortfalls(noLanguage, floors, TOLERANCE)).toEqual([{run: 'rules', scope: 'id', figure: 'body.f1', measured: null, floor: 0.95}])
    const undefinedFigure: FigureTable = {rules: {all: {'body.f1': null, 'roles.accuracy': 0.8}, id: {'body.f1': 0.95}}}
    expect(findShortfalls(undefinedFigure, floors, TOLERANCE).map((shortfall) => [shortfall.figure, shortfall.measured])).toEqual([['body.f1', null]])
  })

  it('passes a precision nothing predicts any more: no prediction is no false one, and its recall floor still holds', () => {
    const pinned: FigureTable = {rules: {'es-id': {'translations.recall': 0, 'translations.precision': 0}, all: {'reuse.recall': 0.9, 'reuse.precision': 0.9}}}
    const noLink: FigureTable = {
      rules: {'es-id': {'translations.recall': 0, 'translations.precision': null}, all: {'reuse.recall': 0.5, 'reuse.precision': null}}
    }
    expect(findShortfalls(noLink, pinned, TOLERANCE)).toEqual([{run: 'rules', scope: 'all', figure: 'reuse.recall', measured: 0.5, floor: 0.9}])
  })
})

describe('repinFloors', () => {
  it('raises floors to better figures and pins figures that had no floor', () => {
    const {floors: next, refused} = repinFloors(floors, measuredAt(0.93, 0.85), TOLERANCE, false)
    expect(next.rules!.all).toEqual({'body.f1': 0.93, 'roles.accuracy': 0.85, 'reuse.precision': 0.5})
    expect(refused).toEqual([])
  })

  it('never lowers a floor on its own: a drop within the tolerance keeps the floor, a larger one is refused', () => {
    const small = repinFloors(floors, measuredAt(0.8995), TOLERANCE, false)
    expect(small.floors.rules!.all!['body.f1']).toBe(0.9)
    expect(small.refused).toEqual([])
    const large = repinFloors(floors, measuredAt(0.7), TOLERANCE, false)
    expect(large.floors.rules!.all!['body.f1']).toBe(0.9)
    expect(large.refused.map((shortfall) => [shortfall.figure, shortfall.measured])).toEqual([['body.f1', 0.7]])
  })

  it('lowers floors, and drops those nothing measures, only when a regression is allowed', () => {
    const lower: FigureTable = {rules: {all: {'body.f1': 0.7, 'roles.accuracy': 0.8}}}
    expect(repinFloors(floors, lower, TOLERANCE, false).floors.rules!.id).toEqual({'body.f1': 0.95})
    expect(repinFloors(floors, lower, TOLERANCE, true)).toEqual({floors: lower, refused: []})
  })
})

describe('fingerprintChanges', () => {
  const pinned: Fingerprint = {articles: 2, lines: 10, reusePairs: 1, files: {'a.gold.json': 'a'.repeat(64), 'x.txt': 'b'.repeat(64), 'y.txt': 'c'.repeat(64)}}

  it('says nothing for the same gold set', () => {
    expect(fingerprintChanges(pinned, structuredClone(pinned))).toEqual([])
  })

  it('names every count and file that changed, appeared or went', () => {
    const current: Fingerprint = {
      articles: 2,
      lines: 11,
      reusePairs: 1,
      files: {'a.gold.json': 'd'.repeat(64), 'x.txt': 'b'.repeat(64), 'z.txt': 'e'.repeat(64)}
    }
    expect(fingerprintChanges(pinned, current)).toEqual(['lines: 10 pinned, 11 now', 'a.gold.json: changed', 'y.txt: gone', 'z.txt: new'])
  })
})

describe('judge and repin', () => {
  const fingerprint: Fingerprint = {articles: 1, lines: 3, reusePairs: 0, files: {'test/fixtures/gold/s.gold.json': 'a'.repeat(64)}}
  const measured = (name: string, figures: FigureTable, print = fingerprint) =>
    ({set: {name}, fingerprint: print, figures, failures: {rules: [], 'no-outlet-rules': [], baseline: []}}) as unknown as SetEvaluation
  const file = (sets: FloorsFile['sets']): FloorsFile => ({about: 'test', tolerance: TOLERANCE, sets})
  const evaluation = (sets: SetEvaluation[], pinned: FloorsFile['sets']): Evaluation => ({root: ROOT, floors: file(pinned), sets})

  it('passes a pinned set that meets its floors', () => {
    const verdict = judge(evaluation([measured('s', measuredAt(0.9))], {s: {fingerprint, floors}}))
    expect(verdict).toEqual({problems: [], shortfalls: [], passed: true})
  })

  it('fails a drop below a floor, naming the set', () => {
    const verdict = judge(evaluation([measured('s', measuredAt(0.85))], {s: {fingerprint, floors}}))
    expect(verdict.passed).toBe(false)
    expect(verdict.shortfalls).toEqual([{set: 's', run: 'rules', scope: 'all', figure: 'body.f1', measured: 0.85, floor: 0.9}])
  })

  it('fails a set never pinned, a gold set changed since pinning, and floors whose gold file is gone', () => {
    const changed = {...fingerprint, lines: 4}
    const verdict = judge(
      evaluation([measured('new', measuredAt(0.9)), measured('s', measuredAt(0.9), changed)], {s: {fingerprint, floors}, old: {fingerprint, floors}})
    )
    expect(verdict.passed).toBe(false)
    expect(verdict.problems).toEqual([
      expect.stringMatching(/"new" has no floors yet/),
      expect.stringMatching(/"s" changed since its floors were pinned \(lines: 3 pinned, 4 now\)/),
      expect.stringMatching(/"old" but test\/fixtures\/gold\/old\.gold\.json is gone/)
    ])
  })

  it('re-pins fingerprints and raises floors, keeps what it may not lower, and keeps the texts and language settings', () => {
    const changed = {...fingerprint, lines: 4}
    const before = evaluation([measured('s', measuredAt(0.85, 0.9), changed)], {
      s: {texts: 'seeds', language: 'id', fingerprint, floors},
      old: {fingerprint, floors}
    })
    const {floors: after, refused, kept} = repin(before, false)
    expect(after.sets.s).toEqual({
      texts: 'seeds',
      language: 'id',
      fingerprint: changed,
      floors: {rules: {all: {'body.f1': 0.9, 'roles.accuracy': 0.9, 'reuse.precision': 0.5}, id: {'body.f1': 0.95}}}
    })
    expect(refused.map((shortfall) => [shortfall.set, shortfall.figure])).toEqual([['s', 'body.f1']])
    expect(kept).toEqual(['old'])
    expect(Object.keys(repin(before, true).floors.sets)).toEqual(['s'])
  })
})

describe(`the committed ${FLOORS_FILE}`, () => {
  const pinned = loadFloors(join(ROOT, FLOORS_FILE), FLOORS_FILE)
  const goldFiles = fg.sync('*.gold.json', {cwd: join(ROOT, GOLD_DIR), absolute: true}).sort()

  it('pins every gold set on the gold files as they are now', () => {
    expect(Object.keys(pinned.sets).sort()).toEqual(goldFiles.map(goldSetName))
    for (const goldPath of goldFiles) {
      const entry = pinned.sets[goldSetName(goldPath)]!
      const current = fingerprintGoldSet(loadGoldSet(goldPath, entry, ROOT), ROOT)
      expect(fingerprintChanges(entry.fingerprint!, current), `${goldSetName(goldPath)}: re-pin with npm run eval -- --update`).toEqual([])
    }
  })

  it('has a tolerance smaller than one labelled line of any set, so a lost line always fails', () => {
    for (const entry of Object.values(pinned.sets)) expect(pinned.tolerance).toBeLessThan(1 / entry.fingerprint!.lines)
  })
})
