/**
 * Meta and credit lines recognised without outlet rules: a label word and a
 * colon ("Editor: …", "Muhabir: …", "Kaynak: …"), a byline prefix ("By …"),
 * a copyright mark, a line that is only a date, a sign-off. The
 * words come from `rules/generic.yaml`; the shapes hold in any language.
 */
import {allMatches} from '../../core/matches.ts'
import {parseDate, type Calendar} from '../../core/dates.ts'
import {fold, type CreditKind, type GenericSettings, type MetaField} from './config.ts'
import {eachWordOf, wordsOf} from './features.ts'

export interface LabelledValue {
  field: MetaField
  label: string
  value: string
  /** Offsets of the value in the line. */
  start: number
  end: number
}

/**
 * The fields of a meta line that opens with a label ("Rep: A/ Red: B" gives
 * two; "Reporting by A; Editing by B" too); null unless the line opens with
 * a label and its values are short. A label without a colon counts only
 * before a name of two words or more ("Editor Tito Hilmawan Reditya").
 */
export function metaLabels(text: string, settings: GenericSettings): LabelledValue[] | null {
  const hits = allMatches(settings.labelPattern, text)
  if (hits.length === 0 || hits[0]!.index !== leadingSpace(text)) return labelBeforeName(text, settings)
  const values: LabelledValue[] = []
  for (const [index, hit] of hits.entries()) {
    const from = hit.index + hit[0].length
    const to = hits[index + 1]?.index ?? text.length
    const value = trimValue(text.slice(from, to))
    if (!value.text || wordsOf(value.text).length > settings.thresholds.metaWords) return null
    // A label without its colon must be followed by a person's name, as `labelBeforeName` wants it.
    if (hit.groups?.bracketed && !areNames(value.text.replace(/\)$/u, ''), 2, settings)) return null
    const label = (hit[1] ?? hit[2] ?? hit[3] ?? hit[4])!
    values.push({field: settings.labelField.get(fold(label))!, label, value: value.text, start: from + value.lead, end: from + value.lead + value.text.length})
  }
  return values
}

function labelBeforeName(text: string, settings: GenericSettings): LabelledValue[] | null {
  const match = settings.labelBeforeName.exec(text)
  if (!match) return labelRunTogether(text, settings)
  const value = trimValue(text.slice(match[0].length))
  const label = fold(match[1]!)
  const field = settings.labelField.get(label)!
  // A newsroom signs with the outlet's name, a word may be enough ("Redacción Gestión", "Redaksi Kompas"); a person's name
  // has two words or more ("Editor Pilihan" is a heading, Editor's Choice).
  if (!areNames(value.text, settings.desks.has(label) ? 1 : 2, settings)) return null
  const start = match[0].length + value.lead
  return [{field, label: match[1]!, value: value.text, start, end: start + value.text.length}]
}

/**
 * A label of a script written without spaces, maybe after the newsroom's name, then names only: "新华社记者 王芳 李明",
 * "本报记者王芳、李明". Names of those scripts are words of two to four characters, which any word may be, so a single
 * name must be set apart from the label ("记者 王芳"); run into it, one word is more often a heading ("记者手记", a
 * reporter's notes).
 */
function labelRunTogether(text: string, settings: GenericSettings): LabelledValue[] | null {
  const match = settings.labelRunTogether.exec(text)
  if (!match) return null
  const value = trimValue(text.slice(match[0].length))
  const names = value.text.split(/[\s、，,]+/u)
  if (names.length > settings.thresholds.nameWords + 1 || !names.every((name) => RUN_TOGETHER_NAME.test(name))) return null
  if (names.length < 2 && !/[\s:：]$/u.test(match[0])) return null
  const start = match[0].length + value.lead
  return [{field: settings.labelField.get(fold(match[1]!))!, label: match[1]!, value: value.text, start, end: start + value.text.length}]
}

/** A name in Han (two to four characters) or in katakana (a foreign name, its parts set apart by a middle dot). */
const RUN_TOGETHER_NAME = /^(?:\p{Script=Han}{2,4}|[\p{Script=Katakana}ー・]{2,16})$/u

/** Whether a label's value is names only, of `fewest` words up to one more than a bare name's. */
function areNames(text: string, fewest: number, settings: GenericSettings): boolean {
  const names = text.split(/\s+/u)
  return names.length >= fewest && names.length <= settings.thresholds.nameWords + 1 && names.every(isName)
}

