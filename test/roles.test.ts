/**
 * Roles from general signals, on real lines of corpus2 and xlang in several
 * languages: promotion widgets, teasers, captions, titles and deks, a
 * further article on an e-paper page, labels in more languages. Each signal
 * with a line it must decide and one it must leave alone.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {processBytes} from '../run/article.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {FRAME} from './helpers/frames.ts'

const processor = createProcessor(loadPipelineData({outletRules: false}))

function report(text: string): Report {
  const file = processBytes(processor, new TextEncoder().encode(text), {relative: 'test.txt', display: 'test.txt'})
  if (!file.data.report) throw new Error(`no report: ${file.messages.map(String).join('; ')}`)
  return file.data.report
}

const fixture = (dir: string, name: string) => readFileSync(join('test/fixtures', dir, name), 'utf8')

/** Role and rule of the block holding a 1-based line. */
function onLine(result: Report, line: number): {role: string; ruleId: string | null} {
  const block = result.blocks.find((candidate) => candidate.lines[0] <= line && line <= candidate.lines[1])!
  return {role: block.role, ruleId: block.ruleId}
}

/** Role and rule of the block with this exact text. */
function byText(result: Report, text: string): {role: string; ruleId: string | null} | undefined {
  const block = result.blocks.find((candidate) => candidate.text === text)
  return block && {role: block.role, ruleId: block.ruleId}
}

const lines = (...texts: string[]) => texts.join('\n')

// Real paragraphs (corpus2 233, en; 204, fr; 243, tr) to stand around the lines under test.
const EN = [
  "China's latest manned spacecraft landed safely back on Earth this morning after a 15-day mission to an experimental space lab, the country's latest step towards the development of a space station.",
  "The re-entry capsule of the Shenzhou 10 spacecraft, with three astronauts onboard, touched down at around 8:07 a.m. local time at a remote site in northern China's Inner Mongolia region.",
  "It is China's fifth manned space mission since 2003."
]
const FR = [
  'Un incendie impressionnant s’est déclaré à Notre-Dame de Paris lundi en fin de journée. Ce dernier est “potentiellement lié” aux travaux de rénovation de l’édifice, d’après les pompiers.',
  'Selon un journaliste de l’AFP sur place, d’immenses flammes dévoraient une partie de la toiture du bâtiment, dégageant une épaisse fumée aux teintes jaunâtres.'
]

describe('promotion widgets (generic/promo)', () => {
  it('drops a newsletter sign-up under the text, its small print included (en, corpus2 233)', () => {
    const result = report(fixture('corpus2', '233_timesofmalta-shenzhou10-reuters-stripped.txt'))
    expect(onLine(result, 11)).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    expect(onLine(result, 13)).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    expect(onLine(result, 14)).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    // The widget's small print reads like a paragraph, but the text ended above the widget.
    expect(onLine(result, 16)).toEqual({role: 'boilerplate', ruleId: 'generic/after-article'})
    expect(onLine(result, 9)).toMatchObject({role: 'body'})
  })

  it('drops a follow button between the title and the text, and takes the title above it (en, corpus2 235)', () => {
    const result = report(fixture('corpus2', '235_independent-shenzhou10-ap.txt'))
    expect(byText(result, 'Click to follow')).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    expect(result.article.title).toBe('Chinese space capsule returns safely from 15-day trip to prototype space station')
  })

  it('drops a call to action in Indonesian, French or Turkish, not a paragraph that talks about a newsletter', () => {
    const result = report(
      lines(
        FR[0]!,
        'Abonnez-vous à notre lettre d’information',
        FR[1]!,
        'Ikuti kami di saluran WhatsApp',
        FR[0]!.replace('lundi', 'mardi'),
        'Abone olun',
        FR[1]!.replace('AFP', 'Reuters')
      )
    )
    expect(byText(result, 'Abonnez-vous à notre lettre d’information')).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    expect(byText(result, 'Ikuti kami di saluran WhatsApp')).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    expect(byText(result, 'Abone olun')).toEqual({role: 'boilerplate', ruleId: 'generic/promo'})
    const news =
      'The company said its weekly newsletter, which reaches two million readers, would stop carrying political advertising from next month, a spokesman told reporters.'
    expect(byText(report(lines(EN[0]!, news, EN[1]!)), news)).toMatchObject({role: 'body'})
  })
})

