/**
 * How one story spread: a static SVG timeline from the article that
 * credits the agency (or, when none does, the earliest) to every article
 * that printed its text, placed by publication date, each marked with
 * whether it credits the agency and how much of the text it changed; copies
 * printed word for word are folded into one row. A table below gives the
 * same facts in words. No script, no network: a picture to put in a paper.
 */
import type {Element, ElementContent} from 'hast'
import {h, s} from 'hastscript'
import {byCodeUnits} from '../../core/sorted-ids.ts'
import {shortened} from '../../core/text.ts'
import {displayDate, percent} from './article-page.ts'
import {agencyLabel, agencyLegend, type AgencyStyle} from './colors.ts'
import {comparePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, storyPagePath, type SiteLinks} from './links.ts'
import {articleName, spreadSentences, type ReuseRow} from './reuse-page.ts'
import {pageShell} from './shell.ts'

/** A copy counts as word for word above this similarity to the first text. */
export const EXACT_SIMILARITY = 0.995
/** Edited copies drawn one row each; the others are in the table. */
export const MAX_ROWS = 30
/** Rows each table of the page lists (edited, word-for-word, linked through a copy); reuse.json lists them all, so a story of any size stays one light page. */
export const MAX_TABLE_ROWS = 100

const WIDTH = 960
const LABEL = 300
const ROW = 26
const PLOT_LEFT = LABEL + 20
const PLOT_RIGHT = WIDTH - 90

/** One article of the story, as the timeline places it. */
export interface StoryCopy {
  id: string
  row: ReuseRow | undefined
  /** Milliseconds since the epoch, or null when the article gives no date. */
  time: number | null
  /** Whether it names an agency the first text credits (any agency when the first credits none). */
  credits: boolean
  /** Share of the shared text it changed, 0 for word for word; null when it shares no passage with the first text directly. */
  changed: number | null
}

export interface Story {
  origin: StoryCopy
  exact: StoryCopy[]
  edited: StoryCopy[]
  /** Articles linked to the story only through other copies. */
  indirect: StoryCopy[]
  agencies: string[]
}

function timeOf(published: string | null | undefined): number | null {
  if (!published) return null
  const time = Date.parse(published)
  return Number.isNaN(time) ? null : time
}

/** The story of a group sorted first-text first (as `reuseGroups` sorts it). */
export function storyOf(group: string[], byId: Map<string, ReuseRow>): Story {
  const originRow = byId.get(group[0]!)
  const agencies = originRow?.credits ?? []
  const copy = (id: string): StoryCopy => {
    const row = byId.get(id)
    const similarity = row?.similarity[group[0]!] ?? byId.get(group[0]!)?.similarity[id]
    return {
      id,
      row,
      time: timeOf(row?.published),
      credits: agencies.length > 0 ? (row?.credits ?? []).some((agency) => agencies.includes(agency)) : (row?.credits.length ?? 0) > 0,
      changed: similarity === undefined ? null : Math.max(0, 1 - similarity)
    }
  }
  const others = group.slice(1).map(copy)
  return {
    origin: {...copy(group[0]!), changed: 0},
    exact: others.filter((item) => item.changed !== null && item.changed <= 1 - EXACT_SIMILARITY),
    edited: others
      .filter((item) => item.changed !== null && item.changed > 1 - EXACT_SIMILARITY)
      .sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || byCodeUnits(a.id, b.id)),
    indirect: others.filter((item) => item.changed === null),
    agencies
  }
}

/** x position of each copy: by date when the story has two dates or more, else by its place in the list. */
function placer(story: Story): {x: (copy: StoryCopy, index: number, count: number) => number; axis: string[]; byDate: boolean} {
  const times = [story.origin, ...story.exact, ...story.edited].map((item) => item.time).filter((time): time is number => time !== null)
  const [min, max] = [Math.min(...times), Math.max(...times)]
  if (times.length >= 2 && max > min) {
    const scale = (time: number) => PLOT_LEFT + ((time - min) / (max - min)) * (PLOT_RIGHT - PLOT_LEFT)
    return {
      x: (copy, index, count) => (copy.time === null ? PLOT_LEFT + ((index + 1) / (count + 1)) * (PLOT_RIGHT - PLOT_LEFT) : scale(copy.time)),
      axis: [`${new Date(min).toISOString().slice(0, 16).replace('T', ' ')} UTC`, `${new Date(max).toISOString().slice(0, 16).replace('T', ' ')} UTC`],
      byDate: true
    }
  }
  return {
    x: (_copy, index, count) => PLOT_LEFT + (count <= 1 ? 0 : (index / (count - 1)) * (PLOT_RIGHT - PLOT_LEFT)),
    axis: times.length > 0 ? [`all ${displayDate(new Date(min).toISOString())}`, 'dates do not separate the copies'] : ['no dates', 'order of the list'],
    byDate: false
  }
}

