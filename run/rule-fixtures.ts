/**
 * Whole-file fixtures for rule folders (semgrep's `--test`, with the
 * annotations beside the article instead of inside it, since an article's
 * text is what the report rebuilds byte for byte): an article `NAME.txt`
 * and `NAME.expected.yaml` beside it, anywhere in a rules folder, saying
 * for each line the role it must get and, where given, the rule that must
 * decide it, the spans that must be cut and the fields that must be
 * captured. `wiretrace rules test` runs the article through the whole
 * pipeline (as `explain` does) and checks it line by line: every line with
 * text must be listed, so a rule that starts deciding a line nobody looked
 * at is caught too. `wiretrace rules new` writes one from an article.
 */
import {existsSync} from 'node:fs'
import {relative} from 'node:path'
import fg from 'fast-glob'
import {stringify} from 'yaml'
import {z} from 'zod'
import {ROLES} from '../core/rules/schema.ts'
import {byCodeUnits} from '../core/sorted-ids.ts'
import {FIXTURE_SUFFIX, type LoadRulesOptions, type RuleSource} from '../core/rules/load.ts'
import type {ExampleFailure, RuleTestResult} from '../core/rules/tester.ts'
import {DataFileError, loadYamlFile, readYamlFile} from '../core/rules/yaml-file.ts'
import {explainFile, type Explanation, type LineExplanation} from './explain.ts'

const decision = z.strictObject({
  role: z.enum(ROLES).describe('the role the line must get: title, dek, meta, body or boilerplate'),
  rule: z.string().min(1).optional().describe('the rule that must decide the role, by full id ("arrahmah/loading", "generic/paragraph")'),
  cut: z.array(z.string().min(1)).optional().describe('the texts that must be cut from the line, in order; [] for none'),
  captured: z.record(z.string(), z.string()).optional().describe('the metadata the rules must capture from the line, by field ("byline: fath"); {} for none')
})

export const fixtureSchema = z.strictObject({
  $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
  description: z.string().optional().describe('what the fixture shows, and where the article comes from'),
  outlet: z
    .string()
    .nullable()
    .optional()
    .describe("the outlet the article must be recognised as (the publisher, last in the report's outlets); null for none"),
  lines: z
    .record(
      z.string().regex(/^[1-9]\d*$/, 'key each decision by the line number it is on'),
      z.union([z.enum(ROLES), decision], {error: `give the line's role (${ROLES.join(', ')}) or {role, rule, cut, captured}`})
    )
    .describe('every line with text, by its number (a block of joined lines by its first): its role, or {role, rule, cut, captured}')
})

export type FixtureSpec = z.infer<typeof fixtureSchema>

/** The JSON Schema of a fixture's expected decisions, for editors. */
export function fixtureJsonSchema(): object {
  return {title: 'wiretrace rule fixture (NAME.expected.yaml beside NAME.txt)', ...z.toJSONSchema(fixtureSchema, {target: 'draft-2020-12', io: 'input'})}
}

/** A fixture's id in `rules test`: its article's path. */
export function fixtureId(expectedFile: string): string {
  return `fixture:${display(articleOf(expectedFile))}`
}

/** The fixtures below the folders, in path order. */
export function findFixtures(folders: string[]): string[] {
  return folders.flatMap((folder) => fg.sync(`**/*${FIXTURE_SUFFIX}`, {cwd: folder, absolute: true}).sort())
}

/** What is wrong with a fixture's expected file as written (its schema, a missing article), without running it. */
export function fixtureProblems(expectedFile: string, shown: string): DataFileError[] {
  const {problems} = readYamlFile(expectedFile, fixtureSchema, shown)
  if (!existsSync(articleOf(expectedFile))) problems.push(noArticle(expectedFile, shown))
  return problems
}

function articleOf(expectedFile: string): string {
  return `${expectedFile.slice(0, -FIXTURE_SUFFIX.length)}.txt`
}

function noArticle(expectedFile: string, shown: string): DataFileError {
  return new DataFileError(shown, 1, 1, `a fixture's article is the .txt file of the same name beside it; there is no ${display(articleOf(expectedFile))}`)
}

/**
 * Runs each fixture's article with the rules of `options` and compares
 * every line with what its expected file says.
 *
 * @throws {DataFileError} when an expected file is malformed or has no article beside it.
 */
export async function testFixtures(expectedFiles: string[], options: LoadRulesOptions): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = []
  for (const expectedFile of expectedFiles) {
    const shown = display(expectedFile)
    const {value: spec, positionOf} = loadYamlFile(expectedFile, fixtureSchema, shown)
    const article = articleOf(expectedFile)
    if (!existsSync(article)) throw noArticle(expectedFile, shown)
    const explanation = await explainFile(article, options)
    const at = (path: ReadonlyArray<string | number>, atKey = false): RuleSource => ({file: shown, ...positionOf(path, atKey)})
    results.push({
      id: fixtureId(expectedFile),
      what: 'fixture',
      source: {file: shown, line: 1, column: 1},
      examples: Object.keys(spec.lines).length,
      failures: compare(spec, explanation, at).sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
    })
  }
  return results
}

