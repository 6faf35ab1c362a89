/**
 * One article's page: the original text, line by line, as the report saw
 * it. Boilerplate and cut spans are struck through and labelled with the
 * rule that removed them; body paragraphs carry the colours of their
 * agencies, named beside them, with the evidence; passages found in other
 * articles are highlighted and link to the matching paragraph there and to
 * the two texts side by side. Paragraphs with a translation in another
 * article name it, its language, how closely it matched and on what, and
 * open the two side by side. Each line reads in its own direction.
 */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {outletEvidence, type Report, type ReportBlock, type ReportReuse, type ReportTranslation} from '../../pipeline/report-schema.ts'
import {creditedInArticle, uncreditedReuse, uncreditedShare} from '../uncredited.ts'
import {agencyLabel, agencyLegend, type AgencyStyle} from './colors.ts'
import {textDirection} from './direction.ts'
import {copiesOf, rankedLinks, rankedTranslations, SHOWN_LINKS, translationBasis} from './fold.ts'
import {articlePagePath, comparePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, type SiteLinks} from './links.ts'
import {pageShell} from './shell.ts'

type Removed = Report['removed'][number]

/** What rendering one block needs to know about the rest of the page. */
interface PageContext {
  self: string
  page: string
  links: SiteLinks
  style: AgencyStyle
  lineOf(blockId: string): number | undefined
  cuts: Map<string, Removed[]>
  uncredited: Set<string>
}

/** The two measures of credit, named so they cannot be read as one: does the text name its agencies; how much reused text names none. */
export const CREDIT_MEASURES = {
  names: 'Names its agencies',
  uncredited: 'Reused without credit'
} as const

