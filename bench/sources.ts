/**
 * The real articles the benchmark builds its corpora from: every article of
 * the gold sets in {@link BENCH_GOLD_SETS} (as committed in `seeds/` and
 * `test/fixtures/`), line by line with its hand-labelled role
 * and its language, so a generated article can keep an outlet's boilerplate
 * and vary the body.
 */
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {FLOORS_FILE, GOLD_DIR} from '../eval/gate.ts'
import {loadFloors} from '../eval/floors.ts'
import {expandLines} from '../eval/gold.ts'
import {loadGoldSet} from '../eval/harness.ts'
import type {Role} from '../core/rules/schema.ts'

export interface SourceLine {
  text: string
  /** The labelled role; undefined for a blank line. */
  role: Role | undefined
}

export interface SourceArticle {
  /** `<gold set>/<file name>`. */
  name: string
  language: string
  lines: SourceLine[]
}

/**
 * The gold sets the generated corpora draw from. Fixed, so that benchmark
 * figures stay comparable as gold sets are added; and these sets' templates
 * share no text between unrelated stories (corpus2 and xlang print one story
 * on several sites, captions and teasers included), which the generator's
 * "unrelated articles share no passage" guarantee rests on.
 */
export const BENCH_GOLD_SETS = ['seeds', 'corpus'] as const

/**
 * Reads every article of the benchmark's gold sets under `root`.
 *
 * @throws {DataFileError} when a gold file is malformed.
 * @throws {GoldSetError} when an article's text is missing.
 */
export function loadSources(root: string): SourceArticle[] {
  const floors = loadFloors(resolve(root, FLOORS_FILE), FLOORS_FILE)
  const sources: SourceArticle[] = []
  for (const name of BENCH_GOLD_SETS) {
    const goldPath = resolve(root, GOLD_DIR, `${name}.gold.json`)
    const set = loadGoldSet(goldPath, floors.sets[name] ?? {}, root)
    for (const [article, labels] of Object.entries(set.gold.articles).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const roles = new Map<number, Role>()
      for (const [spec, role] of Object.entries(labels.roles)) for (const line of expandLines(spec)) roles.set(line, role)
      const text = readFileSync(set.texts.get(article)!, 'utf8')
      const lines = text.split(/\r\n|\n|\r/).map((line, index): SourceLine => ({text: line, role: line.trim() === '' ? undefined : roles.get(index + 1)}))
      sources.push({name: `${set.name}/${article}`, language: set.languages.get(article)!, lines})
    }
  }
  return sources
}
