/**
 * `wiretrace explain`: for each line of an article, the role it got, the
 * rule (and the file and line it is written at) or stage that gave it, the
 * spans cut from it, and the rules whose pattern matches the line but that
 * had no say, with the reason: the outlet was not recognised, the line is
 * outside the rule's `where`, an exception keeps it off, the rule is
 * disabled, or an earlier rule decided first. This is what a rule author
 * needs to see when a line comes out wrong.
 */
import type {Root} from 'nlcst'
import pc from 'picocolors'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {printable, visibleControls} from '../core/exit-codes.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'
import {HARD_WRAP_RULE} from '../pipeline/join/index.ts'
import {outletEvidence, type Report, type ReportBlock} from '../pipeline/report-schema.ts'
import {processArticle} from './article.ts'
import {resolveInputs, UsageError, type InputSelection} from './inputs.ts'
import type {CompiledRule, LoadRulesOptions, RuleSet, RuleSource} from '../core/rules/load.ts'
import {describeRule} from '../core/rule-catalog.ts'
import {matchText} from '../core/text.ts'

/** A rule whose pattern matches a line it did not decide, and why it had no say. */
export interface Bystander {
  ruleId: string
  source: RuleSource
  reason: string
}

export interface LineExplanation {
  /** First and last line of the block, 1-based. */
  lines: [number, number]
  text: string
  role: ReportBlock['role']
  /** The rule or stage that decided; null when nothing did and the line is body by default. */
  ruleId: string | null
  /** Where that rule is written, when it is a rule from a rule file. */
  source: RuleSource | null
  why: string
  cuts: Array<{text: string; ruleId: string; source: RuleSource | null}>
  /** Metadata the rules' `field:` captured from the line (byline, dateline …), with the rule that captured it. */
  captured: Array<{field: string; value: string; ruleId: string}>
  /** For a block of several lines: the rule that joined them (a hard-wrapped paragraph) and why. */
  joined: {ruleId: string; reason: string} | null
  bystanders: Bystander[]
}

export interface Explanation {
  path: string
  /** Set when the file could not be processed. */
  failure: string | null
  outlets: Report['article']['outlets']
  /** The source URL given beside the article, if any. */
  url: string | null
  lines: LineExplanation[]
}

export interface ExplainOptions extends LoadRulesOptions {
  /** Only the block on this 1-based line. */
  line?: number
  /** Standard input, when the path is `-`. */
  selection?: InputSelection
}

/**
 * Runs one article through the pipeline and explains every line.
 *
 * @throws {UsageError} when the file does not exist or `line` is not a non-blank line of it.
 * @throws {DataFileError} when a rule file is malformed.
 */
export async function explainFile(path: string, options: ExplainOptions = {}): Promise<Explanation> {
  const [input, ...more] = resolveInputs([path], process.cwd(), options.selection)
  if (!input || more.length > 0) throw new UsageError(`explain takes one article file; "${path}" names ${more.length + 1}`)
  const data = loadPipelineData(options)
  const captured = new Map<string, LineExplanation['captured']>()
  const file = await processArticle(createProcessor(data)().use(collectCaptures(captured)), input)
  const report = file.data.report
  if (!report) return {path: input.display, failure: failureOf(file), outlets: [], url: null, lines: []}
  const recognised = new Set(report.article.outlets.map((outlet) => outlet.id))
  let blocks = report.blocks.map((block, index) => ({block, index}))
  if (options.line !== undefined) {
    const line = options.line
    blocks = blocks.filter(({block}) => block.lines[0] <= line && line <= block.lines[1])
    if (blocks.length === 0) throw new UsageError(`line ${line} of ${input.display} is blank or past the end; explain a line with text on it`)
  }
  return {
    path: input.display,
    failure: null,
    outlets: report.article.outlets,
    url: report.article.url,
    lines: blocks.map(({block, index}) => ({...explainBlock(block, index, report, data.rules, recognised), captured: captured.get(block.id) ?? []}))
  }
}

/** A last stage that keeps, per block id, the fields the rules captured (they live in the tree, not in the report). */
function collectCaptures(into: Map<string, LineExplanation['captured']>): Plugin<[], Root> {
  return () => (tree) => {
    // The parse stage puts one ParagraphNode per line straight under the root.
    for (const node of tree.children) {
      const block = node.type === 'ParagraphNode' ? node.data?.block : undefined
      if (block && block.fields.length > 0)
        into.set(
          block.id,
          block.fields.map(({field, value, ruleId}) => ({field, value, ruleId}))
        )
    }
  }
}

function explainBlock(block: ReportBlock, index: number, report: Report, rules: RuleSet, recognised: Set<string>): Omit<LineExplanation, 'captured'> {
  const byId = new Map(rules.defined.map((rule) => [rule.id, rule]))
  const cuts = report.removed
    .filter((span) => span.block === block.id)
    .map((span) => ({text: span.text, ruleId: span.ruleId, source: byId.get(span.ruleId)?.source ?? null}))
  const why = block.why ?? (block.ruleId === null ? 'no rule decided this line: body by default' : block.ruleId)
  const decided = new Set([block.ruleId, ...cuts.map((cut) => cut.ruleId)])
  const position = {index, fromEnd: report.blocks.length - 1 - index}
  const active = new Set(rules.rules.map((rule) => rule.id))
  const bystanders = rules.defined
    .filter((rule) => !decided.has(rule.id) && rule.regex.test(matchText(rule.kind === 'span' ? block.text : block.clean).value))
    .map((rule) => ({ruleId: rule.id, source: rule.source, reason: silenced(rule, block, position, active, recognised, byId)}))
  return {
    lines: block.lines,
    text: block.text,
    role: block.role,
    ruleId: block.ruleId,
    source: block.ruleId === null ? null : (byId.get(block.ruleId)?.source ?? null),
    why,
    cuts,
    joined: joinedBy(block, report),
    bystanders
  }
}

