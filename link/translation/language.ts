/**
 * The language of an article's body, to choose which pairs of articles a
 * translation could join, as franc-min says it (ISO 639-3) and computed by
 * the language stage's index of franc's profiles. franc tells Malay from
 * Indonesian poorly, which costs nothing here: the two read alike and
 * same-language reuse links them.
 */
import {trigramLanguage} from '../../pipeline/language.ts'

/** ISO 639-3 "undetermined": too little text to say. */
export const UNDETERMINED = 'und'

/** Characters franc needs to say anything. */
const MIN_CHARS = 20
/** Characters read: the cost grows with the text, and a few paragraphs say the language as well as all of them. */
const MAX_CHARS = 500

export function translationLanguage(text: string): string {
  return trigramLanguage(text.slice(0, MAX_CHARS), MIN_CHARS)
}
