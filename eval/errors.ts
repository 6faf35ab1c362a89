/**
 * Where the agency errors of a run come from, derived mechanically from the
 * reports and the gold, so the next person sees what to work on. Every gold
 * body line whose agencies the scorer counts wrong (the same lines as
 * `sources.accuracy`, by the same rules) falls in exactly one class, tried
 * in this order:
 *
 * - `role`: the line is not body in the report, so it carries no agency;
 * - `reuse`: the report gives an agency the gold does not want, and only
 *   text shared with another article points to it;
 * - `chain`: the report gives some of the wanted agencies and nothing else
 *   (an origin or an intermediary of the chain is missing);
 * - `credit`: a wanted agency is missing and its name stands in the
 *   article's text where credits stand (a line that is not body, or the first
 *   or last words of a body line): a credit position not read;
 * - `citation`: a wanted agency is missing and its name stands inside the
 *   running text: a citation not read;
 * - `unnamed`: a wanted agency is missing and the text never names it (only
 *   reuse or knowledge of the outlet could give it);
 * - `extra`: the report gives an unwanted agency from the article's own
 *   text (a citation carried too far, a credit misread).
 */
import type {AgencyRegistry} from '../pipeline/agencies.ts'
import {expandLines, type Gold} from './gold.ts'
import {blankLines, type ScoredReport} from './score.ts'

export const AGENCY_ERROR_CLASSES = ['credit', 'citation', 'chain', 'role', 'reuse', 'unnamed', 'extra'] as const
export type AgencyErrorClass = (typeof AGENCY_ERROR_CLASSES)[number]
export type AgencyErrorCounts = Record<AgencyErrorClass, number>

/** What each class is called in the eval output. */
export const AGENCY_ERROR_LABELS: Record<AgencyErrorClass, string> = {
  credit: 'credit position not read',
  citation: 'citation missed',
  chain: 'chain missing',
  role: 'lost to a role error',
  reuse: 'wrong agency carried by reuse',
  unnamed: 'agency not named in the text',
  extra: 'wrong agency from the text'
}

/** Characters at either end of a body line that count as a credit position (a dateline, a sign-off). */
const EDGE_CHARS = 40

interface LooseBlock {
  lines?: number[] | null
  role?: string | null
  text?: unknown
  sources?: Array<{agency?: string; evidence?: unknown}> | null
}

/** Counts the wrong agency lines of some reports against a gold, by class. */
export function classifyAgencyErrors(gold: Gold, reports: Map<string, ScoredReport>, textDirs: string[], registry: AgencyRegistry): AgencyErrorCounts {
  const counts = Object.fromEntries(AGENCY_ERROR_CLASSES.map((name) => [name, 0])) as AgencyErrorCounts
  for (const [name, article] of Object.entries(gold.articles)) {
    const report = reports.get(name)
    if (!report) continue
    const blanks = blankLines(name, textDirs)
    const labelled = (spec: string) => expandLines(spec).filter((line) => !blanks.has(line))
    const body = new Set(Object.entries(article.roles).flatMap(([spec, role]) => (role === 'body' ? labelled(spec) : [])))
    const blocks = report.blocks as LooseBlock[]
    const byLine = new Map<number, LooseBlock>()
    for (const block of blocks) {
      const [first, last] = block.lines ?? []
      if (first === undefined || last === undefined || block.lines?.length !== 2) continue
      for (let line = first; line <= last; line++) byLine.set(line, block)
    }
    const named = namedIn(blocks, registry)
    for (const [spec, want] of Object.entries(article.sources)) {
      const alternative = article.acceptAlso?.[spec]
      for (const line of labelled(spec)) {
        if (!body.has(line)) continue
        const block = byLine.get(line)
        const got = new Set((block?.sources ?? []).map((source) => (source.agency ?? '').toLowerCase()))
        const right = (set: readonly string[]) => set.length === got.size && set.every((agency) => got.has(agency))
        if (right(want) || (alternative !== undefined && right(alternative))) continue
        counts[classify(block, got, want, named)]++
      }
    }
  }
  return counts
}

function classify(block: LooseBlock | undefined, got: Set<string>, want: readonly string[], named: Map<string, 'credit' | 'citation'>): AgencyErrorClass {
  if (block?.role !== 'body') return 'role'
  const unwanted = (block.sources ?? []).filter((source) => !want.includes((source.agency ?? '').toLowerCase()))
  if (unwanted.some((source) => evidenceKinds(source.evidence).every((kind) => kind === 'reuse'))) return 'reuse'
  const missing = want.filter((agency) => !got.has(agency))
  if (missing.length > 0 && got.size > 0 && unwanted.length === 0) return 'chain'
  if (missing.length > 0) {
    const where = missing.map((agency) => named.get(agency))
    if (where.includes('credit')) return 'credit'
    if (where.includes('citation')) return 'citation'
    return unwanted.length > 0 ? 'extra' : 'unnamed'
  }
  return 'extra'
}

function evidenceKinds(evidence: unknown): string[] {
  if (!Array.isArray(evidence)) return []
  return evidence.map((item) => (typeof item === 'object' && item !== null && 'kind' in item ? String(item.kind) : ''))
}

/** Each agency the article's text names, and whether it stands once at least where credits stand. */
function namedIn(blocks: LooseBlock[], registry: AgencyRegistry): Map<string, 'credit' | 'citation'> {
  const named = new Map<string, 'credit' | 'citation'>()
  for (const block of blocks) {
    if (typeof block.text !== 'string') continue
    const text = block.text
    for (const mention of registry.resolve(text)) {
      const atEdge = block.role !== 'body' || mention.start < EDGE_CHARS || text.length - mention.end < EDGE_CHARS
      if (atEdge) named.set(mention.agency, 'credit')
      else if (!named.has(mention.agency)) named.set(mention.agency, 'citation')
    }
  }
  return named
}
