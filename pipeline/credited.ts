/**
 * What "credited" means, everywhere wiretrace says it (the report's
 * `summary.credited`, the `uncredited-reuse` finding, the pages): an agency
 * is credited when the article's own text names it as the source of its
 * text, by a credit line, a dateline, a copyright line or a citation, or
 * when the agency published the article on its own site. A photo credit
 * names the source of a picture, not of the text; shared text and
 * translations carry an agency from another article.
 */
import type {ReportEvidence, ReportSource} from './report-schema.ts'

const CREDIT_KINDS: ReadonlySet<ReportEvidence['kind']> = new Set<ReportEvidence['kind']>(['credit', 'dateline', 'copyright', 'citation', 'site'])

/** Whether this evidence is the article crediting the agency: its own text, or the agency's own site publishing it. */
export function creditsText(evidence: Pick<ReportEvidence, 'kind'>): boolean {
  return CREDIT_KINDS.has(evidence.kind)
}

/** The agencies these sources credit, through the article's own text or its agency's own site. */
export function creditedAgencies(sources: Iterable<ReportSource>): Set<string> {
  const credited = new Set<string>()
  for (const source of sources) if (source.evidence.some(creditsText)) credited.add(source.agency)
  return credited
}