export function renderArticlePage(report: Report, links: SiteLinks, style: AgencyStyle): string {
  const {article, summary} = report
  const page = articlePagePath(article.id)
  const uncredited = uncreditedReuse(report)
  const share = uncreditedShare(report, uncredited)
  const cuts = new Map<string, Removed[]>()
  for (const span of report.removed) if (span.block) cuts.set(span.block, [...(cuts.get(span.block) ?? []), span])
  const lines = new Map(report.blocks.map((block) => [block.id, block.lines[0]]))
  const context: PageContext = {
    self: article.id,
    page,
    links,
    style,
    lineOf: (blockId) => lines.get(blockId),
    cuts,
    uncredited: new Set(uncredited.map(({block}) => block.id))
  }
  const reportFiles = [`${article.id}.json`, `${article.id}.md`].filter((path) => links.hasFile(path))
  const story = links.storyOf(article.id)
  const warnings = report.messages.filter((message) => message.severity !== 'info')
  const rendered: Element[] = []
  let previousBody: ReportBlock | null = null
  for (const block of report.blocks) {
    const sameEvidence: ReportBlock | null =
      previousBody && block.role === 'body' && block.sources.length > 0 && ownEvidence(block) === ownEvidence(previousBody) ? previousBody : null
    rendered.push(renderBlock(block, context, sameEvidence))
    if (block.role === 'body') previousBody = sameEvidence ?? block
  }
  const agencies = Object.keys(summary.agencies)
  const credited = creditedInArticle(report)
  const notNamed = style.order(agencies.filter((agency) => !credited.has(agency)))
  const copies = copiesOf(report)
  // The link step folds a story printed by many outlets: `copies` counts the other articles, the links name a few of them.
  const othersOf = (block: ReportBlock) => Math.max(rankedLinks(block, article.id).length, block.copies)
  const folded = report.blocks.some((block) => othersOf(block) > SHOWN_LINKS)
  const printedIn = Math.max(copies.length, ...report.blocks.map((block) => block.copies))
  const fact = (term: string, value: ElementContent | Array<Element | string> | string) => [h('dt', term), h('dd', value)]
  const content: ElementContent[] = [
    h('nav.crumbs', {ariaLabel: 'Reports'}, [
      h('a', {href: relativeHref(page, INDEX_PAGE)}, 'All articles'),
      h('a', {href: relativeHref(page, REUSE_PAGE)}, 'Shared text'),
      ...(story ? [h('a', {href: relativeHref(page, story)}, 'How this story spread')] : []),
      ...reportFiles.map((path) => h('a', {href: relativeHref(page, path)}, path.endsWith('.json') ? 'JSON report' : 'Markdown report'))
    ]),
    h('header', [
      h('h1', {dir: 'auto'}, article.title ?? article.id),
      h('dl.facts', [
        ...fact('File', article.path),
        ...(article.url ? fact('Source', article.url) : []),
        ...fact(
          'Outlet',
          article.outlets.length > 0 ? article.outlets.map((outlet) => `${outlet.name} (${outletEvidence(outlet, article.url)})`).join(' → ') : 'not recognised'
        ),
        ...fact('Published', displayDate(article.published ?? article.date)),
        ...fact('Language', article.language ?? 'not recognised'),
        ...(article.bylines.length > 0 ? fact('By', article.bylines.join(', ')) : []),
        ...(article.dateline ? fact('Dateline', article.dateline) : []),
        ...(article.chain.length > 0
          ? fact('Chain', article.chain.map((step) => article.outlets.find((outlet) => outlet.id === step)?.name ?? style.name(step)).join(' → '))
          : []),
        ...fact('Agencies', agencyChips(summary.agencies, style)),
        ...fact(CREDIT_MEASURES.names, namesItsAgencies(summary.credited, notNamed, style)),
        ...fact(
          CREDIT_MEASURES.uncredited,
          share
            ? h('span.badge.no', `${percent(share)} of the body: passages shared with other articles whose agency this text never names`)
            : h('span', summary.reused === null ? 'not checked (no reuse index)' : 'none')
        ),
        ...fact(
          'Reused',
          summary.reused === null
            ? 'not checked (no reuse index)'
            : `${percent(summary.reused)} of the body stands in other articles${printedIn > 0 ? `: in ${printedIn.toLocaleString('en')} of them` : ''}`
        ),
        ...(summary.translated !== null
          ? fact('Translated', `${percent(summary.translated)} of the body has a translation in another article of the corpus`)
          : []),
        ...fact('Body', `${summary.characters.body.toLocaleString('en')} of ${summary.characters.input.toLocaleString('en')} characters`)
      ])
    ]),
    h('main', [
      h('h2#text', 'The text'),
      h('div.legend', [
        h('p', [
          'Each line as in the file. ',
          h('del', 'Struck through'),
          ': removed, labelled by the rule that removed it. Coloured bar: the agencies the paragraph comes from, named with the evidence on the right. ',
          h('mark', 'Highlighted'),
          ': stands in another article; follow it to the matching paragraph there, or open the two side by side. ',
          'A paragraph translated in another article names it on the right, with its language and the names and numbers both hold.'
        ]),
        agencyLegend(style, agencies)
      ]),
      h('ol.lines', rendered),
      ...(folded || copies.length > SHOWN_LINKS ? [copiesSection(copies, printedIn, context)] : []),
      ...(warnings.length > 0
        ? [
            h('h2#messages', 'Messages'),
            h(
              'ul',
              warnings.map((message) => h('li', [`${message.severity} at line ${message.line ?? 1}: ${message.reason} `, h('span.tag', message.ruleId ?? '')]))
            )
          ]
        : [])
    ])
  ]
  return pageShell({title: `${article.title ?? article.id} · wiretrace`, lang: article.language}, content)
}

/** Whether the text names every agency it comes from, and which it does not name. */
function namesItsAgencies(credited: boolean | null, notNamed: string[], style: AgencyStyle): Array<Element | string> {
  if (credited === null) return [h('span.badge.unknown', 'no agency found')]
  if (credited) return [h('span.badge.yes', 'yes, every agency it comes from')]
  return [h('span.badge.no', 'no'), ' it never names ', ...notNamed.flatMap((agency, index) => [...(index > 0 ? [', '] : []), agencyLabel(style, agency)])]
}

