/**
 * The project config file, read by every command: `wiretrace.config.yaml`
 * (or `.yml`, or `.json`), found in the working folder or the nearest one
 * above it, but never above the root of the git repository the working
 * folder is in. Validated with zod; a mistake is reported as
 * `file:line:column: what is wrong`. Paths in it are relative to the file.
 */
import {existsSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import fg from 'fast-glob'
import {z} from 'zod'
import type {InputSelection} from './inputs.ts'
import {POLICY_RULES} from '../render/policy.ts'
import {enclosingRepository} from './repository.ts'
import {isWebAddress} from '../pipeline/outlet/sources.ts'
import {DataFileError, readYamlFile} from '../core/rules/yaml-file.ts'

/** Names looked for in each folder, in this order; two in one folder is an error. */
export const CONFIG_NAMES = ['wiretrace.config.yaml', 'wiretrace.config.yml', 'wiretrace.config.json'] as const

/** Output formats of `wiretrace check`. */
export const FORMATS = ['human', 'github', 'json', 'sarif', 'html'] as const
export type FormatName = (typeof FORMATS)[number]

/** `name` (to standard output; html to the reports folder) or `name=path` (to that file or folder). */
export const formatSpec = z
  .string()
  .regex(new RegExp(`^(${FORMATS.join('|')})(=.+)?$`), `use one of ${FORMATS.join(', ')}, optionally with =PATH (e.g. "sarif=wiretrace.sarif")`)

export const configSchema = z.strictObject({
  inputs: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('the corpus: article files, folders (every .txt below) or globs, relative to this file; "!PATTERN" leaves files out'),
  exclude: z.array(z.string().min(1)).optional().describe('gitignore-style patterns, relative to this file, for files the inputs must leave out'),
  gitignore: z.boolean().optional().describe('leave out the files .gitignore ignores (default true)'),
  rules: z.array(z.string().min(1)).optional().describe('folders of your own rules, on top of the built-in ones'),
  outlets: z
    .strictObject({
      rules: z.boolean().optional().describe('apply the outlet rule files (default true)'),
      allow: z.array(z.string().min(1)).optional().describe('outlet ids articles may come from; unknown-outlet fires for any other')
    })
    .optional()
    .describe('which outlet rule files apply, and which outlets articles may come from'),
  sources: z
    .array(
      z
        .strictObject({
          files: z.string().min(1).describe('glob of article files, relative to this file'),
          url: z
            .string()
            .refine(isWebAddress, 'give an http(s) address')
            .optional()
            .describe('the page (or site) these articles were read from: the outlet whose domains hold its host is recognised'),
          outlet: z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]*$/, 'use the outlet id')
            .optional()
            .describe('the id of the outlet these articles come from')
        })
        .refine((entry) => (entry.url === undefined) !== (entry.outlet === undefined), 'give either url or outlet')
    )
    .optional()
    .describe(
      'where articles were published, for outlets their text does not name; a sources.tsv (columns file, url) beside the articles does the same per file'
    ),
  index: z
    .union([z.string().min(1), z.literal(false)], {error: 'give the path of the reuse index, or false for none'})
    .optional()
    .describe('the reuse index (SQLite file or postgres:// URL); false for none (default .wiretrace/index.sqlite)'),
  out: z.string().min(1).optional().describe('folder for the reports and HTML pages (default .wiretrace/reports)'),
  markdown: z
    .boolean()
    .optional()
    .describe("write each article's Markdown twin beside its JSON report (default true); false: the JSON report alone, as --no-markdown"),
  changed: z.boolean().optional().describe('check only the files added or modified since `since`'),
  since: z.string().min(1).optional().describe('the ref --changed compares with (default: the merge base with the default branch)'),
  policy: z
    .strictObject({
      failOn: z.array(z.enum(POLICY_RULES)).optional().describe('findings that fail the check (exit code 1)'),
      maxUncreditedShare: z.number().min(0).max(1).optional().describe('fail an article whose uncredited share of body text is over this')
    })
    .optional()
    .describe('what fails `wiretrace check` (exit code 1)'),
  output: z
    .strictObject({
      format: z
        .union([formatSpec, z.array(formatSpec).min(1)])
        .optional()
        .describe('check output formats, as --format: name or name=PATH'),
      quiet: z.boolean().optional().describe('print failing findings only')
    })
    .optional()
    .describe('how `wiretrace check` prints its findings')
})

export type WiretraceConfig = z.infer<typeof configSchema>

