/**
 * Agencies carried to a paragraph from a paragraph of another article that
 * it shares text with or translates: the one mechanism both linkers use.
 */
import type {ReportEvidence, ReportSource} from '../pipeline/report-schema.ts'

/** Longest excerpt of the other article's passage kept as evidence text. */
const EVIDENCE_TEXT_CHARS = 160

/** The passage's text as evidence: cut to a readable length. */
export function evidenceExcerpt(text: string): string {
  return text.length > EVIDENCE_TEXT_CHARS ? `${text.slice(0, EVIDENCE_TEXT_CHARS - 1)}…` : text
}

export interface CarryOptions {
  /** The passage in the other article, the evidence for every agency carried. */
  evidence: ReportEvidence
  /** Confidence of an agency carried over, from the other side's. */
  confidenceOf: (other: Pick<ReportSource, 'confidence'>) => number
  /** Whether agencies the paragraph does not have yet are added; when false the passage only confirms those it has. */
  addNew: boolean
}

/**
 * The paragraph's sources with the other paragraph's agencies carried over.
 * An agency the paragraph already has gains the passage as evidence only
 * when all its evidence was carried the same way (its own credit needs no
 * confirmation).
 */
export function carryAgencies(
  sources: ReportSource[],
  others: ReadonlyArray<Pick<ReportSource, 'agency' | 'confidence' | 'role'>>,
  options: CarryOptions
): ReportSource[] {
  const {evidence, confidenceOf, addNew} = options
  const out = sources.map((source) => ({...source, evidence: [...source.evidence]}))
  for (const other of others) {
    const existing = out.find((source) => source.agency === other.agency)
    if (existing) {
      if (existing.evidence.every((item) => item.kind === evidence.kind)) existing.evidence.push({...evidence})
      continue
    }
    if (addNew) out.push({agency: other.agency, confidence: confidenceOf(other), role: other.role, evidence: [{...evidence}]})
  }
  return out
}