describe('teasers with where to read on (generic/teaser-label)', () => {
  it("reads a teaser's label set in Markdown's bold, its headline run into the colon (hand-written, id)", () => {
    const teaser = '**Baca Juga:Pemerintah Umumkan Libur Nasional Tambahan'
    const result = report(lines(EN[0]!, '', teaser, '', EN[1]!))
    expect(byText(result, teaser)).toEqual({role: 'boilerplate', ruleId: 'generic/teaser-label'})
  })

  it('drops "À voir aussi sur Konbini" between paragraphs (fr, corpus2 204)', () => {
    const result = report(fixture('corpus2', '204_konbini-notre-dame-avec-afp.txt'))
    expect(onLine(result, 2)).toEqual({role: 'boilerplate', ruleId: 'generic/teaser-label'})
    expect(onLine(result, 3)).toMatchObject({role: 'body'})
  })

  it('keeps a sentence that opens with the same words', () => {
    const sentence = 'À voir aussi, les images de la flèche qui s’effondre, diffusées en direct par les télévisions.'
    expect(byText(report(lines(FR[0]!, sentence, FR[1]!)), sentence)).toMatchObject({role: 'body'})
  })
})

describe('captions', () => {
  it("drops a picture's file name and the caption under it (id, xlang 313)", () => {
    const result = report(fixture('xlang', '313_bharataonline-id-shenzhou20-mendarat-dongfeng.txt'))
    expect(byText(result, 'Chen Dong.jpg')).toEqual({role: 'boilerplate', ruleId: 'generic/image-file'})
    expect(byText(result, 'Komandan Misi, Chen Dong dalam kondisi sehat, diturunkan dari kapsul pendarat.')).toEqual({
      role: 'boilerplate',
      ruleId: 'generic/caption'
    })
    expect(onLine(result, 13)).toMatchObject({role: 'body'})
  })

  it('drops a short caption naming its source in brackets between paragraphs (id, xlang 308)', () => {
    const result = report(fixture('xlang', '308_ntvnews-longsor-tenggelamkan-kapal-peru-afp.txt'))
    expect(byText(result, 'Ilustrasi mayat. (Antara)')).toEqual({role: 'boilerplate', ruleId: 'generic/caption'})
  })

  it('reads the caption through zero-width characters a scraped page left in it (id, xlang 308)', () => {
    const text = fixture('xlang', '308_ntvnews-longsor-tenggelamkan-kapal-peru-afp.txt').replace('Ilustrasi mayat. (Antara)', 'Ilustrasi mayat. \u200B(Antara)')
    expect(byText(report(text), 'Ilustrasi mayat. \u200B(Antara)')).toEqual({role: 'boilerplate', ruleId: 'generic/caption'})
  })

  it('keeps a last short paragraph signed off with an agency in brackets: it is not between paragraphs', () => {
    const last = 'The capsule landed at 8:07 a.m. (Reuters)'
    expect(byText(report(lines(EN[0]!, EN[1]!, last)), last)).toMatchObject({role: 'body'})
  })

  it("drops a caption's copyright after a slash, printed twice, and reads on below it (hand-written, de)", () => {
    const lead = 'Die Bischofskonferenz hat am Montag in Bonn ihre neue Leitung gewählt. Die Wahl fiel im zweiten Wahlgang, teilte die Konferenz am Abend mit.'
    const second =
      'Der neue Vorsitzende kündigte an, die Gespräche mit den Verbänden im Frühjahr fortzusetzen. Eine erste Sitzung ist für März in Würzburg geplant.'
    const third = 'Die Amtszeit des Vorsitzenden beträgt sechs Jahre; eine Wiederwahl ist einmal möglich, heißt es in der Satzung der Konferenz.'
    const caption = 'Bischöfe in Bonn / © Jane Doe (dpa)'
    const result = report(['Neue Leitung für die Bischofskonferenz', lead, caption, caption, second, third].join('\n\n'))
    expect(onLine(result, 5)).toEqual({role: 'boilerplate', ruleId: 'generic/caption-credit'})
    for (const line of [3, 9, 11]) expect(onLine(result, line)).toMatchObject({role: 'body'})
    expect(result.blocks.filter((block) => block.role === 'body').flatMap((block) => block.sources)).toEqual([])
    // A copyright line that is no caption's is still meta.
    expect(onLine(report(['Neue Leitung für die Bischofskonferenz', lead, second, '© Jane Doe 2024'].join('\n\n')), 7)).toMatchObject({role: 'meta'})
  })

  it("drops a picture's file name as long as its caption, under the title, and does not take it for the dek (hand-written, en)", () => {
    const file = 'Jane Doe, the minister of finance, speaks to reporters after the budget meeting in the capital.jpg'
    const result = report(lines('Minister Defends Budget Cuts', '', file, '', EN[0]!, '', EN[1]!))
    expect(byText(result, file)).toEqual({role: 'boilerplate', ruleId: 'generic/image-file'})
    expect(result.blocks.some((block) => block.role === 'dek')).toBe(false)
  })

  it('does not take a caption that runs on for three sentences for the dek (id, corpus2 219)', () => {
    const result = report(fixture('corpus2', '219_lampung-antaranews-notre-dame-reuters.txt'))
    expect(onLine(result, 3)).toMatchObject({role: 'boilerplate'})
    // A one-sentence standfirst under the title is still the dek (seeds 003).
    expect(onLine(report(readFileSync('seeds/003_1d1aa39e3ef4d986.txt', 'utf8')), 2)).toEqual({role: 'dek', ruleId: 'metadata/dek'})
  })
})

