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
 * not refused; the time budget every user pattern runs under stops a file
 * that gets slow. {@link polynomialRisk} finds its commonest form, two
 * unbounded repetitions side by side that can take the same characters, for
 * `rules check` to warn about.
 */
import safeRegex from 'safe-regex2'
import {TimeBudgetError, withinTimeBudget} from './budget.ts'

/**
 * How long the probe lines may take a pattern, all together. A safe pattern
 * takes well under a millisecond and a catastrophic one years, so the budget
 * is set far above what a loaded machine adds (a 200 ms budget refused
 * built-in patterns at random under a load of 20 on 2 cores), and a pattern
 * is refused only when it runs out twice.
 */
const PROBE_BUDGET_MS = 2000
const PROBE_TRIES = 2
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
  const probe = () => {
    for (const prefix of new Set(['', opening])) {
      for (const character of [...PROBE_CHARACTERS, ...letters]) {
        for (const end of PROBE_ENDS) regex.test(`${prefix}${character.repeat(PROBE_LENGTH)}${end}`)
      }
    }
  }
  for (let tries = 0; tries < PROBE_TRIES; tries++) {
    try {
      withinTimeBudget(PROBE_BUDGET_MS, probe)
      return undefined
    } catch (error) {
      if (!(error instanceof TimeBudgetError)) throw error
    }
  }
  return `can backtrack catastrophically: it took over ${PROBE_BUDGET_MS} ms on a line of ${PROBE_LENGTH} repeated characters, so a repeated group can match the same text in more than one way (as in "(?:[\\w ]|[\\w ])*", whose two alternatives both match a letter); make the alternatives of a repeated group exclusive, or use one character class such as [\\w ]*`
}

/** One element of a pattern at its top level of a sequence: what it matches, where it stands, and whether it repeats without bound. */
interface Atom {
  source: string
  index: number
  unbounded: boolean
}

/**
 * Why a pattern can be slow as a power of the line's length, or undefined:
 * two repetitions without bound side by side (`\s*\s*`, `\w+\d*`,
 * `.*[a-z]+`) whose characters overlap can split a run of those characters
 * between them in as many ways as the run is long, on every start position
 * of a line that then fails to match: quadratic or worse in the line. Only
 * adjacent single characters, classes, escapes and `.` are compared, never
 * groups: a warning, not a proof.
 */
export function polynomialRisk(pattern: string, flags = 'u'): string | undefined {
  const atoms = sequenceAtoms(pattern)
  for (let at = 1; at < atoms.length; at++) {
    const first = atoms[at - 1]
    const second = atoms[at]
    if (!first || !second || !first.unbounded || !second.unbounded) continue
    const shared = sharedCharacter(first.source, second.source, flags)
    if (shared === undefined) continue
    return `can be slow as a power of the line's length: "${pattern.slice(first.index, second.index)}" and the repetition after it at character ${second.index + 1} of the pattern both take ${JSON.stringify(shared)}, so a run of it can be split between them in as many ways as it is long; merge them into one repetition or make their characters exclusive`
  }
  return undefined
}

/**
 * The pattern's elements in order; `undefined` stands for anything that breaks
 * adjacency (a group, an alternation, an anchor or a lookaround).
 */
function sequenceAtoms(pattern: string): Array<Atom | undefined> {
  const atoms: Array<Atom | undefined> = []
  let index = 0
  while (index < pattern.length) {
    const char = pattern[index]!
    let end: number
    if (char === '\\') {
      const long = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|k<[^>]*>)/.exec(pattern.slice(index))
      end = index + (long ? long[0].length : 2)
    } else if (char === '[') {
      end = classEnd(pattern, index)
    } else if ('()|^$'.includes(char)) {
      atoms.push(undefined)
      index += 1
      continue
    } else {
      end = index + 1
    }
    const source = pattern.slice(index, end)
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(pattern.slice(end))
    const unbounded = quantifier !== null && /^(?:[*+]|\{\d+,\})/.test(quantifier[0])
    atoms.push(/^\\[bB]$/.test(source) ? undefined : {source, index, unbounded})
    index = end + (quantifier?.[0].length ?? 0)
  }
  return atoms
}

/** A character both elements match, from the probe characters and the elements' own letters, or undefined. */
function sharedCharacter(first: string, second: string, flags: string): string | undefined {
  let a: RegExp
  let b: RegExp
  try {
    a = new RegExp(`^(?:${first})$`, flags.replace(/[gy]/g, ''))
    b = new RegExp(`^(?:${second})$`, flags.replace(/[gy]/g, ''))
  } catch {
    return undefined
  }
  const own = [...`${first}${second}`.replace(/\\[pPuxck]\{?[^}]*\}?/g, '')].filter((character) => !'\\[]^-.'.includes(character))
  return [...PROBE_CHARACTERS, ...own, 'b', 'Z', '0', '9', 'ü', 'ı', '\u00a0'].find((character) => a.test(character) && b.test(character))
}
