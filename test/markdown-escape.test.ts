/**
 * The Markdown twin writes text that needs no escaping as it is, after one
 * combined test of the serialiser's unsafe patterns (`handleText`): it must
 * write exactly what the serialiser's own text handler writes, for any text
 * in any of the constructs the twin uses. A cell's text is cut by
 * characters, not by UTF-16 code units.
 */
import fc from 'fast-check'
import type {PhrasingContent, Root, RootContent} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {toMarkdown, type Options} from 'mdast-util-to-markdown'
import {describe, expect, it} from 'vitest'
import {handleTable, handleText, renderMarkdown, rootWithPhrasingWritten} from '../render/markdown.ts'
import {reportFor} from './helpers/pipeline.ts'

const BASE: Options = {extensions: [gfmToMarkdown({tablePipeAlign: false})], bullet: '-', emphasis: '_', strong: '*', rule: '-'}
const FAST: Options = {...BASE, handlers: {root: rootWithPhrasingWritten(), text: handleText, table: handleTable}}

/** Characters that make Markdown, and plain ones around them. */
const piece = fc.oneof(
  fc.constantFrom(...'\\`*_{}[]()#+-.!|~<>&:@=\'"\t\r\n 1234567890'.split('')),
  fc.constantFrom('a', 'B', 'www', 'http', 'mailto', 'é', 'ş', 'Д', 'ب', '  ', '\r\n', '1.', '2)', '---', '***', 'AP', '(Reuters)')
)
const text = fc.array(piece, {maxLength: 24}).map((pieces) => pieces.join(''))

function trees(value: string, other: string): Root[] {
  const t = (v: string): PhrasingContent => ({type: 'text', value: v})
  const phrasing: PhrasingContent[][] = [
    [t(value)],
    [{type: 'strong', children: [t(other)]}, t(value)],
    [t(value), {type: 'inlineCode', value: other || 'x'}, t(other)],
    [{type: 'emphasis', children: [t(value)]}, t(other)],
    [{type: 'link', url: 'a.md', children: [t(value)]}, t(other)],
    [{type: 'delete', children: [t(value)]}]
  ]
  return phrasing.flatMap((children): Root[] => {
    const blocks: RootContent[][] = [
      [{type: 'paragraph', children}],
      [{type: 'heading', depth: 2, children}],
      [{type: 'list', ordered: false, spread: false, children: [{type: 'listItem', spread: false, children: [{type: 'paragraph', children}]}]}],
      [
        {
          type: 'table',
          align: [null, null],
          children: [
            {
              type: 'tableRow',
              children: [
                {type: 'tableCell', children: [t('line')]},
                {type: 'tableCell', children: [t('text')]}
              ]
            },
            {
              type: 'tableRow',
              children: [
                {type: 'tableCell', children: [t(other)]},
                {type: 'tableCell', children}
              ]
            }
          ]
        }
      ]
    ]
    return blocks.map((content) => ({type: 'root', children: content}))
  })
}