/** An outlet's name as the timeline labels it: at most 40 characters, cut by code point so no surrogate pair is split. */
function name(copy: StoryCopy): string {
  return shortened(copy.row?.outlet ?? copy.id, 40)
}

/** The timeline picture. */
export function timeline(story: Story, style: AgencyStyle): Element {
  const color = story.agencies[0] ? style.color(story.agencies[0]) : '#57606a'
  const shown = story.edited.slice(0, MAX_ROWS)
  const rows = 2 + (story.exact.length > 0 ? 1 : 0) + shown.length
  const height = rows * ROW + 40
  const place = placer(story)
  // Placed by date, every copy has its own place; placed by the order of the list, the word-for-word copies share one.
  const everyone = place.byDate ? [story.origin, ...story.exact, ...shown] : [story.origin, ...story.exact.slice(0, 1), ...shown]
  const indexOf = new Map(everyone.map((item, index) => [item.id, index]))
  const x = (copy: StoryCopy) => place.x(copy, indexOf.get(copy.id) ?? 1, everyone.length)
  const originX = x(story.origin)
  const originY = 30
  const marks: Element[] = []
  const dot = (copy: StoryCopy, cx: number, cy: number, label: string) => {
    marks.push(
      s('path', {
        d: `M${originX},${originY} C${(originX + cx) / 2},${originY} ${(originX + cx) / 2},${cy} ${cx},${cy}`,
        fill: 'none',
        stroke: '#8c959f',
        strokeWidth: 1
      })
    )
    marks.push(
      s('circle', {cx, cy, r: 6, fill: copy.credits ? color : '#fff', stroke: color, strokeWidth: 2, strokeDasharray: copy.credits ? undefined : '2 2'}, [
        s('title', label)
      ])
    )
  }
  const rowLabel = (text: string, y: number, bold = false) => s('text', {x: LABEL, y: y + 4, textAnchor: 'end', fontWeight: bold ? 700 : 400}, text)
  const children: Element[] = [
    s('line', {x1: PLOT_LEFT, x2: PLOT_RIGHT, y1: height - 22, y2: height - 22, stroke: '#d0d7de'}),
    s('text', {x: PLOT_LEFT, y: height - 6, class: 'axis'}, place.axis[0]),
    s('text', {x: PLOT_RIGHT, y: height - 6, textAnchor: 'end', class: 'axis'}, place.axis[1]),
    rowLabel(`${name(story.origin)} (first text)`, originY, true)
  ]
  let y = originY + ROW
  if (story.exact.length > 0) {
    children.push(rowLabel(`${story.exact.length} word-for-word cop${story.exact.length === 1 ? 'y' : 'ies'}`, y))
    // Copies printed at the same moment (or with no date) are one dot with their count: a row of 80 overlapping dots says nothing.
    const spots = new Map<number, StoryCopy[]>()
    for (const copy of story.exact) {
      const spot = Math.round(!place.byDate ? x(story.exact[0]!) : copy.time === null ? PLOT_LEFT + 40 : x(copy))
      spots.set(spot, [...(spots.get(spot) ?? []), copy])
    }
    for (const [spot, copies] of spots) {
      const crediting = copies.filter((copy) => copy.credits).length
      dot(copies[0]!, spot, y, `${copies.length} word-for-word cop${copies.length === 1 ? 'y' : 'ies'}, ${crediting} crediting the agency`)
      if (copies.length > 1) marks.push(s('text', {x: spot + 10, y: y + 4, class: 'changed'}, `×${copies.length}`))
    }
    y += ROW
  }
  for (const copy of shown) {
    children.push(rowLabel(name(copy), y))
    dot(copy, x(copy), y, `${name(copy)}: ${percent(copy.changed!)} changed, ${copy.credits ? 'credits' : 'does not credit'} the agency`)
    marks.push(s('text', {x: x(copy) + 10, y: y + 4, class: 'changed'}, `${percent(copy.changed!)} changed`))
    y += ROW
  }
  if (story.edited.length > shown.length) children.push(rowLabel(`and ${story.edited.length - shown.length} more edited copies (table below)`, y))
  marks.push(
    s('circle', {cx: originX, cy: originY, r: 8, fill: color, stroke: '#1b1f24', strokeWidth: 1.5}, [s('title', `${name(story.origin)}: the first text`)])
  )
  return s(
    'svg.timeline',
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: 'img',
      ariaLabel: `Timeline: the first text and the ${story.exact.length + story.edited.length} copies linked to it, by publication date`,
      fontSize: 12,
      fontFamily: 'system-ui, sans-serif'
    },
    [...children, ...marks]
  )
}