/** A capitalised word of a name ("Tito", "O'Brien", "Al-Sisi"). */
function isName(word: string): boolean {
  // A name in a script without case (Hangul, Han, Arabic) has no capital to show it: "By 홍길동".
  return /^(?:\p{Lu}[\p{L}\p{M}.'’-]*|[\p{Lo}\p{M}]+)$/u.test(word)
}

/** A byline opened by a word such as "By" or "Oleh", followed by capitalised names only. */
export function bylineByPrefix(text: string, settings: GenericSettings): LabelledValue | null {
  const prefix = settings.bylinePrefix.exec(text)
  if (!prefix) return null
  const value = trimValue(text.slice(prefix[0].length))
  const names = value.text.split(/\s*(?:,|&|\band\b|\bdan\b|\bve\b|\bet\b|\bund\b|\by\b)\s*|\s+/u).filter(Boolean)
  if (names.length === 0 || names.length > settings.thresholds.nameWords + 2) return null
  if (!names.every(isName)) return null
  const start = prefix[0].length + value.lead
  return {field: 'byline', label: prefix[0].trim(), value: value.text, start, end: start + value.text.length}
}

/**
 * A name, then a dash, a bar, a slash or a comma and the writer's role, a byline or editor label of `labels:` maybe
 * after one word ("Maria Santos - Reporter", "Jane Doe, Senior Correspondent", "Budi Santoso | Redaktur"): a byline
 * (or an editor's line) that names the role after the name instead of before it.
 */
export function bylineByRole(text: string, settings: GenericSettings): LabelledValue | null {
  const match = NAME_THEN_ROLE.exec(text)
  if (!match) return null
  const [role, name] = [match[2]!, match[1]!]
  const words = role.split(/\s+/u)
  const field = settings.labelField.get(fold(role)) ?? (words.length === 2 ? settings.labelField.get(fold(words[1]!)) : undefined)
  if (field !== 'byline' && field !== 'editor') return null
  return {field, label: role, value: name, start: 0, end: name.length}
}

/** Two to four capitalised words, then a spaced dash, a bar or a slash, or a comma, then one or two words. */
const NAME_THEN_ROLE = /^(\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){1,3})(?:\s+[-–—|/]\s+|\s*,\s*)(\p{L}+(?:\s+\p{L}+)?)\s*$/u

export interface CreditMatch {
  kind: CreditKind
  /** The name after the label, as the text spells it. */
  agencyText: string
  start: number
  end: number
}

/** A credit line ("Sumber: Anadolu", "Kaynak: DHA", "Foto: Reuters"): the label, a colon and a short name. */
export function creditLabel(text: string, settings: GenericSettings): CreditMatch | null {
  const match = settings.creditPattern.exec(text)
  if (!match) return null
  const raw = match.groups!.value!
  // A second label starts a credit of its own: the picture's in "Source: Nippon TV / Larawan: Kyodo".
  const inside = settings.creditLabelInside.exec(raw)
  const value = trimValue(inside ? raw.slice(0, inside.index) : raw)
  if (!value.text || wordsOf(value.text).length > settings.thresholds.metaWords) return null
  const start = match.index + match[0].length - match.groups!.value!.length + value.lead
  return {kind: settings.creditKind.get(fold(match[1]!))!, agencyText: value.text, start, end: start + value.text.length}
}

/** A caption that ends in a photo credit ("… (AP Photo/Evan Vucci)", "… — Picture by Mukhriz Hazim", "… parol. FOTO AFP"). */
export function captionCredit(text: string, settings: GenericSettings): CreditMatch | null {
  const match = settings.captionCredit.exec(text)
  if (!match || match.index === 0) return null
  const name = (['bracketed', 'dashed', 'slashed'] as const).find((group) => match.groups![group] !== undefined) ?? 'plain'
  const [start, end] = match.indices!.groups![name]!
  const agencyText = text.slice(start, end).trim()
  return {kind: 'photo-credit', agencyText, start, end: start + agencyText.length}
}

/** A teaser ("Baca juga: …", "Read more: …") or the label heading a list of them ("Berita Terkait"). */
export function isTeaser(text: string, settings: GenericSettings): boolean {
  const match = settings.teaserLabel.exec(text)
  if (match === null) return false
  const kicker = match.groups?.kicker
  // A kicker is capitalised, as headlines set it; in lower case the label's word opens a sentence ("Watch out: …").
  return (
    kicker === undefined ||
    kicker
      .trim()
      .split(/\s+/u)
      .every((word) => /^[\p{Lu}\p{N}]/u.test(word))
  )
}

/** A widget's or promotion's call to action ("Sign up to our free newsletters", "Click to follow"). */
export function isPromo(text: string, settings: GenericSettings): boolean {
  return settings.promoPattern.test(text)
}

/** A picture's file name standing for the picture ("Chen Dong.jpg", "IMG_2041.JPEG"). */
export function isImageFile(text: string): boolean {
  return IMAGE_FILE.test(text) && wordsOf(text).length <= MAX_FILE_NAME_WORDS
}

/** A picture as a scrape writes it in Markdown (`![Firefighters at the scene](https://…/photo.jpg)`): its words describe the picture. */
export function isMarkdownPicture(text: string): boolean {
  return MARKDOWN_PICTURE.test(text)
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$/iu
const MARKDOWN_PICTURE = /^!\[[^[\]]{0,500}\]\([^\s()]{1,2000}(?:\s+"[^"]{0,300}")?\)$/u
/** A file named after its picture's caption runs to a sentence's length ("Jane Doe, the minister, at the summit in Paris.jpg"). */
const MAX_FILE_NAME_WORDS = 20

/** How many sentences a line holds, by the sentence breaks inside it. */
export function sentencesIn(text: string): number {
  return (text.match(SENTENCE_BREAK) ?? []).length + 1
}

/** Where one sentence ends and the next begins, inside a line. */
const SENTENCE_BREAK = /[.!?…。！？؟]["'”’»)\]]*\s+(?=["“«(]?[\p{Lu}\p{Lo}])/gu

/** A teaser label alone on its line ("Baca juga:", "Berita Terkait"): the lines under it are the teasers. */
export function isListLabel(text: string, settings: GenericSettings): boolean {
  return isTeaser(text, settings) && !/[:：»›|>-]\s*\S/u.test(text.replace(/^[-–•*]\s*/u, ''))
}

/**
 * A writer's or editor's sign-off in brackets: initials in lower case ("(sam)", "(fath/arrahmah.com)"), a name
 * ("(Jane Doe)"), or desks' codes with digits ("(T.A034/S025)"). The credits stage reads an agency's name in brackets
 * first ("(Bernama)"), so a name left here is a person's. Without brackets, the desks' initials in lower case joined
 * by a slash, as wire copy closes ("jd-abc/mm", "bur-xy/zz").
 */
export function isSignOff(text: string): boolean {
  const trimmed = text.trim()
  return SIGN_OFF.test(trimmed) || DESK_INITIALS.test(trimmed)
}

const DESK_INITIALS = /^\p{Ll}{2,6}(?:-\p{Ll}{2,6})*(?:\/\p{Ll}{2,6}(?:-\p{Ll}{2,6})*)+$/u

const SIGN_OFF =
  /^\(\s*(?:\p{Ll}[\p{Ll}\p{N}.-]{0,20}(?:\s*[/,;&-]\s*\p{Ll}[\p{Ll}\p{N}.-]{0,30}){0,3}|\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,2}|(?=[^()]*\d)[\p{Lu}\p{N}.]{2,12}(?:\s*\/\s*[\p{Lu}\p{N}.]{2,12}){1,3})\s*\)$/u

/**
 * A short line with a copyright mark ("©", "Copyright", "All rights reserved" in several languages), not a picture's
 * under its caption ("Bischöfe in Bonn / © Jane Doe (dpa)").
 */
export function isCopyright(text: string, settings: GenericSettings): boolean {
  return settings.copyrightMark.test(text) && wordsOf(text).length <= settings.thresholds.metaWords && captionCredit(text, settings) === null
}

const YEAR = /(?<!\d)(?:1[3-9]|20)\d{2}(?!\d)/u
const TIME = /(?<!\d)\d{1,2}[:.]\d{2}(?![\d.,])/u
const CLOCK_WORDS = new Set(['am', 'pm', 'a', 'p', 'm', 'h', 'uhr', 'ч'])
const NUMERIC_DATE = /(?<![\d/.-])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\d/.-])/u

