/**
 * The corpus view of reuse: articles that share text fall into stories
 * (connected through their reuse links), largest first, every one of them
 * on the page. Each story says in a sentence which agency's text spread and
 * how far and links to its timeline; a small story shows a matrix (row
 * article, column article, the share of the row's body that stands in the
 * column's), a large one folds its first members into a list and leaves the
 * rest to its story page, so a corpus where each story has 80 copies stays
 * readable and the page's weight follows the number of stories.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Report} from '../../pipeline/report-schema.ts'
import {shortened} from '../../core/text.ts'
import {bodyLength, coveredLength, creditedInArticle} from '../uncredited.ts'
import {displayDate, percent} from './article-page.ts'
import {agencyLabel, type AgencyStyle} from './colors.ts'
import {articlePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, type SiteLinks} from './links.ts'
import {pageShell} from './shell.ts'

/** Stories up to this many articles show a matrix; larger ones fold their members into a list. */
export const MAX_MATRIX = 8
/** Members a folded story lists here; its story page lists them all, so this page grows with the stories, not the copies. */
export const MAX_LISTED = 20
const TITLE_CHARS = 70

/** What the reuse views keep of a report: who it is, what it credits, how much of it stands where and how closely. */
export interface ReuseRow {
  id: string
  title: string | null
  outlet: string | null
  published: string | null
  /** Agencies the article's own text credits. */
  credits: string[]
  /** Share of this article's body found in each other article. */
  shares: Record<string, number>
  /** Similarity of the passages shared with each other article, weighted by their length. */
  similarity: Record<string, number>
}

export function reuseRow(report: Report): ReuseRow {
  const spans = new Map<string, Array<[number, number]>>()
  const weighted = new Map<string, [number, number]>()
  for (const block of report.blocks) {
    for (const link of block.reuse) {
      if (link.article === report.article.id) continue
      spans.set(link.article, [...(spans.get(link.article) ?? []), link.span])
      const length = link.span[1] - link.span[0]
      const [sum, total] = weighted.get(link.article) ?? [0, 0]
      weighted.set(link.article, [sum + link.similarity * length, total + length])
    }
  }
  const body = bodyLength(report)
  const shares: Record<string, number> = {}
  const similarity: Record<string, number> = {}
  for (const [other, list] of spans) shares[other] = body === 0 ? 0 : Math.min(1, coveredLength(list) / body)
  for (const [other, [sum, total]] of weighted) similarity[other] = total === 0 ? 0 : Math.round((sum / total) * 1000) / 1000
  const {article} = report
  return {
    id: article.id,
    title: article.title,
    outlet: article.outlets.find((outlet) => outlet.id === article.outlet)?.name ?? article.outlet,
    published: article.published ?? article.date,
    credits: [...creditedInArticle(report)].sort(),
    shares,
    similarity
  }
}

/** Articles connected by shared text, each story sorted with its crediting and earliest articles first; stories largest first. */
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
  const byId = new Map(rows.map((row) => [row.id, row]))
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.sort(sourcesFirst(byId)))
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1))
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

export function renderReusePage(groups: string[][], rows: ReuseRow[], links: SiteLinks, style: AgencyStyle): string {
  const byId = new Map(rows.map((row) => [row.id, row]))
  const grouped = new Set(groups.flat())
  const alone = rows.filter((row) => !grouped.has(row.id)).length
  const content: ElementContent[] = [
    h('nav.crumbs', {ariaLabel: 'Reports'}, [h('a', {href: INDEX_PAGE}, 'All articles'), h('a', {href: REUSE_PAGE, ariaCurrent: 'page'}, 'Shared text')]),
    h('h1', 'Which articles share text'),
    h('p', [
      `${groups.length.toLocaleString('en')} stor${groups.length === 1 ? 'y' : 'ies'}: group${groups.length === 1 ? '' : 's'} of articles that share text; ${alone.toLocaleString('en')} article${alone === 1 ? '' : 's'} share${alone === 1 ? 's' : ''} none with any other. `,
      `A story of up to ${MAX_MATRIX} articles shows a matrix, where a cell is the share of the row article's body that stands in the column article; a larger one lists its articles, folded. Articles that credit an agency come first, then the earliest.`
    ]),
    ...groups.map((group, index) => renderGroup(index + 1, group, byId, links, style))
  ]
  return pageShell({title: 'Shared text · wiretrace'}, content)
}

function shorten(text: string): string {
  return shortened(text, TITLE_CHARS)
}

