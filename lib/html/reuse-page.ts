/**
 * The corpus view of reuse: articles that share text fall into groups
 * (connected through their reuse links), largest group first. Each group
 * says in a sentence which agency's text it spreads and how far, then
 * shows a matrix: row article, column article, the share of the row's
 * body that stands in the column's. A wire story that fed many outlets is
 * one full row (or column) of shaded cells.
 */
import type {Report} from '../../pipeline/report-schema.ts'
import {bodyLength, coveredLength, creditedAgencies} from '../policy.ts'
import {displayDate, percent} from './article-page.ts'
import {agencyColor} from './colors.ts'
import {articlePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, type SiteLinks} from './links.ts'
import {html, type Markup} from './markup.ts'
import {pageShell} from './shell.ts'

/** Groups larger than this are shown as a list of their strongest pairs, not a matrix. */
export const MAX_MATRIX = 30
/** Groups shown in full, largest first; the rest get a line each, so the page stays light for any corpus. */
export const MAX_DETAILED_GROUPS = 50
/** Pairs listed for a group too large for a matrix. */
const MAX_PAIRS = 300
const TITLE_CHARS = 70

/** What the reuse view keeps of a report: who it is, what it credits, how much of it stands where. */
export interface ReuseRow {
  id: string
  title: string | null
  outlet: string | null
  published: string | null
  /** Agencies the article's own text credits. */
  credits: string[]
  /** Share of this article's body found in each other article. */
  shares: Record<string, number>
}

export function reuseRow(report: Report): ReuseRow {
  const spans = new Map<string, Array<[number, number]>>()
  for (const block of report.blocks) {
    for (const link of block.reuse) {
      if (link.article === report.article.id) continue
      spans.set(link.article, [...(spans.get(link.article) ?? []), link.span])
    }
  }
  const body = bodyLength(report)
  const shares: Record<string, number> = {}
  for (const [other, list] of spans) shares[other] = body === 0 ? 0 : Math.min(1, coveredLength(list) / body)
  const {article} = report
  return {
    id: article.id,
    title: article.title,
    outlet: article.outlets.find((outlet) => outlet.id === article.outlet)?.name ?? article.outlet,
    published: article.published ?? article.date,
    credits: [...creditedAgencies(report)].sort(),
    shares
  }
}

/** Articles connected by shared text, each group sorted sources first; groups largest first. */
export function reuseGroups(rows: ReuseRow[]): string[][] {
  const parent = new Map<string, string>()
  const find = (id: string): string => {
    if (!parent.has(id)) parent.set(id, id)
    let root = id
    while (parent.get(root) !== root) root = parent.get(root)!
    parent.set(id, root)
    return root
  }
  for (const row of rows) {
    find(row.id)
    for (const other of Object.keys(row.shares)) {
      const [a, b] = [find(row.id), find(other)].sort()
      if (a !== b) parent.set(b!, a!)
    }
  }
  const groups = new Map<string, string[]>()
  for (const id of parent.keys()) {
    const root = find(id)
    groups.set(root, [...(groups.get(root) ?? []), id])
  }
  return [...groups.values()].filter((group) => group.length > 1).sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1))
}

export function renderReusePage(rows: ReuseRow[], links: SiteLinks): string {
  const byId = new Map(rows.map((row) => [row.id, row]))
  const groups = reuseGroups(rows).map((group) => group.sort(sourcesFirst(byId)))
  const grouped = new Set(groups.flat())
  const alone = rows.filter((row) => !grouped.has(row.id)).length
  const content = html`
<nav class="crumbs" aria-label="Reports"><a href="${INDEX_PAGE}">All articles</a><a href="${REUSE_PAGE}" aria-current="page">Shared text</a></nav>
<h1>Which articles share text</h1>
<p>${groups.length.toLocaleString('en')} group${groups.length === 1 ? '' : 's'} of articles share text; ${alone.toLocaleString('en')} article${alone === 1 ? '' : 's'} share${alone === 1 ? 's' : ''} none with any other. In each matrix a cell is the share of the row article's body that stands in the column article; articles that credit an agency come first.</p>
${groups.slice(0, MAX_DETAILED_GROUPS).map((group, index) => renderGroup(index + 1, group, byId, links))}
${groups.length > MAX_DETAILED_GROUPS ? smallerGroups(groups.slice(MAX_DETAILED_GROUPS), MAX_DETAILED_GROUPS + 1, byId, links) : ''}`
  return pageShell({title: 'Shared text · wiretrace'}, content)
}

function sourcesFirst(byId: Map<string, ReuseRow>): (a: string, b: string) => number {
  const key = (id: string): [number, string, string] => {
    const row = byId.get(id)
    return [row && row.credits.length > 0 ? 0 : 1, row?.published ?? '\uffff', id]
  }
  return (a, b) => {
    const [x, y] = [key(a), key(b)]
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : 1)
  }
}

