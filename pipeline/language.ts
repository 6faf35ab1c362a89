/**
 * Stage: language. Guesses the article's language from its body text with
 * franc's method and data (trigram profiles of 82 languages), once the roles
 * are known so menus and footers do not vote. The result is a BCP 47 tag
 * (`id`, `ar`, `tr`; the two-letter code where ISO 639-1 has one, as CLDR
 * canonicalises franc's ISO 639-3 codes), or null when the text is too
 * short or too mixed to tell: pages use it for `<html lang>`, readers of the
 * JSON report for anything else.
 *
 * The guess is franc's, computed another way. franc looks every trigram of
 * the text up in the profile of every language of its script (about 60 for
 * Latin, a few thousand lookups each); here each trigram is looked up once,
 * in one index of the script's profiles that lists the languages holding it
 * and its rank there. The distances are the same integers, and the first
 * language of the least distance wins, as in franc's stable sort: the test
 * holds this function to `franc` itself.
 */
import {data} from 'franc-min/data.js'
import {expressions} from 'franc-min/expressions.js'
import type {Root} from 'nlcst'
import type {Plugin} from 'unified'
import {blocksOf, note} from './data.ts'

export const LANGUAGE_RULE = 'language/trigrams'

/** Fewer characters than this give franc too few trigrams to tell related languages apart. */
const MIN_CHARACTERS = 40
/** Enough text for a stable guess; more only costs time. */
const MAX_CHARACTERS = 4000
/** franc reads no more than this many characters of a text (franc-min's `MAX_LENGTH`). */
const FRANC_LENGTH = 2048
/** What franc adds for a trigram a language's profile does not hold (franc-min's `MAX_DIFFERENCE`). */
const ABSENT = 300

/**
 * Trigrams are counted by number, not as strings: each UTF-16 unit the profiles hold has a number from 1 (0 for the
 * others), and a trigram of three such units is the number of its three in base `base`, so counting and
 * looking up never copy a three-character string. A trigram with a unit no profile holds is in no profile either: it
 * only adds to the count of distinct trigrams.
 */
interface TrigramAlphabet {
  /** A UTF-16 unit's number, by its code; 0 for a unit no profile holds. */
  numberOf: Uint16Array
  base: number
}

/**
 * A table of trigram numbers in typed arrays, open addressing with linear probing: what a Map of numbers does, without
 * an entry object per trigram, for the few thousand lookups of each text.
 */
class TrigramTable {
  readonly keys: Int32Array
  readonly values: Int32Array
  /** Slots in use, in the order filled. */
  readonly filled: Int32Array
  size = 0
  private readonly shift: number

  /** A table for at most `most` trigrams, at most half full. */
  constructor(most: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(2 * most + 1)))
    this.keys = new Int32Array(1 << bits).fill(-1)
    this.values = new Int32Array(1 << bits)
    this.filled = new Int32Array(1 << bits)
    this.shift = 32 - bits
  }

  /** The slot of `key`: where it stands, or the empty one where it would go. */
  slot(key: number): number {
    const mask = this.keys.length - 1
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & mask
    return at
  }

  /** Adds one to `key`'s value, from 0 when new. */
  count(key: number): void {
    const at = this.slot(key)
    if (this.keys[at] === -1) {
      this.keys[at] = key
      this.values[at] = 0
      this.filled[this.size++] = at
    }
    this.values[at]!++
  }

  /** Empties the slots in use. */
  clear(): void {
    for (let index = 0; index < this.size; index++) this.keys[this.filled[index]!] = -1
    this.size = 0
  }
}

/**
 * The languages of a script with more than one, and for each trigram (by number) the languages holding it with its
 * rank: `ranks` gives the trigram's place in `held`, which holds there how many languages hold it, then as many pairs
 * (language index, rank).
 */
interface ScriptProfiles {
  languages: string[]
  ranks: TrigramTable
  held: Int32Array
}

let profiles: {alphabet: TrigramAlphabet; scripts: Map<string, ScriptProfiles>} | undefined

