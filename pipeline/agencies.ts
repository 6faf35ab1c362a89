/**
 * The agency registry: which news agencies exist, the names outlets call
 * them by, the phrases that cite them in each language, and how much each
 * kind of evidence weighs. Read from `rules/agencies.yaml` and from an
 * `agencies.yaml` in each user rule folder, in that order: a user entry with
 * the id of a built-in agency or citation replaces it, a new id adds one.
 *
 * An agency's name counts only where the text names an agency: the
 * brackets of a dateline, a credit or copyright line, a photo credit, the
 * slot of a citation phrase ("dilansir …", "told …", "selon l'…"). Running
 * text never counts, so "Reuters" in a sentence about Reuters, or "antara"
 * (Indonesian for "between"), is not evidence.
 */
import {z} from 'zod'
import {backtrackingRisk} from '../core/rules/backtracking.ts'
import {readDataLayers, type RuleSource} from '../core/rules/load.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {escapeRegExp} from '../core/text.ts'
import {allMatches} from '../core/matches.ts'
import {longestDomainHolding} from './outlet/sources.ts'

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "anadolu")')
/** A web domain in lower case: labels of letters, digits and dashes, dot-separated, at least two. */
const SITE_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/

/** The slot in a citation pattern where an agency's name stands. */
export const AGENCY_SLOT = '{agency}'

const agencySchema = z
  .strictObject({
    id: id.describe('the agency id written into reports ("anadolu")'),
    name: z.string().min(1).describe('the agency\'s name for people ("Anadolu Agency")'),
    aliases: z.array(z.string().min(1)).default([]).describe('names matched in any letter case ("Anadolu Agency", "Reuters")'),
    exact: z
      .array(z.string().min(1))
      .default([])
      .describe('names matched only as written: acronyms ("AA", "AP") and names that are also common words ("Antara", not "antara")'),
    bracketed: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'names that count only as all a dateline\'s or a sign-off\'s bracket holds, matched as written: codes and words that mean something else anywhere else ("PL", a country\'s code: "La Habana, 6 dic (PL) -"; "共同", joint: "…した。（共同）")'
      ),
    outlets: z.array(id).default([]).describe("ids of outlet rule files that are this agency's own sites, so the chain does not name the agency twice"),
    sites: z
      .array(z.string().regex(SITE_DOMAIN, 'a domain such as "ansa.it", without scheme or path'))
      .default([])
      .describe(
        "domains of the agency's own news sites (a domain covers its subdomains): a paragraph of an article published there that no other evidence credits is the agency's own copy"
      )
  })
  .refine((agency) => agency.aliases.length + agency.exact.length + agency.bracketed.length > 0, {
    path: ['aliases'],
    message: 'give at least one name the agency is called by (aliases, exact or bracketed)'
  })

const source = z.string().min(1, 'say where the example comes from: a seed, the shared corpus, or a public page')

const citationExamples = z
  .strictObject({
    match: z
      .array(
        z.strictObject({
          text: z.string().min(1).describe('a sentence the pattern must find'),
          agency: id.describe('the id of the agency the sentence names'),
          from: source.describe('where the sentence comes from: a seed, the shared corpus, or a public page')
        })
      )
      .min(1, 'give at least one sentence the pattern must find, with the agency it names')
      .describe('sentences the pattern must find, each with the agency it names and where it comes from'),
    noMatch: z
      .array(z.strictObject({text: z.string().min(1).describe('a sentence the pattern must not find'), from: source.describe('where the sentence comes from')}))
      .min(1, 'give at least one sentence the pattern must not find')
      .describe('sentences the pattern must not find: the near misses')
  })
  .describe('sentences the pattern must find (with the agency) and must not find, run by wiretrace rules test and the test suite')

const citationSchema = z.strictObject({
  id: id.describe('the phrase id, unique in the registry; its rule id is agencies/<id>'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'use an ISO 639 language code ("id", "en", "ms")')
    .describe('ISO 639 code of the language the phrase belongs to'),
  kind: z
    .enum(['citation', 'credit'])
    .default('citation')
    .describe(
      'citation: the paragraph quotes the agency ("seperti dilansir Reuters"), and so do the paragraphs after it until another agency is cited; credit: the phrase credits the whole article (a sign-off such as "[Antara]")'
    ),
  description: z.string().optional().describe('what the phrase is, with an example'),
  pattern: z
    .string()
    .max(1000)
    .refine((pattern) => pattern.split(AGENCY_SLOT).length === 2, {message: `the pattern must hold the slot ${AGENCY_SLOT} exactly once`})
    .describe(`a regular expression (u flag) with the slot ${AGENCY_SLOT} exactly once, where an agency's name stands`),
  caseSensitive: z.boolean().default(false).describe('match letter case exactly; by default the pattern ignores it'),
  examples: citationExamples
})

/** Words of a reporting-verb lexicon: matched in any letter case, a space matching any white space. */
const lexiconWords = z.array(z.string().min(1).max(60)).default([])

/**
 * One language's reporting-verb lexicon. Five shapes are built from it, each
 * with the agency in a bounded slot: `from` and `according` phrases before
 * the agency ("told", "dilansir"; "according to", "selon", "согласно"); `accordingAfter` words after it, where a
 * language sets them there ("der dpa zufolge", "AA'ya göre"); the agency as the subject of a
 * reporting verb after a clause boundary (", Yonhap news agency reported");
 * a reporting verb opening a clause, then the agency (", сообщает ТАСС",
 * ", informó EFE"). Around the agency only the lexicon's `determiners`
 * ("the", "official", "state") and agency `nouns` ("news agency", "agencia")
 * may stand, so a sentence that merely names an agency never matches.
 */
