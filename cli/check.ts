/**
 * `wiretrace check`: the command a CI job runs on every pull request that
 * adds articles. Settings come from the command line, then the config file
 * (`wiretrace.config.yaml`), then the defaults. Exit codes: 0 the policy
 * passed, 1 it failed, 2 usage or configuration error.
 */
import {resolve} from 'node:path'
import {InvalidArgumentError, Option, type Command} from 'commander'
import writeFileAtomic from 'write-file-atomic'
import {runCheck, type CheckResult} from '../run/check.ts'
import {FORMATS, type FormatName, type WiretraceConfig} from '../run/config.ts'
import {formatGithub} from '../render/formats/github.ts'
import {formatHuman} from '../render/formats/human.ts'
import {formatJson} from '../render/formats/json.ts'
import {createProgress} from '../render/formats/progress.ts'
import {formatSarif} from '../render/formats/sarif.ts'
import {UsageError} from '../run/inputs.ts'
import {ignoreStateFolder} from '../core/state.ts'
import {DEFAULT_FAIL_ON, POLICY_RULES, type CheckedFile, type Policy, type PolicyRule} from '../render/policy.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {EXIT_FAILED, EXIT_OK, printable} from '../core/exit-codes.ts'
import {collect} from './options.ts'
import {
  addInputOptions,
  colorFor,
  configLine,
  DEFAULT_INDEX,
  DEFAULT_OUT,
  projectIndex,
  projectInputs,
  projectOut,
  readProject,
  type Project,
  type ProjectFlags
} from './project.ts'

interface CheckFlags extends ProjectFlags {
  changed?: boolean
  all?: boolean
  since?: string
  failOn?: PolicyRule[]
  maxUncreditedShare?: number
  format?: string[]
  out?: string
  rules?: string[]
  outletRules: boolean
  index?: string | false
  quiet?: boolean
  verbose?: boolean
}

/** An output: a format and where it goes (undefined: standard output). */
interface OutputTarget {
  format: FormatName
  path: string | undefined
}

