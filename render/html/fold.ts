/**
 * Folding copies. A paragraph of a wire story printed by 80 outlets has 80
 * reuse links; a page that lists them all is unreadable and heavy. A block
 * shows its few best links, ranked so the one a reader wants comes first:
 * the copy its agency is credited through, then copies published earlier,
 * then the closest; the others are counted and listed once per page.
 * Works on the links reports carry (`blocks[].reuse`), one per shared
 * passage, so it holds whether or not the corpus step folded them first.
 * Translation links (`blocks[].translations`) fold the same way: the likely
 * original first, then the highest score.
 */
import type {Report, ReportBlock, ReportReuse, ReportTranslation} from '../../pipeline/report-schema.ts'

/** Links a paragraph shows before the rest are folded into a count. */
export const SHOWN_LINKS = 3

/** The articles the block's agencies were carried from through shared text. */
function creditedThrough(block: ReportBlock): Set<string> {
  return new Set(
    block.sources.flatMap((source) => source.evidence.flatMap((evidence) => (evidence.kind === 'reuse' && evidence.article ? [evidence.article] : [])))
  )
}

function rank(through: Set<string>): (a: ReportReuse, b: ReportReuse) => number {
  const key = (link: ReportReuse): [number, number, number, string] => [
    through.has(link.article) ? 0 : 1,
    link.earlier === true ? 0 : 1,
    -link.similarity,
    link.article
  ]
  return (a, b) => {
    const [x, y] = [key(a), key(b)]
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0)
  }
}

/** One link per other article (its closest passage), best first; repeats inside the article left out. */
export function rankedLinks(block: ReportBlock, self: string): ReportReuse[] {
  const best = new Map<string, ReportReuse>()
  for (const link of block.reuse) {
    if (link.article === self) continue
    const known = best.get(link.article)
    if (!known || link.similarity > known.similarity) best.set(link.article, link)
  }
  return [...best.values()].sort(rank(creditedThrough(block)))
}

/**
 * The article this one is best compared with: the one most of its body
 * paragraphs rank first (the credited or earliest copy), or null when it
 * shares no text. Its side-by-side page is written for every article.
 */
export function leadPartner(report: Report): string | null {
  const votes = new Map<string, number>()
  for (const block of report.blocks) {
    if (block.role !== 'body') continue
    const first = rankedLinks(block, report.article.id)[0]
    if (first) votes.set(first.article, (votes.get(first.article) ?? 0) + (block.end - block.start))
  }
  let lead: string | null = null
  for (const [article, weight] of votes) if (lead === null || weight > votes.get(lead)! || (weight === votes.get(lead)! && article < lead)) lead = article
  return lead
}

/** Every other article the report shares text with, with the lines of this article it shares, in order of first appearance. */
export function copiesOf(report: Report): Array<{article: string; block: string; lines: number[]; similarity: number}> {
  const copies = new Map<string, {article: string; block: string; lines: number[]; similarity: number}>()
  for (const block of report.blocks) {
    for (const link of rankedLinks(block, report.article.id)) {
      const entry = copies.get(link.article) ?? {article: link.article, block: link.block, lines: [], similarity: 0}
      if (!entry.lines.includes(block.lines[0])) entry.lines.push(block.lines[0])
      entry.similarity = Math.max(entry.similarity, link.similarity)
      copies.set(link.article, entry)
    }
  }
  return [...copies.values()]
}

/** One translation link per other article (its best-scored paragraph): the likely original first, then the highest score. */
export function rankedTranslations(block: ReportBlock): ReportTranslation[] {
  const best = new Map<string, ReportTranslation>()
  for (const link of block.translations) {
    const known = best.get(link.article)
    if (!known || link.score > known.score) best.set(link.article, link)
  }
  const key = (link: ReportTranslation): [number, number, string] => [link.earlier === true ? 0 : 1, -link.score, link.article]
  return [...best.values()].sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0)
  })
}

/**
 * The articles in other languages this one is best read beside: those whose
 * translations cover the most of its text, at most `count`. Each gets a
 * side-by-side page, so a story translated into many languages still costs
 * a few pages per article.
 */
export function translationPartners(report: Report, count: number): string[] {
  const covered = new Map<string, number>()
  for (const block of report.blocks) {
    for (const link of rankedTranslations(block)) covered.set(link.article, (covered.get(link.article) ?? 0) + (link.span[1] - link.span[0]))
  }
  return [...covered]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([article]) => article)
}

/** How a translation pair was found, in words. */
export function translationBasis(link: ReportTranslation): string {
  if (link.by === 'sequence') return 'placed between matched paragraphs'
  if (link.by === 'pivot') return `through a translation in a third article${link.via ? ` (${link.via})` : ''}`
  if (link.by === 'copy') return `through ${link.via} (${link.viaBlock}), which one side copies and the other translates`
  return `matched on ${link.anchors.length} shared name${link.anchors.length === 1 ? '' : 's'}, number${link.anchors.length === 1 ? '' : 's'} or quote${link.anchors.length === 1 ? '' : 's'}`
}