function compare(spec: FixtureSpec, explanation: Explanation, at: (path: ReadonlyArray<string | number>, atKey?: boolean) => RuleSource): ExampleFailure[] {
  if (explanation.failure) return [{at: at([]), example: explanation.path, message: `the article failed: ${explanation.failure}`}]
  const failures: ExampleFailure[] = []
  const publisher = explanation.outlets.at(-1)?.id ?? null
  if (spec.outlet !== undefined && spec.outlet !== publisher) {
    failures.push({
      at: at(['outlet']),
      example: explanation.path,
      message: 'the article is not recognised as the expected outlet',
      expected: String(spec.outlet),
      actual: String(publisher)
    })
  }
  const byLine = new Map(explanation.lines.map((line) => [line.lines[0], line]))
  for (const [key, expected] of Object.entries(spec.lines)) {
    const number = Number(key)
    const line = byLine.get(number)
    const place = (...path: string[]) => at(['lines', number, ...path])
    if (!line) {
      failures.push({at: place(), example: `line ${number}`, message: 'no block starts on this line: it is blank, past the end, or joined to the line above'})
      continue
    }
    const want = typeof expected === 'string' ? {role: expected} : expected
    const example = line.text
    const field = (path: string) => (typeof expected === 'string' ? place() : place(path))
    if (want.role !== line.role)
      failures.push({at: field('role'), example, message: `the line gets the role ${line.role}${decidedBy(line)}`, expected: want.role, actual: line.role})
    if (want.rule !== undefined && want.rule !== line.ruleId) {
      failures.push({at: place('rule'), example, message: 'another rule decides the line', expected: want.rule, actual: String(line.ruleId)})
    }
    const cut = line.cuts.map((span) => span.text)
    if (want.cut !== undefined && JSON.stringify(want.cut) !== JSON.stringify(cut)) {
      failures.push({
        at: place('cut'),
        example,
        message: 'the spans cut from the line are not the expected ones',
        expected: JSON.stringify(want.cut),
        actual: JSON.stringify(cut)
      })
    }
    const captured = capturedOf(line)
    if (want.captured !== undefined && JSON.stringify(sorted(want.captured)) !== JSON.stringify(sorted(captured))) {
      failures.push({
        at: place('captured'),
        example,
        message: 'the fields captured from the line are not the expected ones',
        expected: JSON.stringify(want.captured),
        actual: JSON.stringify(captured)
      })
    }
  }
  for (const line of explanation.lines) {
    if (Object.hasOwn(spec.lines, String(line.lines[0]))) continue
    failures.push({
      at: at(['lines'], true),
      example: line.text,
      message: `line ${line.lines[0]} is not listed: it gets the role ${line.role}${decidedBy(line)}; list every line with text`
    })
  }
  return failures
}

function decidedBy(line: LineExplanation): string {
  return line.ruleId === null ? '' : ` (by ${line.ruleId})`
}

/** The fields captured from a line, one value per field (the first, as the metadata stage reads them). */
function capturedOf(line: LineExplanation): Record<string, string> {
  const captured: Record<string, string> = {}
  for (const {field, value} of line.captured) if (!(field in captured)) captured[field] = value
  return captured
}

function sorted(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => byCodeUnits(a, b))
}

/**
 * The expected file for an article as wiretrace decides it now, every line
 * with its role, cuts and captures, the rule where a rule file decided it
 * (a stage's own decisions, such as the generic stage's, may change as
 * wiretrace improves: only the role is pinned for them), and its text in a
 * comment: the start of a fixture, for the author to read and correct.
 */
export function expectedFrom(explanation: Explanation, schemaPointer: string, description: string): string {
  const flow = (value: unknown) => stringify(value, {collectionStyle: 'flow', lineWidth: 0}).trim()
  const lines = explanation.lines.map((line) => {
    const captured = capturedOf(line)
    const decision = {
      role: line.role,
      ...(line.source === null ? {} : {rule: line.ruleId}),
      ...(line.cuts.length > 0 ? {cut: line.cuts.map((span) => span.text)} : {}),
      ...(Object.keys(captured).length > 0 ? {captured} : {})
    }
    const text = line.text.replace(/\s+/g, ' ')
    return `  ${line.lines[0]}: ${flow(decision)} # ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`
  })
  return [
    `# yaml-language-server: $schema=${schemaPointer}`,
    stringify({description, outlet: explanation.outlets.at(-1)?.id ?? null}, {lineWidth: 0}).trimEnd(),
    'lines:',
    ...lines,
    ''
  ].join('\n')
}

function display(path: string): string {
  const shown = relative(process.cwd(), path)
  return shown.startsWith('..') ? path : shown
}