/** The JSON Schema of the config file, for editors (yaml-language-server). */
export function configJsonSchema(): object {
  return {title: 'wiretrace config file (wiretrace.config.yaml)', ...z.toJSONSchema(configSchema, {target: 'draft-2020-12', io: 'input'})}
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string
  /** The folder the file is in: its relative paths, and the default index and reports folder, are below it. */
  base: string
  /** The settings, with every path made absolute (globs kept globs, exclude patterns relative to `base`, negated inputs moved into `exclude`). */
  config: WiretraceConfig
}

/**
 * The config file for `cwd`: in it or the nearest folder above, up to the
 * root of the git repository holding `cwd` (a config above the repository
 * is never read: it belongs to someone else). Outside a repository the
 * search goes up to the file system root. Undefined when there is none.
 */
export function findConfigFile(cwd = process.cwd()): string | undefined {
  let folder = resolve(cwd)
  const root = enclosingRepository(folder)
  for (;;) {
    const found = CONFIG_NAMES.map((name) => join(folder, name)).filter((path) => existsSync(path))
    if (found.length > 1)
      throw new DataFileError(found[1]!, 1, 1, `two config files in one folder (${found.map((path) => path.slice(folder.length + 1)).join(', ')}); keep one`)
    if (found[0]) return found[0]
    const parent = dirname(folder)
    if (parent === folder || folder === root) return undefined
    folder = parent
  }
}

/** How a command chooses its config: `-c FILE`, `--no-config` (false), or the search (undefined). */
export type ConfigChoice = string | false | undefined

/** The config a command runs with: the file named, none, or the one found for the working folder. */
export function resolveConfig(choice: ConfigChoice, cwd = process.cwd()): LoadedConfig | undefined {
  if (choice === false) return undefined
  const path = choice ?? findConfigFile(cwd)
  return path === undefined ? undefined : loadConfig(path)
}

/** What the inputs of a run leave out: the config's `exclude` (relative to it) and the command line's (relative to the working folder). */
export function inputSelection(loaded: LoadedConfig | undefined, exclude: string[], cwd = process.cwd()): InputSelection {
  return {
    exclude: [...(loaded?.config.exclude ? [{base: loaded.base, patterns: loaded.config.exclude}] : []), {base: cwd, patterns: exclude}],
    gitignore: loaded?.config.gitignore ?? true,
    ...(loaded?.config.sources
      ? {
          sources: loaded.config.sources.map((entry) => ({
            ...entry,
            files: inputFrom(loaded.base, entry.files),
            from: relative(cwd, loaded.path) || loaded.path
          }))
        }
      : {})
  }
}

/**
 * Reads and validates a config file.
 *
 * @throws {DataFileError} naming the file, line and column of the first problem.
 */
export function loadConfig(path: string): LoadedConfig {
  const absolute = resolve(path)
  const shown = relative(process.cwd(), absolute)
  const display = shown.startsWith('..') ? absolute : shown
  const read = readYamlFile(absolute, configSchema, display)
  const problem = read.problems[0]
  if (problem) throw problem
  const config = read.value!
  const base = dirname(absolute)
  const fromBase = (value: string) => resolve(base, value)
  const negated = (config.inputs ?? []).filter((input) => input.startsWith('!')).map((input) => input.slice(1))
  const inputs = config.inputs?.filter((input) => !input.startsWith('!'))
  if (inputs && inputs.length === 0)
    throw new DataFileError(display, 1, 1, 'inputs: every input starts with "!" and only leaves files out; name the articles to read')
  const exclude = [...(config.exclude ?? []), ...negated]
  return {
    path: absolute,
    base,
    config: {
      ...config,
      ...(inputs ? {inputs: inputs.map((input) => inputFrom(base, input))} : {}),
      ...(exclude.length > 0 ? {exclude} : {}),
      ...(config.out ? {out: fromBase(config.out)} : {}),
      ...(config.rules ? {rules: config.rules.map(fromBase)} : {}),
      ...(typeof config.index === 'string' && config.index !== ':memory:' && !/^postgres(ql)?:\/\//.test(config.index) ? {index: fromBase(config.index)} : {}),
      ...(config.output ? {output: {...config.output, ...(config.output.format ? {format: formatsFrom(base, config.output.format)} : {})}} : {})
    }
  }
}

/** A path or glob written relative to the config file, usable from any working folder. */
function inputFrom(base: string, input: string): string {
  if (!fg.isDynamicPattern(input)) return resolve(base, input)
  return `${fg.escapePath(base.split('\\').join('/'))}/${input.replace(/^\.\//, '')}`
}

function formatsFrom(base: string, format: string | string[]): string[] {
  return (Array.isArray(format) ? format : [format]).map((spec) => {
    const at = spec.indexOf('=')
    return at === -1 ? spec : `${spec.slice(0, at)}=${resolve(base, spec.slice(at + 1))}`
  })
}