/**
 * A line that is only a date, maybe with a time, a zone, a weekday or a
 * label ("Rabu, 13 Februari 2019 / 9 Jumadilakhir 1440 10:00",
 * "02-11-2015 18:49", "Last update: 06/07/2018"): a date the calendar reads,
 * or a year with a time, or a numeric date, and few other words.
 */
export function isDateLine(text: string, calendar: Calendar, settings: GenericSettings): boolean {
  if (/[.!?؟]["'”’]?$/u.test(text.trim()) && !/\d\.?$/u.test(text.trim())) return false
  const other: string[] = []
  for (const word of eachWordOf(text)) {
    if (calendar.months.has(word) || calendar.zones.has(word.toUpperCase())) continue
    other.push(word)
    // Too many other words for a date line, whatever the date: a paragraph is let go after a few words, not read whole.
    if (other.length > settings.thresholds.dateWords) return false
  }
  // A time alone, with its zone ("1:39 PM MYT"), stamps the article as a date does.
  const timeAlone = TIME.test(text) && other.every((word) => CLOCK_WORDS.has(word))
  return timeAlone || parseDate(text, calendar) !== null || (YEAR.test(text) && TIME.test(text)) || NUMERIC_DATE.test(text)
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length
}

/** A value without the space and closing punctuation around it. */
function trimValue(raw: string): {text: string; lead: number} {
  const lead = raw.length - raw.trimStart().length
  return {text: raw.trim().replace(/[\s/|;,–-]+$/u, ''), lead}
}
