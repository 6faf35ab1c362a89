/**
 * Catastrophic backtracking in rule patterns, found before a rule runs.
 *
 * The verdict is safe-regex2's (star height: a group repeated without
 * bound that holds another repetition, as in `(a+)+$`, can try
 * exponentially many ways to split a line that almost matches). Two
 * rewrites go first, for analysis only, because safe-regex2 counts every
 * quantifier as an unbounded loop:
 *
 * - a group repeated a bounded number of times (`(?:Foto\s*:\s*)?`,
 *   `(?:\s\p{Lu}\p{L}*){0,2}`) cannot blow up exponentially, so it is
 *   analysed as an alternation with the empty string;
 * - lookbehind and inline modifier groups, which safe-regex2's parser does
 *   not read, are analysed as plain groups.
 *
 * safe-regex2 does not see ambiguity between the alternatives of a repeated
 * group (`^(?:[\w ]|[\w ])*$`), so a pattern with a repeated group is also
 * run, under a short time budget, on lines built to make such a group
 * backtrack: one character repeated (letters, digits, spaces, punctuation,
 * and the pattern's own letters), after the pattern's literal opening, then
 * a character that ends the match. A pattern that runs out of time there is
 * refused.
 *
 * Slowness that grows only as a power of the line's length (`\s*\s*$`) is
 * not caught here; the time budget every user pattern runs under stops a
 * file that gets slow.
 */
import safeRegex from 'safe-regex2'
import {TimeBudgetError, withinTimeBudget} from './budget.ts'

/** How long the probe lines may take a pattern, all together: a safe pattern takes well under a millisecond. */
const PROBE_BUDGET_MS = 200
/** Repetitions of the probe character: 2^28 ways to split the line for an ambiguous group, a handful of steps for a safe one. */
const PROBE_LENGTH = 28
const PROBE_CHARACTERS = [' ', 'a', 'A', 'z', '1', '.', ',', '-', '_', ':', '/', "'", '"', '(', 'é', 'я', 'ب', '字', '\t']
const PROBE_ENDS = ['\u0000', '!', '\n']

/** safe-regex2 also refuses patterns with many quantifiers in a row; only nesting matters here. */
const NO_REPETITION_LIMIT = {limit: Number.MAX_SAFE_INTEGER}

/** Why a pattern can backtrack catastrophically, or undefined when the analyser finds no risk. */
export function backtrackingRisk(pattern: string, flags = 'u'): string | undefined {
  if (safeRegex(analysable(pattern), NO_REPETITION_LIMIT)) return slowOnProbes(pattern, flags)
  return 'can backtrack catastrophically: a group repeated without bound contains another repetition (as in "(a+)+"), so a line that almost matches can take years; use one bounded character class such as [\\p{L} .]{2,40} instead of a repeated group (or the pattern uses syntax the analyser, safe-regex2, cannot read)'
}

/**
 * The pattern as safe-regex2 should see it: every group repeated a bounded
 * number of times becomes an alternation with the empty string; lookbehind
 * and modifier groups become plain groups.
 */
function analysable(pattern: string): string {
  let out = ''
  let index = 0
  while (index < pattern.length) {
    const char = pattern[index]!
    if (char === '\\') {
      out += pattern.slice(index, index + 2)
      index += 2
    } else if (char === '[') {
      const end = classEnd(pattern, index)
      out += pattern.slice(index, end)
      index = end
    } else if (char === '(') {
      const special = /^\(\?(?:<[=!]|[imsx-]+:)/.exec(pattern.slice(index, index + 12))
      out += special ? '(?:' : '('
      index += special ? special[0].length : 1
    } else if (char === ')') {
      const quantifier = /^(?:\?|\{\d+(?:,\d+)?\})\??/.exec(pattern.slice(index + 1))
      out += quantifier ? '|)' : ')'
      index += 1 + (quantifier?.[0].length ?? 0)
    } else {
      out += char
      index += 1
    }
  }
  return out
}

/** Index just after the `]` closing the character class that opens at `start`. */
function classEnd(pattern: string, start: number): number {
  let index = start + 1
  while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1
  return Math.min(index + 1, pattern.length)
}

/** Why a pattern with a repeated group is refused after running out of time on the probe lines, or undefined. */
function slowOnProbes(pattern: string, flags: string): string | undefined {
  if (!/\)(?:[*+]|\{\d+,\d*\})/.test(pattern)) return undefined
  let regex: RegExp
  try {
    regex = new RegExp(pattern, flags.replace(/[gy]/g, ''))
  } catch {
    return undefined
  }
  const letters = [...new Set(pattern.replace(/\\./g, '').match(/\p{L}/gu) ?? [])].slice(0, 24)
  const opening = /^\^?((?:[^\\[\](){}|.*+?^$]|\\[^\p{L}\p{N}])*)/u.exec(pattern)![1]!.replace(/\\(.)/g, '$1')
  try {
    withinTimeBudget(PROBE_BUDGET_MS, () => {
      for (const prefix of new Set(['', opening])) {
        for (const character of [...PROBE_CHARACTERS, ...letters]) {
          for (const end of PROBE_ENDS) regex.test(`${prefix}${character.repeat(PROBE_LENGTH)}${end}`)
        }
      }
    })
    return undefined
  } catch (error) {
    if (!(error instanceof TimeBudgetError)) throw error
    return `can backtrack catastrophically: it took over ${PROBE_BUDGET_MS} ms on a line of ${PROBE_LENGTH} repeated characters, so a repeated group can match the same text in more than one way (as in "(?:[\\w ]|[\\w ])*", whose two alternatives both match a letter); make the alternatives of a repeated group exclusive, or use one character class such as [\\w ]*`
  }
}
