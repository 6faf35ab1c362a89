/** Compiling a rule pattern (core/rules/load.ts, `compile`): the expression a rule runs is the one its file writes. */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {compile} from '../core/rules/load.ts'

const AT = {file: 'rules/outlets/example.yaml', line: 1, column: 1}

describe('a compiled rule pattern', () => {
  it('opens on a lookbehind where it opens on a word boundary before a letter it writes, and keeps every other boundary', () => {
    expect(compile('\\bFoto\\s*:\\s*(?:Dok\\.?\\s*)?SINDOnews$', false, AT).source).toBe('(?<!\\w)Foto\\s*:\\s*(?:Dok\\.?\\s*)?SINDOnews$')
    expect(compile('\\b_id', true, AT).source).toBe('(?<!\\w)_id')
    // A letter a quantifier may leave out, a letter outside ASCII, a group, a boundary inside: as written.
    for (const kept of ['\\bF?oto', '\\bk{2}', '\\bé', '\\b(?:Foto)', 'Foto\\b', '^\\bFoto', 'x\\bFoto']) expect(compile(kept, false, AT).source).toBe(kept)
  })

  it('matches what the pattern as written matches, at the same place, with and without case, in any text', () => {
    const patterns = ['\\bFoto\\s*:', '\\bk+', '\\bs\\w*', '\\b_x', '\\b9\\d', '\\bfoo|bar', '\\bK', '\\bx?\\s']
    // The letters that case folding makes word characters (K, ſ, the Kelvin sign), letters outside ASCII, and the rest.
    const text = fc.array(fc.constantFrom('F', 'f', 'o', 't', 'k', 'K', '\u212a', 's', 'ſ', 'x', '_', '9', 'é', 'ж', ' ', ':', '-', 'foo', 'bar'), {
      maxLength: 12
    })
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.boolean(), text, (pattern, caseSensitive, pieces) => {
        const written = new RegExp(pattern, caseSensitive ? 'u' : 'iu')
        const compiled = compile(pattern, caseSensitive, AT)
        const input = pieces.join('')
        expect(compiled.exec(input)?.index).toBe(written.exec(input)?.index)
        expect(compiled.exec(input)?.[0]).toBe(written.exec(input)?.[0])
      }),
      {numRuns: 3000}
    )
  })
})
