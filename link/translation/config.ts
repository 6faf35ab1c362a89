/**
 * Settings of the translation pass, from `rules/translation.yaml` and a
 * `translation.yaml` in each user rule folder (merged key by key).
 */
import {z} from 'zod'
import {readDataLayers} from '../../core/rules/load.ts'
import type {Calendar} from '../../core/dates.ts'
import {fold, unspacedEntries, type AnchorVocabulary, type VocabularyEntry} from './anchors.ts'

const share = z.number().min(0).max(1)
const count = z.number().int().positive()

export const translationConfigSchema = z.strictObject({
  $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
  description: z.string().optional().describe('what the settings are for'),
  maxDf: count.describe('an anchor (number, clock time, name, quote) is rare when at most this many articles of the corpus hold it'),
  minSharedAnchors: count.describe('two articles are compared only when they share this many rare anchors'),
  minSharedShare: share.describe('... and this share of the rare anchors of the article that has fewer'),
  maxCandidates: count.describe('at most this many partners are aligned with one article (the best by shared anchor weight)'),
  pairSimilarity: share.describe('a paragraph pair needs this anchor similarity (weighted Dice over the anchors both articles hold)'),
  pairAnchors: count.describe('... and this many shared anchors'),
  minCoverage: share.describe("an article pair is a translation when its aligned pairs cover this share of each article's body (by characters)"),
  minPairs: count.describe('... and number at least this many (or every paragraph of a shorter article)'),
  minOrder: share.describe('... and their anchors keep this much of their order (longest common subsequence, geometric mean)'),
  maxGap: z
    .number()
    .int()
    .nonnegative()
    .describe(
      'paragraphs between two aligned pairs are linked by place, read by their lengths one to one, two to one or one to two, when the side with fewer holds at most this many'
    ),
  subjectShare: share.describe(
    "between aligned pairs, an anchor held by more than this share of either article's paragraphs (the story's subject) does not pair two paragraphs"
  ),
  rivalStrength: share.describe(
    "of an article's partners in one language that are not copies of one text, those aligned less than this share as strongly as the best are dropped"
  ),
  lengthTolerance: z.number().min(1).describe("... and their lengths keep the article pair's ratio within this factor"),
  copyCoverage: share.describe(
    "a paragraph takes the translations of a same-language copy's paragraph when the passages the two articles share cover this share of both bodies and of both paragraphs"
  ),
  weight: share.describe("confidence of an agency carried over a translation: the other side's × score × weight"),
  carryAgencies: z.boolean().describe('whether an uncredited paragraph takes the agency of the paragraph it translates'),
  transliterationCharacters: z
    .string()
    .describe('Chinese characters that spell foreign names by their sound: a run of two or more of them is read as a name, in pinyin'),
  clockWords: z
    .array(z.string().trim().min(1))
    .describe('words after which hours and minutes written with a dot ("pukul 17.21") are a clock time, not a decimal number'),
  numberWords: z
    .record(z.string().trim().min(1), z.number().positive())
    .describe('number words that stand for digits in another language\'s copy ("five": 5, "lima": 5)'),
  countryNameLanguages: z
    .array(z.string().trim().refine(namesCountries, {message: 'not a language the runtime names countries in (Intl.DisplayNames)'}))
    .describe(
      "languages (BCP 47 codes) whose names of countries (from Node's ICU, Intl.DisplayNames) are read as countries: a country meets the same country spelt alike (Peru, Perú, بيرو), never a name of the same consonants (China, Chen)"
    )
})

/** Whether the runtime's ICU names countries in a language (a BCP 47 code); a malformed code names nothing. */
function namesCountries(language: string): boolean {
  try {
    return Intl.DisplayNames.supportedLocalesOf([language]).length > 0
  } catch {
    return false
  }
}

/** The JSON Schema of `translation.yaml`, for editors: every key optional, as in a user's file (the built-in file sets them all). */
export function translationJsonSchema(): object {
  return {
    title: 'wiretrace translation-pass settings (translation.yaml)',
    ...z.toJSONSchema(translationConfigSchema.partial(), {target: 'draft-2020-12', io: 'input'})
  }
}

export type TranslationConfig = z.infer<typeof translationConfigSchema>

/**
 * @throws {DataFileError} naming the file, line and column of a malformed setting.
 */
