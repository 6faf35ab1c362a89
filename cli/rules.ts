/**
 * The rule author's commands: `rules test`, `rules check`, `rules schema`
 * and `explain`. Exit codes as for the rest of the CLI: 0 ok, 1 a failing
 * example, 2 usage or configuration error (an error in a rule file).
 */
import {statSync} from 'node:fs'
import {relative, resolve, sep} from 'node:path'
import type {Command} from 'commander'
import pc from 'picocolors'
import {explainFile, renderExplanation} from '../run/explain.ts'
import {UsageError} from '../run/inputs.ts'
import {checkRules} from '../run/rules-check.ts'
import {testCitationExamples} from '../run/citation-examples.ts'
import {findFixtures, fixtureId, testFixtures} from '../run/rule-fixtures.ts'
import {newRuleFile} from '../run/rules-new.ts'
import {BUILTIN_RULES_DIR, loadRules, type LoadRulesOptions, type RuleFile} from '../core/rules/load.ts'
import {rulesJsonSchema} from '../core/rules/schema.ts'
import {testRuleSet, type RuleTestResult} from '../core/rules/tester.ts'
import {collect, positiveInteger} from './options.ts'
import {addConfigOptions, addInputOptions, colorFor, configLine, readProject, type ProjectFlags} from './project.ts'
import {EXIT_FAILED, EXIT_OK, EXIT_USAGE, printable, visibleControls} from '../core/exit-codes.ts'

/**
 * The folders to load for a command about `dir` (default: the config's
 * rule folders): the built-in rules alone, or the built-in rules with the
 * folders on top (so that `extends`, `disable` and exceptions can name
 * built-in files and rules). Only the files in those folders are reported.
 */
function foldersFor(dir: string | undefined, flags: ProjectFlags): {options: LoadRulesOptions; inDir: (display: string) => boolean} {
  const dirs = (dir === undefined ? (readProject(flags).loaded?.config.rules ?? []) : [dir]).filter((folder) => resolve(folder) !== BUILTIN_RULES_DIR)
  if (dirs.length === 0) return {options: {}, inDir: () => true}
  for (const folder of dirs) if (!statSync(folder, {throwIfNoEntry: false})?.isDirectory()) throw new UsageError(`no folder of rule files at ${folder}`)
  const users = dirs.map((folder) => resolve(folder) + sep)
  return {options: {dirs}, inDir: (display) => users.some((user) => resolve(display).startsWith(user))}
}

/** Adds `rules test|check|schema` and `explain` to the program. */
export function registerRuleCommands(program: Command): void {
  const rules = program.command('rules').description('test, check and describe cleaning rule files')

  addConfigOptions(
    rules
      .command('test')
      .description(
        "run every rule's examples (lines it must match and must not, what it cuts and captures) and the folder's whole-file fixtures (NAME.txt beside NAME.expected.yaml)"
      )
      .argument('[dir]', "a folder of rule files (default: the config's rules, else the built-in rules)")
      .option('--rule <id>', 'only this rule (full id, file/rule), the rules of this file, or this fixture (fixture:PATH) (repeatable)', collect)
      .option('--json', 'print the results as JSON')
  ).action(async (dir: string | undefined, flags: ProjectFlags & {rule?: string[]; json?: boolean}, command: Command) => {
    const {options, inDir} = foldersFor(dir, flags)
    const set = loadRules(options)
    const wanted = flags.rule ?? []
    const fixtures = findFixtures(options.dirs ?? [BUILTIN_RULES_DIR]).filter((path) => wanted.length === 0 || wanted.some((id) => id === fixtureId(path)))
    const citations = testCitationExamples(options.dirs ?? [], inDir)
    const all = [...testRuleSet(set, (file: RuleFile) => inDir(file.display)), ...citations, ...(await testFixtures(fixtures, options))]
    const unknown = wanted.filter((id) => !all.some((result) => selected(result.id, id)))
    if (unknown.length > 0) throw new UsageError(`--rule ${unknown.map((id) => `"${id}"`).join(', ')} names no rule, outlet, file or fixture tested here`)
    const results = wanted.length === 0 ? all : all.filter((result) => wanted.some((id) => selected(result.id, id)))
    process.stdout.write(flags.json ? `${JSON.stringify(results, null, 2)}\n` : renderTestResults(results, colorFor(command, process.stdout)))
    process.exitCode = results.some((result) => result.failures.length > 0) ? EXIT_FAILED : EXIT_OK
  })

  addConfigOptions(
    rules
      .command('check')
      .description('validate rule files: schema, unknown keys, duplicate ids, shadowed rules, patterns that can backtrack catastrophically')
      .argument('[dir]', "a folder of rule files (default: the config's rules, else the built-in rules)")
  ).action((dir: string | undefined, flags: ProjectFlags, command: Command) => {
    const {options, inDir} = foldersFor(dir, flags)
    const result = checkRules(options, inDir)
    const paint = pc.createColors(colorFor(command, process.stdout))
    for (const problem of result.problems) {
      const label = problem.severity === 'error' ? paint.red('error') : paint.yellow('warning')
      process.stdout.write(`${printable(problem.file)}:${problem.line}:${problem.column}: ${label} ${visibleControls(problem.reason)}\n`)
    }
    const errors = result.problems.filter((problem) => problem.severity === 'error').length
    const warnings = result.problems.length - errors
    process.stdout.write(
      `${plural(result.files.length, 'file')}, ${plural(result.rules, 'rule')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`
    )
    // A malformed rule file is a configuration error, as when `run` loads it: exit code 2.
    process.exitCode = errors > 0 ? EXIT_USAGE : EXIT_OK
  })

  addConfigOptions(
    rules
      .command('new')
      .description('write the start of a rule file for an outlet from one of its articles, with a whole-file fixture, ready for rules test')
      .argument('<outlet>', 'the outlet id, also the file name ("arrahmah")')
      .requiredOption('--from <article>', 'an article of the outlet, as your scraper gives it')
      .option('--name <name>', "the outlet's name as the site prints it (default: the id)")
      .option('--domain <domain>', 'a site of the outlet (repeatable)', collect)
      .option('--dir <dir>', "the rules folder to write into (default: the config's first rule folder, else rules)")
  ).action(async (outlet: string, flags: ProjectFlags & {from: string; name?: string; domain?: string[]; dir?: string}) => {
    const configured = readProject(flags).loaded?.config.rules ?? []
    const dir = flags.dir ?? configured[0] ?? 'rules'
    const written = await newRuleFile({
      outlet,
      article: flags.from,
      dir,
      otherDirs: configured.filter((folder) => resolve(folder) !== resolve(dir)),
      ...(flags.name === undefined ? {} : {name: flags.name}),
      ...(flags.domain === undefined ? {} : {domains: flags.domain})
    })
    const shown = (path: string) => printable(relative(process.cwd(), path) || path)
    process.stdout.write(
      [
        `wrote ${shown(written.ruleFile)}`,
        `wrote ${shown(written.fixtureArticle)} and ${shown(written.fixtureExpected)} (what wiretrace decides for each line now)`,
        '',
        "next: correct the expected roles in the fixture, widen the patterns to the outlet's other articles, then",
        `  wiretrace rules test ${shown(dir)} && wiretrace rules check ${shown(dir)}`,
        ''
      ].join('\n')
    )
    process.exitCode = EXIT_OK
  })

  rules
    .command('schema')
    .description('print the JSON Schema of the rule file format (for editors)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(rulesJsonSchema(), null, 2)}\n`)
    })

  const explain = program
    .command('explain')
    .description('show, line by line, which rule fired (or none) and why each line got its role')
    .argument('<file>', 'an article file, or "-" for standard input (with --stdin-filename)')
    .option('-l, --line <n>', 'only this line', positiveInteger)
    .option('-r, --rules <dir>', "a folder of your own rules, on top of the built-in ones (repeatable; default: the config's rules)", collect)
    .option('--no-outlet-rules', 'apply only the common rules, no outlet files')
    .option('--json', 'print the explanation as JSON')
    .option('-v, --verbose', 'say which config file is in force')
  addInputOptions(explain).action(
    async (
      path: string,
      options: ProjectFlags & {line?: number; rules?: string[]; outletRules: boolean; json?: boolean; verbose?: boolean},
      command: Command
    ) => {
      const project = readProject(options)
      if (options.verbose) process.stderr.write(`${configLine(project)}\n`)
      const outletRules = command.getOptionValueSource('outletRules') === 'cli' ? options.outletRules : (project.loaded?.config.outlets?.rules ?? true)
      const explanation = await explainFile(path, {
        dirs: options.rules ?? project.loaded?.config.rules ?? [],
        outletRules,
        selection: project.selection,
        ...(options.line === undefined ? {} : {line: options.line})
      })
      process.stdout.write(options.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation, colorFor(command, process.stdout)))
      process.exitCode = explanation.failure ? EXIT_FAILED : EXIT_OK
    }
  )
}

