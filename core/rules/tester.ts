/**
 * Runs the examples every rule, outlet and exception carries (ESLint's
 * RuleTester, semgrep's `--test`): lines a rule must match, lines it must
 * not, and for span rules the line as it reads once the span is cut. A
 * rule is matched the way the boilerplate stage matches it (same text
 * normalisation, white space at the edges of the line left out, exceptions
 * applied), so an example that passes here behaves the same in a run.
 */
import {EDGE_SPACE, matchText} from '../text.ts'
import type {CompiledRule, Outlet, RuleException, RuleFile, RuleSet, RuleSource} from './load.ts'
import {capturesOf} from './capture.ts'
import type {Examples, MatchExample} from './schema.ts'

/** One example that does not behave as written. */
export interface ExampleFailure {
  /** Where the example is written. */
  at: RuleSource
  example: string
  message: string
  expected?: string
  actual?: string
}

/** The outcome for one rule, outlet or exception. */
export interface RuleTestResult {
  /**
   * Full rule id, `<file>/recognise` for an outlet, `<file>/exception:<rule>` for an exception, `fixture:<article path>`
   * for a whole-file fixture, `agencies/<id>` for a citation phrase, `agencies/reporting-<language>` for a lexicon.
   */
  id: string
  what: 'rule' | 'outlet' | 'exception' | 'fixture' | 'citation' | 'lexicon'
  source: RuleSource
  /** Examples run; for a fixture, the lines it lists. */
  examples: number
  failures: ExampleFailure[]
}

/** Runs the examples of every rule, outlet and exception written in the files `include` accepts (all by default). */
export function testRuleSet(set: RuleSet, include: (file: RuleFile) => boolean = () => true): RuleTestResult[] {
  const results: RuleTestResult[] = []
  for (const file of set.ruleFiles.filter(include)) {
    const outlet = set.outlets.find((candidate) => candidate.source.file === file.display)
    if (outlet) results.push(testOutlet(outlet, file))
    for (const rule of set.defined.filter((candidate) => candidate.source.file === file.display)) results.push(testRule(rule, file))
    for (const exception of set.exceptions.filter((candidate) => candidate.source.file === file.display)) {
      const rule = set.defined.find((candidate) => candidate.id === exception.rule)
      if (rule) results.push(testException(exception, rule, file))
    }
  }
  return results
}

/** Whether a rule fires on a line written as an example: its pattern matches and no exception keeps it off. */
export function fires(rule: CompiledRule, line: string): boolean {
  const text = matchText(asParsed(line)).value
  return rule.regex.test(text) && !exempt(rule, text)
}

/**
 * Whether an exception keeps the rule off the text in the rule's own
 * articles: those written for everyone, and those of the rule's outlet. An
 * exception an outlet file makes to a common rule is for that outlet's
 * articles, and does not change what the common rule's examples say.
 */
function exempt(rule: CompiledRule, text: string): boolean {
  return rule.unless.some((exception) => (exception.outlet === undefined || exception.outlet === rule.outlet) && exception.regex.test(text))
}

/** The line as it reads once a span rule has cut its first match, or undefined when the rule does not fire. */
export function cleaned(rule: CompiledRule, example: string): string | undefined {
  const line = asParsed(example)
  const text = matchText(line)
  if (exempt(rule, text.value)) return undefined
  const match = rule.regex.exec(text.value)
  if (!match || match[0].length === 0) return undefined
  const start = text.toOriginal(match.index)
  const end = text.toOriginal(match.index + match[0].length - 1) + 1
  return line.slice(0, start) + line.slice(end)
}

/**
 * Runs one rule's examples. A match example written as an object also says
 * what the rule makes of the line: `clean` (span rules, end rules with
 * keepMarker), `value` (what its field captures), `agency` (what its
 * evidence's agency group captures).
 */
export function testRule(rule: CompiledRule, file: RuleFile): RuleTestResult {
  const index = file.spec.rules.indexOf(rule.spec)
  const base = ['rules', index, 'examples'] as const
  const at = (list: 'match' | 'noMatch', position: number, key?: string): RuleSource => ({
    file: file.display,
    ...file.positionOf(key === undefined ? [...base, list, position] : [...base, list, position, key])
  })
  const failures = duplicates(rule.spec.examples, at)
  for (const [position, example] of rule.spec.examples.match.entries()) {
    if (typeof example === 'string') {
      if (!fires(rule, example)) failures.push({at: at('match', position), example, message: 'must match, but the rule does not fire on it'})
      continue
    }
    failures.push(...objectExampleFailures(rule, example, (key) => at('match', position, key)))
  }
  for (const [position, example] of rule.spec.examples.noMatch.entries()) {
    if (fires(rule, example))
      failures.push({at: at('noMatch', position), example, message: 'must not match, but the rule fires on it', actual: firstMatch(rule.regex, example)})
  }
  return {id: rule.id, what: 'rule', source: rule.source, examples: count(rule.spec.examples), failures: inWritingOrder(failures)}
}

