/** A surrogate code unit: a string holding one is copied as UTF-16, which keeps an unpaired one as it is. */
const SURROGATE = /[\uD800-\uDFFF]/

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 keeps a substring of 13 characters or
 * more (a long word matched in an article's text) as a view of the whole string, so a table that keeps such a word for
 * the rest of a run keeps the article's text with it: a worker's memos of words held 4.2 MB more of article texts after
 * some 38,000 articles more. UTF-8 makes a one-byte string of Latin text, where UTF-16 would make a two-byte one, but
 * would replace an unpaired surrogate.
 */
export function detached(text: string): string {
  return SURROGATE.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'utf8').toString('utf8')
}