describe('titles', () => {
  it.each([
    [
      'it',
      'Il governo proroga l’allerta per gli incendi',
      'I vigili del fuoco hanno combattuto tre incendi durante la notte, e il pericolo durerà fino a domenica.',
      'Di Maria Rossi',
      '6 dicembre 2024'
    ],
    [
      'tl',
      'Pinalawig ng Pamahalaan ang Alerto sa Sunog',
      'Tatlong sunog ang nilabanan ng mga bumbero magdamag at tatagal ang panganib hanggang Linggo.',
      'Ni Maria Santos',
      'Disyembre 6, 2024'
    ],
    ['ar', 'الحكومة تمدد حالة التأهب بسبب الحرائق', 'كافح رجال الإطفاء ثلاثة حرائق طوال الليل وسيستمر الخطر حتى يوم الأحد.', 'بقلم مريم حسن', '6 ديسمبر 2024']
  ])('reads the byline word of %s under a standfirst, so the standfirst is the dek (hand-written)', (language, title, dek, byline, date) => {
    const lead = FRAME[language]!
    const second = lead.split(' ').slice(2).join(' ')
    const result = report([title, dek, byline, date, lead, second].join('\n\n'))
    expect(byText(result, dek)).toEqual({role: 'dek', ruleId: 'metadata/dek'})
    expect(byText(result, byline)).toMatchObject({role: 'meta'})
    expect(byText(result, lead)).toMatchObject({role: 'body'})
  })

  it('takes the sentence under the title for the dek when a date label stands alone below it, its date lost (hand-written, pt)', () => {
    const dek = 'Acompanhe aqui a evolução dos incêndios que continuam ativos no país. O alerta mantém-se até sexta-feira.'
    const lead =
      'O incêndio que lavra desde ontem no concelho tem duas frentes ativas, com os operacionais a concentrarem esforços junto às aldeias mais próximas.'
    const second = 'Segundo a proteção civil, não há feridos a registar e nenhuma habitação está em risco neste momento, disse o comandante.'
    const result = report(lines('Governo prolonga situação de alerta até domingo', '', dek, 'Publicado a', 'Atualizado a', '', lead, '', second))
    expect(byText(result, dek)).toEqual({role: 'dek', ruleId: 'metadata/dek'})
    expect(byText(result, lead)).toMatchObject({role: 'body'})
  })

  it('takes no title from a headline that shares no word with the text: a teaser for another story (es, corpus2 262)', () => {
    const result = report(fixture('corpus2', '262_vistazo-cocaina-algeciras-efe.txt'))
    expect(result.article.title).toBeNull()
    expect(onLine(result, 2)).toMatchObject({role: 'boilerplate'})
    // A headline that shares a word with its text keeps the title (tr, corpus 026).
    expect(report(fixture('corpus', '026_ajanshaber-peskov-referandum-tr.txt')).article.title).toBe("Rusya'dan 'referandum' açıklaması")
  })

  it('takes a headline shaped like "Label: Name" when it shares words with the text (tr, corpus2 242), not a label and a name', () => {
    expect(report(fixture('corpus2', '242_sondakika-duran-ozel-iha.txt')).article.title).toBe("Duran: Özel'in İHA Açıklamaları Dezenformasyon")
    const byline = 'Haberci: Ali Semerci'
    const result = report(
      lines(
        'Peskov: Türk Halkının İradesine Saygı Duyulmalı',
        byline,
        "Kremlin Sözcüsü Dmitriy Peskov, Moskova'da gazetecilere yaptığı açıklamada, konuyla ilgili bir soruya cevap verdi ve görüşlerini paylaştı.",
        'Halk oylamasının Türkiye\'nin iç meselesi olduğunu belirten Peskov, "Herkesin Türk halkının iradesine saygı duyması gerektiği kanaatindeyiz" dedi.'
      )
    )
    expect(result.article.title).toBe('Peskov: Türk Halkının İradesine Saygı Duyulmalı')
    expect(byText(result, byline)?.role).not.toBe('title')
  })
})

