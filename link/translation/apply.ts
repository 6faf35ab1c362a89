/**
 * Turns the links the translation pass found into report patches: each
 * block gains `translations[]`, an uncredited paragraph that translates a
 * credited one gains the agency with evidence of kind `translation`, and
 * the summary its translated share, agencies and chain, recomputed.
 */
import type {AgencyRegistry} from '../../pipeline/agencies.ts'
import type {Report, ReportBlock, ReportSource, ReportTranslation} from '../../pipeline/report-schema.ts'
import {reportSchema} from '../../pipeline/report-schema.ts'
import {summariseReport} from '../../pipeline/summary.ts'
import type {TranslationConfig} from './config.ts'
import type {TranslationLink, TranslationRun} from './link.ts'
import {isEarlier} from '../../core/dates.ts'
import {carryAgencies, evidenceExcerpt} from '../carry.ts'

export const TRANSLATION_RULE = 'translation/anchors'

/** Evidence that a block's own text names the agency: what may travel over a translation (one hop, as over reuse). */
const OWN_TEXT: ReadonlySet<string> = new Set(['credit', 'dateline', 'copyright', 'citation'])

/**
 * The reports of a run with their translation links, every one of them
 * (a report without links gets `translations: []` and `summary.translated: 0`).
 * The inputs are not modified.
 */
export function applyTranslations(reports: Report[], run: TranslationRun, registry: AgencyRegistry, config: TranslationConfig): Report[] {
  const byId = new Map(reports.map((report) => [report.article.id, report]))
  return reports.map((report) => {
    const links = run.links.get(report.article.id) ?? []
    const blocks = report.blocks.map((block) => {
      const mine = links.filter((link) => link.block === block.id)
      const translations = mine.map((link) => entry(link, report, byId.get(link.article)))
      let sources = block.sources
      // Only an uncredited paragraph takes the agency of its original (a translator's own credit says who it relays),
      // and only from a pair found directly: a pair through a third language is a guess on a guess.
      const credited = block.sources.some((source) => source.evidence.some((evidence) => OWN_TEXT.has(evidence.kind)))
      if (!credited && config.carryAgencies) for (const link of mine.filter((link) => link.by !== 'pivot')) sources = carry(sources, link, byId.get(link.article), config)
      return {...block, translations, sources}
    })
    const patched = summariseReport({...report, blocks, summary: {...report.summary, translated: translatedShare(blocks)}}, registry)
    return reportSchema.parse(patched)
  })
}

function entry(link: TranslationLink, self: Report, other: Report | undefined): ReportTranslation {
  return {
    article: link.article,
    block: link.otherBlock,
    lines: link.otherLines,
    score: link.score,
    span: link.span,
    otherSpan: link.otherSpan,
    anchors: link.anchors,
    by: link.by,
    ...(link.via ? {via: link.via} : {}),
    earlier: isEarlier(other ? (other.article.published ?? other.article.date) : null, self.article.published ?? self.article.date)
  }
}

/** The other paragraph's own credited agencies, added to this block with the translated paragraph as evidence. */
function carry(sources: ReportSource[], link: TranslationLink, other: Report | undefined, config: TranslationConfig): ReportSource[] {
  const otherBlock = other?.blocks.find((block) => block.id === link.otherBlock)
  if (!otherBlock) return sources
  const credited = otherBlock.sources.filter((source) => source.evidence.some((evidence) => OWN_TEXT.has(evidence.kind)))
  return carryAgencies(sources, credited, {
    evidence: {
      kind: 'translation',
      position: 'translated-text',
      ruleId: TRANSLATION_RULE,
      block: otherBlock.id,
      article: link.article,
      start: link.otherSpan[0],
      end: link.otherSpan[1],
      text: evidenceExcerpt(otherBlock.clean)
    },
    confidenceOf: (own) => Math.round(own.confidence * link.score * config.weight * 100) / 100,
    addNew: true
  })
}

/** Share of body characters in blocks linked to a translation. */
function translatedShare(blocks: Array<ReportBlock & {translations: ReportTranslation[]}>): number {
  const body = blocks.filter((block) => block.role === 'body')
  const total = body.reduce((sum, block) => sum + [...block.clean].length, 0)
  if (total === 0) return 0
  const linked = body.filter((block) => block.translations.length > 0).reduce((sum, block) => sum + [...block.clean].length, 0)
  return Math.round((linked / total) * 10000) / 10000
}