/** Every other article this one shares text with, listed once, folded: the paragraphs show only their best few. */
function copiesSection(copies: ReturnType<typeof copiesOf>, printedIn: number, context: PageContext): Element {
  const unlisted = printedIn - copies.length
  return h('section#copies', [
    h('h2', `Printed in ${printedIn.toLocaleString('en')} other article${printedIn === 1 ? '' : 's'}`),
    h('details', [
      h('summary', unlisted > 0 ? `Show the ${copies.length.toLocaleString('en')} this report links to` : `Show all ${copies.length.toLocaleString('en')}`),
      h(
        'ol.copies',
        copies.map((copy) => {
          const href = context.links.hasPage(copy.article) ? relativeHref(context.page, articlePagePath(copy.article), copy.block) : null
          return h('li', [
            href ? h('a', {href}, copy.article) : copy.article,
            ` shares line${copy.lines.length === 1 ? '' : 's'} ${copy.lines.join(', ')} (best similarity ${copy.similarity.toFixed(2)})`,
            ...compareLink(copy.article, context)
          ])
        })
      ),
      ...(unlisted > 0 ? [h('p', `The other ${unlisted.toLocaleString('en')} copies of this story are listed in reuse.json and on the story page.`)] : [])
    ])
  ])
}

function compareLink(other: string, context: PageContext): Array<Element | string> {
  if (!context.links.hasCompare(context.self, other)) return []
  return [' · ', h('a.compare', {href: relativeHref(context.page, comparePagePath(context.self, other))}, 'side by side')]
}

/** The agencies of a block and the evidence its own article gives for them, to spot runs of paragraphs credited alike. */
function ownEvidence(block: ReportBlock): string {
  return JSON.stringify(
    block.sources.map((source) => [
      source.agency,
      source.role,
      source.evidence.filter((evidence) => evidence.kind !== 'reuse').map((evidence) => [evidence.kind, evidence.ruleId, evidence.block, evidence.start])
    ])
  )
}

function renderBlock(block: ReportBlock, context: PageContext, sameEvidence: ReportBlock | null): Element {
  const agencies = [...new Set(block.sources.map((source) => source.agency))]
  const tint = block.role === 'body' && agencies[0] ? `background: color-mix(in srgb, ${context.style.color(agencies[0])} 9%, white)` : undefined
  const text = block.role === 'boilerplate' ? [h('del', block.text)] : markedText(block, context.cuts.get(block.id) ?? [], context)
  return h(`li.line.${block.role}`, {id: block.id, style: tint}, [
    h('span.ln', block.lines[0] === block.lines[1] ? String(block.lines[0]) : `${block.lines[0]}–${block.lines[1]}`),
    h(
      'span.ribbon',
      {ariaHidden: 'true'},
      agencies.map((agency) => h('span', {style: `background: ${context.style.color(agency)}`}))
    ),
    h('div.text', {dir: textDirection(block.text)}, text),
    h('div.notes', notes(block, context, sameEvidence))
  ])
}

/** Block text with cut spans struck through and labelled, and reused passages highlighted and linked. */
function markedText(block: ReportBlock, cuts: Removed[], context: PageContext): ElementContent[] {
  const chars = [...block.text]
  const relative = (offset: number) => Math.max(0, Math.min(chars.length, offset - block.start))
  const pieces: ElementContent[] = []
  let cursor = 0
  for (const cut of [...cuts].sort((a, b) => a.start - b.start)) {
    const start = relative(cut.start)
    const end = relative(cut.end)
    pieces.push(...reusedText(chars, cursor, start, block, context))
    pieces.push(h('del', {title: `removed by ${cut.ruleId}`}, chars.slice(start, end).join('')), h('span.tag', cut.ruleId))
    cursor = end
  }
  pieces.push(...reusedText(chars, cursor, chars.length, block, context))
  return pieces
}

