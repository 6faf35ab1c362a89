/**
 * `npm run eval`: the quality gate. Runs the pipeline, the pipeline without
 * outlet rules and the jusText-style baseline over every gold set in
 * `test/fixtures/gold/`, prints the figures per set, run and language,
 * writes them to `reports/eval.json` and holds them to the pinned floors.
 *
 * Exit codes: 0 every figure at or above its floor; 1 a figure below its
 * floor, a gold set changed or not pinned, an article failed, or `--update`
 * refused to lower a floor; 2 a usage or data error.
 */
import {mkdirSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Command, CommanderError} from 'commander'
import pc from 'picocolors'
import writeFileAtomic from 'write-file-atomic'
import {evaluate, evaluationJson, FLOORS_FILE, judge, repin, type Evaluation, type SetShortfall} from '../eval/gate.ts'
import {GoldSetError} from '../eval/harness.ts'
import {ReportFileError} from '../eval/score.ts'
import {formatAgencyErrors, formatSet, LEGEND} from '../eval/table.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {GENERATOR} from '../core/version.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

interface Options {
  out: string
  update?: boolean
  allowRegression?: boolean
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('npm run eval --')
    .description('Score wiretrace against the gold sets and hold the figures to their pinned floors.')
    .option('-o, --out <file>', 'where the figures go, as JSON', 'reports/eval.json')
    .option('--update', `re-pin ${FLOORS_FILE}: new gold fingerprints, floors raised to better figures`)
    .option('--allow-regression', 'with --update: let floors go down (and drop floors of gold sets that are gone)')
    .exitOverride()
  try {
    program.parse(argv, {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    throw error
  }
  const options = program.opts<Options>()
  if (options.allowRegression && !options.update) {
    process.stderr.write('eval: --allow-regression only makes sense with --update\n')
    return 2
  }

  let evaluation: Evaluation
  try {
    evaluation = await evaluate(ROOT)
  } catch (error) {
    if (error instanceof DataFileError || error instanceof GoldSetError || error instanceof ReportFileError) {
      process.stderr.write(`eval: ${error.message}\n`)
      return 2
    }
    throw error
  }

  const floors = options.update ? update(evaluation, options.allowRegression === true) : evaluation.floors
  const judged = judge({...evaluation, floors})
  for (const set of evaluation.sets) {
    process.stdout.write(`${formatSet(set, floors.sets[set.set.name]?.floors ?? {}, floors.tolerance, ROOT)}\n`)
    process.stdout.write(`${formatAgencyErrors(set)}\n\n`)
  }
  process.stdout.write(`${LEGEND}\n`)

  const out = resolve(options.out)
  mkdirSync(dirname(out), {recursive: true})
  writeFileAtomic.sync(out, `${JSON.stringify(evaluationJson({...evaluation, floors}, judged, GENERATOR), null, 2)}\n`)
  process.stdout.write(`figures written to ${options.out}\n`)

  for (const problem of judged.problems) process.stdout.write(`${pc.red('✗')} ${problem}\n`)
  for (const shortfall of judged.shortfalls) process.stdout.write(`${pc.red('✗')} ${describeShortfall(shortfall)}\n`)
  if (judged.passed) process.stdout.write(`${pc.green('✓')} every figure at or above its floor (tolerance ${floors.tolerance})\n`)
  return judged.passed ? 0 : 1
}

/** Re-pins the floors file; a refused lowering is printed and leaves the old floor in place. */
function update(evaluation: Evaluation, allowRegression: boolean): Evaluation['floors'] {
  const {floors, refused, kept} = repin(evaluation, allowRegression)
  writeFileAtomic.sync(resolve(ROOT, FLOORS_FILE), `${JSON.stringify(floors, null, 2)}\n`)
  process.stdout.write(`re-pinned ${FLOORS_FILE}\n`)
  for (const shortfall of refused) process.stdout.write(`${pc.yellow('kept')} ${describeShortfall(shortfall)}\n`)
  for (const name of kept) process.stdout.write(`${pc.yellow('kept')} the floors of gold set "${name}", whose gold file is gone\n`)
  if (refused.length > 0 || kept.length > 0) process.stdout.write('fix the regression, or re-run with --update --allow-regression to accept the lower bar\n\n')
  return floors
}

function describeShortfall({set, run, scope, figure, measured, floor}: SetShortfall): string {
  const value = measured === null ? 'not measured' : measured.toFixed(4)
  const drop = measured === null ? '' : ` (${(measured - floor).toFixed(4)})`
  return `${set} ${run} ${scope} ${figure}: ${value}, floor ${floor.toFixed(4)}${drop}`
}

process.exitCode = await main(process.argv.slice(2))
