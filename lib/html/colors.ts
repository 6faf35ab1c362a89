/**
 * One colour per agency, the same on every page and every run: the agency
 * id picks from the Okabe–Ito palette, which stays distinct for readers
 * with colour-blindness. Colour is never the only signal: every coloured
 * paragraph also names its agencies in words.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#7F7F7F'] as const

/** The colour of an agency. */
export function agencyColor(agency: string): string {
  let hash = 0
  for (const char of agency) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