describe('page furniture under the title', () => {
  const seed003 = readFileSync('seeds/003_1d1aa39e3ef4d986.txt', 'utf8')
  const [headline, standfirst] = seed003.split('\n')

  it('takes the headline over a reading time or a photo credit under it, and the dek and byline below them (seeds 003, corpus 009)', () => {
    for (const furniture of ['3 min read', 'Illustration. (Shutterstock)']) {
      const result = report(seed003.replace(`${headline}\n`, `${headline}\n${furniture}\n`))
      expect(result.article.title).toBe(headline)
      expect(byText(result, standfirst!)).toEqual({role: 'dek', ruleId: 'metadata/dek'})
      expect(byText(result, furniture)?.role).toBe('boilerplate')
      const named = report(fixture('corpus', '009_inews-amp-rusia-turki-idlib.txt').replace('\n\nAnton Suhartono', `\n${furniture}\nAnton Suhartono`))
      expect(byText(named, 'Anton Suhartono')).toEqual({role: 'meta', ruleId: 'generic/byline-name'})
    }
  })

  it('reads the dek under the headline printed again below a menu, as a scrape holding the document title prints it (seeds 003, corpus 064)', () => {
    const result = report(`${headline}\nHome News World\n${seed003}`)
    expect(byText(result, standfirst!)).toEqual({role: 'dek', ruleId: 'metadata/dek'})
    // The menu between the two printings is no dek: corpus 064's row of languages stays boilerplate.
    const bernama = fixture('corpus', '064_bernama-daim-china.txt')
    const menu = 'malay english mandarin arabic espanol fb tw ig'
    const twice = report(`Daim free to go to China if he wants to - PM\n\n${bernama}`)
    expect(byText(twice, menu)?.role).toBe('boilerplate')
    expect(twice.blocks.filter((block) => block.role === 'dek')).toEqual([])
  })
})

