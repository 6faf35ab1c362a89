/**
 * The `wiretrace` command line. Exit codes (core/exit-codes.ts): 0 clean,
 * 1 an article failed (or a policy failed), 2 usage or configuration error,
 * 3 wiretrace could not run.
 */
import {createReadStream, existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Command, Option} from 'commander'
import {stringify as stringifyYaml} from 'yaml'
import {configJsonSchema} from '../run/config.ts'
import {DEFAULT_FAIL_ON} from '../render/policy.ts'
import {ignoreStateFolder} from '../core/state.ts'
import {
  addColorOption,
  addConfigOptions,
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
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import writeFileAtomic from 'write-file-atomic'
import {DEFAULT_LIMITS} from '../core/decode.ts'
import {parseShard, UsageError} from '../run/inputs.ts'
import {RebuildError, rebuildOriginal} from '../render/rebuild.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {ARTICLES_PER_WORKER, runCorpus} from '../run/run.ts'
import {DEFAULT_JSONL_BATCH} from '../run/jsonl-reports.ts'
import {VERSION} from '../core/version.ts'
import {reportJsonSchema, SCHEMA_VERSION} from '../pipeline/report-schema.ts'
import {rulesJsonSchema} from '../core/rules/schema.ts'
import {agenciesJsonSchema} from '../pipeline/agencies.ts'
import {genericJsonSchema} from '../pipeline/generic/config.ts'
import {translationJsonSchema} from '../link/translation/config.ts'
import {calendarJsonSchema} from '../core/dates.ts'
import {fixtureJsonSchema} from '../run/rule-fixtures.ts'
import {registerRuleCommands} from './rules.ts'
import {registerCheckCommand} from './check.ts'
import {createProgress} from '../render/formats/progress.ts'
import {PACKAGE_ROOT} from '../core/paths.ts'
import {displayIndex, withStore} from '../link/reuse/open.ts'
import {describeFailure, EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, EXIT_USAGE, printable, redactCredentials, visibleControls} from '../core/exit-codes.ts'
import {exportIndex, importIndex, TransferError} from '../link/reuse/transfer.ts'
import {collect, positiveInteger} from './options.ts'
import {setProcessFlags} from '../core/process-flags.ts'

export {EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, EXIT_USAGE} from '../core/exit-codes.ts'

export {DEFAULT_INDEX, DEFAULT_OUT}

const SCHEMA_DIR = join(PACKAGE_ROOT, 'schema')
/** The JSON Schema files committed in `schema/`, and what generates each. */
export const SCHEMA_FILES: Record<string, () => object> = {
  [`report.v${SCHEMA_VERSION}.schema.json`]: reportJsonSchema,
  'rules.schema.json': rulesJsonSchema,
  'config.schema.json': configJsonSchema,
  'agencies.schema.json': agenciesJsonSchema,
  'generic.schema.json': genericJsonSchema,
  'translation.schema.json': translationJsonSchema,
  'calendar.schema.json': calendarJsonSchema,
  'fixture.schema.json': fixtureJsonSchema
}

function schemaText(generate: () => object): string {
  return `${JSON.stringify(generate(), null, 2)}\n`
}

/** Shows warnings and errors (and decisions with --verbose) the way unified tools do. */
function printMessages(files: VFile[], verbose: boolean, quiet: boolean, color: boolean): void {
  const shown = files.map((file) => {
    const copy = new VFile({path: printable(file.path)})
    copy.messages = file.messages.filter((message) => verbose || message.fatal !== undefined)
    return copy
  })
  const text = reporter(shown, {quiet: true, silent: quiet, color})
  if (text) process.stderr.write(`${text}\n`)
}

export function buildProgram(): Command {
  const program = new Command()
    .name('wiretrace')
    .description('Tell where the text of news articles comes from.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
  addColorOption(program)

  const run = program
    .command('run')
    .description('clean, attribute and report every article; writes <out>/<path>.json and .md (or JSON Lines files with --format jsonl)')
    .argument(
      '[inputs...]',
      'article files, folders (every .txt below), globs, "!PATTERN" to leave files out, "-" for standard input (default: inputs in the config file)'
    )
    .option('-o, --out <dir>', `folder for the reports (default: the config's out, else ${DEFAULT_OUT})`)
    .option('-r, --rules <dir>', "a folder of your own rules, on top of the built-in ones (repeatable; default: the config's rules)", collect)
    .option('--no-outlet-rules', 'apply only the common rules, no outlet files')
    .addOption(
      new Option(
        '--index <path>',
        `reuse index to compare articles with and add them to: an SQLite path or a postgres:// URL (default: the config's index, else ${DEFAULT_INDEX})`
      ).env('WIRETRACE_INDEX')
    )
    .option('--no-index', 'skip reuse detection')
    .option(
      '--shard <k/n>',
      'process only the k-th of n shares of the inputs (by content hash), counting them into the index the runners share; reuse --finalize links them'
    )
    .addOption(
      new Option('--workers <n>', 'worker threads to spread the articles over')
        .argParser(positiveInteger)
        .default('auto', `one per ${ARTICLES_PER_WORKER} articles, up to the number of cores`)
    )
    .addOption(new Option('--max-bytes <n>', 'largest article file accepted').argParser(positiveInteger).default(DEFAULT_LIMITS.maxBytes))
    .addOption(new Option('--max-line-chars <n>', 'longest line accepted').argParser(positiveInteger).default(DEFAULT_LIMITS.maxLineChars))
    .option('-q, --quiet', 'print errors only')
    .option('-v, --verbose', 'print every decision, not only warnings and errors')
    .addOption(
      new Option(
        '--format <format>',
        'json: a JSON report and its Markdown twin per article; html: also a page per article, <out>/index.html and <out>/reuse.html; jsonl: one report per line in <out>/reports-00001.jsonl, … (input order, no Markdown), for corpus builders'
      )
        .choices(['json', 'html', 'jsonl'])
        .default('json')
    )
    .addOption(new Option('--jsonl-batch <n>', 'with --format jsonl: articles per file').argParser(positiveInteger).default(DEFAULT_JSONL_BATCH))
    .option('--no-markdown', "write each article's JSON report without its Markdown twin (default: the config's markdown, else with)")
  addInputOptions(run).action(async (given: string[], options: RunFlags, command: Command) => {
    const project = readProject(options)
    if (options.verbose) process.stderr.write(`${configLine(project)}\n`)
    if (fromUser(command, 'jsonlBatch') && options.format !== 'jsonl')
      throw new UsageError('--jsonl-batch sets the articles per JSON Lines file; add --format jsonl')
    const inputs = projectInputs(given, project)
    const out = projectOut(options.out, project)
    ignoreStateFolder(out)
    const index = projectIndex(fromUser(command, 'index'), options.index, project)
    const progress = createProgress(process.stderr, process.env, options.quiet === true)
    const result = await runCorpus({
      inputs,
      selection: project.selection,
      out,
      ...(index === undefined ? {} : {index}),
      ...(options.shard ? {shard: parseShard(options.shard)} : {}),
      workers: options.workers,
      ...(options.format === 'jsonl' ? {jsonl: {batch: options.jsonlBatch}} : {}),
      markdown: projectMarkdown(command, options.markdown, project),
      retain: false,
      results: 'noteworthy',
      messages: options.verbose === true ? 'all' : 'problems',
      rules: options.rules ?? project.loaded?.config.rules ?? [],
      outletRules: fromUser(command, 'outletRules') ? options.outletRules : (project.loaded?.config.outlets?.rules ?? true),
      limits: {maxBytes: options.maxBytes, maxLineChars: options.maxLineChars},
      onArticle: (_article, done, total) => progress.update(done, total)
    }).finally(() => progress.stop())
    if (options.format === 'html') {
      // Loaded only when pages are asked for, as in `check`.
      const {readReport, writeHtmlSite} = await import('../render/html/site.ts')
      const site = writeHtmlSite(out, result.reported, (id) => readReport(out, id))
      if (!options.quiet) process.stderr.write(`HTML report: ${printable(site.index)}\n`)
    }
    printMessages(
      result.articles.filter((article) => article.hasMessages).map((article) => article.file),
      options.verbose === true,
      options.quiet === true,
      colorFor(command, process.stderr)
    )
    if (!options.quiet) {
      const files = result.jsonlFiles === undefined ? '' : ` (${result.jsonlFiles} JSON Lines files)`
      process.stderr.write(
        `${result.reported.length} of ${result.reported.length + result.failed} articles reported in ${shownPath(out)}/${files}${result.failed > 0 ? `, ${result.failed} failed` : ''}\n`
      )
      if (options.shard && index !== undefined)
        process.stderr.write('reuse links wait for the whole corpus: run `wiretrace reuse --finalize` once every shard has run\n')
    }
    process.exitCode = result.failed > 0 ? EXIT_FAILED : EXIT_OK
  })

  const reuse = program
    .command('reuse')
    .description(
      'the link step alone, after sharded runs: analyse again the articles whose reports were made with part of the corpus counts, index the reports the index does not hold yet in input order, then patch the reports whose links changed (and make the HTML site again, if the folder has one)'
    )
    .argument('[inputs...]', 'the whole corpus the shards split (default: inputs in the config file)')
    .requiredOption('--finalize', 'link every report of the inputs in --out against the index, and rewrite those whose links changed')
    .option('-o, --out <dir>', `folder of the reports (default: the config's out, else ${DEFAULT_OUT})`)
    .option('-r, --rules <dir>', "the rule folders the runs used (repeatable; default: the config's rules)", collect)
    .addOption(new Option('--index <path>', `the shared reuse index (default: the config's index, else ${DEFAULT_INDEX})`).env('WIRETRACE_INDEX'))
    .option(
      '--no-markdown',
      "rewrite patched JSON reports without Markdown twins, as runs with --no-markdown write them (default: the config's markdown, else with)"
    )
  addInputOptions(reuse).action(
    async (given: string[], options: {out?: string; rules?: string[]; index?: string; markdown: boolean} & ProjectFlags, command: Command) => {
      const project = readProject(options)
      const index = projectIndex(fromUser(command, 'index'), options.index, project)
      if (index === undefined) throw new UsageError('reuse --finalize completes links from the reuse index; the config says index: false')
      const out = projectOut(options.out, project)
      // After sharded runs the pass indexes the whole corpus: minutes for a large one.
      const progress = createProgress(process.stderr, process.env)
      const result = await runCorpus({
        inputs: projectInputs(given, project),
        selection: project.selection,
        out,
        rules: options.rules ?? project.loaded?.config.rules ?? [],
        index,
        markdown: projectMarkdown(command, options.markdown, project),
        finalize: true,
        onAdmitted: (done, total) => progress.update(done, total)
      }).finally(() => progress.stop())
      const again = result.reanalysed ? ` (${result.reanalysed} analysed again: the corpus counts changed under them)` : ''
      process.stderr.write(`${result.articles.length} reports patched${again}, ${result.skipped} unchanged\n`)
      for (const id of result.unreadable ?? []) process.stderr.write(`${printable(shownPath(join(out, `${id}.json`)))}: not a readable report, not linked\n`)
      if (result.unreported)
        process.stderr.write(
          `${result.unreported} of the inputs have no report in ${shownPath(out)}/, and are not linked: a runner not finished, or articles that failed\n`
        )
      // Runs with --format html left a site (sharded runners, each over its share): it is made again over every report, as linked now.
      if (existsSync(join(out, 'index.html'))) {
        const {readReport, writeHtmlSite} = await import('../render/html/site.ts')
        const site = writeHtmlSite(out, result.linked ?? [], (id) => readReport(out, id))
        process.stderr.write(`HTML report: ${printable(site.index)}\n`)
      }
      process.exitCode = result.failed > 0 ? EXIT_FAILED : EXIT_OK
    }
  )

  const index = program.command('index').description('move a reuse index between engines (SQLite file, PostgreSQL)')
  index
    .command('export')
    .description('write the whole reuse index to stdout as JSON Lines')
    .addOption(new Option('--index <path>', 'the index to export: an SQLite path or a postgres:// URL').env('WIRETRACE_INDEX').default(DEFAULT_INDEX))
    .action(async (options: {index: string}) => {
      const count = await withStore(options.index, (store) => exportIndex(store, process.stdout))
      process.stderr.write(`${count} articles exported from ${displayIndex(options.index)}\n`)
    })
  index
    .command('import')
    .description('read an export (a file, or stdin) into a reuse index, e.g. an SQLite index into PostgreSQL')
    .argument('[file]', 'the JSON Lines export; stdin when omitted')
    .addOption(new Option('--index <path>', 'the index to import into: an SQLite path or a postgres:// URL').env('WIRETRACE_INDEX').default(DEFAULT_INDEX))
    .action(async (file: string | undefined, options: {index: string}) => {
      const count = await withStore(options.index, (store) => importIndex(store, file ? createReadStream(file) : process.stdin, file ?? 'standard input'))
      process.stderr.write(`${count} articles imported into ${displayIndex(options.index)}\n`)
    })

  program
    .command('rebuild')
    .description('write the original file, byte for byte, from its JSON report to stdout')
    .argument('<report>', 'a report written by wiretrace run')
    .action((reportPath: string) => {
      let text: string
      try {
        text = readFileSync(reportPath, 'utf8')
      } catch (error) {
        throw new UsageError(`${reportPath}: cannot read the report: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      }
      let report: unknown
      try {
        report = JSON.parse(text)
      } catch (error) {
        throw new UsageError(`${reportPath}: not a JSON report: ${(error as Error).message}`)
      }
      process.stdout.write(rebuildOriginal(report as Parameters<typeof rebuildOriginal>[0]))
    })

  addConfigOptions(
    program
      .command('config')
      .description('print the settings in force: which config file (searched up to the repository root), and every setting with its default filled in')
      .option('--json', 'print them as JSON')
  ).action((options: ProjectFlags & {json?: boolean}) => {
    const project = readProject(options)
    const effective = effectiveConfig(project)
    if (options.json) process.stdout.write(`${JSON.stringify({file: project.loaded?.path ?? null, ...effective}, null, 2)}\n`)
    else process.stdout.write(`# ${configLine(project)}\n${stringifyYaml(effective)}`)
  })

  program
    .command('schema')
    .description(`print the JSON Schema of the report format (version ${SCHEMA_VERSION})`)
    .option('--write', 'write every JSON Schema (report, rule file, config, data files) into schema/ instead')
    .action((options: {write?: boolean}) => {
      if (!options.write) {
        process.stdout.write(schemaText(reportJsonSchema))
        return
      }
      mkdirSync(SCHEMA_DIR, {recursive: true})
      for (const [name, generate] of Object.entries(SCHEMA_FILES)) writeFileAtomic.sync(resolve(SCHEMA_DIR, name), schemaText(generate))
    })

  registerRuleCommands(program)
  registerCheckCommand(program)

  return program
}

interface RunFlags extends ProjectFlags {
  out?: string
  rules?: string[]
  outletRules: boolean
  index?: string | false
  shard?: string
  workers: number | 'auto'
  maxBytes: number
  maxLineChars: number
  quiet?: boolean
  verbose?: boolean
  format: 'json' | 'html' | 'jsonl'
  jsonlBatch: number
  markdown: boolean
}

/** Whether per-article reports get Markdown twins: `--no-markdown`, else the config's `markdown`, else they do. */
function projectMarkdown(command: Command, flag: boolean, project: Project): boolean {
  return fromUser(command, 'markdown') ? flag : (project.loaded?.config.markdown ?? true)
}

/** Whether an option was given on the command line or through its environment variable, rather than left to the config. */
function fromUser(command: Command, name: string): boolean {
  return ['cli', 'env'].includes(command.getOptionValueSource(name) ?? '')
}

function shownPath(path: string): string {
  const fromCwd = relative(process.cwd(), path)
  return fromCwd === '' ? '.' : fromCwd.startsWith('..') ? path : fromCwd
}

/** Every setting a command would use with no options given: the config's, or the default. */
function effectiveConfig(project: Project): Record<string, unknown> {
  const config = project.loaded?.config ?? {}
  return {
    inputs: config.inputs ?? null,
    exclude: project.selection.exclude?.filter((rule) => rule.patterns.length > 0 && rule.base === project.base).flatMap((rule) => rule.patterns) ?? [],
    gitignore: project.selection.gitignore ?? true,
    rules: config.rules ?? [],
    outlets: {rules: config.outlets?.rules ?? true, allow: config.outlets?.allow ?? []},
    index: projectIndex(false, undefined, project) ?? false,
    out: projectOut(undefined, project),
    markdown: config.markdown ?? true,
    changed: config.changed ?? false,
    since: config.since ?? null,
    policy: {failOn: config.policy?.failOn ?? DEFAULT_FAIL_ON, maxUncreditedShare: config.policy?.maxUncreditedShare ?? null},
    output: {format: config.output?.format ?? ['human'], quiet: config.output?.quiet ?? false}
  }
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined
  setProcessFlags()
  try {
    await buildProgram().parseAsync(argv, {from: 'user'})
    return Number(process.exitCode ?? EXIT_OK)
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('commander.')) {
      const exitCode = (error as {exitCode?: number}).exitCode ?? EXIT_USAGE
      return exitCode === 0 ? EXIT_OK : EXIT_USAGE
    }
    if (
      error instanceof DataFileError ||
      error instanceof UsageError ||
      error instanceof RebuildError ||
      error instanceof TransferError ||
      error instanceof SyntaxError
    ) {
      process.stderr.write(`wiretrace: ${oneLine(error.message)}\n`)
      return EXIT_USAGE
    }
    // Anything else stopped the run before a verdict: one line naming the path and the cause, never a stack trace.
    process.stderr.write(`wiretrace: could not run: ${describeFailure(error)}\n`)
    return EXIT_CANNOT_RUN
  }
}

/** A message as one printable line, credentials redacted. */
function oneLine(message: string): string {
  return visibleControls(redactCredentials(message))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2))
}
