/**
 * What a reader of a report is shown about uncredited reuse, and what
 * `wiretrace check` judges by.
 *
 * **Uncredited reuse.** The article's *credited agencies* are those its own
 * text credits: by a credit line, a dateline, a copyright line or a citation
 * (pipeline/credited.ts). A body block is *uncredited reuse* when its `sources` name
 * at least one agency, each of them only through evidence of kind `reuse`
 * (the agency reached the block through text it shares with another
 * article, `evidence[].article`), and none of them is a credited agency.
 * So an article that copies wire copy from another outlet and names no
 * agency for it is flagged; one that credits the agency anywhere in its own
 * text is not. Partial credit (naming the intermediary, not the origin) is
 * not flagged here; it shows as `summary.credited: false` in the report.
 *
 * **Uncredited share.** The share of the article's body inside the shared
 * passages (`reuse[].span`) behind the evidence of uncredited-reuse blocks,
 * counted in code points of the body blocks as `summary.reused` counts
 * them, so it is never more than the reused share.
 */
import {creditedAgencies} from '../pipeline/credited.ts'
import type {Report, ReportBlock, ReportReuse} from '../pipeline/report-schema.ts'

export interface UncreditedBlock {
  block: ReportBlock
  agencies: string[]
  links: ReportReuse[]
}

/** The body blocks of a report that are uncredited reuse (see the module comment). */
export function uncreditedReuse(report: Report): UncreditedBlock[] {
  const credited = creditedInArticle(report)
  const out: UncreditedBlock[] = []
  for (const block of report.blocks) {
    if (block.role !== 'body' || block.sources.length === 0) continue
    const onlyThroughReuse = block.sources.every((source) => source.evidence.length > 0 && source.evidence.every((evidence) => evidence.kind === 'reuse'))
    if (!onlyThroughReuse || block.sources.some((source) => credited.has(source.agency))) continue
    const evidence = block.sources.flatMap((source) => source.evidence)
    const behind = block.reuse.filter((link) =>
      evidence.some((item) => item.article === link.article && item.block === link.block && item.start === link.otherSpan[0] && item.end === link.otherSpan[1])
    )
    out.push({block, agencies: [...new Set(block.sources.map((source) => source.agency))].sort(), links: behind.length > 0 ? behind : block.reuse})
  }
  return out
}

/** The agencies the article's own text credits, in any block (see pipeline/credited.ts). */
export function creditedInArticle(report: Report): Set<string> {
  return creditedAgencies(report.blocks.flatMap((block) => block.sources))
}

/** Share of the body inside the passages behind uncredited reuse; null for an article without body. */
export function uncreditedShare(report: Report, uncredited = uncreditedReuse(report)): number | null {
  const body = bodyLength(report)
  if (body === 0) return null
  return Math.min(1, Math.round((coveredLength(uncredited.flatMap(({links}) => links.map((link) => link.span))) / body) * 1000) / 1000)
}

/** Code points of the body blocks (cut spans included), the base `summary.reused` is a share of. */
export function bodyLength(report: Report): number {
  return report.blocks.filter((block) => block.role === 'body').reduce((sum, block) => sum + block.end - block.start, 0)
}

/** Code points covered by a set of possibly overlapping spans. */
export function coveredLength(spans: ReadonlyArray<readonly [number, number]>): number {
  let covered = 0
  let end = -1
  for (const [start, stop] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (stop <= end) continue
    covered += stop - Math.max(start, end)
    end = stop
  }
  return covered
}