function hrefTo(link: Pick<ReportReuse | ReportTranslation, 'article' | 'block'>, context: PageContext): string | null {
  if (link.article === context.self) return `#${encodeURIComponent(link.block)}`
  return context.links.hasPage(link.article) ? relativeHref(context.page, articlePagePath(link.article), link.block) : null
}

function reusedText(chars: string[], from: number, to: number, block: ReportBlock, context: PageContext): ElementContent[] {
  const ranked = [...block.reuse.filter((link) => link.article === context.self), ...rankedLinks(block, context.self)]
  const spans = block.reuse.map((link) => ({link, start: link.span[0] - block.start, end: link.span[1] - block.start}))
  const edges = [...new Set([from, to, ...spans.flatMap((span) => [span.start, span.end]).filter((edge) => edge > from && edge < to)])].sort((a, b) => a - b)
  const pieces: ElementContent[] = []
  for (let index = 0; index + 1 < edges.length; index++) {
    const start = edges[index]!
    const end = edges[index + 1]!
    const text = chars.slice(start, end).join('')
    const covering = new Set(spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.link.article))
    if (covering.size === 0) {
      pieces.push({type: 'text', value: text})
      continue
    }
    const best = ranked.find((link) => covering.has(link.article))!
    const others = covering.size - 1
    const title = `also in ${best.article === context.self ? 'this article' : best.article}, line ${best.lines[0]} (similarity ${best.similarity.toFixed(2)})${others > 0 ? ` and ${others} other article${others === 1 ? '' : 's'}` : ''}`
    const href = hrefTo(best, context)
    pieces.push(href ? h('a.reuse', {href, title}, [h('mark', text)]) : h('mark', {title}, text))
  }
  return pieces
}

/** The side column: role and rule for the cut lines; agencies with their evidence, and the other articles, for the body. */
function notes(block: ReportBlock, context: PageContext, sameEvidence: ReportBlock | null): ElementContent[] {
  const items: ElementContent[] = []
  if (block.role !== 'body')
    items.push(h('li', [h('span.tag', block.role), ...(block.ruleId ? [h('span.tag', block.ruleId)] : []), ...(block.why ? [` ${block.why}`] : [])]))
  if (block.repeatOf) items.push(h('li', ['repeats ', h('a', {href: `#${block.repeatOf}`}, `line ${context.lineOf(block.repeatOf) ?? block.repeatOf}`)]))
  if (context.uncredited.has(block.id)) items.push(h('li', [h('span.badge.no', 'uncredited reuse')]))
  for (const source of block.sources) {
    const own = source.evidence.filter((evidence) => evidence.kind !== 'reuse')
    const shared = [...new Set(source.evidence.filter((evidence) => evidence.kind === 'reuse' && evidence.article).map((evidence) => evidence.article!))]
    const evidence = sameEvidence
      ? []
      : own.map((item) => {
          if (item.kind === 'site') return h('li', ['published on its own site ', h('code', item.text), ' ', h('span.tag', item.ruleId)])
          const line = context.lineOf(item.block)
          return h('li', [
            item.kind,
            ...(line ? [', ', h('a', {href: `#${item.block}`}, `line ${line}`)] : []),
            ' ',
            h('span.tag', item.ruleId),
            ' ',
            h('q', {dir: 'auto'}, item.text)
          ])
        })
    const through = shared.slice(0, SHOWN_LINKS).map((article) => {
      const href = hrefTo({article, block: source.evidence.find((item) => item.article === article)!.block}, context)
      return h('li', ['through text shared with ', href ? h('a', {href}, article) : article, ', which credits it'])
    })
    if (shared.length > SHOWN_LINKS) through.push(h('li', `and ${shared.length - SHOWN_LINKS} more articles that credit it`))
    items.push(
      h('li', [
        agencyLabel(context.style, source.agency),
        ` ${source.role}, confidence ${source.confidence.toFixed(2)}`,
        ...(evidence.length + through.length > 0 ? [h('ul', [...evidence, ...through])] : [])
      ])
    )
  }
  if (sameEvidence && hasOwnEvidence(block)) items.push(h('li', ['evidence as for ', h('a', {href: `#${sameEvidence.id}`}, `line ${sameEvidence.lines[0]}`)]))
  const repeats = block.reuse.filter(
    (link, index, all) => link.article === context.self && all.findIndex((other) => other.article === link.article && other.block === link.block) === index
  )
  for (const link of repeats)
    items.push(h('li', ['also at ', h('a', {href: hrefTo(link, context)!}, `line ${link.lines[0]}`), ` (similarity ${link.similarity.toFixed(2)})`]))
  const ranked = rankedLinks(block, context.self)
  for (const link of ranked.slice(0, SHOWN_LINKS)) {
    const href = hrefTo(link, context)
    const label = `${link.article}, line ${link.lines[0]}`
    const order = link.earlier === true ? ', published earlier' : link.earlier === false ? ', published later' : ''
    items.push(
      h('li', ['also in ', href ? h('a', {href}, label) : label, ` (similarity ${link.similarity.toFixed(2)}${order})`, ...compareLink(link.article, context)])
    )
  }
  const others = Math.max(ranked.length, block.copies)
  if (others > SHOWN_LINKS) {
    const more = others - Math.min(SHOWN_LINKS, ranked.length)
    items.push(h('li.folded', ['and in ', h('a', {href: '#copies'}, `${more.toLocaleString('en')} other article${more === 1 ? '' : 's'}`)]))
  }
  items.push(...translationNotes(block, context))
  return items.length > 0 ? [h('ul', items)] : []
}

