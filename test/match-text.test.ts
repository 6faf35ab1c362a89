/**
 * The text rules match (`matchText`): exotic spaces plain, zero-width
 * characters dropped, HTML character references decoded, the marks of
 * Markdown links and strong emphasis and HTML tags left out, mojibake decoded, letters composed, a spaced
 * tatweel read as a dash,
 * every index mapping back to the input, so a match spans the input's own
 * characters.
 */
import {describe, expect, it} from 'vitest'
import {matchText} from '../core/text.ts'

/** The input's characters a match of `needle` in the reading covers. */
function matched(input: string, needle: string, cuts: Array<{start: number; end: number}> = []): string {
  const reading = matchText(input, cuts)
  const at = reading.value.indexOf(needle)
  expect(at).toBeGreaterThanOrEqual(0)
  return input.slice(reading.toOriginal(at), reading.toOriginal(at + needle.length))
}

describe('matchText', () => {
  it('leaves composed and one-byte text as it is, index for index', () => {
    for (const text of ['JAKARTA (ANTARA) - Presiden', 'İSTANBUL (AA) - haberine göre', 'وأضاف المتحدث', '新华社北京12月6日电']) {
      const reading = matchText(text)
      expect(reading.value).toBe(text)
      expect(reading.toOriginal(5)).toBe(5)
    }
  })

  it('reads an Arabic tatweel alone between spaces as a dash, and leaves it inside a word (ar)', () => {
    expect(matched('الرياض ـ واس ـ خصصت أمانة المنطقة', 'الرياض – واس –')).toBe('الرياض ـ واس ـ')
    expect(matchText('ـ القاهرة ـ وصل').value).toBe('– القاهرة – وصل')
    expect(matchText('الـمـونديال في الرياض').value).toBe('الـمـونديال في الرياض')
  })

  it("reads past Arabic's short vowels, mapping back to the letters written (ar)", () => {
    const reading = matchText('وكالة الأنباء العُمانية')
    expect(reading.value).toBe('وكالة الأنباء العمانية')
    expect(reading.toOriginal(reading.value.indexOf('مانية'))).toBe('وكالة الأنباء العُمانية'.indexOf('مانية'))
    expect(matchText('وكالة الأنباء العمانية').value).toBe('وكالة الأنباء العمانية')
  })

  it('composes letters stored decomposed, as rules and registries are written, in Latin, Arabic and Hangul', () => {
    for (const text of ['İSTANBUL (İHA) - haberine göre', 'À voir aussi sur Konbini', 'Hà Nội (TTXVN)', 'قالت وكالة الأنباء', '연합뉴스 기자']) {
      const decomposed = text.normalize('NFD')
      expect(decomposed).not.toBe(text)
      expect(matchText(decomposed).value).toBe(text)
    }
  })

  it('maps a match in composed letters back to the decomposed characters it covers', () => {
    const input = 'İSTANBUL (İHA) - haberine göre'.normalize('NFD')
    expect(matched(input, '(İHA)')).toBe('(İHA)'.normalize('NFD'))
    expect(matched(input, 'haberine göre')).toBe('haberine göre'.normalize('NFD'))
    expect(matched(input, 'göre')).toBe('göre'.normalize('NFD'))
  })

  it('composes what is left once spans are cut and zero-width characters dropped', () => {
    const input = `Hà\u200B Nội (TTXVN) - ${'Thủ tướng'.normalize('NFD')}`.normalize('NFD')
    const cut = input.indexOf('(')
    const reading = matchText(input, [{start: cut, end: input.indexOf('-') + 1}])
    expect(reading.value).toBe('Hà Nội  Thủ tướng')
    expect(matched(input, 'Thủ tướng', [{start: cut, end: input.indexOf('-') + 1}])).toBe('Thủ tướng'.normalize('NFD'))
  })

  it('reads the HTML character references a scraper left as the characters they stand for', () => {
    const input = 'Paris&nbsp;(AFP)&nbsp;&#8211; Le pr&eacute;sident a d&#xE9;clar&eacute; &quot;non&quot; &amp; Co'
    expect(matchText(input).value).toBe('Paris (AFP) – Le président a déclaré "non" & Co')
    expect(matched(input, '(AFP) –')).toBe('(AFP)&nbsp;&#8211;')
    expect(matched(input, 'déclaré')).toBe('d&#xE9;clar&eacute;')
  })

  it('leaves an ampersand that starts no reference, and a reference that names nothing, as they are', () => {
    for (const text of ['Johnson & Johnson', 'AT&T; Verizon', 'R&D costs &bogus; rose', 'a &#; b']) expect(matchText(text).value).toBe(text)
  })

  it('drops a reference to a zero-width character as it drops the character', () => {
    expect(matchText('Baca&shy;Juga: Putin').value).toBe('BacaJuga: Putin')
    expect(matchText('Baca&#8203; Juga: Putin').value).toBe('Baca Juga: Putin')
  })

  it('reads a Markdown link as its text and strong emphasis as its words, each mapping back to the input', () => {
    const input = '**JAKARTA (ANTARA) -** Kata [Presiden Joko Widodo](https://example.com/tag/jokowi "Jokowi") di [Bogor](/bogor), __Senin__.'
    expect(matchText(input).value).toBe('JAKARTA (ANTARA) - Kata Presiden Joko Widodo di Bogor, Senin.')
    // A match that ends where marks were left out ends past them: a rule cutting the dateline takes its closing marks.
    expect(matched(input, 'JAKARTA (ANTARA) -')).toBe('JAKARTA (ANTARA) -**')
    expect(matched(input, 'Joko Widodo di Bogor')).toBe('Joko Widodo](https://example.com/tag/jokowi "Jokowi") di [Bogor](/bogor)')
    expect(matchText('[Reuters](https://www.reuters.com) &amp; [AFP](mailto:desk@afp.com)').value).toBe('Reuters & AFP')
  })

  it('reads the HTML tags a feed or a scraper left as nothing, and the line from its first word', () => {
    const input = '<p> <b>JAKARTA (ANTARA) -</b> Kata <a href="https://example.com/tag/jokowi">Presiden</a> di Bogor.<br/> </p>'
    expect(matchText(input).value).toBe('JAKARTA (ANTARA) - Kata Presiden di Bogor.')
    expect(matched(input, 'Presiden di')).toBe('Presiden</a> di')
    expect(matchText('<P>Advertisement</P>').value).toBe('Advertisement')
  })

  it('reads mojibake (UTF-8 read as Windows-1252) as the characters it garbled, each mapping back to its bytes', () => {
    const text = 'PARIS (AFP) — L’incendie à Notre-Dame, Москва 新华社 ğüş'
    const garbled = new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'))
    expect(garbled).not.toBe(text)
    expect(matchText(garbled).value).toBe(text)
    expect(matched(garbled, '(AFP) —')).toBe(garbled.slice(garbled.indexOf('(AFP)'), garbled.indexOf('(AFP)') + 9))
  })

  it('leaves a text whose own letters happen to spell a mojibake pair as it is', () => {
    // "ß“" are the bytes of an NKo letter; the line's other letters beyond ASCII are its own.
    for (const text of ['Er sagte: „Der Fluss heißt“ und ging.', 'À la une : Ã€ vrai dire, le dossier reste ouvert.']) expect(matchText(text).value).toBe(text)
  })

  it('leaves brackets, asterisks and pictures that are not such marks as they are', () => {
    for (const text of [
      '![Polisi berjaga](https://example.com/foto.jpg)',
      'Dia berkata [sic] bahwa itu benar [1].',
      'Lihat [lampiran](catatan kaki) di bawah',
      '2 ** 3 = 8 dan a ** b',
      '** tidak ditutup',
      'kata __ kosong __ di sini',
      '<<Le président a parlé>>, a-t-il dit',
      'si a < b et b > c',
      '<연합뉴스> 기자',
      '<Reuters> reported'
    ])
      expect(matchText(text).value).toBe(text)
  })
})
