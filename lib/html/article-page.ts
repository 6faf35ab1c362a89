/**
 * One article's page: the original text, line by line, as the report saw
 * it. Boilerplate and cut spans are struck through and labelled with the
 * rule that removed them; body paragraphs carry the colours of their
 * agencies, with the evidence beside them; passages found in other
 * articles are highlighted and link to the matching paragraph there.
 */
import type {Report, ReportBlock, ReportReuse} from '../../pipeline/report-schema.ts'
import {uncreditedReuse, uncreditedShare} from '../policy.ts'
import {agencyColor} from './colors.ts'
import {articlePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, type SiteLinks} from './links.ts'
import {html, type Markup} from './markup.ts'
import {pageShell} from './shell.ts'

type Removed = Report['removed'][number]

/** What rendering one block needs to know about the rest of the page. */
interface PageContext {
  self: string
  /** Link to a paragraph of this or another article; null when that article has no page. */
  hrefTo(link: Pick<ReportReuse, 'article' | 'block'>): string | null
  lineOf(blockId: string): number | undefined
  cuts: Map<string, Removed[]>
  uncredited: Set<string>
}

export function renderArticlePage(report: Report, links: SiteLinks): string {
  const {article, summary} = report
  const page = articlePagePath(article.id)
  const uncredited = uncreditedReuse(report)
  const share = uncreditedShare(report, uncredited)
  const cuts = new Map<string, Removed[]>()
  for (const span of report.removed) if (span.block) cuts.set(span.block, [...(cuts.get(span.block) ?? []), span])
  const lines = new Map(report.blocks.map((block) => [block.id, block.lines[0]]))
  const context: PageContext = {
    self: article.id,
    hrefTo: (link) => {
      if (link.article === article.id) return `#${encodeURIComponent(link.block)}`
      return links.hasPage(link.article) ? relativeHref(page, articlePagePath(link.article), link.block) : null
    },
    lineOf: (blockId) => lines.get(blockId),
    cuts,
    uncredited: new Set(uncredited.map(({block}) => block.id))
  }
  const reportFiles = [`${article.id}.json`, `${article.id}.md`].filter((path) => links.hasFile(path))
  const warnings = report.messages.filter((message) => message.severity !== 'info')
  const rendered: Markup[] = []
  let previousBody: ReportBlock | null = null
  for (const block of report.blocks) {
    const sameEvidence: ReportBlock | null = previousBody && block.role === 'body' && block.sources.length > 0 && ownEvidence(block) === ownEvidence(previousBody) ? previousBody : null
    rendered.push(renderBlock(block, context, sameEvidence))
    if (block.role === 'body') previousBody = sameEvidence ?? block
  }
  const content = html`
<nav class="crumbs" aria-label="Reports">
<a href="${relativeHref(page, INDEX_PAGE)}">All articles</a><a href="${relativeHref(page, REUSE_PAGE)}">Shared text</a>${reportFiles.map((path) => html`<a href="${relativeHref(page, path)}">${path.endsWith('.json') ? 'JSON report' : 'Markdown report'}</a>`)}
</nav>
<header>
<h1>${article.title ?? article.id}</h1>
<dl class="facts">
<dt>File</dt><dd>${article.path}</dd>
<dt>Outlet</dt><dd>${article.outlets.length > 0 ? article.outlets.map((outlet) => `${outlet.name} (line ${outlet.line})`).join(' → ') : 'not recognised'}</dd>
<dt>Published</dt><dd>${displayDate(article.published ?? article.date)}</dd>
${article.bylines.length > 0 ? html`<dt>By</dt><dd>${article.bylines.join(', ')}</dd>` : ''}
${article.dateline ? html`<dt>Dateline</dt><dd>${article.dateline}</dd>` : ''}
${article.chain.length > 0 ? html`<dt>Chain</dt><dd>${article.chain.join(' → ')}</dd>` : ''}
<dt>Agencies</dt><dd>${agencyChips(summary.agencies)}</dd>
<dt>Credited</dt><dd>${creditedBadge(summary.credited)}</dd>
<dt>Reused</dt><dd>${summary.reused === null ? 'not checked (no reuse index)' : `${percent(summary.reused)} of the body stands in other articles`}</dd>
${share ? html`<dt>Uncredited</dt><dd><span class="badge no">${percent(share)} of the body is reused without credit</span></dd>` : ''}
<dt>Body</dt><dd>${summary.characters.body.toLocaleString('en')} of ${summary.characters.input.toLocaleString('en')} characters</dd>
</dl>
</header>
<main>
<h2 id="text">The text</h2>
<p class="legend">Each line as in the file. <del>Struck through</del>: removed, labelled by the rule that removed it. Coloured bar: the agencies the paragraph comes from, with the evidence on the right. <mark>Highlighted</mark>: stands in another article; follow it to the matching paragraph there.</p>
<ol class="lines">
${rendered}
</ol>
${warnings.length > 0 ? html`<h2 id="messages">Messages</h2><ul>${warnings.map((message) => html`<li>${message.severity} at line ${message.line ?? 1}: ${message.reason} <span class="tag">${message.ruleId ?? ''}</span></li>`)}</ul>` : ''}
</main>`
  return pageShell({title: `${article.title ?? article.id} · wiretrace`}, content)
}

