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
 * Slowness that grows only as a power of the line's length (`\s*\s*$`) is
 * not caught here; the time budget of a run stops a file that gets slow.
 */
import safeRegex from 'safe-regex2'

/** safe-regex2 also refuses patterns with many quantifiers in a row; only nesting matters here. */
const NO_REPETITION_LIMIT = {limit: Number.MAX_SAFE_INTEGER}

/** Why a pattern can backtrack catastrophically, or undefined when the analyser finds no risk. */
export function backtrackingRisk(pattern: string): string | undefined {
  if (safeRegex(analysable(pattern), NO_REPETITION_LIMIT)) return undefined
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
