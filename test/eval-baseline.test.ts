import type {Root} from 'nlcst'
import stopwordsIso from 'stopwords-iso' with {type: 'json'}
import {unified, type Processor} from 'unified'
import {describe, expect, it} from 'vitest'
import {processBytes} from '../run/article.ts'
import {wiretraceBaseline, type BaselineOptions} from '../eval/baseline.ts'
import {wiretraceDecode} from '../pipeline/decode.ts'
import {wiretraceParse} from '../pipeline/parse.ts'
import {wiretraceReport} from '../pipeline/report.ts'

// Lines of seed 001 (harianbogorraya.com) and corpus 064 (bernama.com), as printed.
const GOOD =
  'Panggilan telepon dari pihak AS, Antony Blinken dan Korsel, Coe Tae Yul itu dilakukan pasca kunjungan Presiden Rusia Vladimir Putin ke Korea Utara atau Korut pekan ini. Ada komitmen antara pihak Moskow dan Pyongyang demi menyediakan bantuan militer kepada satu sama lain jika salah satu dari mereka diserang.'
const GOOD_TOO =
  'Masih terkait panggilan telepon dengan Menteri Luar Negeri Korea Selatan (Korsel) Cho Tae-yul, Blinken menegaskan kembali pentingnya aliansi kuat AS-Korsel dalam mempromosikan perdamaian, keamanan, dan kesejahteraan di seluruh dunia, katanya.'
const NEAR_GOOD =
  'Antony Blinken pun memberikan kecaman atas kerjasama militer yang semakin erat antara Rusia dan Korea Utara (Korut), jelas pihak Departemen Luar Negeri.'
const BAD = 'Baca Juga: Indonesia Resmi Masuk Semifinal Piala Asia U-23 Setelah Singkirkan Korsel'
const ENGLISH =
  'Yesterday, the Finance Ministry had issued a work suspension notice on three multi-billion ringgit projects - the Multi-Product Pipeline and the Trans-Sabah Gas Pipeline projects under Suria Strategic Energy Resources Sdn Bhd, as well as the East Coast Rail Link project - until further notice.'

function classify(lines: string[], options?: BaselineOptions): string[] {
  const processor = unified().use(wiretraceDecode).use(wiretraceParse).use(wiretraceBaseline, options).use(wiretraceReport).freeze() as unknown as Processor<
    Root,
    Root,
    Root
  >
  const file = processBytes(processor, new TextEncoder().encode(lines.join('\n\n')), {relative: 'test.txt', display: 'test.txt'})
  return file.data.report!.blocks.map((block) => block.role)
}

describe('the jusText-style baseline', () => {
  it('keeps long lines dense in function words and drops a long line with few', () => {
    expect(classify([GOOD, BAD, GOOD_TOO])).toEqual(['body', 'boilerplate', 'body'])
  })

  it('gives a short line the class of the lines around it; the edge of the article counts as boilerplate', () => {
    expect(classify([GOOD, 'Tanggapan Kremlin', GOOD_TOO, 'Tags', 'Artikel Pilihan'])).toEqual(['body', 'body', 'body', 'boilerplate', 'boilerplate'])
    expect(classify(['Tags'])).toEqual(['boilerplate'])
  })

  it('keeps a near-good line beside body and drops one closed in by boilerplate', () => {
    expect(classify([GOOD, NEAR_GOOD, BAD])).toEqual(['body', 'body', 'boilerplate'])
    expect(classify([BAD, NEAR_GOOD, 'Tags', BAD])).toEqual(['boilerplate', 'boilerplate', 'boilerplate', 'boilerplate'])
  })

  it('drops a line with a copyright sign, however long', () => {
    expect(classify([GOOD, `${GOOD_TOO} © ANTARA 2024`])).toEqual(['body', 'boilerplate'])
  })

  it('says why, under a rule id of its own', () => {
    const processor = unified().use(wiretraceDecode).use(wiretraceParse).use(wiretraceBaseline).use(wiretraceReport).freeze() as unknown as Processor<
      Root,
      Root,
      Root
    >
    const file = processBytes(processor, new TextEncoder().encode(`${GOOD}\nTags`), {relative: 'test.txt', display: 'test.txt'})
    const [good, tags] = file.data.report!.blocks
    expect(good).toMatchObject({ruleId: 'baseline/good', why: expect.stringMatching(/^good: 308 characters, function-word density 0\.\d\d$/)})
    expect(tags).toMatchObject({ruleId: 'baseline/short', why: 'short, bad by its neighbours: 4 characters, function-word density 0.00'})
  })

  it('knows only Indonesian function words unless given others', () => {
    expect(classify([ENGLISH])).toEqual(['boilerplate'])
    expect(classify([ENGLISH], {functionWords: new Set(stopwordsIso.en)})).toEqual(['body'])
  })
})
