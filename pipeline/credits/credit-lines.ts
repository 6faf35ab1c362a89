/**
 * Credits read from where credits stand, in any language. Outlets print an
 * agency's name in a handful of places whatever their language: a line of
 * its own ("EFE", "AFP/xx", "Konbini avec AFP", "Source : AFP/BFMTV"), a
 * byline ("By AFP", "Von dpa", "June 25, 2013|Reuters"), the bracket of a
 * dateline ("SHANGHAI, June 26 (Reuters) -", "15 апреля, Минск /Корр.
 * БЕЛТА/."), and a sign-off closing a paragraph ("… (Reuters)", "… /TASS/",
 * "… — Bernama", "… detención. EFE"). The shapes are code; the words
 * (labels, joiners, wire end marks) are data in `rules/agencies.yaml`.
 *
 * What stands in the slot must read as a credit: agency names from the
 * registry, separated by slashes, dashes, commas or "and"; desk initials in
 * lower case ("xx", "pras"); a correspondent's abbreviation ("Корр.");
 * short codes in capitals the registry does not know ("PL"), which are
 * reported as unknown agencies so a user can add them; an outlet's or a
 * desk's name before "with" or a credit label ("Konbini avec AFP",
 * "Redacción con información de AFP"). Anything else (a headline that names
 * Reuters, a sentence about AFP) is not a credit.
 */
import type {AgencyMention, AgencyRegistry, CreditWords} from '../agencies.ts'
import {escapeRegExp} from '../../core/text.ts'
import {lineMemo} from '../../core/bounded-memo.ts'

/** Where a credit stands. */
export const CREDIT_POSITIONS = ['credit-line', 'byline', 'dateline', 'sign-off'] as const
export type CreditPosition = (typeof CREDIT_POSITIONS)[number]

/** A short code in capitals standing where agencies stand, that the registry does not know. */
export interface UnknownCode {
  text: string
  start: number
  end: number
}

/** What a credit slot holds; offsets relative to the text the slot was read from. */
export interface CreditList {
  agencies: AgencyMention[]
  unknown: UnknownCode[]
  /** The slot names a picture's source ("(ANTARA/HO-PVMBG)", "(Reuters/Handout)"), not the text's. */
  photo: boolean
  /** A byline names its reporters (or a desk) before the agency ("By Jane Doe, Reuters"): a byline, not a credit alone. */
  reporters?: boolean
}

/** A credit found on a line: where it stands, what it names, and the part of the line it takes. */
export interface CreditFinding extends CreditList {
  position: CreditPosition
  /** The part of the line the credit takes (a dateline, a sign-off), or the whole line; offsets in the line. */
  start: number
  end: number
  /** Whether the credit takes the whole line. */
  wholeLine: boolean
  /** A whole line that also gives a date or time ("June 25, 2013|Reuters"): metadata, not only a credit. */
  dated: boolean
  /** A labelled credit in one field of a line of several ("Editor: Budi | Sumber: ANTARA"): evidence, the line left to the metadata stage. */
  inField?: boolean
}

/** Lines longer than this are not a credit of their own. */
const MAX_CREDIT_LINE = 90
/** A line of meta fields ("Reporter: … | Editor: … | Sumber: …") is no longer than this. */
const MAX_FIELDS_LINE = 200
/**
 * What separates the fields of such a line: a bar, a semicolon or a bullet between them, a run of spaces, as pages
 * set a time, a source and an editor apart ("2024-12-06 09:15:00  来源:新华社  责任编辑:王芳"), or a space before the next
 * field's label ("来源: 新华社 责任编辑:王芳", "Source: Reuters Editor: Jane Doe").
 */
const FIELD_SEPARATOR = /\s*[|;•·]\s*|\s{2,}|\s+(?=\p{L}[\p{L}\p{M}]{0,15}\s*[:：])/u
/** A dateline's place and date before the agency's bracket: at most this many characters and words. */
const MAX_DATELINE_HEAD = 50
const MAX_DATELINE_WORDS = 7
/** A byline's other fields beside the credit (a place, "Updated: 08-07-2022 09:43 IST"): at most this many words each. */
const MAX_BYLINE_FIELD_WORDS = 6
/** A date written out after a credit: words of it ("23 de maio de 2025 às 15:59"). */
const MAX_DATE_WORDS = 8

/**
 * A dateline's place and date (maybe none), maybe closed by a full stop, a dash or both ("Roma, 12 mar. - (Adnkronos)
 * -"), then the agency in brackets or between slashes: the place starts with a capital or, in a script without case,
 * any letter. A full stop inside is an abbreviated month's before its day ("Seoul, Dec. 6 (Yonhap)") or a day's
 * number's, as languages that write ordinals so print it ("Praha 6. prosince (ČTK)", "Berlin, 6. Dezember (dpa)"); any
 * other ends the head, as a sentence's would. A colon inside is a time's ("Haikou, 29 set 17:07 – (Xinhua) –"). A
 * slash inside is a numeric date's ("Jakarta, 6/12 (ANTARA)"), a place's between its two names ("Frankfurt/Main
 * (dpa)"), or a month's between its two names ("هافانا، 6 نوفمبر/تشرين الثاني. /تاس/."). A bracket followed by a comma
 * or by another bracket is the place's region, not the agency's ("Ottawa (Canadá), 6 dic (EFE).-", "Halle (Saale)
 * (dpa) -").
 */