function scriptProfiles(): {alphabet: TrigramAlphabet; scripts: Map<string, ScriptProfiles>} {
  if (profiles) return profiles
  const numberOf = new Uint16Array(0x10000)
  let units = 0
  for (const models of Object.values(data))
    for (const model of Object.values(models))
      for (let index = 0; index < model.length; index++) {
        const code = model.charCodeAt(index)
        if (model[index] !== '|' && numberOf[code] === 0) numberOf[code] = ++units
      }
  const alphabet = {numberOf, base: units + 1}
  // franc-min's profiles hold 265 units: a trigram's number is under 266³. A data set past 1,290 would overflow the tables' 32 bits.
  if (alphabet.base ** 3 > 2 ** 31) throw new Error(`franc's profiles hold ${units} characters: too many to number trigrams in 32 bits`)
  const scripts = new Map<string, ScriptProfiles>()
  for (const [script, models] of Object.entries(data)) {
    const languages = Object.keys(models)
    const lists = new Map<number, number[]>()
    languages.forEach((language, index) => {
      // A trigram listed twice keeps its first rank, as franc's dictionary does.
      const seen = new Set<number>()
      models[language]!.split('|').forEach((trigram, rank) => {
        const key = trigramKey(trigram, 0, alphabet)
        if (seen.has(key)) return
        seen.add(key)
        const list = lists.get(key) ?? []
        list.push(index, rank)
        lists.set(key, list)
      })
    })
    const ranks = new TrigramTable(lists.size)
    const held: number[] = []
    for (const [key, list] of lists) {
      const at = ranks.slot(key)
      ranks.keys[at] = key
      ranks.values[at] = held.length
      held.push(list.length / 2, ...list)
    }
    scripts.set(script, {languages, ranks, held: Int32Array.from(held)})
  }
  profiles = {alphabet, scripts}
  return profiles
}

/** The number of the trigram at `at`, or -1 when one of its units is in no profile. */
function trigramKey(text: string, at: number, {numberOf, base}: TrigramAlphabet): number {
  const first = numberOf[text.charCodeAt(at)]!
  const second = numberOf[text.charCodeAt(at + 1)]!
  const third = numberOf[text.charCodeAt(at + 2)]!
  return first === 0 || second === 0 || third === 0 ? -1 : (first * base + second) * base + third
}

/** The scripts of franc's expressions, in franc's order, and the expressions as one-character tests. */
const SCRIPTS = Object.keys(expressions)
const SCRIPT_TESTS = Object.values(expressions).map((expression) => new RegExp(`^(?:${expression.source})$`))

/**
 * For each UTF-16 unit, the scripts whose expression matches it alone, as a bit set (bit `i` for `SCRIPTS[i]`); 0 for
 * a unit none matches, which the table holds as -1 until the unit is first met. Surrogate pairs are in `PAIR_SCRIPTS`.
 */
const UNIT_SCRIPTS = new Int32Array(0x10000).fill(-1)
const PAIR_SCRIPTS = new Map<number, number>()
// A franc with more scripts than a bit set holds needs another set: said at once, not counted wrong.
if (SCRIPTS.length > 31) throw new Error(`franc's ${SCRIPTS.length} scripts do not fit the language stage's bit sets of 31`)

function scriptsMatching(text: string): number {
  let bits = 0
  for (const [index, test] of SCRIPT_TESTS.entries()) if (test.test(text)) bits |= 1 << index
  return bits
}

/**
 * The script franc's expressions match most often in `value`, with that share (franc's `getTopScript`). franc counts
 * each expression's matches with `String.prototype.match`, an array of every matching character per script; here each
 * code point is classified once by the same expressions (a pair of surrogates as one, as the expressions take them:
 * none matches a lone surrogate, which the test checks) and the matches are counted.
 */
function topScript(value: string): [string | undefined, number] {
  const counts = new Int32Array(SCRIPTS.length)
  for (let at = 0; at < value.length; at++) {
    const unit = value.charCodeAt(at)
    let bits: number
    const low = value.charCodeAt(at + 1)
    if (unit >= 0xd800 && unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      const pair = unit * 0x10000 + low
      bits = PAIR_SCRIPTS.get(pair) ?? -1
      if (bits === -1) {
        bits = scriptsMatching(value.slice(at, at + 2))
        PAIR_SCRIPTS.set(pair, bits)
      }
      at++
    } else {
      bits = UNIT_SCRIPTS[unit]!
      if (bits === -1) {
        bits = scriptsMatching(value[at]!)
        UNIT_SCRIPTS[unit] = bits
      }
    }
    for (let script = 0; bits !== 0; script++, bits >>>= 1) if (bits & 1) counts[script]!++
  }
  let top: string | undefined
  let topShare = -1
  for (const [index, script] of SCRIPTS.entries()) {
    const share = counts[index]! / value.length || 0
    if (share > topShare) {
      top = script
      topShare = share
    }
  }
  return [top, topShare]
}

