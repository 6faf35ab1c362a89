/**
 * What every command reads about the project it runs in: the config file
 * (found upward from the working folder, never above the repository root;
 * `-c FILE` or `--no-config` instead), the inputs it names or the command
 * line gives, what they leave out (`--exclude`, `.gitignore`, `!PATTERN`),
 * standard input (`-` with `--stdin-filename`), and the defaults every
 * command shares: the index and reports under `.wiretrace/`, a folder that
 * ignores itself in git.
 */
import {readFileSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {Option, type Command} from 'commander'
import {inputSelection, resolveConfig, type LoadedConfig} from '../run/config.ts'
import {COLOR_CHOICES, useColor, type ColorChoice} from '../render/formats/color.ts'
import {STDIN_INPUT, UsageError, type InputSelection} from '../run/inputs.ts'
import {enclosingRepository} from '../run/repository.ts'
import {collect} from './options.ts'

/** The folder wiretrace keeps its state in, beside the config file (or in the working folder). It holds a `.gitignore` of `*`. */
export const STATE_DIR = '.wiretrace'
/** Where the reuse index lives unless --index, WIRETRACE_INDEX or the config say otherwise. */
export const DEFAULT_INDEX = `${STATE_DIR}/index.sqlite`
/** Where reports go unless --out or the config say otherwise. */
export const DEFAULT_OUT = `${STATE_DIR}/reports`

export interface ProjectFlags {
  config?: string | false
  exclude?: string[]
  stdinFilename?: string
}

/** Adds -c/--config and --no-config. */
export function addConfigOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'the config file (default: wiretrace.config.yaml, .yml or .json here or in a folder above, up to the repository root)')
    .option('--no-config', 'ignore config files')
}

/** Adds the config options, --exclude and --stdin-filename. */
export function addInputOptions(command: Command): Command {
  return addConfigOptions(command)
    .option('--exclude <pattern>', 'leave out files matching this gitignore-style pattern, relative to the working folder (repeatable)', collect)
    .option('--stdin-filename <name>', 'with the input "-": the path the article read from standard input is reported under')
}

/** Adds the global --color option. */
export function addColorOption(command: Command): Command {
  return command.addOption(
    new Option('--color <when>', 'colour the output: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never')
      .choices(COLOR_CHOICES)
      .default('auto')
  )
}

/** Whether a command's output on `stream` is coloured, by --color, NO_COLOR, FORCE_COLOR and the terminal. */
export function colorFor(command: Command, stream: {isTTY?: boolean}): boolean {
  return useColor(stream, (command.optsWithGlobals() as {color?: ColorChoice}).color ?? 'auto')
}

export interface Project {
  loaded: LoadedConfig | undefined
  /** The config file's folder, or the working folder: where the defaults live. */
  base: string
  selection: InputSelection
}

/** Reads the project a command runs in. */
export function readProject(flags: ProjectFlags, cwd = process.cwd()): Project {
  const loaded = resolveConfig(flags.config, cwd)
  const selection = inputSelection(loaded, flags.exclude ?? [], cwd)
  if (flags.stdinFilename !== undefined) selection.stdin = {bytes: readFileSync(0), filename: flags.stdinFilename}
  return {loaded, base: loaded?.base ?? cwd, selection}
}

/** The inputs: those given, else the config's; a usage error when neither names any. */
export function projectInputs(given: string[], project: Project): string[] {
  const inputs = given.length > 0 ? given : project.loaded?.config.inputs
  if (!inputs)
    throw new UsageError(
      'name the article files, folders or globs to read, or set "inputs" in wiretrace.config.yaml (`wiretrace config` shows the settings in force)'
    )
  if (project.selection.stdin && !inputs.includes(STDIN_INPUT))
    throw new UsageError('--stdin-filename names the article read from standard input: give "-" as an input too')
  return inputs
}

/** The index: the command line's (or WIRETRACE_INDEX), else the config's, else `.wiretrace/index.sqlite` beside the config. */
export function projectIndex(fromUser: boolean, flag: string | false | undefined, project: Project): string | undefined {
  if (fromUser) return flag === false ? undefined : flag
  const configured = project.loaded?.config.index
  return configured === false ? undefined : (configured ?? resolve(project.base, DEFAULT_INDEX))
}

/** The reports folder: the command line's, else the config's, else `.wiretrace/reports` beside the config. */
export function projectOut(flag: string | undefined, project: Project): string {
  return flag ?? project.loaded?.config.out ?? resolve(project.base, DEFAULT_OUT)
}

/** One line saying which config is in force, for -v and `wiretrace config`. */
export function configLine(project: Project, cwd = process.cwd()): string {
  if (project.loaded) return `config: ${shown(project.loaded.path, cwd)}`
  const root = enclosingRepository(cwd)
  return `config: none (no wiretrace.config.yaml, .yml or .json from ${shown(cwd, cwd)} up to ${root ? `the repository root ${shown(root, cwd)}` : 'the file system root'})`
}

function shown(path: string, cwd: string): string {
  return relative(cwd, path) || '.'
}