const BRACKETED_DATELINE =
  /^(?:([\p{Lu}\p{Lo}\p{N}](?:[^()[\]/.!?؟:"“”]|\.(?=\s?\d)|(?<=(?:^|\s)\d{1,2})\.(?=\s\p{L})|(?<=\d)\/(?=\d)|(?<=\d):(?=\d\d)|(?<=\p{L})\/(?=[\p{Lu}\p{Lo}])|(?<=\s)\(\p{Lu}[^()]{0,30}\)(?=,|\s\()){0,60}?)\.?\s*(?:[-–—]{1,2}\s*)?)?(?:\(([^()]{1,60})\)(?!,|\s\()|\[([^[\]]{1,60})\]|(?:(?<!\p{L})|(?=\/\s))\/([^/]{1,60})\/)\s*(?:[-–—]{1,2}|[.:])?\s*/u
/**
 * A place and a date (a digit in it), or the date alone, a full stop, comma or dash, a name (maybe its site's, with a
 * dot: "INTERFAX.RU"), then a full stop, a dash, or both as Spanish-language wires set them ("Caracas, 16 jun. AVN.-").
 */
const BARE_DATELINE =
  /^((?:[\p{Lu}\p{Lo}][\p{L}\p{M}\p{N} ,.'’-]{0,50}?)?\p{N}[\p{L}\p{M}\p{N} ,.]{0,20}?)\s*(?:[.,]\s*|\s[—–-]{1,2}\s*)([^.,:;—–()\d\s](?:[^.,:;—–()]|\.(?=\p{L})){1,38}?)\s*(?:\.[-–—]{1,2}|\.|\s[-–—]{1,2})\s+/u
/** A place without a date: one to three words, capitalised or in a script without case. */
const PLACE = String.raw`[\p{Lu}\p{Lo}][\p{L}\p{M}'’-]*(?:\s[\p{Lu}\p{Lo}][\p{L}\p{M}'’-]*){0,2}`
/**
 * Such a place, or an outlet's name in quotes ("«الوطن» - وام:", the agency's copy as the outlet printed it), then a full
 * stop or a spaced dash, or a dash between two words of a script without case ("دمشق-سانا").
 */
const PLACE_THEN_NAME = String.raw`^(${PLACE}|[«"“]${PLACE}[»"”])\s*(?:\.\s*|\s[—–-]{1,2}\s*|(?<=\p{Lo})[—–-](?=\p{Lo}))`
/**
 * The place, an agency's name (its initials maybe set apart by full stops), then a dash, a full stop or a colon, before
 * the lead: "АСТАНА. KAZINFORM – ", "القاهرة - أ ش أ - ", "موسكو - سبوتنيك. ", "واشنطن ـ د.ب.أ: ", a scrape's colon run
 * into the lead's first word too ("باريس - فرانس برس:أعلنت").
 */
const PLACE_DATELINE = new RegExp(String.raw`${PLACE_THEN_NAME}([^.,:;—–()\d\s](?:[^.,:;—–()\d]|\.(?=\p{L})){1,38}?)(?:\s+[-–—]{1,2}\s+|\.\s+|:\s*)`, 'u')
/** The same place and name as the whole line, maybe a dash or a colon after the name, maybe a date: "الرياض – واس 2024.12.06 | 09:15 am", "واشنطن – سبأ:". */
const PLACE_AND_AGENCY = new RegExp(
  String.raw`${PLACE_THEN_NAME}([^.,:;—–()\d\s|](?:[^.,:;—–()\d|]|\.(?=\p{L})){0,38}?)\s*(?:[-–—]{1,2}|:)?(\s+\d[\d\p{L} .:/|-]{0,30})?\s*$`,
  'u'
)
/**
 * A name, maybe after a place of one to three words and a comma or after a date in brackets, then a spaced dash:
 * "AGI – ", "JAKARTA, ANTARA - ", "(6 dicembre 2024) AGI - ".
 */
const AGENCY_OPENING = new RegExp(
  String.raw`^(?:${PLACE},\s*|[(（][^()（）]{0,30}\d[^()（）]{0,20}[)）]\s*)?([^\s,.:;–—()-][^,.:;–—()]{0,38}?)(?:\s+[–—-]{1,2}|\.[–—-]{1,2})\s+`,
  'du'
)
/** A byline's date or time after the credit: a few words of letters and digits, a digit among them ("December 6", "2024", "12/06/2024", "10:32 GMT"). */
function isDateField(field: string): boolean {
  return /\d/u.test(field) && /^[\p{L}\p{N} .:/-]{1,30}$/u.test(field) && field.trim().split(/\s+/u).length <= MAX_BYLINE_FIELD_WORDS
}
/**
 * A credit, then a place: of one to three capitalised words after a bar or, in title case, after a spaced slash ("EFE |
 * Madrid", "Reuters / New York"; in capitals after a slash a name is the photographer's, "REUTERS / MARIANNE
 * GONZALEZ"), of one to three words in capitals after a dash ("EFE-CATANZARO", "AFP - KUALA LUMPUR"), of one word
 * after a comma or a spaced dash ("AFP, Paris", "EFE - Madrid"), where two would as well be a reporter's name
 * ("Reuters, Jane Doe"), of one or two words of a script without case after a spaced dash ("وام ـ دبي"). The
 * credit comes first: a headline in title case puts its site's or agency's name after a bar or a dash ("Putin Visits
 * Pyongyang | Reuters").
 */
const PLACE_AFTER_CREDIT =
  /^(.+?)(?:\s*[|•·]\s*\p{Lu}[\p{L}\p{M}'’.-]*(?:[\s-]\p{Lu}[\p{L}\p{M}'’.-]*){0,2}|\s+\/\s+\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*(?:[\s-]\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*){0,2}|\s*[-–—]{1,2}\s*\p{Lu}[\p{Lu}\p{M}'’.]*(?:[\s-]\p{Lu}[\p{Lu}\p{M}'’.]*){0,2}|(?:\s*,\s*|\s+[-–—]{1,2}\s+)\p{Lu}[\p{L}\p{M}'’.-]*|\s+[-–—]{1,2}\s+\p{Lo}[\p{Lo}\p{M}]*(?:\s\p{Lo}[\p{Lo}\p{M}]*)?)$/u
/** A source's name as a credit label's value: one to three words, no sentence. */
const SOURCE_NAME = /^\s*[\p{L}\p{N}][\p{L}\p{N}.&'’-]*(?:\s[\p{L}\p{N}][\p{L}\p{N}.&'’-]*){0,2}\s*$/u
const DESK_INITIALS = /^\p{Ll}{1,5}\.?$/u
const UNKNOWN_CODE = /^\p{Lu}{2,6}$/u
const ABBREVIATION = /^\p{L}{1,6}\.$/u
/** Words in lower case set apart by slashes, and nothing else: "efe", "afp/jd". */
const LOWER_CASE_CODES = /^\p{Ll}+(?:\s*\/\s*\p{Ll}+)*$/u
/** An article elided into the name after it ("l'", "d'", "dell'"). */
const ELISION = /^\p{L}{1,4}['’]$/u
const NAME_WORD = /^\p{Lu}[\p{L}\p{N}.'’]*$/u
const SITE_NAME = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u
const TOP_LEVEL_DOMAIN = /^\.\p{L}{2,6}(?![\p{L}\p{N}.])/u
const SEPARATORS = /\s*[/,;&+|–—-]\s*|\s+/u
/** In a byline, the agency may stand in brackets after the reporters' names too ("By Jane Doe (AFP)"). */
const BYLINE_SEPARATORS = /\s*[/,;&+|–—()-]\s*|\s+/u
/** A gap cut at its separators, which are kept as pieces of their own. */
const PIECES = new RegExp(`(${SEPARATORS.source})`, 'u')
const BYLINE_PIECES = new RegExp(`(${BYLINE_SEPARATORS.source})`, 'u')
/**
 * A byline's shape without its byline word: one to three reporters' names of two or three capitalised words each, then a
 * comma ("Jane Doe, Reuters", "Jane Doe and John Roe, AFP"). Not a bar or a dash, which a headline in title case puts
 * before its site's or agency's name ("Putin Visits Pyongyang | Reuters"); not a slash, which credits a photographer.
 */
const NAMES_THEN_AGENCY =
  /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,2}(?:(?:\s*,\s*|\s+(?:and|&)\s+)\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,2}){0,2}\s*,\s*\S/u

export interface CreditReader {
  /** A text that is nothing but a credit slot's content ("Télam-DPA-Reuters", "RND/AP", "Konbini avec AFP"); null when it is not one. */
  readList(text: string, options?: {labelled?: boolean}): CreditList | null
  /** Every credit in its position on one line. */
  find(line: string): readonly CreditFinding[]
  /** The dateline opening a line, when it names an agency or an unknown code; one of `find`'s findings. */
  dateline(line: string): CreditFinding | null
}

/**
 * @param creditLabels labels that open a credit line before a colon ("Sumber", "Fuente", "Источник")
 * @param bylinePrefix a byline's opening word at the start of a line ("By ", "Von ")
 * @param bylineLabels labels of a byline before a colon ("Reporter", "Autor"): an agency's name after one is its credit
 */
export function creditReader(
  registry: AgencyRegistry,
  creditLabels: readonly string[],
  bylinePrefix: RegExp,
  bylineLabels: readonly string[] = []
): CreditReader {
  const words = registry.creditWords
  const fold = (word: string) => word.toLocaleLowerCase()
  const withJoiners = new Set(words.with.map(fold))
  const andJoiners = new Set(words.and.map(fold))
  const photoWords = new Set(words.photo.map(fold))
  const agencyNouns = new Set(words.nouns.map(fold))
  const roleWords = new Set(words.roles.map(fold))
  const rolePrepositions = new Set(words.rolePrepositions.map(fold))
  const escape = (text: string) => escapeRegExp(text.trim()).replace(/\s+/gu, '\\s+')
  const alternation = (list: readonly string[]) =>
    [...list]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|') || '(?!)'
  // A credit's label may share its colon with another word, the picture's label as a rule: "Source / Photo: Kyodo",
  // "Foto/Fonte: Lusa" (text and photo).
  const colonLabel = new RegExp(`^(?:\\p{L}+\\s*[/&]\\s*)?(?:${alternation(creditLabels)})(?:\\s*[/&]\\s*\\p{L}+)?\\s*[:：]\\s*`, 'iu')
  const bylineLabel = new RegExp(`^(?:${alternation(bylineLabels)})\\s*[:：]\\s*`, 'iu')
  // A date, then the byline word: "6 juin par AFP", "Publié le 6 juin 2024 par AFP".
  const afterDate = new RegExp(`^(?:[^\\s.!?]+\\s+){1,${MAX_DATE_WORDS}}?(?:${bylinePrefix.source.replace(/^\^/u, '')})`, bylinePrefix.flags)
  const bylineAfterDate = (text: string) => {
    const match = afterDate.exec(text)
    return match && /\d/u.test(match[0]) ? match : null
  }
  const phraseLabel = new RegExp(`^(?:${alternation(words.labels)})(?![\\p{L}\\p{N}])\\s*[:：]?\\s*`, 'iu')
  const labelInside = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(words.labels)})(?![\\p{L}\\p{N}])\\s*[:：]?`, 'iu')
  const closingPhrase = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(words.closing)})\\s*[.。]?$`, 'iu')
  const endMarkPattern = new RegExp(`\\s*(?:${alternation(words.endMarks)})\\s*$`, 'u')
  const mayEndInMark = endingInMark(words.endMarks)
  const endMark = {exec: (line: string) => (mayEndInMark(line) ? endMarkPattern.exec(line) : null)}

  const readList = (text: string, options: {labelled?: boolean; names?: boolean} = {}): CreditList | null => {
    const mentions = registry.resolve(text)
    const agencies: AgencyMention[] = []
    const unknown: UnknownCode[] = []
    let photo = false
    let cursor = 0
    let pendingName = false
    let afterRole = false
    let reporters = false
    let joined = false
    const readGap = (gap: string, at: number): boolean => {
      let offset = at
      // A credit label after the desk's or the outlet's name joins them as "with" does ("Redacción con información de
      // AFP", "HT News Desk, with inputs from Reuters"): its words are read as that joiner.
      const label = labelInside.exec(gap)
      const labelStart = label ? at + label.index : -1
      const labelEnd = label ? labelStart + label[0].length : -1
      const separators = options.names ? BYLINE_SEPARATORS : SEPARATORS
      const pieces = gap.split(options.names ? BYLINE_PIECES : PIECES)
      // In a byline, words in capitals beside another capitalised word with only a space between are a name set in
      // capitals ("By MARY MAJOR Associated Press"), not codes of agencies; codes are listed with a slash or a comma.
      const besideByASpace = (index: number, step: 1 | -1) => /^\s+$/u.test(pieces[index + step] ?? '') && NAME_WORD.test(pieces[index + 2 * step] ?? '')
      for (const [index, piece] of pieces.entries()) {
        const here = offset
        offset += piece.length
        if (here >= labelStart && offset <= labelEnd) {
          pendingName = false
          if (agencies.length === 0) joined = true
          continue
        }
        if (piece === '' || (separators.test(piece) && piece.trim().length <= 1)) {
          // A byline's names end at a comma, slash, bar or bracket before the agency ("By Jane Doe, Reuters").
          if (options.names && piece.trim() !== '') pendingName = false
          continue
        }
        const word = piece.trim()
        const folded = fold(word)
        // "خبرگزاری مهر", "وكالة رويترز", "Agencia Xinhua": the word says the name beside it is an agency's.
        if (andJoiners.has(folded) || agencyNouns.has(folded)) continue
        // A role or a newsroom ("Jane Doe - Repórter da Agência Brasil", "Redacción / AFP", "correspondant de l'AFP"):
        // the names before it are the reporter's, not a name run into the agency's.
        if (roleWords.has(folded)) {
          pendingName = false
          afterRole = true
          continue
        }
        if (afterRole && (rolePrepositions.has(folded) || ELISION.test(word))) continue
        afterRole = false
        if (photoWords.has(folded)) {
          photo = true
          continue
        }
        // The names before "with" are the desk's or the outlet's that used the agency's copy ("Redacción con
        // información de EFE"), a credit's, not reporters'.
        if (withJoiners.has(folded)) {
          pendingName = false
          if (agencies.length === 0) joined = true
          continue
        }
        if (DESK_INITIALS.test(word) || ABBREVIATION.test(word)) continue
        // After an agency and a slash, a name in capitals is its photographer's ("(AFP/MIGUEL RIOPA)"): the picture's
        // credit, not codes.
        const nameInCapitals = UNKNOWN_CODE.test(word) && (besideByASpace(index, -1) || besideByASpace(index, 1))
        if (nameInCapitals && !options.names && agencies.length > 0 && gap.trimStart().startsWith('/')) {
          photo = true
          continue
        }
        if (UNKNOWN_CODE.test(word) && !(options.names && nameInCapitals)) {
          unknown.push({text: word, start: here + piece.indexOf(word), end: here + piece.indexOf(word) + word.length})
          continue
        }
        // A site's own name beside the agency ("Confirmado.net – Xinhua") is the publisher, not a word of a sentence.
        if (SITE_NAME.test(word)) continue
        if (NAME_WORD.test(word)) {
          if (!options.labelled) pendingName = true
          if (options.names && agencies.length === 0) reporters = true
          continue
        }
        // Under a label, other sources may be named in words ("With inputs from AFP, AP and local media reports").
        if (options.labelled && /^\p{Ll}[\p{Ll}'’-]*$/u.test(word)) continue
        return false
      }
      return true
    }
    for (const mention of mentions) {
      if (!readGap(text.slice(cursor, mention.start), cursor)) return null
      // An outlet's name counts only before "with" ("Konbini avec AFP"), never beside an agency as if it were one. A
      // byline's reporter may run into the agency's name of two words or more ("By Mary Major Associated Press"), which
      // no surname is; not into one word ("By Jane Antara").
      if (pendingName && !(options.names && /\s/u.test(mention.text.trim()))) return null
      pendingName = false
      afterRole = false
      agencies.push(mention)
      // The agency's name as its site's ("INTERFAX.RU", "Antaranews.com"): the top-level domain is part of the name.
      cursor = mention.end + (TOP_LEVEL_DOMAIN.exec(text.slice(mention.end))?.[0].length ?? 0)
    }
    if (!readGap(text.slice(cursor), cursor) || pendingName) return null
    if (agencies.length === 0 && unknown.length === 0) return null
    return {agencies, unknown, photo, ...(reporters && !joined ? {reporters} : {})}
  }

  // Codes written in lower case, as some outlets print every source, read as the registry reads a bracket's name: a text
  // of such codes and desks' initials set apart by slashes, and nothing else.
  const lowerCaseCodes = (text: string): CreditList | null => {
    if (!LOWER_CASE_CODES.test(text)) return null
    const agencies: AgencyMention[] = []
    for (const code of text.matchAll(/\p{Ll}+/gu)) {
      const found = registry.resolveBracketed(code[0])
      if (found.length > 0) agencies.push(...found.map((mention) => ({...mention, start: code.index + mention.start, end: code.index + mention.end})))
      else if (!DESK_INITIALS.test(code[0])) return null
    }
    return agencies.length > 0 ? {agencies, unknown: [], photo: false} : null
  }

  // A name the registry reads only in brackets ("(PL)", "（共同）"), as all a dateline's or a sign-off's bracket holds.
  const bracketedName = (inner: string): CreditList | null => {
    const agencies = registry.resolveBracketed(inner)
    return agencies.length > 0 ? {agencies, unknown: [], photo: false} : null
  }

  /** A line that is a credit and nothing else, maybe under a label or a byline word, maybe beside a date. */
  const wholeLine = (line: string): CreditFinding | null => {
    if (line.length > MAX_CREDIT_LINE) return null
    let text = line
    let offset = 0
    const skip = (match: RegExpExecArray | null) => {
      if (!match) return false
      text = text.slice(match[0].length)
      offset += match[0].length
      return true
    }
    const mark = endMark.exec(text)
    if (mark) text = text.slice(0, mark.index)
    // A list's bullet or an asterisk before the credit, as a page sets its sources under a label line ("Source:" then
    // "• Reuters") or marks a note under the text ("* Com Lusa"), or a dash before a labelled line ("— Autor: Noviny.cz / ČTK").
    skip(/^(?:[•·▪►*]|[—–](?=\s))\s*/u.exec(text))
    // Full-width brackets too, as Chinese and Japanese texts print them ("（法新社）"), and slashes, as Arabic and Russian
    // ones set a credit apart ("/المصدر: وام/", "/Источник: ТАСС/").
    const inBrackets = /^(?:[([（]\s*(.*?)\s*[)\]）]|\/\s*([^/]*?)\s*\/)[.。]?$/u.exec(text)
    const bracketed = inBrackets && (inBrackets[1] ?? inBrackets[2]!)
    if (bracketed !== null) {
      offset += text.indexOf(bracketed)
      text = bracketed
    }
    let position: CreditPosition = 'credit-line'
    // "The Associated Press contributed to this report.": the agency, then the words that close such a credit.
    const closing = closingPhrase.exec(text)
    if (closing) text = text.slice(0, closing.index)
    let labelled = closing !== null
    // "June 25, 2013|Reuters", "20:25 Источник: Интерфакс", "2024-12-06, 09:15  Polska Agencja Prasowa": a date or time
    // beside the credit, set apart by a bar, a label or a run of spaces.
    // A date and a time may stand in fields of their own ("6 de Diciembre de 2024 | 10:15 | AFP").
    // A spaced long dash sets fields apart as a bar does ("06/12/2024 — 10:15 — Com a Lusa").
    const dated = colonLabel.test(text)
      ? null
      : /^(?:[\p{L}\p{N} ,.:/-]*\d[\p{L}\p{N} ,.:/-]*?(?:\s*[|•·]\s*|\s+[—–]\s+|\s+(?=\p{L}\S*\s*[:：])|\s{2,}))+/u.exec(text)
    let hasDate = false
    if (dated && /\d/u.test(dated[0])) {
      skip(dated)
      position = 'byline'
      hasDate = true
    }
    // Fields between bars: "Reuters | Tokyo | Updated: 08-07-2022 09:43 IST", the credit, then a place and a time; or
    // "Bolsamanía | Europa Press | 6 dic, 2024 10:15", the outlet's name, then the credit, then the date.
    const fields = text.split(/\s*[|•·]\s*/u)
    const outletFirst =
      fields.length > 2 &&
      !/\d/u.test(fields[0]!) &&
      fields[0]!.split(/\s+/u).length <= 3 &&
      fields.slice(2).every((field) => /\d/u.test(field)) &&
      !readList(fields[0]!)?.agencies.length &&
      (readList(fields[1]!)?.agencies.length ?? 0) > 0
    if (outletFirst) {
      offset += text.indexOf(fields[1]!, fields[0]!.length)
      text = fields[1]!
      position = 'byline'
      hasDate = true
    } else if (
      fields.length > 1 &&
      fields.slice(1).every((field) => field.split(/\s+/u).length <= MAX_BYLINE_FIELD_WORDS) &&
      fields.slice(1).some((field) => /\d/u.test(field))
    ) {
      text = fields[0]!
      position = 'byline'
      hasDate = true
    }
    // "Xinhua, December 6, 2024", "Jane Doe, Reuters, 6 Dec 2024", "Reuters / 6 Dec 2024": a date after the credit,
    // after a comma or a spaced slash, field by field from the end.
    const parts = text.split(/(\s*,\s*|\s+\/\s+)/u)
    let kept = parts.length
    // The last field holds a year, a numeric date, a date run together ("12Mar19") or a time, so a headline's count
    // ("Reuters, AP staff among 5 hurt") is no date.
    if (/\d{4}|\d[/.-]\d|\d\p{L}{3,9}\d|\d:\d\d/u.test(parts.at(-1)!)) while (kept >= 3 && isDateField(parts[kept - 1]!)) kept -= 2
    if (kept < parts.length) {
      text = parts.slice(0, kept).join('')
      position = 'byline'
      hasDate = true
    }
    // "Lusa 6 de dezembro de 2024 às 10:15", "(AFP 06/12/24)": a date after the credit and a space, from its first number,
    // its words in lower case (a capitalised word after a number is a name's: "AFP 2024 Jane" is no credit), and not a
    // label's value ("Published: 2024/12/6", read below).
    const spacedDate = /\s+(\d[\p{Ll}\p{N} ,.:/-]{0,40})$/u.exec(text)
    const spacedDateAlone = spacedDate && !/[:：]$/u.test(text.slice(0, spacedDate.index))
    if (spacedDateAlone && /\d{4}|\d[/.-]\d|\d:\d\d/u.test(spacedDate[1]!) && spacedDate[1]!.split(/\s+/u).length <= MAX_DATE_WORDS) {
      text = text.slice(0, spacedDate.index)
      position = 'byline'
      hasDate = true
    }
    // "โดย สำนักข่าวอินโฟเควสท์ (6 ธ.ค. 67)", "AFP (06/12/2024)": the date in brackets after the credit.
    const dateInBrackets = bracketed !== null ? null : /\s*[(（]([^()（）]{1,30})[)）]$/u.exec(text)
    if (dateInBrackets && isDateField(dateInBrackets[1]!.trim())) {
      text = text.slice(0, dateInBrackets.index)
      position = 'byline'
      hasDate = true
    }
    const underColonLabel = skip(colonLabel.exec(text))
    const underPhraseLabel = !underColonLabel && skip(phraseLabel.exec(text))
    if (underColonLabel || underPhraseLabel) {
      labelled = true
      // "Source:Xinhua Published: 2024/12/6 9:15:00": a labelled date after the labelled credit.
      const labelledDate = /\s+\p{L}+(?:\s\p{L}+)?\s*[:：]\s*[\p{N}][\p{N}\p{L} ,./:-]*$/u.exec(text)
      if (labelledDate && /\d/u.test(labelledDate[0])) {
        text = text.slice(0, labelledDate.index)
        hasDate = true
      }
    } else if (skip(bylinePrefix.exec(text)) || skip(bylineLabel.exec(text))) position = 'byline'
    else if (skip(bylineAfterDate(text))) {
      position = 'byline'
      hasDate = true
    }
    // A byline names its reporters before the agency, set apart by a comma, slash or bar ("By Jane Doe, Reuters"):
    // their names are no outlet's; a name run into the agency's ("By Jane Antara") is no credit.
    let list = readList(text, {labelled, names: position === 'byline'})
    // A byline without its byline word: the reporters' names, a comma, then the agency ("Jane Doe, Reuters").
    const namesThenAgency = (credit: string) => (position === 'credit-line' && NAMES_THEN_AGENCY.test(credit) ? readList(credit, {names: true}) : null)
    if (!list && !labelled && bracketed === null) {
      list = namesThenAgency(text)
      // "Agencia EFE | Madrid", "AFP, Paris", "Jane Doe, Reuters, Paris": the credit, then the place it was filed from.
      const placed = list ? null : PLACE_AFTER_CREDIT.exec(text)
      if (placed) list = readList(placed[1]!, {names: position === 'byline'}) ?? namesThenAgency(placed[1]!)
      if (list && list.agencies.length === 0) list = null
      if (list) position = 'byline'
    }
    // A name read only in brackets, as all a line's bracket holds: a sign-off set on a line of its own ("(SDA)", "(PL)");
    // or as all the line ("SDA" under the text), or all a credit label's value ("Quelle: SDA", "Fonte: Andina"): a line
    // of its own and a label put it where a credit stands, as a bracket does.
    const alone = text.trim() === line.trim()
    if ((bracketed !== null || alone || (labelled && !closing)) && !hasDate && !list?.agencies.length) list = bracketedName(text) ?? list
    // Codes in lower case, alone or with desks' initials, make up all a line or its bracket: "efe", "afp/jd", "(apa/mc)".
    const codes = lowerCaseCodes(text)
    if (codes && codes.agencies.length > (list?.agencies.length ?? 0)) list = codes
    // A phrase label's value of a few words naming no agency is still a credit, to a site or a paper ("По материалам:
    // gazeta-primer", "Con información de Diario Ejemplo"): the line is no text's. (A colon label's is the generic stage's,
    // generic/credit-label.)
    if (!list && underPhraseLabel && SOURCE_NAME.test(text)) list = {agencies: [], unknown: [], photo: false}
    if (!list) return null
    if (list.agencies.length === 0 && !labelled && bracketed === null) return null
    return {...shift(list, offset), position, start: 0, end: line.length, wholeLine: true, dated: hasDate && !labelled}
  }

  /**
   * "SHANGHAI, June 26 (Reuters) -", "Madrid, 29 oct (PL)", "15 апреля, Минск /Корр. БЕЛТА/.", "MOSCOW, December 6.
   * /TASS/.", "الرياض (رويترز) -", and the bracket alone before a dash, as a copy that dropped the place prints it
   * ("(Reuters) - "); else a place and a date, then a registered name without brackets ("МОСКВА, 6 дек — РИА Новости.").
   */
  const dateline = (line: string): CreditFinding | null => {
    const match = BRACKETED_DATELINE.exec(line)
    if (!match) return bareDateline(line) ?? placeAndAgencyAlone(line) ?? agencyOpening(line)
    const head = match[1] ?? ''
    // Korean datelines hold the place inside the bracket, before the agency: "(서울=연합뉴스) 홍길동 기자 = …".
    const placeInside = /^[^=]{1,20}=\s*/u.exec(match[2] ?? '')
    // With no place before it, a bracket opening the line is a dateline only when a dash or a colon follows it, or when it
    // holds registered agencies alone and a sentence opens after it ("(Belga) Le ministre …"); else it may hold the date
    // before the agency's name ("(6 dicembre 2024) AGI - ").
    if (head === '' && !placeInside && !/[-–—:]\s*$/u.test(match[0]) && !agenciesAloneBeforeSentence(match, line)) return agencyOpening(line)
    const words = head.split(/\s+/u).filter(Boolean)
    if (head.length > MAX_DATELINE_HEAD || words.length > MAX_DATELINE_WORDS) return null
    // A place and a date: capitalised words, numbers and at most two short lower-case words (a month, "de").
    if (words.filter((word) => /^\p{Ll}/u.test(word)).length > 2) return null
    // A page may print the dateline on a line of its own, above the lead ("PARIS (AFP)", "هافانا (وام)"): read when it
    // names a place and a registered agency, as a credit of the whole line. The place is dated, in capitals, or of two
    // words at most, capitalised or in a script without case; a headline in title case is longer ("Putin Visits
    // Pyongyang (Reuters)"), a caption ends its sentence before the bracket ("Ilustrasi Mayat. (Antara)", "북한이
    // 동해상으로 탄도미사일을 발사했다. (연합뉴스)") or names the picture ("صورة (رويترز)").
    const placeShaped = () =>
      !(!/\d/u.test(head) && line.slice(head.length).startsWith('.')) &&
      !words.some((word) => photoWords.has(fold(word))) &&
      (/\d/u.test(head) || (/\p{Lu}/u.test(head) && !/\p{Ll}/u.test(head)) || (words.length <= 2 && words.every((word) => !/^\p{Ll}/u.test(word))))
    const alone = match[0].length === line.length && head !== '' && !placeInside && placeShaped()
    if (!alone && line.length - match[0].length < 20) return null
    // With no dash, colon or full stop after it, a bracket after the agency's own name, or after undated words with a
    // word in lower case next, is inside a sentence ("Einem Bericht der Deutschen Presseagentur (dpa) zufolge …", "la
    // Agencia EFE (EFE) confirmó"): a dateline's head is a place and a date.
    const inSentence = () => registry.resolve(head).length > 0 || (!/\d/u.test(head) && /^\p{Ll}/u.test(line.slice(match[0].length)))
    if (!alone && !/[-–—.:]\s*$/u.test(match[0]) && inSentence()) return null
    const inner = placeInside ? match[2]!.slice(placeInside[0].length) : (match[2] ?? match[3] ?? match[4]!)
    const list = bracketedName(inner) ?? readList(inner)
    if (!list || (alone && (list.agencies.length === 0 || list.unknown.length > 0))) return null
    if (alone) return {...shift(list, match[0].indexOf(inner, head.length)), position: 'dateline', start: 0, end: line.length, wholeLine: true, dated: false}
    // An unknown code in brackets after a name is an acronym ("Komisi Pemberantasan Korupsi (KPK) pada …"), unless the head is dated or a dash follows.
    const datelineShape = /\d|,/u.test(head) || /[-–—:]\s*$/u.test(match[0])
    if (list.agencies.length === 0 && (!datelineShape || head === '' || placeInside)) return null
    const innerAt = match[0].indexOf(inner, head.length)
    return {...shift(list, innerAt), position: 'dateline', start: 0, end: match[0].length, wholeLine: false, dated: false}
  }

  /** A dateline's bracket holding registered agencies and nothing else, a capitalised word opening a sentence after it. */
  const agenciesAloneBeforeSentence = (match: RegExpExecArray, line: string): boolean => {
    if (!/^\p{Lu}/u.test(line.slice(match[0].length))) return false
    const inner = match[2] ?? match[3] ?? match[4]!
    const list = bracketedName(inner) ?? readList(inner)
    return list !== null && list.agencies.length > 0 && list.unknown.length === 0 && !list.photo
  }

  /**
   * A place and an agency the registry knows on a line of their own, maybe with the date after them: "الرياض – واس",
   * "الرياض – واس 2024.12.06 | 09:15 am", "WASHINGTON – AP". The place is in a script without case or in capitals, or is
   * an outlet's name in quotes ("«Газета» – ТАСС:"): a headline in title case puts its agency after a dash too ("Oil
   * Rises - Reuters").
   */
  const placeAndAgencyAlone = (line: string): CreditFinding | null => {
    const match = PLACE_AND_AGENCY.exec(line)
    const outlet = match !== null && /^[«"“]/u.test(match[1]!)
    if (!match || (/\p{Ll}/u.test(match[1]!) && !outlet)) return null
    const list = bracketedName(match[2]!) ?? readList(match[2]!)
    if (!list || list.agencies.length === 0 || list.unknown.length > 0) return null
    const innerAt = match[0].indexOf(match[2]!, match[1]!.length)
    // An outlet's name before the agency makes the line a credit, not a dateline: it names no place.
    const position = outlet ? 'credit-line' : 'dateline'
    return {...shift(list, innerAt), position, start: 0, end: line.length, wholeLine: true, dated: match[3] !== undefined}
  }

  /**
   * An agency the registry knows opening the lead before a spaced dash, maybe after its place and a comma: "AGI – …",
   * "JAKARTA, ANTARA - …", or before a full stop and a dash, as Spanish-language wires set it: "Prensa Latina.- …". The
   * common caps-dateline rule cuts the name as a place; its field is no credit.
   */
  const agencyOpening = (line: string): CreditFinding | null => {
    const match = AGENCY_OPENING.exec(line)
    if (!match || line.length - match[0].length < 20) return null
    const list = readList(match[1]!)
    if (!list || list.agencies.length === 0 || list.unknown.length > 0) return null
    return {...shift(list, match.indices![1]![0]), position: 'dateline', start: 0, end: match[0].length, wholeLine: false, dated: false}
  }

  /**
   * A place, maybe a date, then an agency the registry knows, unbracketed: "МОСКВА, 6 дек — РИА Новости.", "Москва. 6
   * декабря. INTERFAX -", "АСТАНА. KAZINFORM – ".
   */
  const bareDateline = (line: string): CreditFinding | null => {
    const match = BARE_DATELINE.exec(line) ?? PLACE_DATELINE.exec(line)
    if (!match || line.length - match[0].length < 20) return null
    const head = match[1]!
    if (head.split(/\s+/u).filter(Boolean).length > MAX_DATELINE_WORDS) return null
    const inner = match[2]!
    // The name is all its slot holds, as in a bracket: a name read only there counts ("بغداد - واع -").
    const list = bracketedName(inner) ?? readList(inner)
    if (!list || list.agencies.length === 0 || list.unknown.length > 0) return null
    const innerAt = match[0].indexOf(inner, head.length)
    return {...shift(list, innerAt), position: 'dateline', start: 0, end: match[0].length, wholeLine: false, dated: false}
  }

  /** "… (Reuters)", "… /TASS/", "… — Bernama", "… detención. EFE", with or without a wire end mark after it. */
  const signOff = (line: string): CreditFinding | null => {
    const mark = endMark.exec(line)
    const body = mark ? line.slice(0, mark.index) : line
    const shapes: Array<{regex: RegExp; bare: boolean; bracket?: true}> = [
      {regex: /\s*[([（]\s*([^()[\]（）]{1,50}?)\s*[)\]）]\s*[.。]?$/u, bare: false, bracket: true},
      {regex: /\s*\/\s*([^/]{1,40}?)\s*\/\s*\.?$/u, bare: false, bracket: true},
      // A dash of any kind ("—", "―") or a slash after the last sentence: "… on Jan 30. – Bernama", "… Bombeiros. / Reuters".
      {regex: /(?<=[.!?؟"”’»)])\s*(?:\p{Pd}{1,2}|\u2015|\/)\s*([^\p{Pd}\u2015/]{1,40}?)\s*\.?$/u, bare: false},
      {regex: /(?<=[.!?؟"”’»])\s+([^.!?؟"”’»]{1,30}?)\s*$/u, bare: true},
      // A name in capitals run into the last sentence, as a page that lost the space or the line break prints it ("….BERNAMA").
      {regex: /(?<=[.!?؟"”’»)])(\p{Lu}[\p{Lu}\p{N} -]{1,29}?)\s*$/u, bare: true}
    ]
    for (const {regex, bare, bracket} of shapes) {
      const match = regex.exec(body)
      if (!match || match.index === 0) continue
      // A name read only in brackets closes a sentence ("… 発表した。（共同）"), and so do codes in lower case ("… (apa/mc)");
      // inside a sentence it is a word or a code.
      const closing = bracket && /[.!?؟。！？"”’»」]\s*$/u.test(body.slice(0, match.index))
      // Codes in lower case after the last sentence, as a reposting blog keeps them: "… précise la même source. aps".
      const named = closing ? (bracketedName(match[1]!) ?? lowerCaseCodes(match[1]!)) : bare ? lowerCaseCodes(match[1]!) : null
      if (named) {
        const innerAt = match.index + match[0].indexOf(match[1]!)
        return {...shift(named, innerAt), position: 'sign-off', start: match.index, end: line.length, wholeLine: false, dated: false}
      }
      // A bracket may name its source under a label: "… kata menteri kepada wartawan. (Sumber: Antara)", "(Fuente: EFE)".
      const label = bare ? null : (colonLabel.exec(match[1]!) ?? null)
      const inner = label ? match[1]!.slice(label[0].length) : match[1]!
      const list = readList(inner, {labelled: label !== null})
      if (!list || (label && list.agencies.length === 0)) continue
      // A bare name after a sentence is a credit only when the registry knows every name in it.
      if (bare && (list.unknown.length > 0 || list.agencies.length === 0)) continue
      // An unknown code in brackets counts only after a full sentence: "… (KPK)" inside a sentence is an acronym.
      if (list.agencies.length === 0 && !/[.!?؟。！？"”’»]\s*$/u.test(body.slice(0, match.index))) continue
      const innerAt = match.index + match[0].indexOf(match[1]!) + (label ? label[0].length : 0)
      return {...shift(list, innerAt), position: 'sign-off', start: match.index, end: line.length, wholeLine: false, dated: false}
    }
    return null
  }

  /**
   * A labelled credit in one field of a line of meta fields: "Reporter: Rina | Editor: Budi | Sumber: ANTARA", or an
   * agency under a byline's label: "06/12/2024 | 10:15 | Аутор: ТАНЈУГ".
   */
  const labelledField = (line: string): CreditFinding | null => {
    if (line.length > MAX_FIELDS_LINE || !FIELD_SEPARATOR.test(line)) return null
    let at = 0
    for (const field of line.split(FIELD_SEPARATOR)) {
      const start = line.indexOf(field, at)
      at = start + field.length
      const text = field.trim()
      if (!colonLabel.test(text) && !phraseLabel.test(text) && !bylineLabel.test(text)) continue
      const found = wholeLine(text)
      if (!found || found.agencies.length === 0 || found.photo) continue
      const lead = start + field.indexOf(text)
      return {...shift(found, lead), start: lead, end: lead + text.length, wholeLine: false, inField: true}
    }
    return null
  }

  // A short line's findings are remembered: an outlet's credit lines come back on each of its pages.
  const find = lineMemo((line: string): readonly CreditFinding[] => {
    const whole = wholeLine(line.trim())
    if (whole) {
      const lead = line.length - line.trimStart().length
      return [{...shift(whole, lead), start: 0, end: line.length}]
    }
    const field = labelledField(line)
    if (field) return [field]
    // A dateline that takes the whole line leaves no sentence for a sign-off to close ("«Газета» – ТАСС").
    const opening = dateline(line)
    if (opening?.wholeLine) return [opening]
    return [opening, signOff(line)].filter((finding): finding is CreditFinding => finding !== null)
  })

  return {readList, find, dateline}
}

/** A credit list's offsets moved by `by`. */
function shift<T extends CreditList>(list: T, by: number): T {
  return {
    ...list,
    agencies: list.agencies.map((mention) => ({...mention, start: mention.start + by, end: mention.end + by})),
    unknown: list.unknown.map((code) => ({...code, start: code.start + by, end: code.end + by}))
  }
}

/** The wire end mark closing a line ("-0-"), if any: offsets in the line. */
export function endMarkIn(line: string, words: CreditWords): {start: number; end: number} | null {
  if (words.endMarks.length === 0) return null
  let finder = endMarkFinders.get(words)
  if (!finder) {
    finder = {
      pattern: new RegExp(`(?<=\\S)\\s*(?:${words.endMarks.map((mark) => escapeRegExp(mark.trim())).join('|')})\\s*$`, 'u'),
      mayEnd: endingInMark(words.endMarks)
    }
    endMarkFinders.set(words, finder)
  }
  const match = finder.mayEnd(line) ? finder.pattern.exec(line) : null
  return match ? {start: match.index, end: line.length} : null
}

/** The end-mark pattern of each registry's words, compiled once: the stage asks it of most lines of every article. */
const endMarkFinders = new WeakMap<CreditWords, {pattern: RegExp; mayEnd: (line: string) => boolean}>()

/**
 * Whether a line can end in one of the marks, white space after it aside: its last character is a mark's last. An
 * end-mark pattern is anchored at the line's end alone, so the regular expression engine tries it at every position of
 * the line; this one look spares that for the lines that cannot match. (Every mark passes when one is empty.)
 */
function endingInMark(marks: readonly string[]): (line: string) => boolean {
  const lastUnits = new Set(marks.map((mark) => mark.trim().at(-1)))
  if (lastUnits.has(undefined)) return () => true
  return (line) => lastUnits.has(line.trimEnd().at(-1))
}