/** The agencies of a block and the evidence its own article gives for them, to spot runs of paragraphs credited alike. */
function ownEvidence(block: ReportBlock): string {
  return JSON.stringify(block.sources.map((source) => [source.agency, source.role, source.evidence.filter((evidence) => evidence.kind !== 'reuse').map((evidence) => [evidence.kind, evidence.ruleId, evidence.block, evidence.start])]))
}

function renderBlock(block: ReportBlock, context: PageContext, sameEvidence: ReportBlock | null): Markup {
  const agencies = [...new Set(block.sources.map((source) => source.agency))]
  const tint = block.role === 'body' && agencies[0] ? `background: color-mix(in srgb, ${agencyColor(agencies[0])} 9%, white)` : null
  const text = block.role === 'boilerplate' ? html`<del>${block.text}</del>` : markedText(block, context.cuts.get(block.id) ?? [], context.hrefTo)
  return html`<li class="line ${block.role}" id="${block.id}"${tint ? html` style="${tint}"` : ''}>
<span class="ln">${block.lines[0] === block.lines[1] ? block.lines[0] : `${block.lines[0]}–${block.lines[1]}`}</span>
<span class="ribbon" aria-hidden="true">${agencies.map((agency) => html`<span style="background: ${agencyColor(agency)}"></span>`)}</span>
<div class="text">${text}</div>
<div class="notes">${notes(block, context, sameEvidence)}</div>
</li>
`
}

/** Block text with cut spans struck through and labelled, and reused passages highlighted and linked. */
function markedText(block: ReportBlock, cuts: Removed[], hrefTo: PageContext['hrefTo']): Markup[] {
  const chars = [...block.text]
  const relative = (offset: number) => Math.max(0, Math.min(chars.length, offset - block.start))
  const pieces: Markup[] = []
  let cursor = 0
  for (const cut of [...cuts].sort((a, b) => a.start - b.start)) {
    const start = relative(cut.start)
    const end = relative(cut.end)
    pieces.push(reusedText(chars, cursor, start, block, hrefTo))
    pieces.push(html`<del title="removed by ${cut.ruleId}">${chars.slice(start, end).join('')}</del><span class="tag">${cut.ruleId}</span>`)
    cursor = end
  }
  pieces.push(reusedText(chars, cursor, chars.length, block, hrefTo))
  return pieces
}

function reusedText(chars: string[], from: number, to: number, block: ReportBlock, hrefTo: PageContext['hrefTo']): Markup {
  const spans = block.reuse.map((link) => ({link, start: link.span[0] - block.start, end: link.span[1] - block.start}))
  const edges = [...new Set([from, to, ...spans.flatMap((span) => [span.start, span.end]).filter((edge) => edge > from && edge < to)])].sort((a, b) => a - b)
  const pieces: Markup[] = []
  for (let index = 0; index + 1 < edges.length; index++) {
    const start = edges[index]!
    const end = edges[index + 1]!
    const text = chars.slice(start, end).join('')
    const covering = spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.link)
    if (covering.length === 0) {
      pieces.push(html`${text}`)
      continue
    }
    const title = covering.map((link) => `also in ${link.article}, line ${link.lines[0]} (similarity ${link.similarity.toFixed(2)})`).join('; ')
    const href = covering.map(hrefTo).find((candidate) => candidate !== null)
    pieces.push(href ? html`<a class="reuse" href="${href}" title="${title}"><mark>${text}</mark></a>` : html`<mark title="${title}">${text}</mark>`)
  }
  return html`${pieces}`
}