/** What the rule makes of the line, against what a `{text, clean, value, agency}` example says, each failure at the key it is about. */
function objectExampleFailures(rule: CompiledRule, example: MatchExample, at: (key: keyof MatchExample) => RuleSource): ExampleFailure[] {
  const failures: ExampleFailure[] = []
  const cutsSpan = rule.kind === 'span' || (rule.kind === 'end' && rule.keepMarker)
  if (example.clean !== undefined && !cutsSpan) {
    failures.push({
      at: at('clean'),
      example: example.text,
      message: 'clean shows a cut span: it is for span rules and end rules with keepMarker; leave it out'
    })
  }
  if (example.value !== undefined && !rule.field)
    failures.push({at: at('value'), example: example.text, message: "value is what the rule's field captures, but the rule has no field"})
  if (example.agency !== undefined && !rule.evidence)
    failures.push({at: at('agency'), example: example.text, message: "agency is what the rule's evidence captures, but the rule has no evidence"})
  if (failures.length > 0) return failures
  const match = firing(rule, example.text)
  if (!match) return [{at: at('text'), example: example.text, message: 'must match, but the rule does not fire on it'}]
  if (example.clean !== undefined) {
    const actual = cleaned(rule, example.text)
    if (actual !== example.clean)
      failures.push({
        at: at('clean'),
        example: example.text,
        message: 'the line once the span is cut is not the expected clean text',
        expected: example.clean,
        ...(actual === undefined ? {} : {actual})
      })
  }
  const captured = capturesOf(rule, match)
  for (const key of ['value', 'agency'] as const) {
    const expected = example[key]
    if (expected === undefined || captured[key] === expected) continue
    failures.push({
      at: at(key),
      example: example.text,
      message: key === 'value' ? `the ${rule.field} the rule captures is not the expected value` : 'the agency the rule captures is not the expected agency',
      expected,
      ...(captured[key] === undefined ? {} : {actual: captured[key]})
    })
  }
  return failures
}

/** The rule's match on a line written as an example, unless an exception keeps it off the line. */
function firing(rule: CompiledRule, line: string): RegExpExecArray | undefined {
  const text = matchText(asParsed(line)).value
  if (exempt(rule, text)) return undefined
  return rule.regex.exec(text) ?? undefined
}

const PLAIN_LINE_ONLY = 'recognise patterns and exceptions cut and capture nothing: write the line as a plain string, without clean, value or agency'

/** Runs an outlet's examples against its recognise patterns. */
export function testOutlet(outlet: Outlet, file: RuleFile): RuleTestResult {
  const at = (list: 'match' | 'noMatch', position: number): RuleSource => ({file: file.display, ...file.positionOf(['outlet', 'examples', list, position])})
  const failures = duplicates(outlet.examples, at)
  const recognised = (line: string) => outlet.recognise.some((pattern) => pattern.test(matchText(asParsed(line)).value))
  for (const [position, example] of outlet.examples.match.entries()) {
    const text = typeof example === 'string' ? example : example.text
    if (typeof example !== 'string') failures.push({at: at('match', position), example: text, message: PLAIN_LINE_ONLY})
    else if (!recognised(text))
      failures.push({at: at('match', position), example: text, message: `must be recognised as ${outlet.name}, but no recognise pattern matches it`})
  }
  for (const [position, example] of outlet.examples.noMatch.entries()) {
    if (recognised(example))
      failures.push({at: at('noMatch', position), example, message: `must not be recognised as ${outlet.name}, but a recognise pattern matches it`})
  }
  return {id: `${file.name}/recognise`, what: 'outlet', source: outlet.source, examples: count(outlet.examples), failures: inWritingOrder(failures)}
}

/** Runs an exception's examples; a line it covers must be one its rule would otherwise fire on. */
export function testException(exception: RuleException, rule: CompiledRule, file: RuleFile): RuleTestResult {
  const index = file.spec.exceptions.indexOf(exception.spec)
  const at = (list: 'match' | 'noMatch', position: number): RuleSource => ({
    file: file.display,
    ...file.positionOf(['exceptions', index, 'examples', list, position])
  })
  const failures = duplicates(exception.spec.examples, at)
  for (const [position, example] of exception.spec.examples.match.entries()) {
    const text = typeof example === 'string' ? example : example.text
    const line = matchText(asParsed(text)).value
    if (typeof example !== 'string') failures.push({at: at('match', position), example: text, message: PLAIN_LINE_ONLY})
    else if (!exception.regex.test(line))
      failures.push({at: at('match', position), example: text, message: 'the exception must cover this line, but its pattern does not match it'})
    else if (!rule.regex.test(line)) {
      failures.push({at: at('match', position), example: text, message: `${rule.id} does not match this line anyway, so the exception changes nothing for it`})
    }
  }
  for (const [position, example] of exception.spec.examples.noMatch.entries()) {
    if (exception.regex.test(matchText(asParsed(example)).value)) {
      failures.push({at: at('noMatch', position), example, message: `the exception must leave this line to ${rule.id}, but its pattern matches it`})
    }
  }
  return {
    id: `${file.name}/exception:${exception.rule}`,
    what: 'exception',
    source: exception.source,
    examples: count(exception.spec.examples),
    failures: inWritingOrder(failures)
  }
}

/** The same line given twice (in one list or in both) is a mistake: one of the two was meant to be another line. */
function duplicates(examples: Examples, at: (list: 'match' | 'noMatch', position: number) => RuleSource): ExampleFailure[] {
  const seen = new Map<string, string>()
  const failures: ExampleFailure[] = []
  const lines = [
    ...examples.match.map((example, position) => ({list: 'match' as const, position, text: typeof example === 'string' ? example : example.text})),
    ...examples.noMatch.map((text, position) => ({list: 'noMatch' as const, position, text}))
  ]
  for (const {list, position, text} of lines) {
    const first = seen.get(text)
    if (first) failures.push({at: at(list, position), example: text, message: `duplicate example: the same line is already given under ${first}`})
    else seen.set(text, list)
  }
  return failures
}

function firstMatch(regex: RegExp, line: string): string | undefined {
  return regex.exec(matchText(asParsed(line)).value)?.[0]
}

/** A line as the parse stage makes it a block: white space at its edges is layout, not part of the block. */
export function asParsed(line: string): string {
  return line.replace(EDGE_SPACE, '')
}

function inWritingOrder(failures: ExampleFailure[]): ExampleFailure[] {
  return failures.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
}

function count(examples: Examples): number {
  return examples.match.length + examples.noMatch.length
}
