/**
 * What "credited" means, everywhere wiretrace says it (the report's
 * `summary.credited`, the `uncredited-reuse` finding, the pages): an agency
 * is credited when the article's own text names it as the source of its
 * text, by a credit line, a dateline, a copyright line or a citation. A
 * photo credit names the source of a picture, not of the text; shared text
 * and translations carry an agency from another article.
 */
import type {ReportEvidence, ReportSource} from './report-schema.ts'

const TEXT_CREDIT_KINDS: ReadonlySet<ReportEvidence['kind']> = new Set<ReportEvidence['kind']>(['credit', 'dateline', 'copyright', 'citation'])

/** Whether this evidence is the article's own text crediting the agency. */
export function creditsText(evidence: Pick<ReportEvidence, 'kind'>): boolean {
  return TEXT_CREDIT_KINDS.has(evidence.kind)
}

/** The agencies these sources credit through the article's own text. */
export function creditedAgencies(sources: Iterable<ReportSource>): Set<string> {
  const credited = new Set<string>()
  for (const source of sources) if (source.evidence.some(creditsText)) credited.add(source.agency)
  return credited
}
