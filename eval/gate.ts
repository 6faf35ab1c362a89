/**
 * The quality gate: measures every gold set under `test/fixtures/gold/` in
 * every run, holds the figures to the floors pinned in
 * `test/fixtures/gold/floors.json`, and re-pins them on request.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import fg from 'fast-glob'
import {
  figuresOf,
  findShortfalls,
  fingerprintChanges,
  loadFloors,
  repinFloors,
  type FigureTable,
  type Fingerprint,
  type FloorsFile,
  type Shortfall
} from './floors.ts'
import {loadAgencies} from '../pipeline/agencies.ts'
import {classifyAgencyErrors, type AgencyErrorCounts} from './errors.ts'
import {fingerprintGoldSet, fromRoot, goldSetName, loadGoldSet, RUNS, runGoldSet, scoreGoldSet, type GoldSet, type RunName} from './harness.ts'
import {loadReports, textDirsFor, type ScoreResult} from './score.ts'

export const GOLD_DIR = 'test/fixtures/gold'
export const FLOORS_FILE = `${GOLD_DIR}/floors.json`

export interface SetEvaluation {
  set: GoldSet
  fingerprint: Fingerprint
  /** Scores by run, then by scope (`all` or a language). */
  scores: Record<RunName, Record<string, ScoreResult>>
  /** Articles a run could not report, with the reason. */
  failures: Record<RunName, string[]>
  figures: FigureTable
  /** The wrong agency lines of each run, by where they come from (see eval/errors.ts). */
  agencyErrors: Record<RunName, AgencyErrorCounts>
}

export interface Evaluation {
  root: string
  floors: FloorsFile
  sets: SetEvaluation[]
}

/** A figure below its floor, in a named gold set. */
export type SetShortfall = Shortfall & {set: string}

export interface Verdict {
  /** Why the figures cannot be trusted as measured against the floors, or why a set failed outright. */
  problems: string[]
  shortfalls: SetShortfall[]
  passed: boolean
}

/**
 * Runs every gold set through every run (in a temporary folder, removed
 * afterwards) and scores it.
 *
 * @throws {DataFileError} when a gold file or the floors file is missing or malformed.
 * @throws {GoldSetError} when a gold set's texts cannot be found.
 */
export async function evaluate(root: string): Promise<Evaluation> {
  const floors = loadFloors(resolve(root, FLOORS_FILE), FLOORS_FILE)
  const goldFiles = fg.sync('*.gold.json', {cwd: resolve(root, GOLD_DIR), absolute: true}).sort()
  const sets = goldFiles.map((goldPath) => loadGoldSet(goldPath, floors.sets[goldSetName(goldPath)] ?? {}, root))
  const workDir = mkdtempSync(join(tmpdir(), 'wiretrace-eval-'))
  try {
    const measured: SetEvaluation[] = []
    for (const set of sets) measured.push(await measure(set, root, workDir))
    return {root, floors, sets: measured}
  } finally {
    rmSync(workDir, {recursive: true, force: true})
  }
}

async function measure(set: GoldSet, root: string, workDir: string): Promise<SetEvaluation> {
  const scores = {} as SetEvaluation['scores']
  const failures = {} as SetEvaluation['failures']
  const figures: FigureTable = {}
  const agencyErrors = {} as SetEvaluation['agencyErrors']
  const registry = loadAgencies()
  for (const run of RUNS) {
    const out = join(workDir, set.name, run)
    failures[run] = await runGoldSet(set, run, out)
    scores[run] = scoreGoldSet(set, out)
    figures[run] = Object.fromEntries(Object.entries(scores[run]).map(([scope, result]) => [scope, figuresOf(result)]))
    agencyErrors[run] = classifyAgencyErrors(set.gold, loadReports(out), textDirsFor(set.goldPath, [set.textsDir]), registry)
  }
  return {set, fingerprint: fingerprintGoldSet(set, root), scores, failures, figures, agencyErrors}
}