export function renderStoryPage(group: string[], byId: Map<string, ReuseRow>, links: SiteLinks, style: AgencyStyle): string {
  const page = storyPagePath(group[0]!)
  const story = storyOf(group, byId)
  const agency = story.agencies.length > 0 ? style.order(story.agencies) : []
  const row = (copy: StoryCopy, kind: string): Element =>
    h('tr', [
      h('td', [articleName(copy.id, byId, links, page), h('span.path', copy.row?.outlet ?? 'outlet not recognised')]),
      h('td', copy.row?.published ? displayDate(copy.row.published) : 'unknown'),
      h('td', kind),
      h('td', copy.credits ? h('span.badge.yes', 'credits it') : h('span.badge.no', 'does not')),
      h('td.number', copy.changed === null ? '–' : percent(copy.changed)),
      h(
        'td',
        copy.id !== story.origin.id && links.hasCompare(copy.id, story.origin.id)
          ? h('a', {href: relativeHref(page, comparePagePath(copy.id, story.origin.id))}, 'side by side')
          : ''
      )
    ])
  const table = (copies: StoryCopy[], kind: string, lead: Element[] = []) => [
    h('table.story', [
      h('thead', [
        h('tr', [
          h('th', {scope: 'col'}, 'Article'),
          h('th', {scope: 'col'}, 'Published'),
          h('th', {scope: 'col'}, 'Copy'),
          h('th', {scope: 'col'}, agency.length > 0 ? `Credits ${agency.map((id) => style.name(id)).join(' or ')}` : 'Credits an agency'),
          h('th.number', {scope: 'col'}, 'Changed'),
          h('th', {scope: 'col'}, 'Compare')
        ])
      ]),
      h('tbody', [...lead, ...copies.slice(0, MAX_TABLE_ROWS).map((copy) => row(copy, kind))])
    ]),
    ...(copies.length > MAX_TABLE_ROWS
      ? [h('p.more', `… and ${(copies.length - MAX_TABLE_ROWS).toLocaleString('en')} more (reuse.json lists every article of the story)`)]
      : [])
  ]
  const content: ElementContent[] = [
    h('nav.crumbs', {ariaLabel: 'Reports'}, [
      h('a', {href: relativeHref(page, INDEX_PAGE)}, 'All articles'),
      h('a', {href: relativeHref(page, REUSE_PAGE)}, 'Shared text')
    ]),
    h('h1', {dir: 'auto'}, `How it spread: ${story.origin.row?.title ?? story.origin.id}`),
    ...spreadSentences(group, byId, style),
    h('div.legend', [
      h('p', [
        'Each dot is an article, placed by its publication date, joined to the first text (the one that credits the agency, else the earliest). ',
        'Filled: the copy credits the agency; hollow, dashed: it does not. The figure beside a dot is how much of the shared text the copy changed. ',
        `Copies whose shared text is ${(EXACT_SIMILARITY * 100).toFixed(1)}% or more alike are word for word, folded into one row.`
      ]),
      agencyLegend(style, agency)
    ]),
    h('figure', [
      timeline(story, style),
      h(
        'figcaption',
        agency.length > 0
          ? ['Colour: ', ...agency.flatMap((id, index) => [...(index > 0 ? [', '] : []), agencyLabel(style, id)])]
          : 'No article of the story credits an agency.'
      )
    ]),
    h('h2', 'The articles'),
    ...table(story.edited, 'edited', [row(story.origin, 'first text')]),
    ...(story.exact.length > 0
      ? [
          h('details.exact', [
            h('summary', `${story.exact.length} word-for-word cop${story.exact.length === 1 ? 'y' : 'ies'}`),
            ...table(story.exact, 'word for word')
          ])
        ]
      : []),
    ...(story.indirect.length > 0
      ? [h('details', [h('summary', `${story.indirect.length} linked only through other copies`), ...table(story.indirect, 'through a copy')])]
      : [])
  ]
  return pageShell({title: `How it spread: ${story.origin.row?.title ?? story.origin.id} · wiretrace`}, content)
}
