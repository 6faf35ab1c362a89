/**
 * The Markdown twin of a report: what a reviewer reads in a pull request.
 * One table row per line of the article: its role, the rule that decided
 * it, its agencies with their evidence, where its text is reused.
 */
import type {Report, ReportBlock, ReportEvidence, ReportSource} from '../pipeline/report-schema.ts'

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
    `**Reused elsewhere** ${summary.reused === null ? 'not checked' : percent(summary.reused)}  `,
    `**Translated** ${summary.translated === null ? 'not checked' : percent(summary.translated)} of the body in paragraphs linked to another language`,
    ''
  )
  lines.push('| line | role | rule | sources | reuse | text |', '|---:|---|---|---|---|---|')
  for (const block of report.blocks) lines.push(row(block, report))
  lines.push(...evidenceSection(report))
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
  const sources = block.sources.map((source) => sourceCell(source, report)).join('<br>')
  const reuse = [
    ...block.reuse.map((link) => `${escapeInline(link.article)}:${link.lines[0]} (${link.similarity.toFixed(2)})`),
    ...block.translations.map((link) => `translation ${escapeInline(link.article)}:${link.lines[0]} (${link.score.toFixed(2)}, ${link.by})`)
  ].join('<br>')
  const role = block.role === 'body' ? 'body' : `*${block.role}*`
  return `| ${lines} | ${role} | ${block.ruleId ? `\`${block.ruleId}\`` : ''} | ${sources} | ${reuse} | ${escapeInline(shorten(text))}${removedNote} |`
}

/** "anadolu 0.99 origin: credit L51, citation L7": the agency, how sure, and where the evidence stands. */
function sourceCell(source: ReportSource, report: Report): string {
  const where = [...new Set(source.evidence.map((evidence) => `${evidence.kind} ${evidencePlace(evidence, report)}`))]
  return `**${source.agency}** ${source.confidence.toFixed(2)} ${source.role}: ${where.join(', ')}`
}

function evidencePlace(evidence: ReportEvidence, report: Report): string {
  if (evidence.kind === 'reuse' || evidence.kind === 'translation') return escapeInline(evidence.article ?? evidence.block)
  const block = report.blocks.find((candidate) => candidate.id === evidence.block)
  return block ? `L${block.lines[0]}` : evidence.block
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
  const out = ['', '## Agency evidence', '']
  for (const {evidence, agencies} of seen.values()) {
    out.push(`- ${evidencePlace(evidence, report)} ${evidence.kind} → ${[...agencies].join(', ')}: "${escapeInline(shorten(evidence.text))}" (\`${evidence.ruleId}\`)`)
  }
  return out
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