/** An article's title, linked to its page when it has one. */
export function articleName(id: string, byId: Map<string, ReuseRow>, links: SiteLinks, from: string): Element {
  const title = shorten(byId.get(id)?.title ?? id)
  return links.hasPage(id) ? h('a', {href: relativeHref(from, articlePagePath(id)), title: id, dir: 'auto'}, title) : h('span', {title: id, dir: 'auto'}, title)
}

/** "Text credited to Anadolu Agency by 1 article stands in 79 others, 79 of them crediting no agency." */
export function spreadSentences(group: string[], byId: Map<string, ReuseRow>, style: AgencyStyle): Element[] {
  const credits = new Map<string, string[]>()
  for (const id of group) for (const agency of byId.get(id)?.credits ?? []) credits.set(agency, [...(credits.get(agency) ?? []), id])
  if (credits.size === 0) return [h('p.fed', 'No article in this story credits an agency.')]
  return style.order(credits.keys()).map((agency) => {
    const creditors = credits.get(agency)!
    const others = group.length - creditors.length
    const silent = group.filter((id) => !creditors.includes(id) && byId.get(id)?.credits.length === 0).length
    return h('p.fed', [
      'Text credited to ',
      h('strong', [agencyLabel(style, agency)]),
      ` by ${creditors.length} article${creditors.length === 1 ? '' : 's'} stands in `,
      h('strong', String(others)),
      ` other${others === 1 ? '' : 's'}, ${silent} of them crediting no agency.`
    ])
  })
}

function renderGroup(number: number, group: string[], byId: Map<string, ReuseRow>, links: SiteLinks, style: AgencyStyle): Element {
  const label = (id: string): ElementContent[] => {
    const row = byId.get(id)
    const facts = row ? [row.outlet ?? 'outlet not recognised', row.published ? displayDate(row.published) : 'date unknown'].join(', ') : 'not in this run'
    return [articleName(id, byId, links, REUSE_PAGE), h('span.path', facts)]
  }
  const outlets = new Set(group.map((id) => byId.get(id)?.outlet).filter((outlet) => outlet))
  const story = links.storyOf(group[0]!)
  return h('section.cluster', {ariaLabelledBy: `group-${number}`}, [
    h(
      `h3#group-${number}`,
      `Story ${number}: ${group.length} articles ${outlets.size === 0 ? 'by outlets not recognised' : `from ${outlets.size} outlet${outlets.size === 1 ? '' : 's'}`}`
    ),
    ...spreadSentences(group, byId, style),
    ...(story
      ? [h('p', [h('a.story-link', {href: relativeHref(REUSE_PAGE, story)}, 'How it spread: timeline from the first or crediting copy to every outlet')])]
      : []),
    group.length <= MAX_MATRIX
      ? matrix(group, byId, label)
      : h('div.members', [
          h('p', ['First: ', ...label(group[0]!)]),
          h('details', [
            h('summary', group.length > MAX_LISTED ? `The first ${MAX_LISTED} of ${group.length} articles` : `All ${group.length} articles`),
            h(
              'ol',
              group.slice(0, MAX_LISTED).map((id) => h('li', label(id)))
            ),
            ...(group.length > MAX_LISTED && story
              ? [h('p', [`The other ${group.length - MAX_LISTED} are listed on `, h('a', {href: relativeHref(REUSE_PAGE, story)}, 'the story page'), '.'])]
              : [])
          ])
        ])
  ])
}

function matrix(group: string[], byId: Map<string, ReuseRow>, label: (id: string) => ElementContent[]): Element {
  return h('table.matrix', [
    h('thead', [
      h('tr', [h('th', {scope: 'col'}, 'Article'), ...group.map((id, index) => h('th', {scope: 'col', title: byId.get(id)?.title ?? id}, String(index + 1)))])
    ]),
    h(
      'tbody',
      group.map((row, rowIndex) =>
        h('tr', [
          h('th', {scope: 'row'}, [`${rowIndex + 1}. `, ...label(row)]),
          ...group.map((column) => {
            if (column === row) return h('td.self', {ariaLabel: 'same article'}, '·')
            const share = byId.get(row)?.shares[column]
            if (share === undefined) return h('td')
            return h(
              'td',
              {style: `background: rgb(191 135 0 / ${(0.12 + share * 0.6).toFixed(2)})`, title: `${percent(share)} of ${row} stands in ${column}`},
              percent(share)
            )
          })
        ])
      )
    )
  ])
}
