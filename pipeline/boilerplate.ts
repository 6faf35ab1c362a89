/**
 * Stage 3: boilerplate. Applies the cleaning rules to every block, in three
 * passes:
 *
 * 1. span rules cut a prefix or suffix from a line (an outlet dateline, a
 *    scraper's date stamp), keeping it as metadata or evidence; each sees
 *    the line as the spans cut before it left it;
 * 2. block rules give the rest of the line its role (first match wins);
 * 3. the first end rule that matches marks a footer: every later line no
 *    block rule decided gets the end rule's role.
 *
 * Outlet rules apply only to the outlets the outlet stage recognised, and
 * come first. A rule's exceptions keep it off the lines they match. Rules
 * also capture metadata fields and agency evidence from the text they
 * match, for the stages after this one.
 *
 * With user rule folders, the rules of one file run within a time budget: a
 * file on which they take too long fails alone, with the reason, and the
 * run goes on.
 */
import type {Paragraph, Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {withinArticleBudget} from '../core/rules/budget.ts'
export {TIME_BUDGET_RULE} from '../core/rules/budget.ts'
import type {CompiledRule, RuleSet} from '../core/rules/load.ts'
import {capturesOf} from '../core/rules/capture.ts'
import type {MatchText} from '../core/text.ts'
import {blockView, cutSpan} from './block-view.ts'
import {blocksOf, decide as decideBlock, note, type BlockData} from './data.ts'

export interface BoilerplateOptions {
  rules: RuleSet
  /** Budget for the rules on one article; undefined when only the vetted built-in rules run. */
  timeBudgetMs?: number
}

interface Line {
  node: Paragraph
  block: BlockData
  /** Offset of the line's first character in the input. */
  offset: number
  /** 0-based position among non-blank lines, and from the end. */
  index: number
  fromEnd: number
}

export const wiretraceBoilerplate: Plugin<[BoilerplateOptions], Root> = function (options) {
  const {rules} = options.rules
  return function (tree, file) {
    withinArticleBudget(file, options.timeBudgetMs, () => applyRules(tree, file, rules))
  }
}

function applyRules(tree: Root, file: VFile, rules: CompiledRule[]): void {
  const outlets = new Set((file.data.outlets ?? []).map((outlet) => outlet.id))
  // An exception written in an outlet file holds only in that outlet's articles.
  const exempt = (rule: CompiledRule, text: string) =>
    rule.unless.some((exception) => (exception.outlet === undefined || outlets.has(exception.outlet)) && exception.regex.test(text))
  const applicable = rules.filter((rule) => rule.outlet === undefined || outlets.has(rule.outlet))
  const spanRules = applicable.filter((rule) => rule.kind === 'span')
  const blockRules = applicable.filter((rule) => rule.kind === 'block')
  const endRules = applicable.filter((rule) => rule.kind === 'end')
  const blocks = blocksOf(tree)
  const lines: Line[] = blocks.map(({node, block}, index) => ({
    node,
    block,
    offset: node.position!.start.offset!,
    index,
    fromEnd: blocks.length - 1 - index
  }))

  for (const line of lines) {
    // Each span rule sees the line as the spans cut so far left it, so a dateline after a store's date stamp is still at the start.
    for (const rule of spanRules) {
      if (!applies(rule, line)) continue
      const text = rest(line)
      if (!exempt(rule, text.value)) cutRuleSpan(file, line, rule, text)
    }
  }
  const rests = new Map(lines.map((line) => [line, rest(line)]))
  for (const line of lines) {
    const text = rests.get(line)!
    const rule = blockRules.find((candidate) => applies(candidate, line) && candidate.regex.test(text.value) && !exempt(candidate, text.value))
    if (rule) decide(file, line, text, rule, describe(rule))
  }
  const marker = findEndMarker(lines, rests, endRules, exempt)
  if (marker) {
    const {line: markerLine, rule} = marker
    if (rule.keepMarker) cutRuleSpan(file, markerLine, rule, rests.get(markerLine)!)
    else if (markerLine.block.role === undefined) decide(file, markerLine, rests.get(markerLine)!, rule, describe(rule))
    for (const line of lines.slice(markerLine.index + 1)) {
      if (line.block.role === undefined) decide(file, line, rests.get(line)!, rule, `after the footer marker on line ${markerLine.block.line}`)
    }
  }
}

function describe(rule: CompiledRule): string {
  return rule.spec.description ?? rule.id
}

function applies(rule: CompiledRule, line: Line): boolean {
  const {firstLines, lastLines} = rule.where ?? {}
  if (firstLines !== undefined && line.index >= firstLines) return false
  if (lastLines !== undefined && line.fromEnd >= lastLines) return false
  return true
}

/** The line as block and end rules see it: spans already cut are left out. */
function rest(line: Line): MatchText {
  return blockView(line.node, line.block).reading
}

function findEndMarker(
  lines: Line[],
  rests: Map<Line, MatchText>,
  endRules: CompiledRule[],
  exempt: (rule: CompiledRule, text: string) => boolean
): {line: Line; rule: CompiledRule} | undefined {
  for (const line of lines) {
    const text = rests.get(line)!
    const rule = endRules.find((candidate) => applies(candidate, line) && candidate.regex.test(text.value) && !exempt(candidate, text.value))
    if (rule) return {line, rule}
  }
  return undefined
}

function decide(file: VFile, line: Line, text: MatchText, rule: CompiledRule, why: string): void {
  const match = rule.regex.exec(text.value)
  if (match) capture(line, text, rule, match)
  decideBlock(file, line.node, rule.role, rule.id, why)
}

function cutRuleSpan(file: VFile, line: Line, rule: CompiledRule, text: MatchText): void {
  const match = rule.regex.exec(text.value)
  if (!match || match[0].length === 0) return
  const start = line.offset + text.toOriginal(match.index)
  const end = line.offset + text.toOriginal(match.index + match[0].length - 1) + 1
  if (!cutSpan(line.block, {start, end, ruleId: rule.id})) return
  capture(line, text, rule, match)
  note(file, `removed span: ${describe(rule)}`, rule.id, {start: pointIn(line, start), end: pointIn(line, end)})
}

function capture(line: Line, text: MatchText, rule: CompiledRule, match: RegExpExecArray): void {
  const start = line.offset + text.toOriginal(match.index)
  const end = line.offset + text.toOriginal(match.index + match[0].length - 1) + 1
  const {value, agency} = capturesOf(rule, match)
  if (rule.field && value) line.block.fields.push({field: rule.field, value, ruleId: rule.id, start, end})
  if (rule.evidence && agency) line.block.evidence.push({kind: rule.evidence, agencyText: agency, ruleId: rule.id, start, end, text: match[0].trim()})
}

function pointIn(line: Line, offset: number) {
  const start = line.node.position!.start
  return {line: start.line, column: start.column + (offset - line.offset), offset}
}