/** Anchors shown beside a translation link; the side-by-side page marks them all. */
const SHOWN_ANCHORS = 6

/** The paragraph's translations in other articles: the best few, each with its language, score, what it matched on, and the two side by side. */
function translationNotes(block: ReportBlock, context: PageContext): Element[] {
  const ranked = rankedTranslations(block)
  const items = ranked.slice(0, SHOWN_LINKS).map((link) => {
    const href = hrefTo(link, context)
    const label = `${link.article}, line ${link.lines[0]}`
    const language = context.links.languageOf(link.article)
    const order = link.earlier === true ? ', published earlier' : link.earlier === false ? ', published later' : ''
    // Each name in its own isolate, so an Arabic name beside a Latin one keeps its order.
    const anchors = link.anchors
      .slice(0, SHOWN_ANCHORS)
      .flatMap((anchor, index) => [
        ...(index > 0 ? [', '] : []),
        h('bdi', anchor.text),
        ...(anchor.text === anchor.otherText ? [] : [' = ', h('bdi', anchor.otherText)])
      ])
    return h('li.translation', [
      h('span.tag', language ? `translation, ${language}` : 'translation'),
      ' in ',
      href ? h('a', {href}, label) : label,
      ` (score ${link.score.toFixed(2)}${order}; ${translationBasis(link)})`,
      ...(anchors.length > 0 ? [': ', h('span.anchors', [...anchors, ...(link.anchors.length > SHOWN_ANCHORS ? [', …'] : [])])] : []),
      ...compareLink(link.article, context)
    ])
  })
  if (ranked.length > SHOWN_LINKS)
    items.push(h('li.folded', `and ${ranked.length - SHOWN_LINKS} more translation${ranked.length - SHOWN_LINKS === 1 ? '' : 's'} (in the JSON report)`))
  return items
}

/** Whether any source of the block has evidence from the article's own text. */
function hasOwnEvidence(block: ReportBlock): boolean {
  return block.sources.some((source) => source.evidence.some((evidence) => evidence.kind !== 'reuse'))
}

function agencyChips(agencies: Record<string, number>, style: AgencyStyle): ElementContent {
  const entries = Object.entries(agencies).sort((a, b) => b[1] - a[1])
  if (entries.length === 0) return {type: 'text', value: 'none found'}
  return h(
    'ul.chips',
    entries.map(([agency, share]) => h('li.chip', [agencyLabel(style, agency, percent(share))]))
  )
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
