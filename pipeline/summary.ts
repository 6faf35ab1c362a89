/**
 * Stage: summary. Runs after attribution and reuse, just before the report:
 * sums up the agencies of the body paragraphs into
 *
 * - `file.data.agencyShares`: share of body characters per agency;
 * - `file.data.credited`: whether the text itself credits every agency it
 *   comes from (an agency known only from a photo credit or from shared
 *   text is not credited: the case a newsroom wants to see first); null
 *   when no agency is found;
 * - `file.data.chain`: the agencies the text went through, origin first,
 *   then the outlets that printed it, publisher last.
 *
 * `summariseReport` does the same on a finished report, for a step that adds
 * sources to reports written earlier.
 */
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {AgencyRegistry} from './agencies.ts'
import {codePointLength} from '../core/text.ts'
import {creditedAgencies} from './credited.ts'
import {blocksOf} from './data.ts'
import type {Report, ReportSource} from './report-schema.ts'
import {blockCleanText} from './block-view.ts'

export interface SummaryOptions {
  registry: AgencyRegistry
}

/** Shares are rounded so reports stay stable and readable. */
const SHARE_DECIMALS = 4

/** What the summary needs of a block. */
export interface SummaryBlock {
  role: string
  /** Code points of the text a reader reads (the report's `clean`). */
  characters: number
  sources: ReportSource[]
}

export interface Summary {
  agencyShares: Record<string, number>
  credited: boolean | null
  chain: string[]
}

export const wiretraceSummary: Plugin<[SummaryOptions], Root> = function (options) {
  return function (tree, file) {
    const text = String(file.value)
    const blocks = blocksOf(tree).map(({node, block}) => ({
      role: block.role ?? 'body',
      characters: codePointLength(blockCleanText(text, node, block)),
      sources: block.sources ?? []
    }))
    const summary = summarise(
      blocks,
      (file.data.outlets ?? []).map((outlet) => outlet.id),
      options.registry
    )
    file.data.agencyShares = summary.agencyShares
    file.data.credited = summary.credited
    file.data.chain = summary.chain
  }
}

/** The same summary for a finished report (after sources were added to it): a new report, the input untouched. */
export function summariseReport(report: Report, registry: AgencyRegistry): Report {
  const blocks = report.blocks.map((block) => ({role: block.role, characters: codePointLength(block.clean), sources: block.sources}))
  const summary = summarise(
    blocks,
    report.article.outlets.map((outlet) => outlet.id),
    registry
  )
  return {
    ...report,
    article: {...report.article, chain: summary.chain},
    summary: {...report.summary, agencies: summary.agencyShares, credited: summary.credited}
  }
}

/**
 * @param blocks every block of the article, in order
 * @param outlets ids of the outlets recognised in the text, in the order they appear
 */
export function summarise(blocks: SummaryBlock[], outlets: string[], registry: AgencyRegistry): Summary {
  const body = blocks.filter((block) => block.role === 'body')
  const total = body.reduce((sum, block) => sum + block.characters, 0)
  const characters = new Map<string, number>()
  for (const block of body) {
    for (const agency of new Set(block.sources.map((source) => source.agency))) characters.set(agency, (characters.get(agency) ?? 0) + block.characters)
  }
  const agencyShares = Object.fromEntries([...characters].map(([agency, count]) => [agency, total > 0 ? round(count / total) : 0]))
  const sources = body.flatMap((block) => block.sources)
  const creditedInText = creditedAgencies(sources)
  const credited = characters.size === 0 ? null : [...characters.keys()].every((agency) => creditedInText.has(agency))
  return {agencyShares, credited, chain: chainOf(sources, outlets, registry)}
}

/**
 * Agencies the text went through, origin first: those never seen relaying
 * another, then the relays, each group in order of first appearance; then
 * the outlets that are not an agency of the chain. A photo credit alone
 * does not put an agency in the chain: it says who took the picture.
 */
function chainOf(sources: ReportSource[], outlets: string[], registry: AgencyRegistry): string[] {
  const throughText = sources.filter((source) => source.evidence.some((evidence) => evidence.kind !== 'photo-credit'))
  const agencies = [...new Set(throughText.map((source) => source.agency))]
  if (agencies.length === 0) return []
  const relays = new Set(throughText.filter((source) => source.role === 'intermediary').map((source) => source.agency))
  const ordered = [...agencies.filter((agency) => !relays.has(agency)), ...agencies.filter((agency) => relays.has(agency))]
  const printers = outlets.filter((outlet) => !ordered.includes(registry.agencyOfOutlet(outlet) ?? ''))
  return [...ordered, ...new Set(printers)]
}

/** Code points of a block as a reader reads it: removed spans cut, white space folded (as the report's `clean`). */
function round(share: number): number {
  const scale = 10 ** SHARE_DECIMALS
  return Math.round(share * scale) / scale
}
