/**
 * Text direction per line, as the Unicode bidirectional algorithm decides a
 * paragraph's (rule P2): the first strong letter. An Arabic line is
 * right-to-left even on a page of left-to-right chrome, so its punctuation
 * lands where a reader of Arabic expects it.
 */
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u
const STRONG = /[\p{L}]/u

/** `rtl` or `ltr` from the first strong letter; `auto` for a line with none (digits, punctuation). */
export function textDirection(text: string): 'rtl' | 'ltr' | 'auto' {
  for (const char of text) {
    if (RIGHT_TO_LEFT.test(char)) return 'rtl'
    if (STRONG.test(char)) return 'ltr'
  }
  return 'auto'
}