describe('text in the Markdown twin', () => {
  it('is written as the serialiser writes it, escaped where it needs to be', () => {
    fc.assert(
      fc.property(text, text, (value, other) => {
        for (const tree of trees(value, other)) expect(toMarkdown(tree, FAST)).toBe(toMarkdown(tree, BASE))
      }),
      {numRuns: 400}
    )
  })

  it('writes tables of any shape as the GFM extension does: alignments, ragged and empty rows, empty and mixed cells', () => {
    const cellContent = fc.oneof(
      text.map((value): PhrasingContent[] => [{type: 'text', value}]),
      fc.constant<PhrasingContent[]>([]),
      text.map((value): PhrasingContent[] => [{type: 'inlineCode', value}]),
      text.map((value): PhrasingContent[] => [{type: 'emphasis', children: [{type: 'text', value: value || 'x'}]}]),
      fc.tuple(text, text).map(([value, other]): PhrasingContent[] => [
        {type: 'text', value},
        {type: 'inlineCode', value: `${other}|`},
        {type: 'delete', children: [{type: 'text', value: other || 'x'}]}
      ])
    )
    const alignment = fc.constantFrom(null, 'left', 'right', 'center')
    const table = fc.record({
      align: fc.oneof(fc.constant(null), fc.array(alignment, {maxLength: 4})),
      rows: fc.array(fc.array(cellContent, {maxLength: 4}), {maxLength: 4})
    })
    fc.assert(
      fc.property(table, ({align, rows}) => {
        const tree: Root = {
          type: 'root',
          children: [
            {type: 'table', align, children: rows.map((cells) => ({type: 'tableRow', children: cells.map((children) => ({type: 'tableCell', children}))}))}
          ]
        }
        expect(toMarkdown(tree, FAST)).toBe(toMarkdown(tree, BASE))
      }),
      {numRuns: 400}
    )
  })

  it('writes phrasing it wrote before in another place as that place needs: the same content in a paragraph, a heading, a list and a cell', () => {
    const content = (value: string): PhrasingContent[] => [
      {type: 'emphasis', children: [{type: 'text', value}]},
      {type: 'text', value: ` ${value}`}
    ]
    for (const value of ['a|b', '1. x', '#x', 'x_']) {
      const blocks = trees(value, value).flatMap((tree) => tree.children)
      // Every block alone, then all of them in one document in both orders: what one place wrote must not be reused where it would be written otherwise.
      const documents: Root[] = [
        ...blocks.map((block): Root => ({type: 'root', children: [block]})),
        {type: 'root', children: blocks},
        {type: 'root', children: [...blocks].reverse()}
      ]
      documents.push({
        type: 'root',
        children: [
          {type: 'paragraph', children: content(value)},
          {type: 'heading', depth: 1, children: content(value)}
        ]
      })
      for (const tree of documents) expect(toMarkdown(tree, FAST)).toBe(toMarkdown(tree, BASE))
    }
    const cellAndParagraph: Root = {
      type: 'root',
      children: [
        {type: 'paragraph', children: content('a|b')},
        {type: 'table', align: [null], children: [{type: 'tableRow', children: [{type: 'tableCell', children: content('a|b')}]}]}
      ]
    }
    expect(toMarkdown(cellAndParagraph, FAST)).toBe('_a|b_ a|b\n\n| _a\\|b_ a\\|b |\n| - |\n')
  })

  it('still escapes what would make Markdown, and leaves plain text alone', () => {
    const cell = (value: string) => toMarkdown(trees(value, 'x')[3]!, FAST)
    expect(cell('a | b')).toContain('a \\| b')
    expect(toMarkdown(trees('1. not a list', '')[0]!, FAST)).toBe('1\\. not a list\n')
    expect(toMarkdown(trees('*starred* and [linked](x)', '')[0]!, FAST)).toBe('\\*starred\\* and \\[linked]\\(x)\n')
    expect(toMarkdown(trees('JAKARTA, 12 Mei (ANTARA) - Harga naik.', '')[0]!, FAST)).toBe('JAKARTA, 12 Mei (ANTARA) - Harga naik.\n')
  })
})

describe('cells of the Markdown twin', () => {
  const twinOf = (...lines: string[]) => renderMarkdown(reportFor(['Judul berita', ...lines].join('\n\n')))

  it('cut a text of more than 300 characters to 299 and an ellipsis, counting a character outside the BMP once', () => {
    const twin = twinOf(`${'😀'.repeat(150)} ${'a'.repeat(200)}`, '😀'.repeat(310))
    expect(twin).toContain(`${'😀'.repeat(150)} ${'a'.repeat(148)}…`)
    expect(twin).not.toContain('a'.repeat(149))
    expect(twin).toContain(`${'😀'.repeat(299)}…`)
    expect(twin).not.toContain('😀'.repeat(300))
    expect(twin).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it('keep a text of 300 characters whole, though it takes more code units', () => {
    const whole = `${'😀'.repeat(250)} ${'b'.repeat(49)}`
    const twin = twinOf(whole)
    expect(twin).toContain(whole)
    expect(twin).not.toContain('…')
  })
})
