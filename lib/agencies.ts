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
import {existsSync} from 'node:fs'
import {relative} from 'node:path'
import {z} from 'zod'
import {backtrackingRisk} from './rules/backtracking.ts'
import {dataFilesNamed, type RuleSource} from './rules/load.ts'
import {DataFileError, loadYamlFile} from './rules/yaml-file.ts'

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "anadolu")')

/** The slot in a citation pattern where an agency's name stands. */
export const AGENCY_SLOT = '{agency}'

const agencySchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    /** Names matched in any letter case ("Anadolu Agency", "Reuters"). */
    aliases: z.array(z.string().min(1)).default([]),
    /** Names matched only as written: acronyms ("AA", "AP") and names that are also common words ("Antara", not "antara"). */
    exact: z.array(z.string().min(1)).default([]),
    /** Ids of outlet rule files that are this agency's own sites, so the chain does not name the agency twice. */
    outlets: z.array(id).default([])
  })
  .refine((agency) => agency.aliases.length + agency.exact.length > 0, {
    path: ['aliases'],
    message: 'give at least one name the agency is called by (aliases or exact)'
  })

const source = z.string().min(1, 'say where the example comes from: a seed, the shared corpus, or a public page')

const citationExamples = z.strictObject({
  match: z
    .array(z.strictObject({text: z.string().min(1), agency: id, from: source}))
    .min(1, 'give at least one sentence the pattern must find, with the agency it names'),
  noMatch: z.array(z.strictObject({text: z.string().min(1), from: source})).min(1, 'give at least one sentence the pattern must not find')
})

const citationSchema = z.strictObject({
  id,
  /** ISO 639-1 code of the language the phrase belongs to. */
  language: z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639 language code ("id", "en", "ms")'),
  /**
   * citation: the paragraph quotes the agency ("seperti dilansir Reuters"),
   * and so do the paragraphs after it until another agency is cited;
   * credit: the phrase credits the whole article (a sign-off such as "[Antara]" or "— Bernama").
   */
  kind: z.enum(['citation', 'credit']).default('citation'),
  description: z.string().optional(),
  pattern: z
    .string()
    .max(1000)
    .refine((pattern) => pattern.split(AGENCY_SLOT).length === 2, {message: `the pattern must hold the slot ${AGENCY_SLOT} exactly once`}),
  caseSensitive: z.boolean().default(false),
  examples: citationExamples
})

const weight = z.number().min(0).max(1)

/** How sure one piece of evidence makes the tool, per kind. */
const weightsSchema = z.strictObject({
  credit: weight,
  dateline: weight,
  copyright: weight,
  /** The paragraph that cites the agency. */
  citation: weight,
  /** Paragraphs after a citation, until another agency is cited. */
  carried: weight,
  /** Paragraphs before the first citation, when nothing else in the article names an agency. */
  before: weight,
  'photo-credit': weight
})

export type Weights = z.infer<typeof weightsSchema>

export const agencyFileSchema = z.strictObject({
  /** Editors' schema pointer; ignored by wiretrace. */
  $schema: z.string().optional(),
  description: z.string().optional(),
  weights: weightsSchema.partial().default({}),
  agencies: z.array(agencySchema).default([]),
  citations: z.array(citationSchema).default([])
})

export type AgencySpec = z.infer<typeof agencySchema>
export type CitationSpec = z.infer<typeof citationSchema>

export interface Agency {
  id: string
  name: string
  outlets: string[]
  source: RuleSource
}

export interface CitationPattern {
  /** Full id: `agencies/<id>`. */
  id: string
  language: string
  kind: CitationSpec['kind']
  regex: RegExp
  source: RuleSource
  spec: CitationSpec
}

/** An agency named in a text, offsets relative to that text (UTF-16). */
export interface AgencyMention {
  agency: string
  start: number
  end: number
  /** The name as written. */
  text: string
}

/** A citation phrase found in a text, offsets relative to that text (UTF-16). */
export interface CitationMatch extends AgencyMention {
  pattern: CitationPattern
  /** The whole phrase: offsets and text. */
  phrase: {start: number; end: number; text: string}
}

export interface AgencyRegistry {
  agencies: Agency[]
  citations: CitationPattern[]
  weights: Weights
  /** Registry files read, in the order they apply. */
  files: string[]
  /** Agencies named in text that stands in an agency position (a credit line's value, a dateline's brackets), in order. */
  resolve(text: string): AgencyMention[]
  /** Citation phrases in a paragraph whose slot names a registered agency, in order. */
  findCitations(text: string): CitationMatch[]
  /** The agency whose own site an outlet is, if any. */
  agencyOfOutlet(outletId: string): string | undefined
}

const DEFAULT_WEIGHTS: Weights = {credit: 0.9, dateline: 0.9, copyright: 0.7, citation: 0.8, carried: 0.6, before: 0.5, 'photo-credit': 0.3}

