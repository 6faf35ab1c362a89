/**
 * Every match of a global expression in a text, as `String.prototype.matchAll`
 * gives them, found by the expression itself. `matchAll` runs a copy of the
 * expression (`new RegExp(expression)`), and V8 finds a copy's compiled
 * code only in a cache that a full garbage collection empties: a large
 * expression (the registry's agency names, in every citation pattern) was
 * then parsed and compiled again for most articles, which cost far more
 * than its matching.
 */
export function allMatches(expression: RegExp, text: string): RegExpExecArray[] {
  if (!expression.global) throw new TypeError(`allMatches needs a global expression: ${expression}`)
  const unicode = /[uv]/.test(expression.flags)
  const matches: RegExpExecArray[] = []
  expression.lastIndex = 0
  try {
    for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
      matches.push(match)
      // An empty match moves on by one character (a code point in unicode mode), as matchAll does.
      if (match[0] === '') expression.lastIndex = nextIndex(text, expression.lastIndex, unicode)
    }
  } finally {
    expression.lastIndex = 0
  }
  return matches
}

/** The spec's AdvanceStringIndex. */
function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const lead = text.charCodeAt(index)
  const trail = text.charCodeAt(index + 1)
  return lead >= 0xd800 && lead <= 0xdbff && trail >= 0xdc00 && trail <= 0xdfff ? index + 2 : index + 1
}
