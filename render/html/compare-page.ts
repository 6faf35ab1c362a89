/**
 * Two articles side by side: every passage the second shares with the
 * first, the two texts aligned word by word (jsdiff's Myers diff at render
 * time, from the texts both reports carry), with what the copy dropped
 * struck through on the left, what it inserted underlined on the right and
 * what it replaced marked on both sides, as a reviewer reads a code diff.
 * A 0.71 match and a 1.00 match no longer look alike. Articles in two
 * languages show each paragraph beside its translation instead, each read
 * in its own direction, with what the pair was matched on (numbers, names,
 * clock times, quotation marks, as each text writes them) marked on both
 * sides: a word diff means nothing across languages.
 */
import {diffWordsWithSpace} from 'diff'
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {Report, ReportBlock, ReportTranslation} from '../../pipeline/report-schema.ts'
import {codePointSlice} from '../../core/text.ts'
import {creditedInArticle} from '../uncredited.ts'
import {displayDate} from './article-page.ts'
import {agencyLabel, agencyLegend, type AgencyStyle} from './colors.ts'
import {textDirection} from './direction.ts'
import {translationBasis} from './fold.ts'
import {articlePagePath, comparePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE, type SiteLinks} from './links.ts'
import {pageShell} from './shell.ts'

/** A passage of `left` and the passage of `right` it stands in. */
interface PassagePair {
  left: {block: ReportBlock; text: string}
  right: {block: ReportBlock; text: string}
  similarity: number
}

function slice(block: ReportBlock, span: readonly [number, number]): string {
  return codePointSlice(block.text, span[0] - block.start, span[1] - block.start)
}

/**
 * The passages `left` shares with `right`, in `left`'s order, each pair
 * once, from the links of both reports: the link step folds a story's
 * copies, so the first text of a story printed 80 times names only a few of
 * them, while each copy names the first text.
 */
export function sharedPassages(left: Report, right: Report): PassagePair[] {
  const leftBlocks = new Map(left.blocks.map((block) => [block.id, block]))
  const rightBlocks = new Map(right.blocks.map((block) => [block.id, block]))
  const found = new Map<string, {pair: PassagePair; start: number; end: number}>()
  const add = (
    ours: ReportBlock | undefined,
    ourSpan: readonly [number, number],
    theirs: ReportBlock | undefined,
    theirSpan: readonly [number, number],
    similarity: number
  ) => {
    const key = `${ours?.id}:${ourSpan}|${theirs?.id}:${theirSpan}`
    if (!ours || !theirs || found.has(key)) return
    found.set(key, {
      pair: {left: {block: ours, text: slice(ours, ourSpan)}, right: {block: theirs, text: slice(theirs, theirSpan)}, similarity},
      start: ourSpan[0],
      end: ourSpan[1]
    })
  }
  for (const block of left.blocks) {
    for (const link of block.reuse) if (link.article === right.article.id) add(block, link.span, rightBlocks.get(link.block), link.otherSpan, link.similarity)
  }
  for (const block of right.blocks) {
    for (const link of block.reuse) if (link.article === left.article.id) add(leftBlocks.get(link.block), link.otherSpan, block, link.span, link.similarity)
  }
  return [...found.values()].sort((a, b) => a.start - b.start || a.end - b.end).map((entry) => entry.pair)
}

/** A paragraph of `left` and the paragraph of `right` that translates it (or that it translates). */
interface TranslatedPair {
  left: {block: ReportBlock; text: string}
  right: {block: ReportBlock; text: string}
  link: ReportTranslation
}