/** The table `trigramCounts` counts in, made again only for a longer text: the pass runs on one thread, a text at a time. */
let counted: TrigramTable | undefined

/**
 * How often each padded trigram that some profile can hold occurs in the text as franc cleans it (digits, punctuation
 * and symbols of ASCII out, white space collapsed, lower case), by number, and how many distinct trigrams it has in all.
 * The table is emptied by the next call.
 */
function trigramCounts(value: string, alphabet: TrigramAlphabet): {counts: TrigramTable; distinct: number} {
  const cleaned = ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `
  if (!counted || counted.keys.length < 2 * cleaned.length) counted = new TrigramTable(cleaned.length)
  const counts = counted
  counts.clear()
  const unheld = new Set<string>()
  for (let index = 0; index + 3 <= cleaned.length; index++) {
    const key = trigramKey(cleaned, index, alphabet)
    if (key === -1) unheld.add(cleaned.slice(index, index + 3))
    else counts.count(key)
  }
  return {counts, distinct: counts.size + unheld.size}
}

/** franc's ISO 639-3 code for a text, or `und`: `franc(text, {minLength})`, the same answer for every text. */
export function trigramLanguage(text: string, minLength: number): string {
  if (text.length < minLength) return 'und'
  const value = text.slice(0, FRANC_LENGTH)
  const [script, share] = topScript(value)
  const {alphabet, scripts} = scriptProfiles()
  const scored = script === undefined ? undefined : scripts.get(script)
  if (!scored) return script === undefined || share === 0 ? 'und' : script
  // franc's distance: for each distinct trigram, |count − rank − 1| where the language holds it, ABSENT where not.
  const {counts, distinct} = trigramCounts(value, alphabet)
  const distances = new Array<number>(scored.languages.length).fill(distinct * ABSENT)
  const {ranks, held} = scored
  for (let index = 0; index < counts.size; index++) {
    const at = counts.filled[index]!
    const place = ranks.slot(counts.keys[at]!)
    if (ranks.keys[place] === -1) continue
    const count = counts.values[at]!
    const start = ranks.values[place]! + 1
    const end = start + 2 * held[start - 1]!
    for (let pair = start; pair < end; pair += 2) distances[held[pair]!]! += Math.abs(count - held[pair + 1]! - 1) - ABSENT
  }
  let best = 0
  for (let index = 1; index < distances.length; index++) if (distances[index]! < distances[best]!) best = index
  return scored.languages[best]!
}

/** The BCP 47 tag for a text, or null when it cannot be told. */
export function detectLanguage(text: string): string | null {
  const code = trigramLanguage(text.slice(0, MAX_CHARACTERS), MIN_CHARACTERS)
  if (code === 'und') return null
  let tag = canonicalTags.get(code)
  if (tag === undefined) {
    tag = Intl.getCanonicalLocales(code)[0] ?? code
    canonicalTags.set(code, tag)
  }
  return tag
}

/** The BCP 47 tag of each franc code met, asked of ICU once: a few dozen codes, each met article after article. */
const canonicalTags = new Map<string, string>()

export const wiretraceLanguage: Plugin<[], Root> = function () {
  return function (tree, file) {
    const blocks = blocksOf(tree)
    const body = blocks.filter(({block}) => (block.role ?? 'body') === 'body')
    const text = (body.length > 0 ? body : blocks)
      .map(({node}) => String(file.value).slice(node.position!.start.offset!, node.position!.end.offset!))
      .join('\n')
    const language = detectLanguage(text)
    file.data.language = language
    note(file, language ? `language: ${language}, guessed from the body text` : 'language: too little text to tell', LANGUAGE_RULE)
  }
}
