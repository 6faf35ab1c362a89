/**
 * Which outlets a line names, by their `recognise` patterns. The corpus count and the outlet stage both test every
 * outlet's patterns on every line of every article, and the lines that name an outlet (its masthead, its footer, its
 * address) are the ones its pages print again and again: what a short line recognises is remembered across articles,
 * per list of outlets (`lineMemoPer`).
 */
import {lineMemoPer} from '../bounded-memo.ts'
import type {Outlet} from './load.ts'

/** The places in `outlets` of the outlets one of whose patterns matches `reading`, in order; shared, so read only. */
const recognisedIn = lineMemoPer((outlets: readonly Outlet[], reading: string): readonly number[] => {
  const places: number[] = []
  for (const [place, outlet] of outlets.entries()) if (outlet.recognise.some((pattern) => pattern.test(reading))) places.push(place)
  return places
})

/**
 * For each outlet (by its place in `outlets`) that some line recognises, the first such line (by its place in
 * `readings`, the lines as `matchText` reads them).
 */
export function firstLinesRecognising(outlets: readonly Outlet[], readings: readonly string[]): Map<number, number> {
  const first = new Map<number, number>()
  if (outlets.length === 0) return first
  for (const [line, reading] of readings.entries()) for (const place of recognisedIn(outlets, reading)) if (!first.has(place)) first.set(place, line)
  return first
}