/** The paragraphs of `left` linked to a translation in `right`, in `left`'s order, each pair once. */
export function translatedParagraphs(left: Report, right: Report): TranslatedPair[] {
  const rightBlocks = new Map(right.blocks.map((block) => [block.id, block]))
  const seen = new Set<string>()
  const pairs: TranslatedPair[] = []
  for (const block of left.blocks) {
    for (const link of block.translations) {
      if (link.article !== right.article.id) continue
      const other = rightBlocks.get(link.block)
      const key = `${link.span}|${link.otherSpan}`
      if (!other || seen.has(key)) continue
      seen.add(key)
      pairs.push({left: {block, text: slice(block, link.span)}, right: {block: other, text: slice(other, link.otherSpan)}, link})
    }
  }
  return pairs
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

/** Where `needle` stands in `text` from `from` on: as a whole word where it is one, else anywhere (scripts that write no spaces, attached prefixes). */
function findAnchor(text: string, needle: string, from: number): number {
  const whole = (at: number) => !WORD_CHAR.test(text[at - 1] ?? '') && !WORD_CHAR.test(text[at + needle.length] ?? '')
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) if (whole(at)) return at
  return text.indexOf(needle, from)
}

/** The text with the first stand of each anchor marked, labelled with its kind. */
export function markedAnchors(text: string, anchors: Array<{kind: string; text: string}>): ElementContent[] {
  const marks: Array<{start: number; end: number; kind: string}> = []
  for (const anchor of anchors) {
    if (!anchor.text) continue
    let at = findAnchor(text, anchor.text, 0)
    while (at >= 0 && marks.some((mark) => at < mark.end && at + anchor.text.length > mark.start)) at = findAnchor(text, anchor.text, at + 1)
    if (at >= 0) marks.push({start: at, end: at + anchor.text.length, kind: anchor.kind})
  }
  marks.sort((a, b) => a.start - b.start)
  const out: ElementContent[] = []
  let cursor = 0
  for (const mark of marks) {
    if (mark.start > cursor) out.push({type: 'text', value: text.slice(cursor, mark.start)})
    out.push(h('mark.anchor', {title: `matched ${mark.kind}`}, text.slice(mark.start, mark.end)))
    cursor = mark.end
  }
  if (cursor < text.length) out.push({type: 'text', value: text.slice(cursor)})
  return out
}

/** The word diff of a pair as the two columns' content: dropped and changed words on the left, inserted and changed on the right. */
export function alignedWords(left: string, right: string): {left: ElementContent[]; right: ElementContent[]; changes: number} {
  const parts = diffWordsWithSpace(left, right)
  const leftOut: ElementContent[] = []
  const rightOut: ElementContent[] = []
  let changes = 0
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!
    const next = parts[index + 1]
    if (!part.added && !part.removed) {
      leftOut.push({type: 'text', value: part.value})
      rightOut.push({type: 'text', value: part.value})
    } else if (part.removed && next?.added) {
      leftOut.push(h('del.changed', {title: 'changed in the copy'}, part.value))
      rightOut.push(h('ins.changed', {title: 'changed from the first text'}, next.value))
      changes++
      index++
    } else if (part.removed) {
      leftOut.push(h('del', {title: 'dropped in the copy'}, part.value))
      if (part.value.trim()) changes++
    } else {
      rightOut.push(h('ins', {title: 'inserted in the copy'}, part.value))
      if (part.value.trim()) changes++
    }
  }
  return {left: leftOut, right: rightOut, changes}
}

function articleHeader(report: Report, page: string, links: SiteLinks, style: AgencyStyle, side: string): Element {
  const {article} = report
  const credited = [...creditedInArticle(report)]
  const outlet = article.outlets.find((candidate) => candidate.id === article.outlet)?.name ?? article.outlet ?? 'outlet not recognised'
  return h('div.side-head', [
    h('p.side-label', side),
    h(
      'h2',
      {dir: 'auto'},
      links.hasPage(article.id) ? h('a', {href: relativeHref(page, articlePagePath(article.id))}, article.title ?? article.id) : (article.title ?? article.id)
    ),
    h('p.path', `${outlet} · ${displayDate(article.published ?? article.date)} · ${article.language ?? 'language not recognised'} · ${article.id}`),
    h(
      'p',
      credited.length > 0
        ? ['Names ', ...style.order(credited).flatMap((agency, index) => [...(index > 0 ? [', '] : []), agencyLabel(style, agency)])]
        : ['Names no agency']
    )
  ])
}

