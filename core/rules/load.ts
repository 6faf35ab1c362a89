/**
 * Loads the cleaning rules: the built-in folder, then any user folders on
 * top. A user folder overlays the built-in rules without copying them:
 *
 * - a file with the same name as a built-in file replaces it;
 * - a file with `extends: <name>` adds its rules to that file's scope (an
 *   outlet file's rules apply only to that outlet's articles);
 * - `disable:` switches rules of any file off by full id (`file/rule`);
 * - `exceptions:` keep a rule of any file off the lines that match a pattern
 *   (in an outlet file, or one extending it, only in that outlet's articles).
 *
 * Rule files are data from users: a file may not lead outside its folder
 * (a link to elsewhere is refused), names other files only by name, and a
 * pattern that can backtrack catastrophically is refused before it runs.
 */
import {existsSync, realpathSync, statSync} from 'node:fs'
import {basename, dirname, join, relative, resolve, sep} from 'node:path'
import fg from 'fast-glob'
import {backtrackingRisk, polynomialRisk} from './backtracking.ts'
import {DEFAULT_TIME_BUDGET_MS} from './budget.ts'
import {closest} from './did-you-mean.ts'
import type {z} from 'zod'
import {DataFileError, loadYamlFile, readYamlFile, type LoadedYaml, type Position} from './yaml-file.ts'
import {ruleFileSchema, type EvidenceKind, type ExceptionSpec, type Field, type Role, type RuleFileSpec, type RuleSpec} from './schema.ts'
import {PACKAGE_ROOT} from '../paths.ts'
import {byCodeUnits} from '../sorted-ids.ts'

/** The rules shipped with wiretrace. */
export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules')

/** What ends the name of a whole-file fixture's expected decisions (`NAME.expected.yaml` beside `NAME.txt`): not a rule file. */
export const FIXTURE_SUFFIX = '.expected.yaml'

/** Data files in a rules folder that are not cleaning rules. */
export const DATA_FILES = new Set(['agencies.yaml', 'calendar.yaml', 'generic.yaml', 'reuse.yaml', 'translation.yaml'])

export interface CompiledRule {
  /** Full id: `<file name>/<rule id>`. */
  id: string
  kind: RuleSpec['kind']
  role: Role
  field: Field | undefined
  evidence: EvidenceKind | undefined
  where: RuleSpec['where']
  keepMarker: boolean
  regex: RegExp
  /** Set when the rule belongs to an outlet file (or extends one): it applies only to that outlet's articles. */
  outlet: string | undefined
  source: RuleSource
  spec: RuleSpec
  /** Exceptions: the rule does not fire on a line any of these match. */
  unless: RuleException[]
}

/** A pattern that keeps one rule off the lines it matches. */
export interface RuleException {
  /** Full id of the rule it keeps off. */
  rule: string
  regex: RegExp
  /** Set when the exception is written in an outlet file (or one extending it): it holds only for that outlet's articles. */
  outlet: string | undefined
  source: RuleSource
  spec: ExceptionSpec
}

/** Where a rule or outlet was written, for messages that send a user to the line. */
export interface RuleSource {
  file: string
  line: number
  column: number
}

export interface Outlet {
  id: string
  name: string
  domains: string[]
  recognise: RegExp[]
  /** Whether it comes from the built-in folder (its patterns are vetted; a user's run under the time budget). */
  builtin: boolean
  source: RuleSource
  examples: RuleSpec['examples']
}

/** A rule file as read, with what tools need to point into it. */
export interface RuleFile {
  /** File name without extension: the first half of its rules' full ids. */
  name: string
  /** As shown in messages: relative to the working directory when below it. */
  display: string
  /** Whether it comes from the built-in folder. */
  builtin: boolean
  spec: RuleFileSpec
  positionOf(path: ReadonlyArray<string | number>, atKey?: boolean): Position
}

export interface RuleSet {
  /** The rules that run, in the order they are tried. */
  rules: CompiledRule[]
  outlets: Outlet[]
  /** Rule files read, in the order they apply. */
  files: string[]
  /** Every valid rule file, in the order read. */
  ruleFiles: RuleFile[]
  /** Every rule compiled, disabled ones and (with `outletRules: false`) outlet ones included, in file order. */
  defined: CompiledRule[]
  exceptions: RuleException[]
  /** How long the rules may run on one article before it is failed. */
  timeBudgetMs: number
  /** Whether user folders were given: their patterns (rules, agencies, datelines) run under the time budget in every stage. */
  userPatterns: boolean
}