function failOnList(value: string): PolicyRule[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  if (names.length === 1 && names[0] === 'none') return []
  const unknown = names.filter((name) => !(POLICY_RULES as readonly string[]).includes(name))
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown finding ${unknown.map((name) => `"${name}"`).join(', ')}; use ${POLICY_RULES.join(', ')} or none`)
  return names as PolicyRule[]
}

function share(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError('expected a share between 0 and 1, e.g. 0.3')
  return number
}

/** Adds `wiretrace check` to the program. */
export function registerCheckCommand(program: Command): void {
  const check = program
    .command('check')
    .description('check articles against a policy (uncredited reuse, unknown outlets, broken files) for CI; exit 0 passed, 1 failed, 2 usage error')
    .argument('[inputs...]', 'the corpus: article files, folders (every .txt below) or globs (default: inputs in the config file)')
    .option('--changed', 'check only the files added or modified since --since; the rest of the corpus is compared with, through the index')
    .addOption(new Option('--all', 'check every file of the corpus (the default, unless the config sets changed: true)').conflicts('changed'))
    .option('--since <ref>', 'the commit or branch --changed compares with (default: the merge base with the default branch); implies --changed')
    .addOption(
      new Option(
        '--fail-on <findings>',
        `comma-separated findings that fail the check: ${POLICY_RULES.join(', ')}, or none (default: ${DEFAULT_FAIL_ON.join(',')})`
      ).argParser(failOnList)
    )
    .addOption(
      new Option('--max-uncredited-share <share>', 'fail an article when more than this share (0 to 1) of its body is uncredited reuse').argParser(share)
    )
    .option(
      '-f, --format <format>',
      `output format, repeatable: ${FORMATS.join(', ')}; add =PATH to write to a file (html: a folder), e.g. sarif=wiretrace.sarif (default human)`,
      collect
    )
    .option('-o, --out <dir>', `folder for the HTML pages and the reports beside them (default ${DEFAULT_OUT})`)
    .option('-r, --rules <dir>', 'a folder of your own rules, on top of the built-in ones (repeatable)', collect)
    .option('--no-outlet-rules', 'apply only the common rules, no outlet files')
    .addOption(new Option('--index <path>', `the reuse index to compare with and add to (default ${DEFAULT_INDEX})`).env('WIRETRACE_INDEX'))
    .option('--no-index', 'skip reuse detection (uncredited reuse cannot be found then)')
    .option('-q, --quiet', 'print failing findings only, no summary and no progress bar')
    .option('-v, --verbose', 'say which config file is in force')
  addInputOptions(check).action(async (inputs: string[], flags: CheckFlags, command: Command) => {
    const fromUser = (name: string) => ['cli', 'env'].includes(command.getOptionValueSource(name) ?? '')
    const project = readProject(flags)
    if (flags.verbose) process.stderr.write(`${configLine(project)}\n`)
    const settings = resolveSettings(inputs, flags, fromUser, project)
    const progress = createProgress(process.stderr, process.env, settings.quiet)
    let result: CheckResult
    try {
      result = await runCheck({
        inputs: settings.inputs,
        selection: project.selection,
        ...(settings.changed ? {changed: settings.since ? {since: settings.since} : {}} : {}),
        ...(settings.index ? {index: settings.index} : {}),
        rules: settings.rules,
        outletRules: settings.outletRules,
        policy: settings.policy,
        ...(settings.html ? {out: settings.html, markdown: settings.markdown} : {}),
        onArticle: (_article, done, total) => progress.update(done, total)
      })
    } finally {
      progress.stop()
    }
    await writeOutputs(result, settings, colorFor(command, process.stdout))
    if (!settings.quiet) process.stderr.write(summary(result))
    process.exitCode = result.failed ? EXIT_FAILED : EXIT_OK
  })
}

interface CheckSettings {
  inputs: string[]
  changed: boolean
  since: string | undefined
  index: string | undefined
  rules: string[]
  outletRules: boolean
  policy: Policy
  outputs: OutputTarget[]
  /** The folder HTML pages go to, when an html output is asked for. */
  html: string | undefined
  /** Whether the reports written beside the pages get Markdown twins (the config's `markdown`). */
  markdown: boolean
  quiet: boolean
}

/** Command line first, then the config file, then the defaults (paths below the config file's folder). */
function resolveSettings(inputs: string[], flags: CheckFlags, fromUser: (name: string) => boolean, project: Project): CheckSettings {
  const config: WiretraceConfig = project.loaded?.config ?? {}
  const corpus = projectInputs(inputs, project)
  const index = projectIndex(fromUser('index'), flags.index, project)
  const out = projectOut(flags.out, project)
  const outputs = parseOutputs(flags.format ?? config.output?.format ?? ['human'], out)
  const policy: Policy = {
    failOn: flags.failOn ?? config.policy?.failOn ?? DEFAULT_FAIL_ON,
    maxUncreditedShare: flags.maxUncreditedShare ?? config.policy?.maxUncreditedShare ?? null,
    allowedOutlets: config.outlets?.allow ?? []
  }
  if (!index && (policy.failOn.includes('uncredited-reuse') || policy.maxUncreditedShare !== null)) {
    throw new UsageError('uncredited reuse is found through the reuse index; drop --no-index (or index: false in the config) to fail on it')
  }
  return {
    inputs: corpus,
    changed: flags.all ? false : (flags.changed ?? (flags.since ? true : undefined) ?? config.changed ?? false),
    since: flags.since ?? config.since,
    index,
    rules: flags.rules ?? config.rules ?? [],
    outletRules: fromUser('outletRules') ? flags.outletRules : (config.outlets?.rules ?? true),
    policy,
    outputs,
    html: outputs.find((output) => output.format === 'html')?.path,
    markdown: config.markdown ?? true,
    quiet: flags.quiet ?? config.output?.quiet ?? false
  }
}

/**
 * Reads `name` or `name=PATH` specs. Formats without a path go to standard
 * output, at most one of them; when none does, the human format does. html
 * always goes to a folder (`out` unless it names one).
 */
function parseOutputs(specs: string | string[], out: string): OutputTarget[] {
  const targets = (Array.isArray(specs) ? specs : [specs]).map((spec): OutputTarget => {
    const at = spec.indexOf('=')
    const format = (at === -1 ? spec : spec.slice(0, at)) as FormatName
    if ((format as string) === 'jsonl')
      throw new UsageError(`jsonl writes the reports of a corpus run (wiretrace run --format jsonl); check writes ${FORMATS.join(', ')}`)
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"; use ${FORMATS.join(', ')}`)
    const path = at === -1 ? undefined : spec.slice(at + 1)
    if (path === '') throw new UsageError(`--format ${format}= needs a path after the =`)
    return {format, path: format === 'html' ? resolve(path ?? out) : path}
  })
  const toStdout = targets.filter((target) => target.path === undefined)
  if (toStdout.length > 1)
    throw new UsageError(
      `only one format can go to standard output (${toStdout.map((target) => target.format).join(', ')}); write the others to files with --format NAME=PATH`
    )
  return toStdout.length === 0 ? [{format: 'human', path: undefined}, ...targets] : targets
}

