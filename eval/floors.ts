/**
 * Floors: the figures the quality gate holds the pipeline to, pinned in a
 * committed JSON file per gold set, per run and per language, beside a
 * fingerprint of the gold set they were measured on. After trafilatura's
 * eval gate (adbar/trafilatura tests/eval_gate.py): a changed gold set must
 * be re-pinned, a floor is raised by re-pinning a better figure, and a floor
 * is lowered only with an explicit `--allow-regression`.
 */
import {z} from 'zod'
import {loadYamlFile} from '../core/rules/yaml-file.ts'
import type {ScoreResult, TranslationScore} from './score.ts'

/** The figures pinned for each run and language, in table order. */
export const FIGURES = [
  'body.precision',
  'body.recall',
  'body.f1',
  'roles.accuracy',
  'sources.accuracy',
  'reuse.recall',
  'reuse.precision',
  'translations.recall',
  'translations.precision'
] as const
export type Figure = (typeof FIGURES)[number]

/** One row of figures; null where a figure is undefined (no gold reuse pairs, no predicted link). */
export type Figures = Partial<Record<Figure, number | null>>
/** Figures by run (`rules`, `no-outlet-rules`, `baseline`), then by scope (`all` or a language). */
export type FigureTable = Record<string, Record<string, Figures>>

/** A scope's scores: the reference scorer's figures, and the translation figures where the gold has translation pairs. */
export type GateScore = ScoreResult & {translations?: TranslationScore['translations']}

export function figuresOf(result: GateScore): Record<Figure, number | null> {
  return {
    'body.precision': result.body.precision,
    'body.recall': result.body.recall,
    'body.f1': result.body.f1,
    'roles.accuracy': result.roles.accuracy,
    'sources.accuracy': result.sources.accuracy,
    'reuse.recall': result.reuse.recall,
    'reuse.precision': result.reuse.precision,
    'translations.recall': result.translations?.recall ?? null,
    'translations.precision': result.translations?.precision ?? null
  }
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256')
const count = z.number().int().nonnegative()

/** What a gold set was when its floors were measured. */
export const fingerprintSchema = z.strictObject({
  articles: count,
  /** Labelled lines, blank lines left out. */
  lines: count,
  reusePairs: count,
  /** SHA-256 of the gold file, every article text and the language table, by path from the project root. */
  files: z.record(z.string(), sha256)
})
export type Fingerprint = z.infer<typeof fingerprintSchema>

const figures = z.partialRecord(z.enum(FIGURES), z.number().min(0).max(1).nullable())

export const goldSetEntrySchema = z.strictObject({
  /** Folder of the article texts, from the project root; `test/fixtures/<set>` when left out. */
  texts: z.string().optional(),
  /** Language of the articles the folder's `sources.tsv` does not list. */
  language: z.string().optional(),
  /** Left out until the set is first pinned (`npm run eval -- --update`). */
  fingerprint: fingerprintSchema.optional(),
  /** By run, then by scope (`all` or a language). */
  floors: z.record(z.string(), z.record(z.string(), figures)).default({})
})
export type GoldSetEntry = z.infer<typeof goldSetEntrySchema>

export const floorsFileSchema = z.strictObject({
  about: z.string(),
  /** How far under its floor a figure may be and still pass. */
  tolerance: z.number().min(0).max(0.01),
  sets: z.record(z.string(), goldSetEntrySchema)
})
export type FloorsFile = z.infer<typeof floorsFileSchema>

/**
 * Reads the floors file (JSON, read by the YAML loader for `file:line:column` messages).
 *
 * @throws {DataFileError} naming the file, line and column of the first problem.
 */
export function loadFloors(path: string, displayPath = path): FloorsFile {
  return loadYamlFile(path, floorsFileSchema, displayPath).value
}

/** A figure under its floor by more than the tolerance, or no longer measured at all. */
export interface Shortfall {
  run: string
  scope: string
  figure: Figure
  measured: number | null
  floor: number
}

/**
 * Figures of predictions: undefined when nothing is predicted, which makes no false prediction. The recall of
 * the same scope is what falls when predictions are lost.
 */
const PRECISIONS: ReadonlySet<Figure> = new Set(['body.precision', 'reuse.precision', 'translations.precision'])

/**
 * Every pinned floor the measured figures fall short of. A floor of null pins nothing; a figure nothing measures
 * any more falls short of its floor, except a precision where nothing is predicted.
 */
export function findShortfalls(measured: FigureTable, floors: FigureTable, tolerance: number): Shortfall[] {
  const shortfalls: Shortfall[] = []
  for (const [run, scopes] of Object.entries(floors)) {
    for (const [scope, pinned] of Object.entries(scopes)) {
      for (const figure of FIGURES) {
        const floor = pinned[figure]
        if (floor === null || floor === undefined) continue
        const value = measured[run]?.[scope]?.[figure] ?? null
        if (value === null ? !PRECISIONS.has(figure) : value < floor - tolerance) shortfalls.push({run, scope, figure, measured: value, floor})
      }
    }
  }
  return shortfalls
}

/** Figures above their floor (or measured where nothing was pinned): what a re-pin would raise. */
export function findRaises(
  measured: FigureTable,
  floors: FigureTable
): Array<{run: string; scope: string; figure: Figure; measured: number; floor: number | null}> {
  const raises = []
  for (const [run, scopes] of Object.entries(measured)) {
    for (const [scope, values] of Object.entries(scopes)) {
      for (const figure of FIGURES) {
        const value = values[figure]
        const floor = floors[run]?.[scope]?.[figure] ?? null
        if (value !== null && value !== undefined && (floor === null || value > floor)) raises.push({run, scope, figure, measured: value, floor})
      }
    }
  }
  return raises
}

/**
 * New floors from measured figures. A floor never goes down unless
 * `allowRegression` says so: a figure under its floor (even within the
 * tolerance) keeps the old floor, and a floor no longer measured stays.
 * `refused` lists what would have been lowered beyond the tolerance.
 */
export function repinFloors(
  floors: FigureTable,
  measured: FigureTable,
  tolerance: number,
  allowRegression: boolean
): {floors: FigureTable; refused: Shortfall[]} {
  if (allowRegression) return {floors: structuredClone(measured), refused: []}
  const next = structuredClone(floors)
  for (const [run, scopes] of Object.entries(measured)) {
    for (const [scope, values] of Object.entries(scopes)) {
      const table = next[run] ?? {}
      next[run] = table
      const row = table[scope] ?? {}
      table[scope] = row
      for (const figure of FIGURES) {
        const value = values[figure]
        if (value === undefined) continue
        const floor = row[figure] ?? null
        row[figure] = floor === null ? value : value === null ? floor : Math.max(floor, value)
      }
    }
  }
  return {floors: next, refused: findShortfalls(measured, floors, tolerance)}
}

/** What differs between the pinned fingerprint of a gold set and the current one, in words. */
export function fingerprintChanges(pinned: Fingerprint, current: Fingerprint): string[] {
  const changes: string[] = []
  for (const key of ['articles', 'lines', 'reusePairs'] as const) {
    if (pinned[key] !== current[key]) changes.push(`${key}: ${pinned[key]} pinned, ${current[key]} now`)
  }
  const paths = [...new Set([...Object.keys(pinned.files), ...Object.keys(current.files)])].sort()
  for (const path of paths) {
    const before = pinned.files[path]
    const after = current.files[path]
    if (before === after) continue
    changes.push(before === undefined ? `${path}: new` : after === undefined ? `${path}: gone` : `${path}: changed`)
  }
  return changes
}