/** A problem found while loading: errors stop `run`; warnings are for `rules check`. */
export interface RuleProblem {
  severity: 'error' | 'warning'
  file: string
  line: number
  column: number
  reason: string
}

/** The order problems are reported in: by file (code units, whatever the locale), then line and column. */
export function byPlace(a: RuleProblem, b: RuleProblem): number {
  return byCodeUnits(a.file, b.file) || a.line - b.line || a.column - b.column
}

export interface LoadRulesOptions {
  /** User rule folders, applied after (and over) the built-in ones. */
  dirs?: string[]
  /** Skip the built-in folder entirely. */
  builtin?: boolean
  /** Leave out outlet files (to measure the generic stage alone). */
  outletRules?: boolean
  /** Time budget for the rules on one article, in milliseconds. */
  timeBudgetMs?: number
}

/**
 * Loads and compiles every rule file.
 *
 * @throws {DataFileError} on the first error in a rule file, with its line and column.
 */
export function loadRules(options: LoadRulesOptions = {}): RuleSet {
  const {set, problems} = collectRules(options)
  const error = problems.find((problem) => problem.severity === 'error')
  if (error) throw new DataFileError(error.file, error.line, error.column, error.reason)
  return set
}

/**
 * Loads what it can and reports every problem instead of stopping at the
 * first: `rules check` shows them all, `loadRules` refuses on any error.
 */