/** An article's title, linked to its page when it has one. */
function articleName(id: string, byId: Map<string, ReuseRow>, links: SiteLinks): Markup {
  const title = shorten(byId.get(id)?.title ?? id)
  return links.hasPage(id) ? html`<a href="${relativeHref(REUSE_PAGE, articlePagePath(id))}" title="${id}">${title}</a>` : html`<span title="${id}">${title}</span>`
}

function renderGroup(number: number, group: string[], byId: Map<string, ReuseRow>, links: SiteLinks): Markup {
  const label = (id: string): Markup => {
    const row = byId.get(id)
    const facts = row ? [row.outlet ?? 'outlet not recognised', row.published ? displayDate(row.published) : 'date unknown'].join(', ') : 'not in this run'
    return html`${articleName(id, byId, links)}<span class="path">${facts}</span>`
  }
  const outlets = new Set(group.map((id) => byId.get(id)?.outlet).filter((outlet) => outlet))
  const credits = new Map<string, string[]>()
  for (const id of group) for (const agency of byId.get(id)?.credits ?? []) credits.set(agency, [...(credits.get(agency) ?? []), id])
  const spread =
    credits.size === 0
      ? html`<p class="fed">No article in this group credits an agency.</p>`
      : [...credits].map(
          ([agency, creditors]) =>
            html`<p class="fed"><span class="swatch" style="background: ${agencyColor(agency)}"></span> Text credited to <strong>${agency}</strong> by ${creditors.length} article${creditors.length === 1 ? '' : 's'} stands in <strong>${group.length - creditors.length}</strong> other${group.length - creditors.length === 1 ? '' : 's'}, ${group.filter((id) => !creditors.includes(id) && byId.get(id)?.credits.length === 0).length} of them crediting no agency.</p>`
        )
  return html`<section class="cluster" aria-labelledby="group-${number}">
<h3 id="group-${number}">Group ${number}: ${group.length} articles from ${outlets.size} outlet${outlets.size === 1 ? '' : 's'}</h3>
${spread}
${group.length <= MAX_MATRIX ? matrix(group, byId, label) : pairs(group, byId, label)}
</section>
`
}

function matrix(group: string[], byId: Map<string, ReuseRow>, label: (id: string) => Markup): Markup {
  return html`<table class="matrix">
<thead><tr><th scope="col">Article</th>${group.map((id, index) => html`<th scope="col" title="${byId.get(id)?.title ?? id}">${index + 1}</th>`)}</tr></thead>
<tbody>
${group.map(
  (row, rowIndex) => html`<tr><th scope="row">${rowIndex + 1}. ${label(row)}</th>${group.map((column) => {
    if (column === row) return html`<td class="self" aria-label="same article">·</td>`
    const share = byId.get(row)?.shares[column]
    if (share === undefined) return html`<td></td>`
    return html`<td style="background: rgb(191 135 0 / ${(0.12 + share * 0.6).toFixed(2)})" title="${percent(share)} of ${row} stands in ${column}">${percent(share)}</td>`
  })}</tr>
`
)}
</tbody>
</table>`
}

function pairs(group: string[], byId: Map<string, ReuseRow>, label: (id: string) => Markup): Markup {
  const members = new Set(group)
  const list = group
    .flatMap((id) => Object.entries(byId.get(id)?.shares ?? {}).filter(([other]) => members.has(other)).map(([other, share]) => ({id, other, share})))
    .sort((a, b) => b.share - a.share)
  return html`<p>Too many articles for a matrix; the ${Math.min(MAX_PAIRS, list.length)} strongest of ${list.length} pairs:</p>
<table><thead><tr><th scope="col">Article</th><th scope="col">Stands in</th><th scope="col" class="number">Share of its body</th></tr></thead><tbody>
${list.slice(0, MAX_PAIRS).map((pair) => html`<tr><td>${label(pair.id)}</td><td>${label(pair.other)}</td><td class="number">${percent(pair.share)}</td></tr>`)}
</tbody></table>`
}

/** The groups after the largest: one line each, its first article (the one crediting an agency, if any) named. */
function smallerGroups(groups: string[][], firstNumber: number, byId: Map<string, ReuseRow>, links: SiteLinks): Markup {
  return html`<h2>${groups.length.toLocaleString('en')} smaller groups</h2>
<table><thead><tr><th scope="col">Group</th><th scope="col" class="number">Articles</th><th scope="col" class="number">Outlets</th><th scope="col">Credited agencies</th><th scope="col">First article</th></tr></thead><tbody>
${groups.map((group, index) => {
  const outlets = new Set(group.map((id) => byId.get(id)?.outlet).filter((outlet) => outlet))
  const credits = [...new Set(group.flatMap((id) => byId.get(id)?.credits ?? []))].sort()
  return html`<tr><td>${firstNumber + index}</td><td class="number">${group.length}</td><td class="number">${outlets.size}</td><td>${credits.join(', ') || 'none'}</td><td>${articleName(group[0]!, byId, links)}</td></tr>
`
})}
</tbody></table>`
}

function shorten(text: string): string {
  const chars = [...text]
  return chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS - 1).join('')}…` : text
}