const reportingSchema = z.strictObject({
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'use an ISO 639 language code ("id", "en", "ms")')
    .describe('ISO 639 code of the language'),
  from: lexiconWords.describe(
    'phrases before the agency saying the text comes from it: someone spoke to it, or the text was taken from it ("told", "dilansir")'
  ),
  according: lexiconWords.describe('phrases before the agency attributing one statement to it ("according to", "selon")'),
  accordingAfter: lexiconWords.describe(
    'words after the agency attributing one statement to it, where the language sets them after the name ("der dpa zufolge", "AA\'ya göre")'
  ),
  verbs: lexiconWords.describe('reporting verbs after the agency as subject (", Yonhap news agency reported")'),
  inverted: lexiconWords.describe('reporting verbs opening a clause, then the agency (", сообщает ТАСС", ", informó EFE")'),
  determiners: lexiconWords.describe('words that may stand before the agency\'s name ("the", "official", "state")'),
  nouns: lexiconWords.describe('agency nouns that may stand around the name ("news agency", "agencia")'),
  when: lexiconWords.describe(
    'words of a time that may stand inside a `from` or `inverted` phrase, before its last word, or after it ("informó este lunes la agencia", "disse nesta segunda-feira à")'
  ),
  speakers: lexiconWords.describe(
    'words that open the speaker\'s name between a `from` phrase\'s verb and its last word ("dijo el ministro a la AFP", "sagte der Minister der dpa", "afirmou fonte dos bombeiros à Lusa"): an article, or a noun a speaker is named by without one; one word each'
  ),
  suffixes: z.boolean().default(false).describe('the language glues case endings to names with an apostrophe or a hyphen ("AA\'ya", "APA-nın")'),
  examples: citationExamples
})

/** The words credits are written with around agency names, in any language (see pipeline/credits/credit-lines.ts). */
const creditWordsSchema = z.strictObject({
  labels: lexiconWords.describe('labels that open a credit with or without a colon ("With inputs from", "Con información de")'),
  with: lexiconWords.describe('"outlet with agency": an outlet\'s own name may stand before these ("Konbini avec AFP")'),
  and: lexiconWords.describe('words joining agencies in one credit ("AFP and AP", "Reuters y EFE")'),
  photo: lexiconWords.describe('words that make a credit a photo credit ("Foto"): it names the picture\'s source, not the text\'s'),
  endMarks: lexiconWords.describe('wire end marks that close the copy ("-0-", "(END)")'),
  closing: lexiconWords.describe('words that close a credit after the agency\'s name ("The Associated Press contributed to this report.")'),
  nouns: lexiconWords.describe(
    'words that name an agency as one beside its name in a credit, one word each ("خبرگزاری مهر", "وكالة رويترز", "Agencia Xinhua")'
  ),
  roles: lexiconWords.describe(
    'a reporter\'s role or a newsroom before the agency, one word each, maybe joined to it by a `rolePrepositions` word ("Jane Doe - Repórter da Agência Brasil", "Redacción / AFP", "dpa-Korrespondentin")'
  ),
  rolePrepositions: lexiconWords.describe('words that join a role to the agency ("da", "de", "der", "of")')
})

export type CreditWords = z.infer<typeof creditWordsSchema>

/** The kinds of credit words, as the schema lists them. */
const CREDIT_WORD_KINDS = Object.keys(creditWordsSchema.shape) as Array<keyof CreditWords>

/** Credit words of every kind, none yet. */
function noCreditWords(): CreditWords {
  return Object.fromEntries(CREDIT_WORD_KINDS.map((kind) => [kind, []])) as unknown as CreditWords
}
export type ReportingSpec = z.infer<typeof reportingSchema>

const weight = z.number().min(0).max(1)

/** How sure one piece of evidence makes the tool, per kind. */
const weightsSchema = z.strictObject({
  credit: weight.describe('a credit line naming the agency'),
  dateline: weight.describe("the agency in a dateline's brackets"),
  copyright: weight.describe('a copyright line naming the agency'),
  citation: weight.describe('the paragraph that cites the agency'),
  carried: weight.describe('paragraphs after a citation, until another agency is cited'),
  before: weight.describe('paragraphs before the first citation that no credit speaks for'),
  site: weight.describe("paragraphs no other evidence credits, in an article published on the agency's own site"),
  'photo-credit': weight.describe('a photo credit naming the agency')
})

export type Weights = z.infer<typeof weightsSchema>

export const agencyFileSchema = z.strictObject({
  $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
  description: z.string().optional().describe('what the file adds or changes'),
  weights: weightsSchema.partial().default({}).describe('how sure one piece of evidence makes the tool (0 to 1), per kind'),
  agencies: z.array(agencySchema).default([]).describe('the news agencies and the names outlets call them by; an entry with a built-in id replaces it'),
  citations: z.array(citationSchema).default([]).describe('phrases that cite an agency in one language; an entry with a built-in id replaces it'),
  reporting: z
    .array(reportingSchema)
    .default([])
    .describe("one language's reporting-verb lexicon, from which citation shapes are built with the agency in a bounded slot"),
  credits: creditWordsSchema.partial().default({}).describe('the words credits are written with around agency names, in any language')
})

/** The JSON Schema of `agencies.yaml`, for editors. */
export function agenciesJsonSchema(): object {
  return {title: 'wiretrace agency registry (agencies.yaml)', ...z.toJSONSchema(agencyFileSchema, {target: 'draft-2020-12', io: 'input'})}
}

export type AgencySpec = z.infer<typeof agencySchema>
export type CitationSpec = z.infer<typeof citationSchema>

export interface Agency {
  id: string
  name: string
  outlets: string[]
  sites: string[]
  source: RuleSource
}

/** A pattern that finds an agency in a paragraph's text. */
export interface PhrasePattern {
  /** Full id: `agencies/<id>` for a written pattern, `agencies/reporting-<language>-<shape>` for one built from a lexicon. */
  id: string
  language: string
  kind: CitationSpec['kind']
  /** Whether the citation says the text comes from the agency, so it speaks for the paragraphs after it too; one attributing a statement speaks for its own. */
  carries: boolean
  source: RuleSource
}

