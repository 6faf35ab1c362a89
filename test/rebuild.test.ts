import {readdirSync, readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {RebuildError, rebuildOriginal} from '../render/rebuild.ts'
import {processText, reportFor} from './helpers/pipeline.ts'

const SEEDS = readdirSync('seeds').filter((name) => name.endsWith('.txt'))

/** Lines built from the pieces real pages are made of, so generated inputs hit the rules too. */
const piece = fc.constantFrom(
  'Baca Juga: Putin Kunjungi China',
  'ORBITINDONESIA.COM - Kunjungan kenegaraan Presiden Rusia.',
  'Moskow (ANTARA) - Juru bicara Kremlin Dmitry Peskov.',
  'Sumber: Anadolu',
  'Editor: Primayanti',
  'Copyright © ANTARA 2025',
  'Putin bersumpah (Foto: Reuters)',
  'ke kawasan Yakutia di Rusia.***',
  'Tags',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '  ',
  '\t',
  'Kata 🇮🇩 emoji 𝄞 astral',
  'العربية نص',
  'İstanbul’da “tırnak”'
)
const line = fc.oneof(
  piece,
  fc.string({unit: 'grapheme', maxLength: 40}),
  fc.array(piece, {maxLength: 3}).map((parts) => parts.join(' '))
)
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n \u00A0\n')
const article = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(line, lineBreak), {minLength: 1, maxLength: 12}), fc.boolean())
  .map(([bom, lines, finalBreak]) => {
    const body = lines.map(([text, end], index) => text + (index < lines.length - 1 || finalBreak ? end : '')).join('')
    return `${bom ? '\uFEFF' : ''}${body}`
  })
  .filter((text) => /[^\s\u200B-\u200D\u2060\uFEFF\u00AD]/u.test(text))

describe('nothing lost', () => {
  it('rebuilds every generated input byte for byte from its report', () => {
    fc.assert(
      fc.property(article, (text) => {
        const bytes = new TextEncoder().encode(text)
        const file = processText(bytes)
        const report = JSON.parse(JSON.stringify(file.data.report))
        expect(Buffer.from(rebuildOriginal(report)).equals(Buffer.from(bytes))).toBe(true)
      }),
      {numRuns: 300}
    )
  })

  it('accounts for every character: blocks and removed spans tile the input', () => {
    fc.assert(
      fc.property(article, (text) => {
        const report = reportFor(text)
        const covered = [...report.blocks, ...report.removed.filter((span) => span.block === null)].reduce((sum, piece) => sum + piece.end - piece.start, 0)
        expect(covered).toBe([...text].length)
        for (const span of report.removed.filter((span) => span.block !== null)) {
          const block = report.blocks.find((candidate) => candidate.id === span.block)!
          expect(span.start).toBeGreaterThanOrEqual(block.start)
          expect(span.end).toBeLessThanOrEqual(block.end)
        }
      }),
      {numRuns: 200}
    )
  })

  it.each(SEEDS)('rebuilds seed %s exactly', (name) => {
    const bytes = readFileSync(`seeds/${name}`)
    const file = processText(bytes, name)
    expect(Buffer.from(rebuildOriginal(file.data.report)).equals(bytes)).toBe(true)
  })

  it('counts offsets in code points, so astral characters do not shift them', () => {
    const report = reportFor('Judul 𝄞 lagu\nIsi berita tentang 𝄞 dan 🇮🇩 di sini.')
    const body = report.blocks[1]!
    expect(body.start).toBe([...'Judul 𝄞 lagu\n'].length)
    expect([...'Judul 𝄞 lagu\nIsi berita tentang 𝄞 dan 🇮🇩 di sini.'].slice(body.start, body.end).join('')).toBe(body.text)
  })

  it('refuses a report whose text was edited', () => {
    const report = reportFor('Judul berita ini\nIsi berita yang panjang.')
    const edited = structuredClone(report)
    edited.blocks[1]!.text = 'Isi berita yang pendek!!'
    expect(() => rebuildOriginal(edited)).toThrow(new RebuildError('the rebuilt text does not match the SHA-256 of the original'))
  })

  it('refuses a report with a piece missing', () => {
    const report = reportFor('Judul berita ini\nIsi berita yang panjang.')
    const cut = {...report, removed: []}
    expect(() => rebuildOriginal(cut)).toThrow(/leaves a gap at code point 16/)
  })

  it('refuses something that is not a report', () => {
    expect(() => rebuildOriginal({schemaVersion: 3})).toThrow(/not a version-2 wiretrace report/)
  })
})