export function loadTranslationConfig(dirs: string[] = []): TranslationConfig {
  // A folder's file may set only some settings; the built-in file sets them all, which the merged result is checked for.
  // A user's number words add to the built-in ones, as calendar names do.
  const layers = readDataLayers('translation.yaml', dirs, translationConfigSchema.partial())
  const numberWords = Object.assign({}, ...layers.map((layer) => layer.value.numberWords ?? {}))
  return translationConfigSchema.parse({...Object.assign({}, ...layers.map((layer) => layer.value)), numberWords})
}

/** The words that are anchors by their meaning: number words, months and weekdays, from the translation settings and the calendar. */
export function anchorVocabulary(config: TranslationConfig, calendar: Pick<Calendar, 'months' | 'weekdays'>): AnchorVocabulary {
  const words = new Map<string, VocabularyEntry>()
  const add = (written: string, entry: VocabularyEntry) => {
    const key = fold(written)
    if (!words.has(key)) words.set(key, entry)
  }
  // Months first: "Sept." is September before it is French seven.
  for (const [name, month] of calendar.months) add(name, {kind: 'date', key: `m:${month}`})
  for (const [name, day] of calendar.weekdays) add(name, {kind: 'date', key: `d:${day}`})
  for (const [name, value] of Object.entries(config.numberWords)) add(name, {kind: 'number', key: `n:${value}`})
  for (const [name, region] of countryNames(config.countryNameLanguages)) add(name, {kind: 'name', key: `c:${region}`})
  return {
    words,
    transliteration: new Set([...config.transliterationCharacters].filter((character) => /\p{Script=Han}/u.test(character))),
    clockWords: new Set(config.clockWords.map((word) => fold(word))),
    phrases: phraseLengths(words.keys()),
    unspaced: unspacedEntries(words)
  }
}

/** For the first word of each entry of several words, the most words of such an entry: how far a text's words are read from there. */
function phraseLengths(entries: Iterable<string>): Map<string, number> {
  const lengths = new Map<string, number>()
  for (const entry of entries) {
    const words = entry.split(' ')
    if (words.length > 1) lengths.set(words[0]!, Math.max(words.length, lengths.get(words[0]!) ?? 0))
  }
  return lengths
}

/** Region codes ICU names that are no place: the unknown region and its two pseudo-regions for testing. */
const NO_PLACE = new Set(['ZZ', 'XA', 'XB'])

/**
 * Every country's (and region's) name of one word, or in a script without spaces, in each of `languages`, folded,
 * with its two-letter code, from the CLDR names of the runtime's ICU, long and short. A name given to two regions (in
 * two languages) says neither and is left out; a qualifier in brackets ("Myanmar (Burma)") is dropped.
 */
function countryNames(languages: readonly string[]): Map<string, string> {
  const key = languages.join(' ')
  let regions = countryNamesMade.get(key)
  if (!regions) {
    regions = makeCountryNames(languages)
    countryNamesMade.set(key, regions)
  }
  return regions
}

/** The country names made, by their languages: a few hundred milliseconds of ICU calls each run would pay again. */
const countryNamesMade = new Map<string, Map<string, string>>()

function makeCountryNames(languages: readonly string[]): Map<string, string> {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  // The codes ICU names at all, read once in English: most of the 676 two-letter codes are unassigned.
  const english = new Intl.DisplayNames(['en'], {type: 'region', fallback: 'none'})
  const codes = [...letters]
    .flatMap((first) => [...letters].map((second) => first + second))
    .filter((code) => !NO_PLACE.has(code) && english.of(code) !== undefined)
  const regions = new Map<string, string>()
  const ambiguous = new Set<string>()
  for (const language of languages) {
    // The short names too: Hong Kong is 香港 in a Chinese text, not 中国香港特别行政区; the United States "US", "AS" in Indonesian.
    for (const style of ['long', 'short'] as const) {
      const names = new Intl.DisplayNames([language], {type: 'region', fallback: 'none', style})
      for (const code of codes) {
        const name = names.of(code)
        if (name === undefined) continue
        const folded = fold(name.replace(/\s*\(.*\)$/u, '').trim())
        // A name of several words stays words: its words are names the other article may write alone (Amerika, الأمريكية).
        if (/\s/u.test(folded)) continue
        if (regions.has(folded) && regions.get(folded) !== code) ambiguous.add(folded)
        else regions.set(folded, code)
      }
    }
  }
  for (const name of ambiguous) regions.delete(name)
  return regions
}
