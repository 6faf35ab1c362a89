/**
 * Agency colours and names for every page of a site. Colours are handed out
 * in registry order to the agencies the run found, from a palette whose
 * first seven colours are Okabe and Ito's (distinct for readers with any
 * common colour-vision deficiency) followed by five of Paul Tol's muted
 * set; only a run with more than twelve agencies repeats a colour. Colour
 * is never the only signal: wherever a swatch stands, the agency's name
 * stands beside it, and each page carries a legend.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import {byCodeUnits} from '../../core/sorted-ids.ts'
import type {AgencyRegistry} from '../../pipeline/agencies.ts'

export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#332288',
  '#882255',
  '#999933',
  '#44AA99',
  '#AA4499'
] as const

export interface AgencyStyle {
  color(agency: string): string
  /** The agency's name as the registry gives it ("Anadolu Agency"); the id for an agency the registry does not know. */
  name(agency: string): string
  /** Agencies in registry order (the order of their colours). */
  order(agencies: Iterable<string>): string[]
}

/** Colours for `present` (the agencies a run found), in the registry's order, unknown agencies last. */
export function agencyStyle(registry: Pick<AgencyRegistry, 'agencies'>, present: Iterable<string>): AgencyStyle {
  const order = new Map(registry.agencies.map((agency, index) => [agency.id, index]))
  const names = new Map(registry.agencies.map((agency) => [agency.id, agency.name]))
  const rank = (agencies: Iterable<string>) =>
    [...new Set(agencies)].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || byCodeUnits(a, b))
  const colors = new Map(rank(present).map((agency, index) => [agency, PALETTE[index % PALETTE.length]!]))
  return {
    color: (agency) => colors.get(agency) ?? PALETTE[PALETTE.length - 1]!,
    name: (agency) => names.get(agency) ?? agency,
    order: rank
  }
}

/** A colour dot with the agency's name beside it. */
export function agencyLabel(style: AgencyStyle, agency: string, extra?: string): Element {
  return h('span.agency-label', [
    h('span.swatch', {style: `background: ${style.color(agency)}`, ariaHidden: 'true'}),
    `${style.name(agency)}${extra ? ` ${extra}` : ''}`
  ])
}

/** The legend of a page: every agency it colours, in registry order, each name beside its colour. */
export function agencyLegend(style: AgencyStyle, agencies: Iterable<string>): Element {
  const list = style.order(agencies)
  return h(
    'ul.chips.agency-legend',
    {ariaLabel: 'Agency colours'},
    list.length === 0 ? [h('li.chip', 'no agency found')] : list.map((agency) => h('li.chip', [agencyLabel(style, agency)]))
  )
}