describe('an e-paper page printing several articles (generic/next-article-head)', () => {
  it("keeps the second article after the first one's credit: its title and dateline as head, its text as body (id, corpus2 260)", () => {
    const result = report(fixture('corpus2', '260_analisadaily-epaper-griner-bout-antara-xinhua.txt'))
    expect(onLine(result, 29)).toMatchObject({role: 'boilerplate'})
    expect(onLine(result, 30)).toEqual({role: 'title', ruleId: 'generic/next-article-head'})
    expect(onLine(result, 32)).toEqual({role: 'meta', ruleId: 'generic/next-article-head'})
    for (const line of [33, 36, 40, 43]) expect(onLine(result, line)).toMatchObject({role: 'body'})
    // The first article's head: a title wrapped over two lines, a dateline printed alone.
    expect(onLine(result, 4)).toMatchObject({role: 'title'})
    expect(onLine(result, 5)).toEqual({role: 'title', ruleId: 'metadata/title'})
    expect(onLine(result, 6)).toEqual({role: 'meta', ruleId: 'generic/dateline-alone'})
  })

  it('still ends the text at a credit line followed by teasers, not by paragraphs (id, corpus2 219)', () => {
    const result = report(fixture('corpus2', '219_lampung-antaranews-notre-dame-reuters.txt'))
    for (const line of [16, 17, 18, 19]) expect(onLine(result, line)).toMatchObject({role: 'boilerplate'})
  })
})

describe('meta lines in more languages and shapes', () => {
  it('reads Tagalog translator and editor labels (tl, corpus2 258)', () => {
    const result = report(fixture('corpus2', '258_cri-tl-li-qiang-high-speed-railway.txt'))
    expect(byText(result, 'Salin:Sarah')).toEqual({role: 'meta', ruleId: 'generic/meta-label'})
    expect(byText(result, 'Pulido:Rhio')).toEqual({role: 'meta', ruleId: 'generic/meta-label'})
  })

  it('reads a reporting credit inside a bracket, even cut short (en, corpus2 232)', () => {
    expect(onLine(report(fixture('corpus2', '232_chicagotribune-shenzhou10-reuters-xinhua.txt')), 15)).toEqual({role: 'meta', ruleId: 'generic/meta-label'})
  })

  it('takes a time alone with its zone for a date line (en, xlang 305), not a sentence with a time in it', () => {
    const result = report(fixture('xlang', '305_scoop-reuters-fahmi-state-sponsor-of-terror-fake.txt'))
    expect(byText(result, '1:39 PM MYT')).toEqual({role: 'meta', ruleId: 'generic/date-line'})
    const sentence = 'The capsule touched down at 8:07 a.m. local time.'
    expect(byText(report(lines(EN[0]!, sentence, EN[1]!)), sentence)).toMatchObject({role: 'body'})
  })
})

describe('text in a script without case', () => {
  it('reads whole Arabic sentences as text although the stoplists miss their prefixed function words (ar, corpus2 217)', () => {
    const result = report(fixture('corpus2', '217_mancheete-notre-dame-reuters-wrapped-ar.txt'))
    expect(result.blocks.every((block) => block.role === 'body')).toBe(true)
  })

  it('still drops an Arabic menu: short lines without a sentence end', () => {
    const menu = ['الرئيسية', 'أخبار العالم', 'اقتصاد', 'رياضة']
    const result = report(lines(...menu, fixture('corpus2', '217_mancheete-notre-dame-reuters-wrapped-ar.txt')))
    for (const item of menu) expect(byText(result, item)).toMatchObject({role: 'boilerplate'})
  })
})