async function writeOutputs(result: CheckResult, settings: CheckSettings, color: boolean): Promise<void> {
  for (const target of settings.outputs) {
    if (target.path !== undefined) ignoreStateFolder(target.path)
    if (target.format === 'html') {
      const reports = new Map(result.files.flatMap((file): Array<[string, Report]> => (file.report ? [[file.article, file.report]] : [])))
      // The HTML renderer is loaded only when pages are asked for: it is a tenth of a second of every start-up otherwise.
      const {writeHtmlSite} = await import('../render/html/site.ts')
      const site = writeHtmlSite(target.path!, [...reports.keys()], (id) => reports.get(id)!)
      if (!settings.quiet) process.stderr.write(`HTML report: ${printable(site.index)}\n`)
      continue
    }
    const text = render(target.format, result.files, settings.quiet, target.path === undefined && color)
    if (target.path === undefined) process.stdout.write(text)
    else writeFileAtomic.sync(target.path, text)
  }
}

function render(format: Exclude<FormatName, 'html'>, files: CheckedFile[], quiet: boolean, color: boolean): string {
  switch (format) {
    case 'human':
      return formatHuman(files, {color, quiet})
    case 'github':
      return formatGithub(files)
    case 'json':
      return formatJson(files)
    case 'sarif':
      return formatSarif(files)
  }
}

/** One line for the log: what was checked, what the index spared, and the verdict. */
function summary(result: CheckResult): string {
  const scope = result.since === null ? 'every file' : `files added or modified since ${result.since.slice(0, 12)}`
  const others = result.corpus - result.files.length
  const index =
    others > 0
      ? `; of the ${others} other corpus file${others === 1 ? '' : 's'}, ${result.refreshed} analysed for the reuse index, ${others - result.refreshed} already in it`
      : ''
  const failing = new Map<string, number>()
  for (const file of result.files)
    for (const finding of file.verdict.findings) if (finding.severity === 'error') failing.set(finding.ruleId, (failing.get(finding.ruleId) ?? 0) + 1)
  const failedFiles = result.files.filter((file) => file.verdict.failed).length
  const verdict = result.failed
    ? `policy failed in ${failedFiles} file${failedFiles === 1 ? '' : 's'}: ${[...failing].map(([rule, count]) => `${count} ${rule}`).join(', ')}`
    : 'policy passed'
  return `wiretrace check: ${result.files.length} of ${result.corpus} file${result.corpus === 1 ? '' : 's'} checked (${scope})${index}; ${verdict}\n`
}
