/**
 * What `wiretrace check` holds an article to, decided from its report alone:
 * the findings, which of them fail the policy, and the uncredited share.
 * The measures it judges by are in uncredited.ts.
 */
import {byCodeUnits} from '../core/sorted-ids.ts'
import type {Report, ReportBlock, ReportReuse} from '../pipeline/report-schema.ts'
import {uncreditedReuse, uncreditedShare} from './uncredited.ts'

/** The findings a policy can fail on. */
export const POLICY_RULES = ['uncredited-reuse', 'unknown-outlet', 'input-error', 'rule-error'] as const
export type PolicyRule = (typeof POLICY_RULES)[number]

/** The finding of `maxUncreditedShare`: always failing, since setting the threshold is the policy. */
export const UNCREDITED_SHARE_RULE = 'uncredited-share'

/** What breaks a run fails it by default; judgements about provenance are shown, not failed, until asked for. */
export const DEFAULT_FAIL_ON: PolicyRule[] = ['input-error', 'rule-error']

export interface Policy {
  failOn: PolicyRule[]
  /** Fail an article whose uncredited share is over this (0 to 1); null for no threshold. */
  maxUncreditedShare: number | null
  /** Outlet ids an article may come from; empty allows any recognised outlet. */
  allowedOutlets: string[]
}

export const DEFAULT_POLICY: Policy = {failOn: DEFAULT_FAIL_ON, maxUncreditedShare: null, allowedOutlets: []}

/** A passage of another article a finding points at. */
export interface RelatedPassage {
  article: string
  /** The other article's path from the repository root (its id when it is not in the corpus checked). */
  path: string
  block: string
  line: number
}

export interface Finding {
  /** A policy rule, `uncredited-share`, or the rule id of a pipeline warning. */
  ruleId: string
  /** `error` fails the policy; `warning` is shown only. */
  severity: 'error' | 'warning'
  reason: string
  /** 1-based; columns count code points. */
  line: number
  column: number
  endLine: number
  endColumn: number
  related: RelatedPassage[]
  /**
   * What identifies the finding across pushes, free of line numbers and
   * percentages: the rule and, for reuse, the flagged text and the other
   * articles. Code scanning keys alerts on its hash.
   */
  identity: string
}

/** What the pipeline gave for one file: a report, or the fatal messages that stopped it. */
export interface CheckInput {
  report: Report | undefined
  failures: Array<{reason: string; ruleId: string | null; line: number | null; column: number | null}>
  /** The repository path of another article of the corpus, by id, so findings name a file an editor can open. */
  pathOf?: (article: string) => string
}

export interface ArticleVerdict {
  findings: Finding[]
  /** Null when the file has no report or no body. */
  uncreditedShare: number | null
  failed: boolean
}

