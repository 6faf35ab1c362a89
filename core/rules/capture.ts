/**
 * What a rule's match captures, the same for the boilerplate stage and for
 * `rules test`: the named group `value` (or the whole match) for the rule's
 * `field`, the named group `agency` for its `evidence`, white space at the
 * edges left out. An empty capture is no capture.
 */
import type {CompiledRule} from './load.ts'

export interface Captures {
  value?: string
  agency?: string
}

export function capturesOf(rule: Pick<CompiledRule, 'field' | 'evidence'>, match: RegExpExecArray): Captures {
  const value = rule.field ? (match.groups?.value ?? match[0]).trim() : ''
  const agency = rule.evidence ? (match.groups?.agency ?? '').trim() : ''
  return {...(value ? {value} : {}), ...(agency ? {agency} : {})}
}