export interface CitationPattern extends PhrasePattern {
  /** The pattern with its slot matching a masked name (`maskNames`), not the names themselves. */
  regex: RegExp
  spec: CitationSpec
}

/**
 * A lexicon shape, matched around each agency name the text holds: `before`
 * must match the text up to the name (it ends in `$`), `after` the text
 * following it (it starts with `^`). Small patterns without the registry's
 * names in them, so they compile fast.
 */
export interface LexiconPattern extends PhrasePattern {
  before: RegExp
  after: RegExp
  /**
   * The lexicon's words that any match holds, and on which side of the name (`head`: the text before it, `tail`: after
   * it): where none stands, `before` and `after` cannot match and are not run. Each shape spells its words inside
   * patterns of letter classes which, in any letter case, take V8 about 10 ms to compile on their first use; the words
   * alone compile a hundred times faster, so an article compiles only the shapes of the languages its words are in
   * (a run of a hundred new articles compiled them all, 0.4 to 0.9 s of CPU on a loaded machine, before its first article).
   */
  needs: {side: 'head' | 'tail'; words: RegExp}
  /** Whether the name must end its noun phrase: a capitalised word right after it makes it part of another name ("AFP Spokesperson"). */
  endsPhrase: boolean
  /** What the gaps of `before` may hold: the lexicon's `when` words, and the words a speaker's name opens with, folded. */
  gapWords: GapWords
}

interface GapWords {
  time: ReadonlySet<string>
  speakers: ReadonlySet<string>
}

/** The first match of a lexicon shape's `before` whose gaps hold what they may (a later start may hold where an earlier did not). */
function holdingMatch(pattern: LexiconPattern, head: string): RegExpExecArray | null {
  pattern.before.lastIndex = 0
  for (let match = pattern.before.exec(head); match; match = pattern.before.exec(head)) {
    if (gapsHold(match, pattern.gapWords)) return match
    pattern.before.lastIndex = match.index + 1
  }
  return null
}

/** The prefixes of the groups that capture a time after a lexicon's phrase, and a time or a speaker inside it. */
const TIME_GAP = 'time'
const SPEAKER_GAP = 'speaker'

/**
 * Whether the gaps of a lexicon match hold what they may: a time gap only `when` words; a speaker gap those, or a name
 * that opens with a `speakers` word or a capital, maybe after the time ("disse o ministro à Lusa", "disse Maria Silva à
 * Lusa", "a annoncé vendredi un porte-parole à l'AFP"), so "dijo que escribirá a la AFP" is no citation.
 */
function gapsHold(match: RegExpExecArray, words: GapWords): boolean {
  for (const [name, value] of Object.entries(match.groups ?? {})) {
    if (!value) continue
    const gap = value.trim().split(/\s+/u)
    if (gap.every((word) => words.time.has(foldName(word)))) continue
    if (!name.startsWith(SPEAKER_GAP)) return false
    // The time may come first, then the speaker: "a annoncé mardi un porte-parole de la préfecture à l'AFP". A word may be
    // both ("el": "declaró el ministro a EFE").
    const afterTime = gap.find((word) => !words.time.has(foldName(word)))!
    if (!opensSpeaker(gap[0]!, words) && !opensSpeaker(afterTime, words)) return false
  }
  return true
}