/** Judges one article against the policy. */
export function judgeArticle(input: CheckInput, policy: Policy): ArticleVerdict {
  const severity = (rule: PolicyRule): Finding['severity'] => (policy.failOn.includes(rule) ? 'error' : 'warning')
  const {report} = input
  const pathOf = input.pathOf ?? ((article: string) => article)
  if (!report) {
    const findings = input.failures.map((failure): Finding => {
      const rule: PolicyRule = failure.ruleId?.startsWith('input/') ? 'input-error' : 'rule-error'
      const line = failure.line ?? 1
      const column = failure.column ?? 1
      const reason = `${failure.reason}${failure.ruleId ? ` (${failure.ruleId})` : ''}`
      return {ruleId: rule, severity: severity(rule), reason, line, column, endLine: line, endColumn: column, related: [], identity: `${rule}\0${reason}`}
    })
    return verdict(findings, null)
  }
  const findings: Finding[] = []
  const outletProblem = unknownOutlet(report, policy.allowedOutlets)
  if (outletProblem)
    findings.push({
      ruleId: 'unknown-outlet',
      severity: severity('unknown-outlet'),
      reason: outletProblem,
      ...firstLine(report),
      related: [],
      identity: `unknown-outlet\0${outletProblem}`
    })
  const uncredited = uncreditedReuse(report)
  for (const {block, agencies, links} of uncredited) {
    findings.push({
      ruleId: 'uncredited-reuse',
      severity: severity('uncredited-reuse'),
      reason: `text reused from ${describeLinks(links, pathOf)}, whose text comes from ${agencies.join(', ')}; this article credits no agency for it`,
      ...spanPlace(block, links),
      related: links.map((link) => ({article: link.article, path: pathOf(link.article), block: link.block, line: link.lines[0]})),
      identity: ['uncredited-reuse', block.clean, ...[...new Set(links.map((link) => link.article))].sort()].join('\0')
    })
  }
  const share = uncreditedShare(report, uncredited)
  if (policy.maxUncreditedShare !== null && share !== null && share > policy.maxUncreditedShare) {
    findings.push({
      ruleId: UNCREDITED_SHARE_RULE,
      severity: 'error',
      reason: `${percent(share)} of the body is uncredited reuse, over the ${percent(policy.maxUncreditedShare)} allowed`,
      ...firstLine(report),
      related: [],
      identity: UNCREDITED_SHARE_RULE
    })
  }
  for (const message of report.messages) {
    if (message.severity === 'info') continue
    const rule: PolicyRule = message.ruleId?.startsWith('input/') ? 'input-error' : 'rule-error'
    const line = message.line ?? 1
    const column = message.column ?? 1
    findings.push({
      ruleId: message.severity === 'error' ? rule : (message.ruleId ?? 'wiretrace'),
      severity: message.severity === 'error' ? severity(rule) : 'warning',
      reason: message.reason,
      line,
      column,
      endLine: message.endLine ?? line,
      endColumn: message.endColumn ?? column,
      related: [],
      identity: `${message.ruleId ?? 'wiretrace'}\0${message.reason}`
    })
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || byCodeUnits(a.ruleId, b.ruleId))
  return verdict(findings, share)
}

function verdict(findings: Finding[], uncreditedShare: number | null): ArticleVerdict {
  return {findings, uncreditedShare, failed: findings.some((finding) => finding.severity === 'error')}
}

/** A body block flagged as uncredited reuse, the agencies it lacks credit for and the links that brought them. */
function unknownOutlet(report: Report, allowed: string[]): string | null {
  const {outlet} = report.article
  if (outlet === null) return 'no outlet recognised in the text'
  if (allowed.length > 0 && !allowed.includes(outlet)) return `outlet "${outlet}" is not one of the allowed outlets (${allowed.join(', ')})`
  return null
}

function firstLine(report: Report): Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const first = report.blocks[0]
  return {line: first?.lines[0] ?? 1, column: 1, endLine: first?.lines[0] ?? 1, endColumn: first ? [...first.text].length + 1 : 1}
}

/** The place of the shared passages in the block: one paragraph is one line, so columns are code points from the block start. */
function spanPlace(block: ReportBlock, links: ReportReuse[]): Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  if (links.length === 0 || block.lines[0] !== block.lines[1])
    return {line: block.lines[0], column: 1, endLine: block.lines[1], endColumn: [...block.text].length + 1}
  const start = Math.min(...links.map((link) => link.span[0]))
  const end = Math.max(...links.map((link) => link.span[1]))
  return {line: block.lines[0], column: start - block.start + 1, endLine: block.lines[0], endColumn: end - block.start + 1}
}

function describeLinks(links: ReportReuse[], pathOf: (article: string) => string): string {
  const places = [...new Set(links.map((link) => `${pathOf(link.article)}:${link.lines[0]}`))]
  return places.length > 3 ? `${places.slice(0, 3).join(', ')} and ${places.length - 3} more` : places.join(', ')
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** One checked file: what every output format of `wiretrace check` is made from. */
export interface CheckedFile {
  /** Path relative to the working folder, as the terminal shows it. */
  path: string
  /** Path relative to the repository root, with forward slashes, as annotations and code scanning want it. */
  repoPath: string
  /** The article id (its path below the scanned root), as in the reuse index. */
  article: string
  report: Report | undefined
  verdict: ArticleVerdict
}
