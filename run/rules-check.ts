/**
 * `wiretrace rules check`: everything wrong with a folder of rule files,
 * all at once, each at its file, line and column. The loader's problems
 * (schema, unknown keys with a did-you-mean, duplicate ids, names of rules
 * and files that do not exist, links out of the folder, patterns that can
 * backtrack catastrophically) plus rules that shadow each other: a rule
 * that never gets a say on the lines it was written for, because an
 * earlier rule of the same kind takes every one of them.
 */
import {existsSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'
import {loadAgencies} from '../pipeline/agencies.ts'
import {loadCalendar} from '../core/dates.ts'
import {loadGenericConfig} from '../pipeline/generic/config.ts'
import {loadTranslationConfig} from '../link/translation/config.ts'
import {findFixtures, fixtureProblems} from './rule-fixtures.ts'
import {matchText} from '../core/text.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {BUILTIN_RULES_DIR, byPlace, collectRules, type CompiledRule, type LoadRulesOptions, type RuleProblem, type RuleSet} from '../core/rules/load.ts'
import {TimeBudgetError, withinTimeBudget} from '../core/rules/budget.ts'
import {asParsed, fires} from '../core/rules/tester.ts'
import {loadReuseConfig} from '../link/reuse/config.ts'

export interface CheckResult {
  problems: RuleProblem[]
  /** Rule files checked. */
  files: string[]
  /** Rules defined in them. */
  rules: number
}

/**
 * Checks the rule files `only` accepts (all by default), with every folder
 * `options` names loaded so that names across files resolve.
 */
export function checkRules(options: LoadRulesOptions, only: (display: string) => boolean = () => true): CheckResult {
  const {set, problems} = collectRules(options)
  // Without a user's folder the built-in one is checked, its data files as much as its rule files.
  const data = dataFileProblems(options.dirs ?? [BUILTIN_RULES_DIR])
  const all = [...problems, ...data.problems, ...boundedShadowing(set)]
  const files = [...new Set([...set.files, ...data.files, ...problems.map((problem) => problem.file)])].filter(only)
  const inScope = all.filter((problem) => only(problem.file))
  inScope.sort(byPlace)
  return {problems: inScope, files, rules: set.defined.filter((rule) => only(rule.source.file)).length}
}

/** The data files a run loads beside the rule files, each loaded as `run` loads it. */
const DATA_FILES: Array<[name: string, load: (dirs: string[]) => unknown]> = [
  ['agencies.yaml', loadAgencies],
  ['generic.yaml', loadGenericConfig],
  ['calendar.yaml', loadCalendar],
  ['translation.yaml', loadTranslationConfig],
  ['reuse.yaml', loadReuseConfig]
]

/**
 * The problems `run` would stop at in the folders' `agencies.yaml`,
 * `generic.yaml`, `calendar.yaml` and `translation.yaml`, and those `rules
 * test` would stop at in their whole-file fixtures. Each loader reports the first problem
 * of the first bad file, so each folder's file is loaded on its own (over
 * the built-in one) to find every bad file.
 */
function dataFileProblems(dirs: string[]): {problems: RuleProblem[]; files: string[]} {
  const problems: RuleProblem[] = []
  const files: string[] = []
  for (const dir of dirs) {
    for (const [name, load] of DATA_FILES) {
      const path = join(dir, name)
      if (!existsSync(path)) continue
      const shown = relative(process.cwd(), resolve(path))
      files.push(shown.startsWith('..') ? resolve(path) : shown)
      try {
        // The built-in file is the layer every load reads first: loaded alone, not over itself.
        load(resolve(dir) === BUILTIN_RULES_DIR ? [] : [dir])
      } catch (error) {
        if (!(error instanceof DataFileError)) throw error
        problems.push({severity: 'error', file: error.file, line: error.line, column: error.column, reason: error.reason})
      }
    }
  }
  for (const fixture of findFixtures(dirs)) {
    const shown = relative(process.cwd(), fixture).startsWith('..') ? fixture : relative(process.cwd(), fixture)
    files.push(shown)
    for (const problem of fixtureProblems(fixture, shown))
      problems.push({severity: 'error', file: problem.file, line: problem.line, column: problem.column, reason: problem.reason})
  }
  return {problems, files}
}

/** How long the rule-against-rule comparison may take: it grows as the square of the rules, and runs user patterns. */
export const SHADOWING_BUDGET_MS = 10_000

/** The shadowed rules found within the budget; when it runs out, those found so far and a warning that the search stopped. */
function boundedShadowing(set: RuleSet): RuleProblem[] {
  const found: RuleProblem[] = []
  try {
    withinTimeBudget(SHADOWING_BUDGET_MS, () => shadowing(set, found))
  } catch (error) {
    if (!(error instanceof TimeBudgetError)) throw error
    const first = set.ruleFiles[0]
    found.push({
      severity: 'warning',
      file: first?.display ?? '.',
      line: 1,
      column: 1,
      reason: `the search for shadowed rules stopped after ${SHADOWING_BUDGET_MS} ms (${set.rules.length} rules are compared pairwise, and a slow pattern slows every comparison); shadowed rules past that point are not reported`
    })
  }
  return found
}

/**
 * Rules that never decide the lines they were written for. Block and end
 * rules: the first that fires wins, so a later rule whose every `match`
 * example an earlier one also takes is shadowed. Span rules all run, but a
 * cut that overlaps an earlier one is dropped, so the same holds when the
 * earlier rule's match overlaps the later one's on every example.
 */
function shadowing(set: RuleSet, problems: RuleProblem[]): void {
  for (const [index, later] of set.rules.entries()) {
    const lines = later.spec.examples.match.map((example) => (typeof example === 'string' ? example : example.text))
    for (const earlier of set.rules.slice(0, index)) {
      if (earlier.kind !== later.kind || !coversScope(earlier, later)) continue
      if (!lines.every((line) => takes(earlier, later, line))) continue
      const reason = `${later.id} never gets a say on its examples: ${earlier.id} (${earlier.source.file}:${earlier.source.line}) is tried first and takes every one of them; disable one, or narrow ${earlier.id} with an exception`
      problems.push({severity: 'warning', ...later.source, reason})
      if (earlier.source.file !== later.source.file) problems.push({severity: 'warning', ...earlier.source, reason})
      break
    }
  }
}

/** Whether `earlier` applies to every article and line `later` applies to. */
function coversScope(earlier: CompiledRule, later: CompiledRule): boolean {
  if (earlier.outlet !== undefined && earlier.outlet !== later.outlet) return false
  const covers = (wide: number | undefined, narrow: number | undefined) => wide === undefined || (narrow !== undefined && narrow <= wide)
  return covers(earlier.where?.firstLines, later.where?.firstLines) && covers(earlier.where?.lastLines, later.where?.lastLines)
}

function takes(earlier: CompiledRule, later: CompiledRule, line: string): boolean {
  if (!fires(earlier, line)) return false
  if (earlier.kind !== 'span') return true
  const text = matchText(asParsed(line)).value
  const first = earlier.regex.exec(text)
  const second = later.regex.exec(text)
  if (!first || !second) return false
  return first.index < second.index + second[0].length && second.index < first.index + first[0].length
}