/** Letters or digits on either side mean the name is part of a longer word. */
const BEFORE_NAME = '(?<![\\p{L}\\p{N}])'
const AFTER_NAME = '(?![\\p{L}\\p{N}])'

/**
 * Loads the built-in registry and the `agencies.yaml` of each user folder.
 *
 * @throws {DataFileError} on a malformed file, with its line and column.
 */
export function loadAgencies(dirs: string[] = []): AgencyRegistry {
  const files = dataFilesNamed('agencies.yaml', dirs).filter((file) => existsSync(file))
  const agencies = new Map<string, {spec: AgencySpec; source: RuleSource}>()
  const citations = new Map<string, {spec: CitationSpec; source: RuleSource}>()
  let weights: Weights = {...DEFAULT_WEIGHTS}
  for (const file of files) {
    const shown = display(file)
    const {value, positionOf} = loadYamlFile(file, agencyFileSchema, shown)
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
  }
  return buildRegistry([...agencies.values()], [...citations.values()], weights, files.map(display))
}

/** Compiles a registry from specs already validated; `loadAgencies` is the usual way in. */
export function buildRegistry(
  agencySpecs: Array<{spec: AgencySpec; source: RuleSource}>,
  citationSpecs: Array<{spec: CitationSpec; source: RuleSource}>,
  weights: Weights = DEFAULT_WEIGHTS,
  files: string[] = []
): AgencyRegistry {
  const anyCase = new Map<string, string>()
  const asWritten = new Map<string, string>()
  const outletOwner = new Map<string, string>()
  for (const {spec, source} of agencySpecs) {
    for (const alias of spec.aliases) claim(anyCase, foldName(alias), spec.id, alias, source)
    for (const alias of spec.exact) claim(asWritten, normaliseName(alias), spec.id, alias, source)
    for (const outlet of spec.outlets) outletOwner.set(outlet, spec.id)
  }
  // Longest first: a regex alternation takes the first alternative that fits, and "Anadolu Agency" must win over "Anadolu".
  const names = [...new Set(agencySpecs.flatMap(({spec}) => [...spec.aliases, ...spec.exact]))].sort((a, b) => b.length - a.length)
  const nameAlternation = names.length > 0 ? names.map(namePattern).join('|') : '(?!)'
  const nameSlot = `${BEFORE_NAME}(?:${nameAlternation})${AFTER_NAME}`
  const agencyOf = (written: string): string | undefined => asWritten.get(normaliseName(written)) ?? anyCase.get(foldName(written))

  const nameRegex = new RegExp(nameSlot, 'giu')
  const resolve = (text: string): AgencyMention[] => {
    const out: AgencyMention[] = []
    for (const match of text.matchAll(nameRegex)) {
      const agency = agencyOf(match[0])
      if (agency) out.push({agency, start: match.index, end: match.index + match[0].length, text: match[0]})
    }
    return out
  }

  const citations: CitationPattern[] = citationSpecs.map(({spec, source}) => ({
    id: `agencies/${spec.id}`,
    language: spec.language,
    kind: spec.kind,
    regex: compileCitation(spec, nameSlot, source),
    source,
    spec
  }))
  const findCitations = (text: string): CitationMatch[] => {
    const out: CitationMatch[] = []
    for (const pattern of citations) {
      for (const match of text.matchAll(pattern.regex)) {
        const name = match.groups?.agency
        const at = match.indices?.groups?.agency
        const agency = name === undefined ? undefined : agencyOf(name)
        if (!agency || name === undefined || !at) continue
        out.push({
          agency,
          start: at[0],
          end: at[1],
          text: name,
          pattern,
          phrase: {start: match.index, end: match.index + match[0].length, text: match[0]}
        })
      }
    }
    return out.sort((a, b) => a.phrase.start - b.phrase.start)
  }

  return {
    agencies: agencySpecs.map(({spec, source}) => ({id: spec.id, name: spec.name, outlets: spec.outlets, source})),
    citations,
    weights,
    files,
    resolve,
    findCitations,
    agencyOfOutlet: (outletId) => outletOwner.get(outletId)
  }
}

function claim(map: Map<string, string>, key: string, agency: string, alias: string, source: RuleSource): void {
  const owner = map.get(key)
  if (owner && owner !== agency) throw new DataFileError(source.file, source.line, source.column, `the name "${alias}" is already given to agency "${owner}"`)
  map.set(key, agency)
}

function compileCitation(spec: CitationSpec, nameSlot: string, at: RuleSource): RegExp {
  const [before, after] = spec.pattern.split(AGENCY_SLOT) as [string, string]
  const source = `${before}(?<agency>${nameSlot})${after}`
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

/** A name as a pattern: special characters escaped, any run of spaces matching any white space. */
function namePattern(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('\\s+')
}

function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

function foldName(name: string): string {
  return normaliseName(name).toLowerCase()
}

function display(file: string): string {
  const path = relative(process.cwd(), file)
  return path.startsWith('..') ? file : path
}
