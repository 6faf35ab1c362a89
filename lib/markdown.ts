/**
 * The Markdown twin of a report: what a reviewer reads in a pull request.
 * One table row per line of the article: its role, the rule that decided
 * it, its agencies with their evidence, where its text is reused.
 */
import type {Report, ReportBlock, ReportEvidence, ReportSource} from '../pipeline/report-schema.ts'

type ReportRemoved = Report['removed'][number]

/** Cells longer than this are cut; the JSON report has the full text. */
const MAX_CELL = 160

export function renderMarkdown(report: Report): string {
  const {article, summary} = report
  const lines: string[] = []
  lines.push(`# ${escapeInline(article.title ?? article.id)}`, '')
  const facts = [
    `**File** ${inlineCode(article.path)}`,
    `**Outlet** ${article.outlets.length > 0 ? article.outlets.map((outlet) => `${escapeInline(outlet.name)} (line ${outlet.line})`).join(', ') : 'not recognised'}`,
    `**Published** ${article.published ?? article.date ?? 'unknown'}`
  ]
  if (article.bylines.length > 0) facts.push(`**By** ${article.bylines.map(escapeInline).join(', ')}`)
  if (article.dateline) facts.push(`**Dateline** ${escapeInline(article.dateline)}`)
  if (article.chain.length > 0) facts.push(`**Chain** ${article.chain.join(' → ')}`)
  lines.push(facts.join('  \n'), '')
  const counts = Object.entries(summary.blocks)
    .filter(([, count]) => count > 0)
    .map(([role, count]) => `${count} ${role}`)
    .join(', ')
  const agencies = Object.entries(summary.agencies)
    .map(([agency, share]) => `${agency} ${percent(share)}`)
    .join(', ')
  lines.push(
    `**Lines** ${counts}  `,
    `**Body** ${summary.characters.body.toLocaleString('en')} of ${summary.characters.input.toLocaleString('en')} characters  `,
    `**Agencies** ${agencies || 'none found'}${summary.credited === false ? ' — **not credited in the text**' : ''}  `,
    `**Reused elsewhere** ${summary.reused === null ? 'not checked' : percent(summary.reused)}  `,
    `**Translated** ${summary.translated === null ? 'not checked' : percent(summary.translated)} of the body in paragraphs linked to another language`,
    ''
  )
  lines.push('| line | role | rule | sources | reuse | text |', '|---:|---|---|---|---|---|')
  // Grouped once: looking them up per block made a long article's twin quadratic in its lines.
  const cutsOf = new Map<string, ReportRemoved[]>()
  for (const span of report.removed) if (span.block !== null) cutsOf.set(span.block, [...(cutsOf.get(span.block) ?? []), span])
  const lineOf = new Map(report.blocks.map((block) => [block.id, block.lines[0]]))
  for (const block of report.blocks) lines.push(row(block, cutsOf.get(block.id) ?? [], lineOf))
  lines.push(...evidenceSection(report))
  const warnings = report.messages.filter((message) => message.severity !== 'info')
  if (warnings.length > 0) {
    lines.push('', '## Messages', '')
    for (const message of warnings) {
      lines.push(`- ${message.severity} ${message.line ?? 1}:${message.column ?? 1} ${escapeInline(message.reason)} (${inlineCode(message.ruleId ?? '')})`)
    }
  }
  return `${lines.join('\n')}\n`
}

function row(block: ReportBlock, cut: ReportRemoved[], lineOf: Map<string, number>): string {
  const lines = block.lines[0] === block.lines[1] ? String(block.lines[0]) : `${block.lines[0]}–${block.lines[1]}`
  const removedNote = cut.length > 0 ? ` (cut: ${cut.map((span) => `~~${escapeInline(span.text.trim())}~~ ${inlineCode(span.ruleId)}`).join(', ')})` : ''
  const text = block.role === 'body' ? block.clean : block.text
  const sources = block.sources.map((source) => sourceCell(source, lineOf)).join('<br>')
  const reuse = [
    ...block.reuse.map((link) => `${escapeInline(link.article)}:${link.lines[0]} (${link.similarity.toFixed(2)})`),
    ...block.translations.map((link) => `translation ${escapeInline(link.article)}:${link.lines[0]} (${link.score.toFixed(2)}, ${link.by})`)
  ].join('<br>')
  const role = block.role === 'body' ? 'body' : `*${block.role}*`
  return `| ${lines} | ${role} | ${block.ruleId ? inlineCode(block.ruleId) : ''} | ${sources} | ${reuse} | ${escapeInline(shorten(text))}${removedNote} |`
}

/** "anadolu 0.99 origin: credit L51, citation L7": the agency, how sure, and where the evidence stands. */
function sourceCell(source: ReportSource, lineOf: Map<string, number>): string {
  const where = [...new Set(source.evidence.map((evidence) => `${evidence.kind} ${evidencePlace(evidence, lineOf)}`))]
  return `**${escapeInline(source.agency)}** ${source.confidence.toFixed(2)} ${source.role}: ${where.join(', ')}`
}

function evidencePlace(evidence: ReportEvidence, lineOf: Map<string, number>): string {
  if (evidence.kind === 'reuse' || evidence.kind === 'translation') return escapeInline(evidence.article ?? evidence.block)
  const line = lineOf.get(evidence.block)
  return line === undefined ? escapeInline(evidence.block) : `L${line}`
}

/** Every piece of agency evidence once, with its line, rule and text: the "why" behind the sources column. */
function evidenceSection(report: Report): string[] {
  const seen = new Map<string, {evidence: ReportEvidence; agencies: Set<string>}>()
  for (const block of report.blocks) {
    for (const source of block.sources) {
      for (const evidence of source.evidence) {
        const key = `${evidence.article ?? ''}|${evidence.block}|${evidence.start}|${evidence.kind}`
        const entry = seen.get(key) ?? {evidence, agencies: new Set<string>()}
        entry.agencies.add(source.agency)
        seen.set(key, entry)
      }
    }
  }
  if (seen.size === 0) return []
  const lineOf = new Map(report.blocks.map((block) => [block.id, block.lines[0]]))
  const out = ['', '## Agency evidence', '']
  for (const {evidence, agencies} of seen.values()) {
    out.push(`- ${evidencePlace(evidence, lineOf)} ${evidence.kind} → ${[...agencies].map(escapeInline).join(', ')}: "${escapeInline(shorten(evidence.text))}" (${inlineCode(evidence.ruleId)})`)
  }
  return out
}

function shorten(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** Keeps article text (and names from rule files) from being read as Markdown or HTML: it is data, not markup. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~!&]/g, (char) => `\\${char}`).replace(/[\r\n\u2028\u2029]+/g, ' ')
}

/** A code span that holds any text: a fence longer than the text's longest run of backticks, table pipes escaped, one line. */
function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|')
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length)) + 1)
  const pad = /^`|`$/.test(flat) ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}