/** Holds an evaluation to its floors. */
export function judge(evaluation: Evaluation): Verdict {
  const {floors} = evaluation
  const problems: string[] = []
  const shortfalls: SetShortfall[] = []
  for (const {set, fingerprint, failures, figures} of evaluation.sets) {
    const entry = floors.sets[set.name]
    for (const [run, failed] of Object.entries(failures)) for (const failure of failed) problems.push(`${set.name} (${run}): ${failure}`)
    if (!entry?.fingerprint) {
      problems.push(`gold set "${set.name}" has no floors yet: pin them with \`npm run eval -- --update\``)
      continue
    }
    const changes = fingerprintChanges(entry.fingerprint, fingerprint)
    if (changes.length > 0) {
      problems.push(
        `gold set "${set.name}" changed since its floors were pinned (${changes.join('; ')}): re-measure and re-pin with \`npm run eval -- --update\``
      )
    }
    shortfalls.push(...findShortfalls(figures, entry.floors, floors.tolerance).map((shortfall) => ({set: set.name, ...shortfall})))
  }
  for (const name of orphanedSets(evaluation)) {
    problems.push(
      `floors are pinned for gold set "${name}" but ${GOLD_DIR}/${name}.gold.json is gone: drop them with \`npm run eval -- --update --allow-regression\``
    )
  }
  return {problems, shortfalls, passed: problems.length === 0 && shortfalls.length === 0}
}

/**
 * The floors file re-pinned to an evaluation: new fingerprints, floors
 * raised to better figures. Without `allowRegression` no floor goes down and
 * no pinned set is dropped; `refused` says what would have been lowered.
 */
export function repin(evaluation: Evaluation, allowRegression: boolean): {floors: FloorsFile; refused: SetShortfall[]; kept: string[]} {
  const {floors} = evaluation
  const sets: FloorsFile['sets'] = {}
  const refused: SetShortfall[] = []
  for (const {set, fingerprint, figures} of evaluation.sets) {
    const entry = floors.sets[set.name]
    const repinned = repinFloors(entry?.floors ?? {}, figures, floors.tolerance, allowRegression)
    refused.push(...repinned.refused.map((shortfall) => ({set: set.name, ...shortfall})))
    sets[set.name] = {texts: entry?.texts, language: entry?.language, fingerprint, floors: repinned.floors}
  }
  const kept = allowRegression ? [] : orphanedSets(evaluation)
  for (const name of kept) sets[name] = floors.sets[name]!
  const sorted = Object.fromEntries(Object.entries(sets).sort(([a], [b]) => (a < b ? -1 : 1)))
  return {floors: {...floors, sets: sorted}, refused, kept}
}

/** Pinned sets whose gold file is gone. */
function orphanedSets(evaluation: Evaluation): string[] {
  const present = new Set(evaluation.sets.map(({set}) => set.name))
  return Object.entries(evaluation.floors.sets)
    .filter(([name, entry]) => entry.fingerprint !== undefined && !present.has(name))
    .map(([name]) => name)
}

/** The evaluation as `reports/eval.json` gives it. */
export function evaluationJson(evaluation: Evaluation, verdict: Verdict, generator: string): object {
  return {
    generator,
    passed: verdict.passed,
    tolerance: evaluation.floors.tolerance,
    problems: verdict.problems,
    shortfalls: verdict.shortfalls,
    sets: Object.fromEntries(
      evaluation.sets.map(({set, fingerprint, scores, failures, agencyErrors}) => [
        set.name,
        {
          gold: fromRoot(evaluation.root, set.goldPath),
          texts: fromRoot(evaluation.root, set.textsDir),
          languages: Object.fromEntries(set.languages),
          fingerprint,
          floors: evaluation.floors.sets[set.name]?.floors ?? {},
          runs: Object.fromEntries(RUNS.map((run) => [run, {failures: failures[run], scores: scores[run], agencyErrors: agencyErrors[run]}]))
        }
      ])
    )
  }
}
