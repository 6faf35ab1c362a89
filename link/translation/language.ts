/**
 * The language of an article's body, to choose which pairs of articles a
 * translation could join. franc-min (trigram profiles of 82 languages,
 * shipped in the package) says ISO 639-3; it tells Malay from Indonesian
 * poorly, which costs nothing here: the two read alike and same-language
 * reuse links them.
 */
import {franc} from 'franc-min'

/** ISO 639-3 "undetermined": too little text to say. */
export const UNDETERMINED = 'und'

/** Characters franc needs to say anything. */
const MIN_CHARS = 20
/** Characters franc reads: its cost grows with the text, and a few paragraphs say the language as well as all of them. */
const MAX_CHARS = 500

export function detectLanguage(text: string): string {
  return franc(text.slice(0, MAX_CHARS), {minLength: MIN_CHARS})
}