export function collectRules(options: LoadRulesOptions = {}): {set: RuleSet; problems: RuleProblem[]} {
  const problems: RuleProblem[] = []
  const report = (severity: RuleProblem['severity'], at: RuleSource, reason: string) => problems.push({severity, ...at, reason})
  const builtinFolders = options.builtin === false ? [] : [BUILTIN_RULES_DIR]
  const folders = [...builtinFolders.map((dir) => ({dir, builtin: true})), ...(options.dirs ?? []).map((dir) => ({dir: resolve(dir), builtin: false}))]

  const byName = new Map<string, {path: string; builtin: boolean}>()
  for (const {dir, builtin} of folders) {
    const seen = new Map<string, string>()
    for (const {path, problem} of ruleFilesIn(dir)) {
      if (problem) {
        report('error', {file: display(path), line: 1, column: 1}, problem)
        continue
      }
      const name = fileId(path)
      const twin = seen.get(name)
      if (twin) {
        report('error', {file: display(path), line: 1, column: 1}, `two rule files are named "${name}" (also ${display(twin)}); rule ids must be unique`)
        continue
      }
      seen.set(name, path)
      byName.set(name, {path, builtin})
    }
  }

  const ruleFiles: RuleFile[] = []
  for (const [name, {path, builtin}] of byName) {
    const read = readYamlFile(path, ruleFileSchema, display(path))
    for (const problem of read.problems) report('error', problem, problem.reason)
    if (read.value) ruleFiles.push({name, display: display(path), builtin, spec: read.value, positionOf: read.positionOf})
  }
  const fileByName = new Map(ruleFiles.map((file) => [file.name, file]))
  const at = (file: RuleFile, path: ReadonlyArray<string | number>, atKey = false): RuleSource => ({file: file.display, ...file.positionOf(path, atKey)})
  const compileAt = (pattern: string, caseSensitive: boolean, where: RuleSource): RegExp | undefined => {
    try {
      const regex = compile(pattern, caseSensitive, where)
      const slow = polynomialRisk(pattern, caseSensitive ? 'u' : 'iu')
      if (slow) report('warning', where, slow)
      return regex
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error
      report('error', where, error.reason)
      return undefined
    }
  }

  const outlets: Outlet[] = []
  const outletFile = new Map<string, RuleFile>()
  for (const file of ruleFiles) {
    const outlet = file.spec.outlet
    if (!outlet) continue
    const owner = outletFile.get(outlet.id)
    if (owner) {
      report(
        'error',
        at(file, ['outlet', 'id']),
        `outlet "${outlet.id}" is already described by ${owner.display}; to add rules to it, write "extends: ${owner.name}" instead of an outlet block`
      )
      continue
    }
    outletFile.set(outlet.id, file)
    const recognise = outlet.recognise.map((pattern, index) => compileAt(pattern, outlet.caseSensitive, at(file, ['outlet', 'recognise', index])))
    if (recognise.some((regex) => regex === undefined)) continue
    outlets.push({
      id: outlet.id,
      name: outlet.name,
      domains: outlet.domains,
      recognise: recognise as RegExp[],
      builtin: file.builtin,
      source: at(file, ['outlet']),
      examples: outlet.examples
    })
  }

  const scopeOf = (file: RuleFile, visited = new Set<string>()): {outlet: string | undefined} | undefined => {
    if (file.spec.outlet) return {outlet: file.spec.outlet.id}
    if (!file.spec.extends) return {outlet: undefined}
    const target = fileByName.get(file.spec.extends)
    if (!target || visited.has(target.name)) return undefined
    return scopeOf(target, new Set([...visited, file.name]))
  }

  const defined: CompiledRule[] = []
  for (const file of ruleFiles) {
    const scope = scopeOf(file)
    if (!scope) {
      const target = file.spec.extends!
      const known = fileByName.has(target)
      const suggestion = closest(target, fileByName.keys())
      report(
        'error',
        at(file, ['extends']),
        known
          ? `extends "${target}", which extends this file back; a chain of extends must end at a file that does not extend another`
          : `extends "${target}", but there is no rule file of that name${suggestion ? `; did you mean "${suggestion}"?` : ''} (name a file without folder or extension)`
      )
      continue
    }
    const ids = new Set<string>()
    for (const [index, rule] of file.spec.rules.entries()) {
      const source = at(file, ['rules', index])
      if (ids.has(rule.id)) {
        report('error', at(file, ['rules', index, 'id']), `duplicate rule id "${rule.id}"`)
        continue
      }
      ids.add(rule.id)
      const regex = compileAt(rule.pattern, rule.caseSensitive, at(file, ['rules', index, 'pattern']))
      if (!regex) continue
      defined.push({
        id: `${file.name}/${rule.id}`,
        kind: rule.kind,
        role: rule.role ?? (rule.kind === 'span' ? 'body' : 'boilerplate'),
        field: rule.field,
        evidence: rule.evidence,
        where: rule.where,
        keepMarker: rule.keepMarker,
        regex,
        outlet: scope.outlet,
        source,
        spec: rule,
        unless: []
      })
    }
  }

  const ruleById = new Map(defined.map((rule) => [rule.id, rule]))
  const unknownRule = (id: string) => {
    const suggestion = closest(id, ruleById.keys())
    return `there is no rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`
  }
  const exceptions: RuleException[] = []
  const disabled = new Set<string>()
  for (const file of ruleFiles) {
    const outlet = scopeOf(file)?.outlet
    for (const [index, id] of file.spec.disable.entries()) {
      if (ruleById.has(id)) disabled.add(id)
      else report('error', at(file, ['disable', index]), `cannot disable: ${unknownRule(id)}`)
    }
    for (const [index, spec] of file.spec.exceptions.entries()) {
      const target = ruleById.get(spec.rule)
      if (!target) {
        report('error', at(file, ['exceptions', index, 'rule']), `exception for an unknown rule: ${unknownRule(spec.rule)}`)
        continue
      }
      const regex = compileAt(spec.pattern, spec.caseSensitive, at(file, ['exceptions', index, 'pattern']))
      if (!regex) continue
      const exception = {rule: spec.rule, regex, outlet, source: at(file, ['exceptions', index]), spec}
      target.unless.push(exception)
      exceptions.push(exception)
    }
  }

  const builtinFile = new Map(ruleFiles.map((file) => [file.display, file.builtin]))
  const rank = (rule: CompiledRule) => (rule.outlet === undefined ? 2 : 0) + (builtinFile.get(rule.source.file) ? 1 : 0)
  // Outlet rules are the refinement, so they get the first say on a line; within each group a user's rules come before the built-in ones.
  const rules = defined
    .filter((rule) => !disabled.has(rule.id) && (options.outletRules !== false || rule.outlet === undefined))
    .sort((a, b) => rank(a) - rank(b))
  problems.sort(byPlace)
  return {
    set: {
      rules,
      outlets: options.outletRules === false ? [] : outlets,
      files: ruleFiles.map((file) => file.display),
      ruleFiles,
      defined,
      exceptions,
      timeBudgetMs: options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS,
      userPatterns: (options.dirs ?? []).length > 0
    },
    problems
  }
}

