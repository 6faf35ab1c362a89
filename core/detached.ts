/** A surrogate code unit: a string holding one is copied as UTF-16, which keeps an unpaired one as it is. */
const SURROGATE = /[\uD800-\uDFFF]/

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 keeps a substring of a dozen characters
 * or more (a long word matched in an article's text) as a view of the whole string, so a table that keeps such a word
 * for the rest of a run keeps the article's text with it: a worker's memo of words held about 4 MB of article texts
 * more for every 25,000 articles it analysed. UTF-8 makes a one-byte string of Latin text, where UTF-16 would make a
 * two-byte one, but would replace an unpaired surrogate.
 */
export function detached(text: string): string {
  return SURROGATE.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'utf8').toString('utf8')
}