/** The message of the stage that joined the block's lines, if it spans several. */
function joinedBy(block: ReportBlock, report: Report): LineExplanation['joined'] {
  if (block.lines[0] === block.lines[1]) return null
  const message = report.messages.find((candidate) => candidate.ruleId === HARD_WRAP_RULE && candidate.line === block.lines[0])
  return message ? {ruleId: HARD_WRAP_RULE, reason: message.reason} : null
}

/** Why a rule whose pattern matches a line did not decide it. */
function silenced(
  rule: CompiledRule,
  block: ReportBlock,
  position: {index: number; fromEnd: number},
  active: Set<string>,
  recognised: Set<string>,
  byId: Map<string, CompiledRule>
): string {
  if (!active.has(rule.id))
    return rule.outlet === undefined ? 'it is switched off by a disable: list' : 'it is switched off (by a disable: list, or by --no-outlet-rules)'
  if (rule.outlet !== undefined && !recognised.has(rule.outlet)) return `it applies only to outlet "${rule.outlet}", which this article is not recognised as`
  const {firstLines, lastLines} = rule.where ?? {}
  if (firstLines !== undefined && position.index >= firstLines)
    return `it applies only to the first ${firstLines} lines with text; this is number ${position.index + 1}`
  if (lastLines !== undefined && position.fromEnd >= lastLines) return `it applies only to the last ${lastLines} lines with text`
  const text = matchText(rule.kind === 'span' ? block.text : block.clean).value
  const exception = rule.unless.find((candidate) => (candidate.outlet === undefined || recognised.has(candidate.outlet)) && candidate.regex.test(text))
  if (exception) return `an exception keeps it off (${at(exception.source)})`
  if (rule.kind === 'span') return 'its match overlaps a span another rule cut first'
  const winner = block.ruleId === null ? undefined : byId.get(block.ruleId)
  if (winner && winner.kind === rule.kind) return `${winner.id} is tried first and decided the line`
  if (rule.kind === 'end') return 'an earlier line already marked the footer, or the line was decided before the footer'
  return `the line was decided by ${block.ruleId ?? 'an earlier rule'}`
}

function failureOf(file: VFile): string {
  return file.messages.find((message) => message.fatal)?.reason ?? 'the file could not be processed'
}

function at(source: RuleSource): string {
  return `${visibleControls(source.file)}:${source.line}:${source.column}`
}

/** The explanation as terminal text; `color` for a TTY. */
export function renderExplanation(explanation: Explanation, color = false): string {
  const paint = pc.createColors(color)
  // Names and text come from the article and rule files: shown with their control characters escaped, never at a line start as written.
  const out = [paint.underline(printable(explanation.path))]
  if (explanation.failure) return [...out, `  ${paint.red('failed')}: ${visibleControls(explanation.failure)}`, ''].join('\n')
  out.push(
    `  outlets: ${explanation.outlets.length > 0 ? explanation.outlets.map((outlet) => `${visibleControls(outlet.name)} (${visibleControls(outlet.by === 'text' ? `recognised on ${outletEvidence(outlet, explanation.url)}` : `recognised from ${outletEvidence(outlet, explanation.url)}`)})`).join(', ') : 'none recognised, so only the common rules apply'}`
  )
  for (const line of explanation.lines) {
    const lines = line.lines[0] === line.lines[1] ? `${line.lines[0]}` : `${line.lines[0]}-${line.lines[1]}`
    out.push('', `  ${paint.bold(`line ${lines}`)}  ${paint.cyan(line.role)}  ${paint.dim(preview(line.text))}`)
    const rule = line.ruleId === null ? '' : `${line.ruleId}${line.source ? ` (${at(line.source)})` : ''}: `
    out.push(`    ${rule}${line.why}`)
    if (line.ruleId !== null && line.source === null) out.push(`    ${paint.dim(`${line.ruleId}: ${describeRule(line.ruleId).meaning} (README, rule ids)`)}`)
    if (line.joined) out.push(`    joined by ${line.joined.ruleId}: ${line.joined.reason}`)
    for (const cut of line.cuts) out.push(`    cut ${JSON.stringify(cut.text)} by ${cut.ruleId}${cut.source ? ` (${at(cut.source)})` : ''}`)
    for (const capture of line.captured) out.push(`    captured ${capture.field} ${JSON.stringify(capture.value)} by ${capture.ruleId}`)
    for (const bystander of line.bystanders) out.push(`    ${paint.dim(`also matches ${bystander.ruleId} (${at(bystander.source)}), but ${bystander.reason}`)}`)
  }
  return `${out.join('\n')}\n`
}

/** The start of a block on one line: the line breaks inside a hard-wrapped paragraph read as spaces, control characters made visible. */
function preview(block: string): string {
  const text = block.replace(/\s+/gu, ' ')
  return visibleControls(text.length > 70 ? `${text.slice(0, 67)}...` : text)
}