/** The page comparing `left` (the earlier or crediting article) with `right`. */
export function renderComparePage(left: Report, right: Report, links: SiteLinks, style: AgencyStyle): string {
  const page = comparePagePath(left.article.id, right.article.id)
  const pairs = sharedPassages(left, right)
  const translated = translatedParagraphs(left, right)
  const at = (report: Report, block: ReportBlock) =>
    links.hasPage(report.article.id)
      ? h('a', {href: relativeHref(page, articlePagePath(report.article.id), block.id)}, `line ${block.lines[0]}`)
      : `line ${block.lines[0]}`
  const rows = pairs.map((pair, index) => {
    const words = alignedWords(pair.left.text, pair.right.text)
    return h('section.passage', {ariaLabel: `Passage ${index + 1}`}, [
      h('p.passage-head', [
        `Passage ${index + 1}: `,
        at(left, pair.left.block),
        ' and ',
        at(right, pair.right.block),
        `, similarity ${pair.similarity.toFixed(2)}, ${words.changes === 0 ? 'word for word' : `${words.changes} change${words.changes === 1 ? '' : 's'}`}`
      ]),
      h('div.pair', [
        h('div.side.left', {dir: textDirection(pair.left.text)}, words.left),
        h('div.side.right', {dir: textDirection(pair.right.text)}, words.right)
      ])
    ])
  })
  const translationRows = translated.map(({left: ours, right: theirs, link}, index) =>
    h('section.passage.translation', {ariaLabel: `Translated paragraph ${index + 1}`}, [
      h('p.passage-head', [
        `Paragraph ${index + 1}: `,
        at(left, ours.block),
        ` (${left.article.language ?? '?'}) and `,
        at(right, theirs.block),
        ` (${right.article.language ?? '?'}), score ${link.score.toFixed(2)}, ${translationBasis(link)}`
      ]),
      h('div.pair', [
        h('div.side.left', {dir: textDirection(ours.text)}, markedAnchors(ours.text, link.anchors)),
        h(
          'div.side.right',
          {dir: textDirection(theirs.text)},
          markedAnchors(
            theirs.text,
            link.anchors.map((anchor) => ({kind: anchor.kind, text: anchor.otherText}))
          )
        )
      ])
    ])
  )
  const agencies = new Set([...Object.keys(left.summary.agencies), ...Object.keys(right.summary.agencies)])
  const copyLegend: Array<Element | string> = [
    `${pairs.length} shared passage${pairs.length === 1 ? '' : 's'}. `,
    h('del', 'Struck through'),
    ': dropped in the copy. ',
    h('ins', 'Underlined'),
    ': inserted in the copy. ',
    h('del.changed', 'Changed'),
    ' / ',
    h('ins.changed', 'changed'),
    ': words the copy replaced, on both sides. '
  ]
  const translationLegend: Array<Element | string> = [
    `${translated.length} paragraph${translated.length === 1 ? '' : 's'} beside ${translated.length === 1 ? 'its translation' : 'their translations'}. `,
    h('mark.anchor', 'Marked'),
    ': what both texts hold, as each writes it (names, numbers, clock times, quotation marks), which the pair was matched on.'
  ]
  const content: ElementContent[] = [
    h('nav.crumbs', {ariaLabel: 'Reports'}, [
      h('a', {href: relativeHref(page, INDEX_PAGE)}, 'All articles'),
      h('a', {href: relativeHref(page, REUSE_PAGE)}, 'Shared text')
    ]),
    h('h1', 'Side by side'),
    h('div.pair.heads', [
      articleHeader(left, page, links, style, 'First text'),
      articleHeader(right, page, links, style, pairs.length === 0 && translated.length > 0 ? 'Translation' : 'Copy')
    ]),
    h('div.legend', [
      h('p', [...(pairs.length > 0 || translated.length === 0 ? copyLegend : []), ...(translated.length > 0 ? translationLegend : [])]),
      agencyLegend(style, agencies)
    ]),
    h(
      'main',
      rows.length + translationRows.length > 0 ? [...rows, ...translationRows] : [h('p', 'The two articles no longer share a passage or a translation.')]
    )
  ]
  return pageShell(
    {
      title: `${left.article.title ?? left.article.id} / ${right.article.title ?? right.article.id} · wiretrace`,
      lang: left.article.language === right.article.language ? left.article.language : null
    },
    content
  )
}