/** The side column: role and rule for the cut lines; agencies with their evidence, and the other articles, for the body. */
function notes(block: ReportBlock, context: PageContext, sameEvidence: ReportBlock | null): Markup {
  const items: Markup[] = []
  if (block.role !== 'body') items.push(html`<li><span class="tag">${block.role}</span>${block.ruleId ? html`<span class="tag">${block.ruleId}</span>` : ''}${block.why ? html` ${block.why}` : ''}</li>`)
  if (block.repeatOf) items.push(html`<li>repeats <a href="#${block.repeatOf}">line ${context.lineOf(block.repeatOf) ?? block.repeatOf}</a></li>`)
  if (context.uncredited.has(block.id)) items.push(html`<li><span class="badge no">uncredited reuse</span></li>`)
  for (const source of block.sources) {
    const own = source.evidence.filter((evidence) => evidence.kind !== 'reuse')
    const shared = [...new Set(source.evidence.filter((evidence) => evidence.kind === 'reuse' && evidence.article).map((evidence) => evidence.article!))]
    const evidence = sameEvidence
      ? []
      : own.map((item) => {
          const line = context.lineOf(item.block)
          return html`<li>${item.kind}${line ? html`, <a href="#${item.block}">line ${line}</a>` : ''} <span class="tag">${item.ruleId}</span> <q>${item.text}</q></li>`
        })
    const through = shared.map((article) => {
      const href = context.hrefTo({article, block: source.evidence.find((item) => item.article === article)!.block})
      return html`<li>through text shared with ${href ? html`<a href="${href}">${article}</a>` : article}</li>`
    })
    items.push(html`<li><span class="swatch" style="background: ${agencyColor(source.agency)}"></span> <span class="agency">${source.agency}</span> ${source.role}, confidence ${source.confidence.toFixed(2)}${evidence.length + through.length > 0 ? html`<ul>${evidence}${through}</ul>` : ''}</li>`)
  }
  if (sameEvidence && own(block)) items.push(html`<li>evidence as for <a href="#${sameEvidence.id}">line ${sameEvidence.lines[0]}</a></li>`)
  const others = block.reuse.filter((link, index, all) => all.findIndex((other) => other.article === link.article && other.block === link.block) === index)
  for (const link of others) {
    const href = context.hrefTo(link)
    const label = link.article === context.self ? `line ${link.lines[0]}` : `${link.article}, line ${link.lines[0]}`
    const order = link.earlier === true ? ', published earlier' : link.earlier === false ? ', published later' : ''
    items.push(html`<li>also in ${href ? html`<a href="${href}">${label}</a>` : label} (similarity ${link.similarity.toFixed(2)}${order})</li>`)
  }
  return items.length > 0 ? html`<ul>${items}</ul>` : html``
}

/** Whether any source of the block has evidence from the article's own text. */
function own(block: ReportBlock): boolean {
  return block.sources.some((source) => source.evidence.some((evidence) => evidence.kind !== 'reuse'))
}

function agencyChips(agencies: Record<string, number>): Markup {
  const entries = Object.entries(agencies).sort((a, b) => b[1] - a[1])
  if (entries.length === 0) return html`none found`
  return html`<ul class="chips">${entries.map(([agency, share]) => html`<li class="chip"><span class="swatch" style="background: ${agencyColor(agency)}"></span>${agency} ${percent(share)}</li>`)}</ul>`
}

/** Whether the article credits its agencies, as a badge that says it in words. */
export function creditedBadge(credited: boolean | null): Markup {
  if (credited === null) return html`<span class="badge unknown">no agency found</span>`
  return credited ? html`<span class="badge yes">credited</span>` : html`<span class="badge no">not credited</span>`
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** An ISO date-time as a reader scans it: `2024-06-22 04:44 +07:00`. */
export function displayDate(iso: string | null): string {
  if (iso === null) return 'unknown'
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso)
  if (!match) return iso
  return [match[1], match[2], match[3] === 'Z' ? 'UTC' : match[3]].filter(Boolean).join(' ')
}
