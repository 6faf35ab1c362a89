/**
 * Where each outlet names itself in an article: the first line one of its
 * `recognise` patterns matches. The patterns of every outlet are joined into
 * one expression per flag set and tested once per line, so a line that names
 * no outlet (nearly every line) costs a scan or two instead of one per
 * pattern of every outlet; only the lines the joined expression matches are
 * tried outlet by outlet. A pattern that cannot be joined without changing
 * what it matches (a backreference or a named group, whose numbering or name
 * the join would clash) is tested on its own. Rule patterns are compiled
 * without the global flag (`compile`), so testing one keeps no state.
 */
import type {Outlet} from './load.ts'

interface Prefilter {
  joined: RegExp[]
  alone: RegExp[]
}

const prefilters = new WeakMap<readonly Outlet[], Prefilter>()

/** A backreference (`\1`, `\k<name>`) or a named group (`(?<name>`, not a lookbehind). */
const NUMBERED_OR_NAMED = /\\[1-9]|\\k<|\(\?<(?![=!])/

function prefilterOf(outlets: readonly Outlet[]): Prefilter {
  let prefilter = prefilters.get(outlets)
  if (!prefilter) {
    const byFlags = new Map<string, string[]>()
    const alone: RegExp[] = []
    for (const pattern of outlets.flatMap((outlet) => outlet.recognise)) {
      if (NUMBERED_OR_NAMED.test(pattern.source)) alone.push(pattern)
      else byFlags.set(pattern.flags, [...(byFlags.get(pattern.flags) ?? []), `(?:${pattern.source})`])
    }
    prefilter = {joined: [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags)), alone}
    prefilters.set(outlets, prefilter)
  }
  return prefilter
}

/**
 * For each outlet, in order, the index of the first of `lines` that one of
 * its patterns matches, or -1: what
 * `lines.findIndex((line) => outlet.recognise.some((pattern) => pattern.test(line)))`
 * gives.
 */
export function recognisedLines(outlets: readonly Outlet[], lines: readonly string[]): number[] {
  if (outlets.length === 0) return []
  const {joined, alone} = prefilterOf(outlets)
  const candidates: number[] = []
  for (const [index, line] of lines.entries()) {
    if (joined.some((expression) => expression.test(line)) || alone.some((pattern) => pattern.test(line))) candidates.push(index)
  }
  return outlets.map((outlet) => candidates.find((index) => outlet.recognise.some((pattern) => pattern.test(lines[index]!))) ?? -1)
}