/** Whether a word opens a speaker's name: a `speakers` word, maybe elided ("l'ambassadeur") or, in Arabic, glued on the word ("الوزير"), or a capital. */
function opensSpeaker(word: string, words: GapWords): boolean {
  const elided = /^(\p{L}{1,3}['’])\p{L}/u.exec(word)?.[1]
  const glued = words.speakers.has(foldName(word.slice(0, 2))) && ARABIC_SCRIPT.test(word)
  return words.speakers.has(foldName(word)) || (elided !== undefined && words.speakers.has(foldName(elided))) || glued || /^\p{Lu}/u.test(word)
}

/** The shapes a reporting-verb lexicon gives (see `reportingSchema`). */
export const REPORTING_SHAPES = ['from', 'according', 'according-after', 'subject', 'inverted'] as const

export interface ReportingPatterns {
  language: string
  patterns: LexiconPattern[]
  spec: ReportingSpec
  source: RuleSource
}

/** An agency named in a text, offsets relative to that text (UTF-16). */
export interface AgencyMention {
  agency: string
  start: number
  end: number
  /** The name as written. */
  text: string
  /** The agency the name alone is registered for, where the text makes it another's (a code in brackets after a name). */
  registered?: string
}

/** A citation phrase found in a text, offsets relative to that text (UTF-16). */
export interface CitationMatch extends AgencyMention {
  pattern: PhrasePattern
  /** The whole phrase: offsets and text. */
  phrase: {start: number; end: number; text: string}
}

export interface AgencyRegistry {
  agencies: Agency[]
  citations: CitationPattern[]
  /** Citation patterns built from each language's reporting-verb lexicon. */
  reporting: ReportingPatterns[]
  /** The words credits are written with (labels, joiners, end marks). */
  creditWords: CreditWords
  weights: Weights
  /** Registry files read, in the order they apply. */
  files: string[]
  /** Agencies named in text that stands in an agency position (a credit line's value, a dateline's brackets), in order. */
  resolve(text: string): AgencyMention[]
  /** The agency a dateline's or a sign-off's bracket names by a `bracketed` name, when that name is all the text holds. */
  resolveBracketed(text: string): AgencyMention[]
  /**
   * Citation phrases in a paragraph whose slot names a registered agency: written phrases first, then the lexicons'
   * shapes, each in text order. `mentions` are the paragraph's `resolve`d names, when the caller read them already.
   */
  findCitations(text: string, mentions?: AgencyMention[]): CitationMatch[]
  /** The agency whose own site an outlet is, if any. */
  agencyOfOutlet(outletId: string): string | undefined
  /** The agency whose own site a web host is under (its longest domain that holds the host), if any. */
  agencyOfHost(host: string): string | undefined
}

const DEFAULT_WEIGHTS: Weights = {credit: 0.9, dateline: 0.9, copyright: 0.7, citation: 0.8, carried: 0.6, before: 0.5, site: 0.6, 'photo-credit': 0.3}

/** An agency's code in capitals ("AFP", "EFE"). */
const ACRONYM = /^\p{Lu}{2,6}$/u
/** Letters or digits on either side mean the name is part of a longer word, in a script that sets spaces between words. */
const BEFORE_NAME = '(?<![\\p{L}\\p{N}])'
const AFTER_NAME = '(?![\\p{L}\\p{N}])'
/** Right after the Arabic letter lam opening a word, maybe after "and" (و, ف) glued before it. */
const AFTER_LAM = '(?<=(?<![\\p{L}\\p{N}])[وف]?ل)'
const ARABIC_SCRIPT = /\p{Script=Arabic}/u
/** A name holding Han, kana or Hangul: its script runs words together, or sets particles on them. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Names or words written in a script that sets spaces between words, and those written in one that does not. */
function bySpacing(words: readonly string[]): {spaced: string[]; unspaced: string[]} {
  return {spaced: words.filter((word) => !UNSPACED_SCRIPT.test(word)), unspaced: words.filter((word) => UNSPACED_SCRIPT.test(word))}
}

/**
 * What a citation pattern's slot matches: a name the registry found, masked in a copy of the paragraph as one start
 * mark and a rest mark for each code unit after it (offsets unchanged), and never part of one. With the registry's
 * names in every slot, each pattern compiled its own copy of their alternation, which V8 does on first use: about
 * 0.13 s of CPU in every thread that attributes articles with the command's V8 flags, 0.27 s without them.
 */
const NAME_START = '\uE000'
const NAME_REST = '\uE001'
const MASKED_NAME = `${NAME_START}${NAME_REST}*(?!${NAME_REST})`

/**
 * Loads the built-in registry and the `agencies.yaml` of each user folder.
 *
 * @throws {DataFileError} on a malformed file, with its line and column.
 */
export function loadAgencies(dirs: string[] = []): AgencyRegistry {
  const layers = readDataLayers('agencies.yaml', dirs, agencyFileSchema)
  const agencies = new Map<string, {spec: AgencySpec; source: RuleSource}>()
  const citations = new Map<string, {spec: CitationSpec; source: RuleSource}>()
  const reporting = new Map<string, {spec: ReportingSpec; source: RuleSource}>()
  const creditWords = noCreditWords()
  let weights: Weights = {...DEFAULT_WEIGHTS}
  for (const {value, positionOf, shown} of layers) {
    weights = {...weights, ...value.weights}
    const seen = new Set<string>()
    for (const [index, spec] of value.agencies.entries()) {
      const at = {file: shown, ...positionOf(['agencies', index])}
      if (seen.has(spec.id)) throw new DataFileError(shown, at.line, at.column, `duplicate agency id "${spec.id}"`)
      seen.add(spec.id)
      agencies.set(spec.id, {spec, source: at})
    }
    seen.clear()
    for (const [index, spec] of value.citations.entries()) {
      const at = {file: shown, ...positionOf(['citations', index])}
      if (seen.has(spec.id)) throw new DataFileError(shown, at.line, at.column, `duplicate citation id "${spec.id}"`)
      seen.add(spec.id)
      citations.set(spec.id, {spec, source: at})
    }
    // A user's lexicon for a language already known adds words to it; examples replace.
    for (const [index, spec] of value.reporting.entries()) {
      const at = {file: shown, ...positionOf(['reporting', index])}
      const known = reporting.get(spec.language)
      reporting.set(spec.language, known ? {spec: mergeLexicon(known.spec, spec), source: at} : {spec, source: at})
    }
    for (const kind of CREDIT_WORD_KINDS) creditWords[kind].push(...(value.credits[kind] ?? []))
  }
  return buildRegistry(
    [...agencies.values()],
    [...citations.values()],
    weights,
    layers.map((layer) => layer.shown),
    [...reporting.values()],
    creditWords
  )
}

/** Compiles a registry from specs already validated; `loadAgencies` is the usual way in. */
export function buildRegistry(
  agencySpecs: Array<{spec: AgencySpec; source: RuleSource}>,
  citationSpecs: Array<{spec: CitationSpec; source: RuleSource}>,
  weights: Weights = DEFAULT_WEIGHTS,
  files: string[] = [],
  lexicons: Array<{spec: ReportingSpec; source: RuleSource}> = [],
  creditWords: CreditWords = noCreditWords()
): AgencyRegistry {
  const anyCase = new Map<string, string>()
  const asWritten = new Map<string, string>()
  const inBrackets = new Map<string, string>()
  const outletOwner = new Map<string, string>()
  for (const {spec, source} of agencySpecs) {
    for (const alias of spec.aliases) claim(anyCase, foldName(alias), spec.id, alias, source)
    for (const alias of spec.exact) claim(asWritten, normaliseName(alias), spec.id, alias, source)
    for (const alias of spec.bracketed) claim(inBrackets, normaliseName(alias), spec.id, alias, source)
    for (const outlet of spec.outlets) outletOwner.set(outlet, spec.id)
  }
  const sites = agencySpecs.flatMap(({spec}) => spec.sites.map((domain) => ({domain, agency: spec.id})))
  // Longest first: a regex alternation takes the first alternative that fits, and "Anadolu Agency" must win over "Anadolu".
  const names = [...new Set(agencySpecs.flatMap(({spec}) => [...spec.aliases, ...spec.exact]))].sort((a, b) => b.length - a.length)
  const agencyOfName = (written: string): string | undefined => asWritten.get(normaliseName(written)) ?? anyCase.get(foldName(written))
  const nameAlternation = wordsPattern(names)
  // Chinese and Japanese set no space between words, and Korean sets its particles on the name ("据新华社报道",
  // "ロイター通信によると", "로이터통신에"): a name in those scripts is read with letters on either side.
  const {spaced, unspaced} = bySpacing(names)
  // Arabic writes "to" as a letter on the name ("لرويترز", "to Reuters"), and drops the alef of the article after it
  // ("للأناضول", to al-Anadolu): a name in Arabic script is read after that letter too, without that alef.
  const afterLam = new Map<string, string>()
  // A name spelled out from the word "agency" is read after it too ("وفقا لوكالة الأنباء السعودية").
  for (const name of spaced.filter((name) => ARABIC_SCRIPT.test(name))) {
    const agency = agencyOfName(name)
    if (agency) afterLam.set(foldName(name.startsWith('ال') ? name.slice(1) : name), agency)
  }
  const lamSlot = afterLam.size > 0 ? `|${AFTER_LAM}(?:${wordsPattern([...afterLam.keys()])})${AFTER_NAME}` : ''
  const nameSlot = `${BEFORE_NAME}(?:${wordsPattern(spaced)})${AFTER_NAME}|(?:${wordsPattern(unspaced)})${lamSlot}`
  const agencyOf = (written: string): string | undefined => agencyOfName(written) ?? afterLam.get(foldName(written))

  const nameRegex = new RegExp(nameSlot, 'giu')
  const resolve = (text: string): AgencyMention[] => {
    const out: AgencyMention[] = []
    for (const match of allMatches(nameRegex, text)) {
      const agency = agencyOf(match[0])
      if (!agency) continue
      const mention: AgencyMention = {agency, start: match.index, end: match.index + match[0].length, text: match[0]}
      // A code in brackets right after a name is that name's code, whichever agency the code alone is: the German
      // Catholic agency prints "Katholische Nachrichten-Agentur (KNA)", KNA alone being the Kenya News Agency's.
      const named = out.at(-1)
      const spelledOut = named && /^\s*[(（]\s*$/u.test(text.slice(named.end, mention.start)) && /^\s*[)）]/u.test(text.slice(mention.end))
      out.push(spelledOut && named.agency !== agency ? {...mention, agency: named.agency, registered: agency} : mention)
    }
    return out
  }
  // A code written as is only (`exact`), in lower case as some outlets print every source ("(afp)", "(ap)"): read in
  // a bracket it is all of, where no word of a sentence stands. A spelling two agencies share in lower case is neither's.
  const exactInLowerCase = new Map<string, string | null>()
  for (const [name, agency] of asWritten) {
    const lower = name.toLowerCase()
    if (lower === name || anyCase.has(lower)) continue
    exactInLowerCase.set(lower, exactInLowerCase.has(lower) && exactInLowerCase.get(lower) !== agency ? null : agency)
  }
  const resolveBracketed = (text: string): AgencyMention[] => {
    const name = text.trim()
    const agency = inBrackets.get(normaliseName(name)) ?? (name === name.toLowerCase() ? exactInLowerCase.get(normaliseName(name)) : undefined)
    if (!agency) return []
    const start = text.indexOf(name)
    return [{agency, start, end: start + name.length, text: name}]
  }

  const citations: CitationPattern[] = citationSpecs.map(({spec, source}) => ({
    id: `agencies/${spec.id}`,
    language: spec.language,
    kind: spec.kind,
    regex: compileCitation(spec, source),
    carries: true,
    source,
    spec
  }))
  const reporting: ReportingPatterns[] = lexicons.map(({spec, source}) => ({
    language: spec.language,
    patterns: compileLexicon(spec, source),
    spec,
    source
  }))
  const lexiconPatterns = reporting.flatMap((lexicon) => lexicon.patterns)
  // A case-sensitive pattern's slot takes a name only as the registry writes it.
  const asRegistered = citationSpecs.some(({spec}) => spec.caseSensitive) ? new RegExp(`^(?:${nameAlternation})$`, 'u') : undefined
  const findCitations = (text: string, mentions = resolve(text)): CitationMatch[] => {
    const out: CitationMatch[] = []
    // Every pattern's slot holds a registered name: a paragraph naming none cites none.
    if (mentions.length === 0) return out
    const byStart = new Map(mentions.map((mention) => [mention.start, mention]))
    const anyCase = maskNames(text, mentions)
    const registered = asRegistered ? mentions.filter((mention) => asRegistered.test(mention.text)) : mentions
    const caseSensitive = registered === mentions ? anyCase : maskNames(text, registered)
    for (const pattern of citations) {
      for (const match of allMatches(pattern.regex, pattern.spec.caseSensitive ? caseSensitive : anyCase)) {
        const at = match.indices?.groups?.agency
        const mention = at && byStart.get(at[0])
        // A mark the text itself holds (private use characters) is no name.
        if (!at || !mention || mention.end !== at[1]) continue
        const end = match.index + match[0].length
        out.push({
          agency: mention.agency,
          start: at[0],
          end: at[1],
          text: mention.text,
          pattern,
          phrase: {start: match.index, end, text: text.slice(match.index, end)}
        })
      }
    }
    // Phrases written for a language come first: where a lexicon shape reads the same words, the written phrase's id is the evidence.
    for (const mention of lexiconPatterns.length > 0 ? mentions : []) {
      const head = text.slice(Math.max(0, mention.start - LEXICON_WINDOW), mention.start)
      const tail = text.slice(mention.end, mention.end + LEXICON_WINDOW)
      for (const pattern of lexiconPatterns) {
        if (!pattern.needs.words.test(pattern.needs.side === 'head' ? head : tail)) continue
        const before = holdingMatch(pattern, head)
        if (!before) continue
        const after = pattern.after.exec(tail)
        if (!after) continue
        // A capitalised word after the phrase may make the name a longer one ("según Reuters Institute"); after an
        // agency's code it is the speaker, named after the verb as Romance languages do ("dijo a la AFP Jane Doe").
        const next = tail.slice(after[0].length)
        if (pattern.endsPhrase && /^\s+\p{Lu}/u.test(next) && !(ACRONYM.test(mention.text) && /^\s+\p{Lu}\p{Ll}/u.test(next))) continue
        const start = mention.start - head.length + before.index + (before[0].length - before[0].trimStart().length)
        const end = mention.end + after[0].length
        out.push({...mention, pattern, phrase: {start, end, text: text.slice(start, end)}})
      }
    }
    return [...out, ...joinedTo(text, out, mentions)].sort(
      (a, b) => Number(a.pattern.id.startsWith(LEXICON_ID)) - Number(b.pattern.id.startsWith(LEXICON_ID)) || a.phrase.start - b.phrase.start
    )
  }
  // Agencies joined by "and" in one slot are cited alike, whichever of them the phrase stands next to: "dilansir AFP dan
  // Reuters", "according to AFP and Reuters", "según EFE y Europa Press".
  const joiner = creditWords.and.length > 0 ? new RegExp(`^\\s*(?:${wordsPattern(creditWords.and)})\\s*$`, 'iu') : null
  const joinedTo = (text: string, found: readonly CitationMatch[], mentions: readonly AgencyMention[]): CitationMatch[] => {
    if (!joiner || found.length === 0 || mentions.length < 2) return []
    const cited = new Set(found.map((match) => match.start))
    const out: CitationMatch[] = []
    for (const match of found) {
      const at = mentions.findIndex((mention) => mention.start === match.start)
      for (const step of [1, -1]) {
        for (let index = at + step; index >= 0 && index < mentions.length; index += step) {
          const [left, right] = step === 1 ? [mentions[index - 1]!, mentions[index]!] : [mentions[index]!, mentions[index + 1]!]
          if (!joiner.test(text.slice(left.end, right.start))) break
          const mention = mentions[index]!
          if (cited.has(mention.start)) continue
          cited.add(mention.start)
          out.push({...mention, pattern: match.pattern, phrase: match.phrase})
        }
      }
    }
    return out
  }

  return {
    agencies: agencySpecs.map(({spec, source}) => ({id: spec.id, name: spec.name, outlets: spec.outlets, sites: spec.sites, source})),
    citations,
    reporting,
    creditWords,
    weights,
    files,
    resolve,
    resolveBracketed,
    findCitations,
    agencyOfOutlet: (outletId) => outletOwner.get(outletId),
    agencyOfHost: (host) => longestDomainHolding(host, sites)?.agency
  }
}

function claim(map: Map<string, string>, key: string, agency: string, alias: string, source: RuleSource): void {
  const owner = map.get(key)
  if (owner && owner !== agency) throw new DataFileError(source.file, source.line, source.column, `the name "${alias}" is already given to agency "${owner}"`)
  map.set(key, agency)
}

/** The text with each mention (in text order, as `resolve` gives them) masked, its length and offsets unchanged. */
export function maskNames(text: string, mentions: readonly AgencyMention[]): string {
  let masked = ''
  let from = 0
  for (const {start, end} of mentions) {
    masked += text.slice(from, start) + NAME_START + NAME_REST.repeat(end - start - 1)
    from = end
  }
  return masked + text.slice(from)
}

function compileCitation(spec: CitationSpec, at: RuleSource): RegExp {
  const [before, after] = spec.pattern.split(AGENCY_SLOT) as [string, string]
  const source = `${before}(?<agency>${MASKED_NAME})${after}`
  let regex: RegExp
  try {
    regex = new RegExp(source, spec.caseSensitive ? 'dgu' : 'dgiu')
  } catch (error) {
    throw new DataFileError(at.file, at.line, at.column, `citation "${spec.id}": invalid pattern: ${(error as Error).message}`)
  }
  // Citation patterns are user data like rule patterns: the same check before they run (and the same time budget when they do).
  const risk = backtrackingRisk(`${before}(?:x)${after}`, spec.caseSensitive ? 'u' : 'iu')
  if (risk) throw new DataFileError(at.file, at.line, at.column, `citation "${spec.id}": ${risk}`)
  return regex
}

function mergeLexicon(known: ReportingSpec, added: ReportingSpec): ReportingSpec {
  const words = (key: 'from' | 'according' | 'accordingAfter' | 'verbs' | 'inverted' | 'determiners' | 'nouns' | 'when' | 'speakers') => [
    ...new Set([...known[key], ...added[key]])
  ]
  return {
    ...known,
    from: words('from'),
    according: words('according'),
    accordingAfter: words('accordingAfter'),
    verbs: words('verbs'),
    inverted: words('inverted'),
    determiners: words('determiners'),
    nouns: words('nouns'),
    when: words('when'),
    speakers: words('speakers'),
    suffixes: known.suffixes || added.suffixes,
    examples: added.examples
  }
}

/**
 * Words as a regex alternation, longest first, any white space between their parts. A `beforeLast` gap (a time) is
 * written once for all the phrases that end in one word ("dijo a", "declaró a"), not once a phrase.
 */
function wordsPattern(words: readonly string[], beforeLast?: () => string): string {
  if (words.length === 0) return '(?!)'
  const sorted = [...words].sort((a, b) => b.length - a.length)
  if (beforeLast === undefined) return byFirstUnit(sorted.map(namePattern))
  const headsByLast = new Map<string, string[]>()
  const single: string[] = []
  for (const entry of sorted) {
    const parts = entry.trim().split(/\s+/u)
    const last = parts.pop()!
    if (parts.length === 0) single.push(entry)
    else headsByLast.set(last, [...(headsByLast.get(last) ?? []), parts.join(' ')])
  }
  return [...[...headsByLast].map(([last, heads]) => `(?:${wordsPattern(heads)})${beforeLast()}${namePattern(last)}`), byFirstUnit(single.map(namePattern))]
    .filter((alternative) => alternative !== '')
    .join('|')
}

/**
 * Alternatives, in their order, with a first unit they share written once: `A(?:gence France-Presse|FP)`. The engine
 * tries the alternatives at every position of a text; with the registry's hundreds of names, one test of a first
 * character per group replaces one per name. Reading the names and citations of the 39,067 lines of 3,000 bench
 * articles took 848-862 ms a round with 166 agencies one alternative a name, 586-594 ms grouped (medians). Units are
 * compared as written, so a case-sensitive pattern stays one.
 */
function byFirstUnit(patterns: readonly string[]): string {
  const groups = new Map<string, string[]>()
  for (const pattern of patterns) {
    const unit = firstUnit(pattern)
    groups.set(unit, [...(groups.get(unit) ?? []), pattern.slice(unit.length)])
  }
  return [...groups].map(([unit, rests]) => (rests.length === 1 ? unit + rests[0] : `${unit}(?:${rests.join('|')})`)).join('|')
}

/** A pattern's first unit: a class of letters written alike (`[اأإآ]`), an escaped character, or one character. */
function firstUnit(pattern: string): string {
  if (pattern.startsWith('[')) return pattern.slice(0, pattern.indexOf(']') + 1)
  if (pattern.startsWith('\\')) return pattern.slice(0, 2)
  return String.fromCodePoint(pattern.codePointAt(0)!)
}

/** The most words a speaker named inside a `from` phrase may take ("declaró el director general de la policía a EFE"). */
const SPEAKER_WORDS = 6

/** The id prefix of citation patterns built from a reporting-verb lexicon. */
const LEXICON_ID = 'agencies/reporting-'

/** How far before and after an agency's name a lexicon shape may reach, in UTF-16 units. */
export const LEXICON_WINDOW = 120

/**
 * The lexicon's shapes as patterns. The slot around the agency holds
 * at most three determiners and one apposition ("the official Xinhua news
 * agency", "французское информагентство AFP", "l'AFP"), never free words.
 */
function compileLexicon(spec: ReportingSpec, source: RuleSource): LexiconPattern[] {
  const gapWords: GapWords = {time: new Set(spec.when.map(foldName)), speakers: new Set(spec.speakers.map(foldName))}
  // Words of a script that runs them together (Chinese, Japanese) or glues particles on (Korean) stand with letters beside them.
  const word = (list: readonly string[], beforeLast?: () => string) => {
    const {spaced, unspaced} = bySpacing(list)
    return `(?:(?:${wordsPattern(spaced, beforeLast)})(?![\\p{L}\\p{N}])|${wordsPattern(unspaced)})`
  }
  // A time may stand after a phrase's verb, before its preposition, or before the agency: "informó este lunes la agencia
  // Reuters", "disse nesta segunda-feira à AFP", "a indiqué lundi à l'AFP". Each such place captures up to three words,
  // which a match keeps only when all are words of `when` (`gapsHold`): the words themselves in every place made the
  // patterns slow to compile and to run.
  let gaps = 0
  const timed = spec.when.length > 0 ? () => `(?<${TIME_GAP}${gaps++}>(?:\\s+[^\\s,;:.!?]+){0,3}?)\\s+` : undefined
  // Inside a `from` phrase, before its last word, the speaker may be named too.
  const spoken =
    spec.when.length > 0 || spec.speakers.length > 0 ? () => `(?<${SPEAKER_GAP}${gaps++}>(?:\\s+[^\\s,;:.!?"“”«»]+){0,${SPEAKER_WORDS}}?)\\s+` : undefined
  // A phrase ending in a letter needs a space before the agency; one ending in an elision or a tatweel ("all'", "لـ"), a
  // letter that is a word ("ل", to: "لرويترز"), or one written in a script without spaces ("据"), does not.
  const phrase = (list: readonly string[], inside?: () => string, after?: () => string) => {
    const spaced = bySpacing(list).spaced.filter((entry) => /[\\p{L}\\p{N}]$/u.test(entry) && [...entry].length > 1)
    const glued = list.filter((entry) => !spaced.includes(entry))
    return `(?:${word(spaced, inside)}${after ? after() : '\\s+'}|(?:${wordsPattern(glued, inside)})\\s*)`
  }
  // A verb after the agency: after a space, or, in a script without spaces, right after it ("路透社报道", "ロイター通信によると").
  const verbs = bySpacing(spec.verbs)
  const verbAfter = `(?:\\s+${word(verbs.spaced)}|\\s*(?:${wordsPattern(verbs.unspaced)}))`
  const determiner = word(spec.determiners)
  const noun = word(spec.nouns)
  // The agency's noun, maybe after two words ("Iran's official") and elided into its article ("l'agence").
  const nounHead = `(?:\\p{L}+(?:['’]s)?\\s+){0,2}(?:\\p{L}{1,2}['’]\\s*)?${noun}`
  // The noun with the agency's name spelled out, then the registered short name in brackets, slashes or quotes: "وكالة
  // الأنباء الكويتية /كونا/", "خبرگزاری دانشجویان ایران (ایسنا)", "according to the state news agency of Kuwait (KUNA)".
  const spelledOut = `${nounHead}(?:\\s+\\p{L}+){0,4}\\s*[(/（"“«]\\s*`
  // The noun followed by adjectives in lower case, as Romance languages set them: "l'agence de presse égyptienne MENA",
  // "la agencia de noticias estatal iraní IRNA".
  const nounPhrase = `${nounHead}(?:\\s+\\p{Ll}[\\p{L}\\p{M}-]*){0,2}\\s+`
  // The noun and a few words of any case, then the name in apposition after a comma: "the official Chinese news agency,
  // Xinhua", "kantor berita resmi China, Xinhua", "la agencia estatal peruana de noticias, Andina".
  const apposition = `${nounHead}(?:\\s+[\\p{L}\\p{M}-]+){0,4},\\s*`
  const before = `(?:${determiner}\\s+){0,3}(?:${nounPhrase}|${spelledOut}|${apposition})?(?:\\p{L}{1,2}['’]\\s*)?["“«„]?\\s*`
  const suffix = spec.suffixes ? `(?:['’-]\\p{L}{1,8})?` : ''
  // A noun may be glued to the name by a hyphen, as German compounds it: "ein dpa-Reporter berichtete".
  const after = `${suffix}(?:-${noun})?(?:\\s*[)/）])?["”»]?(?:\\s+(?:${determiner}|${noun})){0,3}`
  // A clause opens after a mark, or, in a script without spaces, after any of its characters ("…と共同通信が報じた").
  const clause = `(?:^|[,;:"“”«»(—–，、；：「『（]\\s*|[.!?؟]\\s+|[。！？]\\s*|(?<=${UNSPACED_SCRIPT.source}))`
  // What each shape's match must hold: a word of `from`, `according` or `inverted` before the name, a verb after it.
  const needs: Record<(typeof REPORTING_SHAPES)[number], {side: 'head' | 'tail'; words: readonly string[]}> = {
    from: {side: 'head', words: spec.from},
    according: {side: 'head', words: spec.according},
    'according-after': {side: 'tail', words: spec.accordingAfter},
    subject: {side: 'tail', words: spec.verbs},
    inverted: {side: 'head', words: spec.inverted}
  }
  // A phrase that may hold a time or a speaker before its last word is looked for with as many words there as a speaker holds.
  const anyWords = spoken && (() => `(?:\\s+\\S+){0,${SPEAKER_WORDS}}\\s+`)
  const needsGap: Record<(typeof REPORTING_SHAPES)[number], boolean> = {
    from: true,
    according: false,
    'according-after': false,
    subject: false,
    inverted: true
  }
  const shapes: Record<(typeof REPORTING_SHAPES)[number], [string, string] | null> = {
    from: spec.from.length > 0 ? [`(?<![\\p{L}\\p{N}])${phrase(spec.from, spoken, timed)}${before}$`, `^${after}`] : null,
    according: spec.according.length > 0 ? [`(?<![\\p{L}\\p{N}])${phrase(spec.according)}${before}$`, `^${after}`] : null,
    // The word after the name, as a postposition stands: "Einem Bericht der dpa zufolge", "der Deutschen Presse-Agentur (dpa) zufolge".
    'according-after': spec.accordingAfter.length > 0 ? [`(?<![\\p{L}\\p{N}])${before}$`, `^${after}\\s+${word(spec.accordingAfter)}`] : null,
    // Where case endings mark the agency as the one spoken to ("AA muhabirine", "AZƏRTAC-a bildirib"), it need not open a clause.
    subject: spec.verbs.length > 0 ? [`${spec.suffixes ? '(?<![\\p{L}\\p{N}])' : clause}${before}$`, `^${after}${verbAfter}`] : null,
    inverted: spec.inverted.length > 0 ? [`${clause}${word(spec.inverted, timed)}${timed ? timed() : '\\s+'}${before}$`, `^${after}`] : null
  }
  const out: LexiconPattern[] = []
  for (const shape of REPORTING_SHAPES) {
    const pattern = shapes[shape]
    if (pattern === null) continue
    try {
      const [before, after] = pattern
      out.push({
        id: `${LEXICON_ID}${spec.language}-${shape}`,
        language: spec.language,
        kind: 'citation',
        // Global, so a match whose gaps do not hold is passed over for a later one (`holdingMatch`).
        before: new RegExp(before, 'giu'),
        after: new RegExp(after, 'iu'),
        needs: {side: needs[shape].side, words: new RegExp(wordsPattern(needs[shape].words, needsGap[shape] ? anyWords : undefined), 'iu')},
        // After "told", a capitalised word is the speaker, named after the verb as Romance languages do ("disse à agência
        // Lusa Maria Silva"), not more of the name.
        endsPhrase: shape === 'according' || shape === 'inverted',
        gapWords,
        carries: shape === 'from' || (shape === 'subject' && spec.suffixes),
        source
      })
    } catch (error) {
      throw new DataFileError(source.file, source.line, source.column, `reporting lexicon "${spec.language}": invalid words: ${(error as Error).message}`)
    }
  }
  return out
}

/**
 * Letters that Arabic, Persian and Urdu write differently for one sound: the yeh (ي, Persian ی, alef maksura ى), the
 * kaf (ك, Persian ک) and the alef with or without its hamza (ا, أ, إ, آ). A name registered in one spelling matches the
 * others: Persian pages write "تسنیم" for the registry's "تسنيم", and Arabic ones drop a hamza ("ا ف ب").
 */
const LETTER_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['يیى', 'ي'],
  ['كک', 'ك'],
  ['اأإآ', 'ا']
]
const VARIANT_OF = new Map(LETTER_VARIANTS.flatMap(([letters, canonical]) => [...letters].map((letter) => [letter, {letters, canonical}] as const)))
const HAS_VARIANT = new RegExp(`[${LETTER_VARIANTS.map(([letters]) => letters).join('')}]`, 'gu')

/** A name as a pattern: special characters escaped, any run of spaces matching any white space, letter variants alike. */
function namePattern(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => escapeRegExp(word).replace(HAS_VARIANT, (letter) => `[${VARIANT_OF.get(letter)!.letters}]`))
    .join('\\s+')
}

function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(HAS_VARIANT, (letter) => VARIANT_OF.get(letter)!.canonical)
}

function foldName(name: string): string {
  return normaliseName(name).toLowerCase()
}