/** Rule files below a folder; a link that leads outside the folder is refused, not followed. */
function ruleFilesIn(folder: string): Array<{path: string; problem?: string}> {
  let root: string
  try {
    if (!statSync(folder).isDirectory()) return [{path: folder, problem: 'not a folder of rule files'}]
    root = realpathSync(folder)
  } catch {
    return [{path: folder, problem: 'no such folder of rule files'}]
  }
  return fg
    .sync('**/*.{yaml,yml}', {cwd: folder, absolute: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true})
    .filter((entry) => entry.dirent.isFile() || entry.dirent.isSymbolicLink())
    .map((entry) => entry.path)
    .filter((file) => !(dirname(file) === folder && DATA_FILES.has(basename(file))) && !file.endsWith(FIXTURE_SUFFIX))
    .sort()
    .map((path) => {
      const real = realpathOrUndefined(path)
      if (real === undefined) return {path, problem: 'is a link that leads nowhere'}
      if (!real.startsWith(root + sep)) return {path, problem: 'is a link that leads outside its rules folder; rule files must live in the folder'}
      if (!statSync(real).isFile()) return {path, problem: 'is not a file'}
      return {path}
    })
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch {
    return undefined
  }
}

function fileId(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '')
}

/** A data file's path as messages show it: relative to the working folder when it is inside it. */
export function display(file: string): string {
  const path = relative(process.cwd(), file)
  return path.startsWith('..') ? file : path
}

/** Rule patterns are Unicode-aware so `\p{L}` works in every script. */
function toRegExp(pattern: string, caseSensitive: boolean): RegExp {
  return new RegExp(pattern.replace(LEADING_BOUNDARY, NO_WORD_BEFORE), caseSensitive ? 'u' : 'iu')
}

/**
 * A `\b` opening a pattern, before a letter, digit or underscore the pattern writes (not one a quantifier may leave
 * out). A word character follows it wherever it matches (under `iu` too: the letters a literal matches when case is
 * ignored, K and ſ among them, are word characters), so the boundary is the test that no word character comes before,
 * written so: V8 searches a pattern opening on `\b` with the `iu` flags position by position, about ten times slower
 * than one opening on the lookbehind, which finds its first letter first (2.3 against 0.2 µs a line for an outlet's
 * photo credit, over the bench corpus's lines). Every rule pattern is compiled with `u`, and most with `i`.
 */
const LEADING_BOUNDARY = /^\\b(?=[A-Za-z0-9_](?![?*{]))/
const NO_WORD_BEFORE = '(?<!\\w)'

/**
 * Compiles a rule pattern, refusing one that can backtrack catastrophically.
 *
 * @throws {DataFileError} when the pattern is invalid or unsafe.
 */
export function compile(pattern: string, caseSensitive: boolean, at: RuleSource): RegExp {
  let regex: RegExp
  try {
    regex = toRegExp(pattern, caseSensitive)
  } catch (error) {
    throw new DataFileError(at.file, at.line, at.column, `invalid pattern: ${(error as Error).message}`)
  }
  const risk = backtrackingRisk(pattern, caseSensitive ? 'u' : 'iu')
  if (risk) throw new DataFileError(at.file, at.line, at.column, risk)
  return regex
}

/**
 * The paths of the data file `name` in each rules folder, built-in first
 * (user data overrides built-in).
 *
 * @throws {DataFileError} when one is a link leading outside its folder: it is not read, so nothing of what it points at (a secrets file's keys) reaches a message.
 */
/** One layer of a data file (agencies, calendar, generic settings, translation settings): the file, as shown in messages, and its checked content. */
export interface DataLayer<T> extends LoadedYaml<T> {
  shown: string
}

/**
 * The layers of a data file, the one way every data file is overlaid: the
 * built-in file first, then each rules folder's file of the same name, in
 * the order given (a folder without it adds none). What a later layer
 * changes is each loader's to say.
 */
export function readDataLayers<S extends z.ZodType>(name: string, dirs: string[], schema: S): Array<DataLayer<z.output<S>>> {
  return dataFilesNamed(name, dirs)
    .filter((file) => existsSync(file))
    .map((file) => {
      const shown = display(file)
      return {...loadYamlFile(file, schema, shown), shown}
    })
}

export function dataFilesNamed(name: string, dirs: string[] = []): string[] {
  return [BUILTIN_RULES_DIR, ...dirs.map((dir) => resolve(dir))].map((dir) => {
    const path = join(dir, name)
    const real = realpathOrUndefined(path)
    const root = realpathOrUndefined(dir)
    if (real !== undefined && root !== undefined && !real.startsWith(root + sep)) {
      throw new DataFileError(display(path), 1, 1, 'is a link that leads outside its rules folder; data files must live in the folder')
    }
    return path
  })
}
