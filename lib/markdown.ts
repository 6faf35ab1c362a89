/**
 * The Markdown twin of a report: what a reviewer reads in a pull request.
 * One table row per line of the article: its role, the rule that decided
 * it, its agencies with their evidence, where its text is reused.
 */
import type {Report, ReportBlock} from '../pipeline/report-schema.ts'

/** Cells longer than this are cut; the JSON report has the full text. */
const MAX_CELL = 160

export function renderMarkdown(report: Report): string {
  const {article, summary} = report
  const lines: string[] = []
  lines.push(`# ${escapeInline(article.title ?? article.id)}`, '')
  const facts = [
    `**File** \`${article.path}\``,
    `**Outlet** ${article.outlets.length > 0 ? article.outlets.map((outlet) => `${outlet.name} (line ${outlet.line})`).join(', ') : 'not recognised'}`,
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
    `**Reused elsewhere** ${summary.reused === null ? 'not checked' : percent(summary.reused)}`,
    ''
  )
  lines.push('| line | role | rule | sources | reuse | text |', '|---:|---|---|---|---|---|')
  for (const block of report.blocks) lines.push(row(block, report))
  const warnings = report.messages.filter((message) => message.severity !== 'info')
  if (warnings.length > 0) {
    lines.push('', '## Messages', '')
    for (const message of warnings) {
      lines.push(`- ${message.severity} ${message.line ?? 1}:${message.column ?? 1} ${escapeInline(message.reason)} (\`${message.ruleId ?? ''}\`)`)
    }
  }
  return `${lines.join('\n')}\n`
}

function row(block: ReportBlock, report: Report): string {
  const lines = block.lines[0] === block.lines[1] ? String(block.lines[0]) : `${block.lines[0]}–${block.lines[1]}`
  const cut = report.removed.filter((span) => span.block === block.id)
  const removedNote = cut.length > 0 ? ` (cut: ${cut.map((span) => `~~${escapeInline(span.text.trim())}~~ \`${span.ruleId}\``).join(', ')})` : ''
  const text = block.role === 'body' ? block.clean : block.text
  const sources = block.sources
    .map((source) => `${source.agency} ${source.confidence.toFixed(2)}: ${[...new Set(source.evidence.map((evidence) => evidence.kind))].join(', ')}`)
    .join('<br>')
  const reuse = block.reuse.map((link) => `${escapeInline(link.article)}:${link.lines[0]} (${link.similarity.toFixed(2)})`).join('<br>')
  const role = block.role === 'body' ? 'body' : `*${block.role}*`
  return `| ${lines} | ${role} | ${block.ruleId ? `\`${block.ruleId}\`` : ''} | ${sources} | ${reuse} | ${escapeInline(shorten(text))}${removedNote} |`
}

function shorten(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** Keeps article text from being read as Markdown or HTML: it is data, not markup. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ')
}
