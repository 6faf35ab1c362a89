/**
 * Loads the cleaning rules: the built-in folder, then any user folders on
 * top. A user file with the same name as a built-in file replaces it; a
 * user file's `disable` list switches built-in rules off by id.
 */
import {basename, dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import fg from 'fast-glob'
import {DataFileError, loadYamlFile} from './yaml-file.ts'
import {ruleFileSchema, type EvidenceKind, type Field, type Role, type RuleSpec} from './schema.ts'

/** The rules shipped with wiretrace. */
export const BUILTIN_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rules')

/** Data files in a rules folder that are not cleaning rules. */
export const DATA_FILES = new Set(['agencies.yaml', 'calendar.yaml'])

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
  /** Set when the rule belongs to an outlet file: it applies only to that outlet's articles. */
  outlet: string | undefined
  source: RuleSource
  spec: RuleSpec
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
  source: RuleSource
  examples: RuleSpec['examples']
}

export interface RuleSet {
  rules: CompiledRule[]
  outlets: Outlet[]
  /** Rule files read, in the order they apply. */
  files: string[]
}

export interface LoadRulesOptions {
  /** User rule folders, applied after (and over) the built-in ones. */
  dirs?: string[]
  /** Skip the built-in folder entirely. */
  builtin?: boolean
  /** Leave out outlet files (to measure the generic stage alone). */
  outletRules?: boolean
}

/**
 * Loads and compiles every rule file.
 *
 * @throws {DataFileError} on the first malformed file, with its line and column.
 */
export function loadRules(options: LoadRulesOptions = {}): RuleSet {
  const folders = [...(options.builtin === false ? [] : [BUILTIN_RULES_DIR]), ...(options.dirs ?? []).map((dir) => resolve(dir))]
  const byName = new Map<string, string>()
  for (const folder of folders) {
    const seen = new Map<string, string>()
    for (const file of ruleFilesIn(folder)) {
      const name = fileId(file)
      const twin = seen.get(name)
      if (twin) throw new DataFileError(display(file), 1, 1, `two rule files are named "${name}" (also ${display(twin)}); rule ids must be unique`)
      seen.set(name, file)
      byName.set(name, file)
    }
  }
  const outlets: Outlet[] = []
  const rules: CompiledRule[] = []
  const disabled = new Set<string>()
  for (const [name, file] of byName) {
    const {value: spec, positionOf} = loadYamlFile(file, ruleFileSchema, display(file))
    for (const id of spec.disable) disabled.add(id)
    if (spec.outlet) {
      if (options.outletRules === false) continue
      const outlet = spec.outlet
      outlets.push({
        id: outlet.id,
        name: outlet.name,
        domains: outlet.domains,
        recognise: outlet.recognise.map((source, index) =>
          compile(source, false, {file: display(file), ...positionOf(['outlet', 'recognise', index])})
        ),
        source: {file: display(file), ...positionOf(['outlet'])},
        examples: outlet.examples
      })
    }
    for (const [index, rule] of spec.rules.entries()) {
      const source = {file: display(file), ...positionOf(['rules', index])}
      const id = `${name}/${rule.id}`
      if (rules.some((other) => other.id === id)) {
        throw new DataFileError(source.file, source.line, source.column, `duplicate rule id "${rule.id}"`)
      }
      rules.push({
        id,
        kind: rule.kind,
        role: rule.role ?? (rule.kind === 'span' ? 'body' : 'boilerplate'),
        field: rule.field,
        evidence: rule.evidence,
        where: rule.where,
        keepMarker: rule.keepMarker,
        regex: compile(rule.pattern, rule.caseSensitive, {file: source.file, ...positionOf(['rules', index, 'pattern'])}),
        outlet: spec.outlet?.id,
        source,
        spec: rule
      })
    }
  }
  const active = rules.filter((rule) => !disabled.has(rule.id))
  // Outlet rules are the refinement: they get the first say on a line.
  active.sort((a, b) => Number(a.outlet === undefined) - Number(b.outlet === undefined))
  return {rules: active, outlets, files: [...byName.values()].map(display)}
}

function ruleFilesIn(folder: string): string[] {
  return fg
    .sync('**/*.{yaml,yml}', {cwd: folder, absolute: true, onlyFiles: true, followSymbolicLinks: false})
    .filter((file) => !(dirname(file) === folder && DATA_FILES.has(basename(file))))
    .sort()
}

function fileId(file: string): string {
  return basename(file).replace(/\.ya?ml$/, '')
}

function display(file: string): string {
  const path = relative(process.cwd(), file)
  return path.startsWith('..') ? file : path
}

/** Compiles a rule pattern; Unicode-aware so `\p{L}` works in every script. */
export function compile(pattern: string, caseSensitive: boolean, at: RuleSource): RegExp {
  try {
    return new RegExp(pattern, caseSensitive ? 'u' : 'iu')
  } catch (error) {
    throw new DataFileError(at.file, at.line, at.column, `invalid pattern: ${(error as Error).message}`)
  }
}

/** The folder holding `name` among rule folders, last one first (user data overrides built-in). */
export function dataFilesNamed(name: string, dirs: string[] = []): string[] {
  return [BUILTIN_RULES_DIR, ...dirs.map((dir) => resolve(dir))].map((dir) => join(dir, name))
}
