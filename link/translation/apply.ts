/**
 * Turns the links the translation pass found into a report patch: each
 * block gains `translations[]`, an uncredited paragraph that translates a
 * credited one gains the agency with evidence of kind `translation` (when
 * the settings turn the carry on), and the summary its translated share.
 * The link step recomputes the rest of the summary.
 */
import type {Report, ReportBlock, ReportSource, ReportTranslation} from '../../pipeline/report-schema.ts'
import type {TranslationConfig} from './config.ts'
import {FOUND_DIRECTLY, OWN_TEXT, type TranslationLink, type TranslationRow} from './link.ts'
import {isEarlier} from '../../core/dates.ts'
import {codePointLength} from '../../core/text.ts'
import {carryAgencies, evidenceExcerpt} from '../carry.ts'

export const TRANSLATION_RULE = 'translation/anchors'

/**
 * The report with its translation links (and the agencies they carry)
 * rewritten from `links`, its links as the pass found them now; `others`
 * holds the rows of the articles they point to (their dates). Earlier translation links
 * and the agencies they carried are dropped first. The input is not modified.
 */
export function patchTranslations(
  report: Report,
  links: readonly TranslationLink[],
  others: Pick<ReadonlyMap<string, Pick<TranslationRow, 'published'>>, 'get'>,
  config: TranslationConfig
): Report {
  const published = report.article.published ?? report.article.date
  const blocks = report.blocks.map((block) => {
    const mine = links.filter((link) => link.block === block.id)
    const translations = mine.map((link) => entry(link, published, others.get(link.article)))
    let sources = withoutTranslations(block.sources)
    // Only an uncredited paragraph takes the agency of its original (a translator's own credit says who it relays),
    // and only from a pair found directly: a pair through a third language or carried from a copy is a guess on a guess
    // (a copy takes its source's agencies over the reuse link already).
    const credited = sources.some((source) => source.evidence.some((evidence) => OWN_TEXT.has(evidence.kind)))
    if (!credited && config.carryAgencies) for (const link of mine.filter((link) => FOUND_DIRECTLY.has(link.by))) sources = carry(sources, link, config)
    return {...block, translations, sources}
  })
  return {...report, blocks, summary: {...report.summary, translated: translatedShare(blocks)}}
}

function entry(link: TranslationLink, published: string | null, other: Pick<TranslationRow, 'published'> | undefined): ReportTranslation {
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
    ...(link.viaBlock ? {viaBlock: link.viaBlock} : {}),
    earlier: isEarlier(other?.published ?? null, published)
  }
}

/** Sources without what earlier translation links carried. */
function withoutTranslations(sources: ReportSource[]): ReportSource[] {
  return sources
    .map((source) => ({...source, evidence: source.evidence.filter((evidence) => evidence.kind !== 'translation')}))
    .filter((source) => source.evidence.length > 0)
}

/** The other paragraph's own credited agencies, added to this block with the translated paragraph as evidence. */
function carry(sources: ReportSource[], link: TranslationLink, config: TranslationConfig): ReportSource[] {
  if (link.otherCredited.length === 0) return sources
  return carryAgencies(sources, link.otherCredited, {
    evidence: {
      kind: 'translation',
      position: 'translated-text',
      ruleId: TRANSLATION_RULE,
      block: link.otherBlock,
      article: link.article,
      start: link.otherSpan[0],
      end: link.otherSpan[1],
      text: evidenceExcerpt(link.otherExcerpt)
    },
    confidenceOf: (own) => Math.round(own.confidence * link.score * config.weight * 100) / 100,
    addNew: true
  })
}

/** Share of body characters in blocks linked to a translation. */
export function translatedShare(blocks: Array<ReportBlock & {translations: ReportTranslation[]}>): number {
  const body = blocks.filter((block) => block.role === 'body')
  const total = body.reduce((sum, block) => sum + codePointLength(block.clean), 0)
  if (total === 0) return 0
  const linked = body.filter((block) => block.translations.length > 0).reduce((sum, block) => sum + codePointLength(block.clean), 0)
  return Math.round((linked / total) * 10000) / 10000
}
