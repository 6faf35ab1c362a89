/**
 * Lines cut from an article holding a character past Latin-1 (a curly
 * quote, a dash, an Arabic word) are held one byte a character where all of
 * theirs allow it (`narrowed`), by the parse, join and report stages and by
 * the corpus count: the same text, held so that V8 tests large character
 * classes in line. V8's serialiser tells how a string is held: the tag after
 * its two header bytes (and any padding) is `"` for one byte a character and
 * `c` for two.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {serialize} from 'node:v8'
import type {Paragraph} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {describe, expect, it} from 'vitest'
import {codePointSlice, isLatin1, narrowed} from '../core/text.ts'
import {parseArticle} from '../pipeline/parse.ts'
import {reportFor} from './helpers/pipeline.ts'

const ONE_BYTE = '"'.charCodeAt(0)
const TWO_BYTE = 'c'.charCodeAt(0)

function heldBytes(text: string): 1 | 2 {
  const bytes = serialize(text)
  // A two-byte string may be preceded by padding (zero bytes) that aligns its characters.
  let at = 2
  while (bytes[at] === 0) at++
  const tag = bytes[at]
  if (tag === ONE_BYTE) return 1
  if (tag === TWO_BYTE) return 2
  throw new Error(`unexpected serialiser tag ${tag}`)
}

/** A wide article: its last line holds a character past Latin-1, so every slice of it is a view held two bytes a character. */
const ARTICLE = [
  'JAKARTA, Kamis (ANTARA) - Pemerintah menyatakan bahwa harga beras akan turun bulan depan.',
  'Le président a déclaré que la réforme serait présentée à l’Assemblée nationale.',
  'Café, crème et façade: the Latin-1 letters of a line stay as they are.',
  '“We will not stop,” the minister said on Thursday — in a speech.'
].join('\n')

describe('narrowed', () => {
  it('holds a Latin-1 line cut from a wide text one byte a character, the same text', () => {
    const line = ARTICLE.slice(0, ARTICLE.indexOf('\n'))
    expect(heldBytes(line)).toBe(2)
    expect(heldBytes(narrowed(line, true))).toBe(1)
    expect(narrowed(line, true)).toBe(line)
    // Told the text it was cut from is one-byte, it returns the line as it is.
    expect(heldBytes(narrowed(line, false))).toBe(2)
  })

  it('keeps accents, no-break spaces and the rest of Latin-1 as they are', () => {
    const line = ARTICLE.slice(ARTICLE.indexOf('Café'), ARTICLE.lastIndexOf('\n'))
    const wide = `${line}\u2014`.slice(0, line.length)
    expect(narrowed(wide, true)).toBe('Café, crème et façade: the Latin-1 letters of a line stay as they are.')
    expect(heldBytes(narrowed(wide, true))).toBe(1)
    const every = `${Array.from({length: 256}, (_, code) => String.fromCharCode(code)).join('')}\u2019`.slice(0, 256)
    expect(narrowed(every, true)).toBe(every.slice(0, 256))
    expect(heldBytes(narrowed(every, true))).toBe(1)
  })

  it('leaves a line holding a character past Latin-1 as it is: curly quotes, dashes, Arabic, a lone surrogate', () => {
    for (const line of ['“We will not stop,” he said', 'one — two', 'قالت وكالة الأنباء', 'broken \uD800 pair', 'the euro €']) {
      expect(isLatin1(line)).toBe(false)
      expect(narrowed(line, true)).toBe(line)
      expect(heldBytes(narrowed(line, true))).toBe(2)
    }
  })
})

describe('lines held one byte a character by the stages', () => {
  it('the parse stage holds each Latin-1 line of a wide article one byte a character, and the others as they are', () => {
    const paragraphs = parseArticle(ARTICLE).children.filter((node): node is Paragraph => node.type === 'ParagraphNode')
    expect(paragraphs.map((node) => toString(node))).toEqual(ARTICLE.split('\n'))
    expect(paragraphs.map((node) => heldBytes(toString(node)))).toEqual([1, 2, 1, 2])
  })

  it('the report holds the text and clean text of such blocks one byte a character', () => {
    const report = reportFor(ARTICLE)
    const latin1 = report.blocks.filter((block) => isLatin1(block.text))
    expect(latin1.length).toBe(2)
    for (const block of latin1) {
      expect(heldBytes(block.text)).toBe(1)
      expect(heldBytes(block.clean)).toBe(1)
    }
  })

  it('the join stage holds a hard-wrapped paragraph of a wide article one byte a character (corpus2 232 and a line with a curly quote)', () => {
    const text = `${readFileSync('test/fixtures/corpus2/232_chicagotribune-shenzhou10-reuters-xinhua.txt', 'utf8')}\n“Quoted,” he said.\n`
    const lead = reportFor(text).blocks.find((block) => block.lines[0] === 5)!
    expect(lead.lines).toEqual([5, 9])
    expect(heldBytes(lead.text)).toBe(1)
    expect(heldBytes(lead.clean)).toBe(1)
  })

  it('gives each block of the corpus2 articles the text of the input between its offsets, hard-wrapped blocks included', () => {
    const folder = 'test/fixtures/corpus2'
    let wide = 0
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
      const text = readFileSync(join(folder, name), 'utf8')
      if (!isLatin1(text)) wide++
      for (const block of reportFor(text, name).blocks) expect(block.text, `${name} ${block.id}`).toBe(codePointSlice(text, block.start, block.end))
    }
    expect(wide).toBeGreaterThan(20)
  })
})