/** ESLint RuleTester-style listing: one line per rule, each failing example under it with its file:line:column. */
export function renderTestResults(results: RuleTestResult[], color = false): string {
  const paint = pc.createColors(color)
  const out: string[] = []
  let file = ''
  for (const result of results) {
    if (result.source.file !== file) {
      file = result.source.file
      out.push('', paint.underline(printable(file)))
    }
    const failed = result.failures.length > 0
    const mark = failed ? paint.red('✗') : paint.green('✓')
    const counted = result.what === 'fixture' ? plural(result.examples, 'line') : plural(result.examples, 'example')
    out.push(`  ${mark} ${visibleControls(result.id)} ${paint.dim(`(${counted}, ${visibleControls(result.source.file)}:${result.source.line})`)}`)
    for (const failure of result.failures) {
      out.push(`      ${visibleControls(failure.at.file)}:${failure.at.line}:${failure.at.column}: ${visibleControls(failure.message)}`)
      out.push(`        ${paint.dim('example:')}  ${JSON.stringify(failure.example)}`)
      if (failure.expected !== undefined) out.push(`        ${paint.dim('expected:')} ${JSON.stringify(failure.expected)}`)
      if (failure.actual !== undefined) out.push(`        ${paint.dim('actual:')}   ${JSON.stringify(failure.actual)}`)
    }
  }
  const failing = results.filter((result) => result.failures.length > 0)
  const examples = results.filter((result) => result.what !== 'fixture').reduce((sum, result) => sum + result.examples, 0)
  const failures = failing.reduce((sum, result) => sum + result.failures.length, 0)
  const count = (what: RuleTestResult['what']) => results.filter((result) => result.what === what).length
  const tested = (['rule', 'outlet', 'exception', 'citation', 'lexicon'] as const).filter((what) => count(what) > 0).map((what) => plural(count(what), what))
  const fixtures = count('fixture') > 0 ? [plural(count('fixture'), 'fixture')] : []
  const summary = `${[...tested, plural(examples, 'example'), ...fixtures].join(', ')}: `
  out.push(
    '',
    failing.length === 0 ? paint.green(`${summary}all pass`) : paint.red(`${summary}${plural(failures, 'failing example')} in ${failing.length} of them`),
    ''
  )
  return out.join('\n')
}

/** Whether a result's id is the one asked for, or belongs to the file asked for (`contoh` takes `contoh/sign-off`). */
function selected(resultId: string, wanted: string): boolean {
  return resultId === wanted || resultId.startsWith(`${wanted}/`)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
