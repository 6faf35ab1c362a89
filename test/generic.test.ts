/**
 * The generic stage and the generic part of the metadata stage, rule by
 * rule: hand-written articles in several languages, each rule with a line
 * it must decide and one it must leave alone.
 */
import {describe, expect, it} from 'vitest'
import type {VFile} from 'vfile'
import {processBytes} from '../run/article.ts'
import {GENERIC_RULE_IDS} from '../pipeline/generic/config.ts'
import {createProcessor, loadPipelineData, type ProcessorOptions} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'

const generic = loadPipelineData({outletRules: false})
const processor = createProcessor(generic)

function run(text: string, options?: ProcessorOptions, name = 'test.txt'): {report: Report; file: VFile} {
  const file = processBytes(options ? createProcessor(generic, options) : processor, new TextEncoder().encode(text), {relative: name, display: name})
  if (!file.data.report) throw new Error(`no report: ${file.messages.map(String).join('; ')}`)
  return {report: file.data.report, file}
}

/** Role and rule of each line, by its text. */
function decisions(text: string): Map<string, {role: string; ruleId: string | null; why: string | null}> {
  return new Map(run(text).report.blocks.map((block) => [block.text, {role: block.role, ruleId: block.ruleId, why: block.why}]))
}

const lines = (...texts: string[]) => texts.join('\n')

/** A related story's headline in title case, as pages print them below an article. */
const TEASER = 'Kim Jong Un Oversees Launch Of New Hypersonic Missile'

// Two paragraphs of running text each, to stand around the lines under test.
const ID_1 = 'JAKARTA - Presiden Rusia Vladimir Putin mengatakan bahwa negaranya siap melakukan dialog dengan Amerika Serikat mengenai stabilitas strategis.'
const ID_2 = 'Menurut Peskov, pertemuan kedua pemimpin itu akan membahas kerja sama ekonomi dan keamanan di kawasan Asia yang semakin penting.'
const ID_3 = 'Ia menambahkan bahwa Moskow tidak akan mengubah sikapnya terhadap Ukraina selama Barat terus mengirimkan senjata ke Kiev.'
const EN_1 = 'SEOUL, Dec 31 (Reuters) - North Korea fired a ballistic missile toward the sea off its east coast on Saturday, the South Korean military said.'
const EN_2 = 'It was the latest in an unprecedented number of missile tests conducted by North Korea this year, which the United States has condemned.'
const EN_3 = "Japan's coast guard also said that what could be a ballistic missile had been fired and had already fallen into the sea."
const TR_1 = "Kremlin Sözcüsü Dmitriy Peskov, Moskova'da gazetecilere yaptığı açıklamada, konuyla ilgili bir soruya cevap verdi ve görüşlerini paylaştı."
const TR_2 =
  'Halk oylamasının Türkiye\'nin iç meselesi olduğunu belirten Peskov, "Herkesin Türk halkının iradesine saygı duyması gerektiği kanaatindeyiz" dedi.'
const BG_1 = 'Говорителят на руския президент Дмитрий Песков призова да се уважава изборът на Турция, направен на референдума за разширяване на правомощията.'
const BG_2 =
  '„Референдумът е абсолютно суверенен въпрос на Турция. Ние смятаме, че всички трябва да се отнасят с уважение към волята на турския народ“, подчерта Песков.'
const AR_1 =
  'وقال بيسكوف إن الاستفتاء الذي شهدته تركيا شأن سيادي يخص الجمهورية التركية، ونرى أنه على الجميع احترام إرادة الشعب التركي التي عبر عنها في استفتائه.'
const AR_2 = 'وأضاف غوفن في مؤتمر صحافي أن النتائج النهائية للاستفتاء ستعلن خلال أحد عشر أو اثني عشر يوما كحد أقصى وذلك بعد النظر في الاعتراضات المقدمة.'

describe('generic meta lines', () => {
  it('reads label lines in several languages, one field per label (generic/meta-label)', () => {
    const {report} = run(
      lines(
        'Rusya açıklaması: müzakere kapısı açık',
        'Muhabir: Ali Semerci',
        TR_1,
        TR_2,
        'Rep: Rizkyan Adiyudha/ Red: Teguh Firmansyah',
        'Редактор: Иван Петров',
        'Reporting by Hyonhee Shin; Editing by William Mallard',
        'Editor Tito Hilmawan Reditya',
        'Writing by Josh Smith; editing by Lincoln Feast',
        'Compiled by Jane Doe',
        'Text: Anna Müller',
        'Peliput : Budi Santoso'
      )
    )
    expect(report.blocks.filter((block) => block.ruleId === 'generic/meta-label').map((block) => block.lines[0])).toEqual([2, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(report.article.bylines).toEqual(['Ali Semerci', 'Rizkyan Adiyudha', 'Hyonhee Shin', 'Josh Smith', 'Jane Doe', 'Anna Müller', 'Budi Santoso'])
  })

  it('reads label lines in Thai, Vietnamese and Chinese (generic/meta-label), and takes none for the title', () => {
    for (const label of ['เผยแพร่: 6 ธ.ค. 2567 10:15   โดย: ผู้จัดการออนไลน์', 'Cập nhật: 06/12/2024 10:15', '作者：王芳  责任编辑：李明']) {
      const {report} = run(lines(label, EN_1, EN_2, EN_3))
      expect(report.blocks[0]).toMatchObject({role: 'meta', ruleId: 'generic/meta-label'})
      expect(report.article.title).toBeNull()
    }
  })

  it("reads a Chinese reporters' line, the newsroom run into the label and the label into the names (generic/meta-label)", () => {
    const ZH_1 = '新华社北京12月6日电 海关总署6日发布数据显示，前11个月我国货物贸易进出口总值同比增长百分之五，其中出口增长百分之七。'
    const ZH_2 = '海关总署新闻发言人表示，今年以来外贸发展稳中向好，对共建一带一路国家进出口保持较快增长，民营企业进出口比重继续提升。'
    const page = (line: string) => run(lines('前11个月外贸进出口稳中向好', line, ZH_1, ZH_2)).report
    for (const [line, names] of [
      ['新华社记者 王芳 李明', '王芳 李明'],
      ['新华社记者王芳、李明', '王芳、李明'],
      ['本报记者 李明', '李明'],
      ['记者：王芳', '王芳']
    ] as const) {
      const report = page(line)
      expect(report.blocks[1], line).toMatchObject({role: 'meta', ruleId: 'generic/meta-label'})
      expect(report.article.bylines, line).toEqual([names])
      expect(report.article.title, line).toBe('前11个月外贸进出口稳中向好')
    }
    // One word run into the label is as often a heading ("a reporter's notes") as a name; a sentence is no byline.
    expect(page('记者手记').blocks[1]!.ruleId).not.toBe('generic/meta-label')
    const sentence = '记者从海关总署获悉，今年以来外贸发展稳中向好，对共建一带一路国家进出口保持较快增长。'
    expect(run(lines('前11个月外贸进出口稳中向好', ZH_1, sentence, ZH_2)).report.blocks[2]).toMatchObject({role: 'body'})
  })

  it('does not take a sentence that opens with a label word, or a label before a section name, for a meta line', () => {
    const found = decisions(
      lines(
        'Judul berita hari ini di sini',
        ID_1,
        'Editor majalah itu mengatakan: "Kami akan menggugat perusahaan tersebut ke pengadilan."',
        ID_2,
        'Editor Pilihan'
      )
    )
    expect(found.get('Editor majalah itu mengatakan: "Kami akan menggugat perusahaan tersebut ke pengadilan."')?.role).toBe('body')
    expect(found.get('Editor Pilihan')).toMatchObject({role: 'boilerplate', ruleId: 'generic/after-article'})
  })

  it('reads a label that ends in the word naming the agent without a colon, in brackets too, in any language (generic/meta-label)', () => {
    const signOff = '(Reportagem de Maria Santos; Edição de Pedro Alves)'
    const {report} = run(lines(EN_1, EN_2, signOff))
    expect(report.blocks[2]).toMatchObject({role: 'meta', ruleId: 'generic/meta-label'})
    expect(report.article.bylines).toEqual(['Maria Santos'])
    // The same words inside a sentence are no label.
    const sentence = 'Reportagem de rua mostra que os moradores não foram avisados da obra, disse o prefeito.'
    expect(decisions(lines(EN_1, sentence, EN_2)).get(sentence)?.role).toBe('body')
  })

  it('reads a bracket opening with a label before a name, the labels after it set apart by commas (generic/meta-label)', () => {
    const credits = '(Reportage Jane Doe, rédigé par Marie Martin, édité par Paul Durand)'
    const {report} = run(lines(EN_1, EN_2, credits))
    expect(report.blocks[2]).toMatchObject({role: 'meta', ruleId: 'generic/meta-label'})
    expect(report.article.bylines).toEqual(['Jane Doe', 'Marie Martin'])
    // A label's word before words that are no name opens no meta line.
    const aside = '(Reportage exclusif de notre envoyé spécial, rédigé par Marie Martin)'
    expect(decisions(lines(EN_1, EN_2, aside)).get(aside)?.role).not.toBe('meta')
  })

  it('reads a meta label alone with its colon and the name under it as one meta field (generic/meta-label)', () => {
    const {report} = run(lines(EN_1, EN_2, 'Author:', 'Maria Santos', 'Read more'))
    expect(report.blocks.slice(2, 4).map((block) => [block.role, block.ruleId])).toEqual([
      ['meta', 'generic/meta-label'],
      ['meta', 'generic/meta-label']
    ])
    expect(report.article.bylines).toEqual(['Maria Santos'])
    // Over a line that is no name, the label is not read so.
    expect(decisions(lines(EN_1, EN_2, 'Author:', 'Subscribe to our newsletter today')).get('Author:')?.ruleId).not.toBe('generic/meta-label')
  })

  it('reads a byline opened by "By" or "Oleh" (generic/byline), not a sentence', () => {
    const {report} = run(
      lines(
        'North Korea fires ballistic missile, South Korea says',
        'By Hyonhee Shin',
        EN_1,
        EN_2,
        'By contrast, the ministry in Tokyo said nothing about the launch on Saturday.',
        EN_3
      )
    )
    expect(report.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/byline'})
    expect(report.article.bylines).toEqual(['Hyonhee Shin'])
    expect(report.blocks[4]!.role).toBe('body')
    // The byline word may take a colon.
    const colon = run(lines('North Korea fires ballistic missile, South Korea says', 'By: Hyonhee Shin', EN_1, EN_2)).report
    expect(colon.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/byline'})
    expect(colon.article.bylines).toEqual(['Hyonhee Shin'])
    // A name in a script without case has no capital to show it; the headline above it stays the title, under the site's name.
    const hangul = run(lines('The Daily Example', 'North Korea fires ballistic missile, South Korea says', 'By 홍길동', EN_1, EN_2)).report
    expect(hangul.blocks[2]).toMatchObject({role: 'meta', ruleId: 'generic/byline'})
    expect(hangul.article.bylines).toEqual(['홍길동'])
    expect(hangul.article.title).toBe('North Korea fires ballistic missile, South Korea says')
  })

  it("takes the headline about the text for the title, not a site's tagline above it (metadata/title)", () => {
    const page = (tagline: string) =>
      run(
        lines(
          tagline,
          'North Korea fires ballistic missile toward the sea, South Korea says',
          'posted on 31/12/2022',
          EN_1,
          EN_2,
          EN_3,
          'Officials in Seoul and Tokyo were analysing the flight data, and Washington called on Pyongyang to return to talks.',
          'Analysts expect more weapons tests in the coming months as the North pushes ahead with its military programmes.'
        )
      ).report
    expect(page('Supported by the Korea National Media Council').article.title).toBe('North Korea fires ballistic missile toward the sea, South Korea says')
    // A first line about the text stays the title, with a headline-shaped line under it.
    expect(page('North Korean missile falls into the sea off the east coast').article.title).toBe('North Korean missile falls into the sea off the east coast')
  })

  it("prints the title without the page store's date stamp, and takes no type-size control or captioned picture for it", () => {
    const stamped = run(lines(' date 2024-01-05 North Korea fires ballistic missile, South Korea says', EN_1, EN_2, EN_3)).report
    expect(stamped.article.title).toBe('North Korea fires ballistic missile, South Korea says')
    for (const control of ['Text size', 'حجم النص', 'Schriftgröße']) {
      const report = run(lines(control, EN_1, EN_2, EN_3)).report
      expect(report.article.title).toBeNull()
      expect(report.blocks[0]).toMatchObject({role: 'boilerplate', ruleId: 'generic/promo'})
    }
    const captioned = run(lines('Police stand guard outside the ministry in Seoul on Saturday. (Gambar Bernama)', EN_1, EN_2, EN_3)).report
    expect(captioned.article.title).toBeNull()
    expect(captioned.blocks[0]!.role).toBe('boilerplate')
  })

  it('reads date lines in any script, with or without a month name (generic/date-line)', () => {
    const found = decisions(lines('موسكو: نتائج استفتاء تركيا شأن داخلي', 'تم نشره الإثنين 17 نيسان / أبريل 2017 03:07 مساءً', AR_1, AR_2))
    expect(found.get('تم نشره الإثنين 17 نيسان / أبريل 2017 03:07 مساءً')).toMatchObject({role: 'meta', ruleId: 'generic/date-line'})
    const {report} = run(lines('Kremlin: Türk halkının iradesine saygılıyız', '02-11-2015 18:49', TR_1, TR_2))
    expect(report.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/date-line'})
    expect(report.article.date).toBe('2015-11-02')
  })

  it.each([
    ['es', 'Publicado el 6 de diciembre de 2024'],
    ['pt', 'Publicado em 6 de dezembro de 2024'],
    ['pl', 'Opublikowano: 6 grudnia 2024'],
    ['cs', 'Publikováno 6. prosince 2024'],
    ['ro', 'Publicat: 6 decembrie 2024'],
    ['uk', 'Опубліковано: 6 грудня 2024'],
    ['sv', 'Publicerad 6 maj 2024'],
    // A site's header prints the month in the nominative, in capitals; Tagalog writes its own names.
    ['ru', '15:00, 6 Декабрь 2024'],
    ['uk', 'Понеділок, 6 Грудень 2024'],
    ['tl', 'Biyernes, 6 Disyembre 2024']
  ])('reads a date line under the title with the words its language sets between day, month and year (%s, hand-written)', (_language, line) => {
    const {report} = run(lines('North Korea fires ballistic missile, South Korea says', line, EN_1, EN_2))
    expect(report.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/date-line'})
    expect(report.article.date).toMatch(/^2024-(?:12-06|05-06)$/)
  })

  it.each([
    ['es', '10 Ene 2024', '2024-01-10'],
    ['fr', '10 févr. 2024', '2024-02-10'],
    ['it', 'Lunedì 10 giu 2024 - 10:15', '2024-06-10'],
    ['de', '10. Okt. 2024', '2024-10-10'],
    ['tr', '10 Eki 2024 10:15', '2024-10-10'],
    ['ru', '10 июн 2024', '2024-06-10']
  ])("reads the date of a date line whose month is abbreviated (%s, hand-written: '%s')", (_language, line, date) => {
    const {report} = run(lines('North Korea fires ballistic missile, South Korea says', line, EN_1, EN_2))
    expect(report.blocks[1]).toMatchObject({role: 'meta', ruleId: expect.stringMatching(/\/date-line$/)})
    expect(report.article.date).toBe(date)
  })

  it('opens the text with the short sentences right above the lead, unless the lead opens with its dateline', () => {
    const opening = 'The missile flew about 350 km before it fell into the sea.'
    const lead = 'The launch was the latest in an unprecedented number of missile tests conducted by North Korea this year, officials said.'
    const found = decisions(lines('North Korea fires ballistic missile, South Korea says', '', opening, '', lead, '', EN_2, '', EN_3))
    expect(found.get(opening)).toMatchObject({role: 'body'})
    // Above a lead that opens with the dateline, a sentence is the page's: a photo's caption or a standfirst. Nothing
    // tells them apart on a page with no title; the sentence right above the lead is read as the standfirst, one above
    // that as the page's.
    const caption = 'Soldiers watch a news broadcast at a railway station in Seoul on Saturday.'
    const standfirst = 'The launch caps a year of unprecedented missile tests by Pyongyang.'
    const dated = decisions(lines(caption, '', standfirst, '', EN_1, '', EN_2, '', EN_3))
    expect(dated.get(caption)).toMatchObject({role: 'boilerplate', ruleId: 'generic/before-lead'})
    expect(dated.get(standfirst)).toMatchObject({role: 'dek', ruleId: 'metadata/dek'})
  })

  it('opens the text with a sentence right above the lead that comes near text, as jusText keeps a near-good paragraph', () => {
    // A Turkish lead full of names: fewer function words than a paragraph holds, more than a name list.
    const near =
      "Antalya'nın Kemer ilçesindeki Olimpos Antik Kenti'nde Likya Tanrısı Apollon betimlemeli olduğu değerlendirilen bronz heykel kazı çalışmalarında gün ışığına çıkarıldı."
    const headline = "Olimpos'ta Apollon betimlemeli bronz heykel bulundu"
    const found = decisions(lines(headline, '', '30.12.2025 14:58', '', 'AA', '', near, '', TR_1, '', TR_2))
    expect(found.get(near)?.role).toBe('body')
    // A line of names ends the search: most of its words capitalised, with as few function words.
    const names =
      'Antalya Kemer Olimpos Antik Kenti Likya Tanrısı Apollon Bronz Heykel Kazısı Mehmet Gündoğdu Başkanlığında ve Bakanlık Desteğiyle yıl boyunca sürüyor.'
    const listed = decisions(lines(headline, '', '30.12.2025 14:58', '', 'AA', '', names, '', TR_1, '', TR_2))
    expect(listed.get(names)?.role).not.toBe('body')
  })

  it("ends the text above the site's note about its copy, not above a paragraph that quotes views (generic/promo)", () => {
    const note = 'This story has not been edited by our staff and is auto-generated from a syndicated feed.'
    const views = 'The views expressed by the minister were welcomed by the opposition, a spokesman for the party said on Sunday.'
    const found = decisions(lines('North Korea fires ballistic missile, South Korea says', EN_1, EN_2, views, note))
    expect(found.get(views)?.role).toBe('body')
    expect(found.get(note)).toMatchObject({role: 'boilerplate', ruleId: 'generic/after-article'})
  })

  it('leaves a sentence with a date alone, and takes a list of dates below the text for a teaser list', () => {
    const found = decisions(
      lines(
        EN_1,
        'The talks were held on 12 March 2024 at 10:30 in Geneva, officials said.',
        EN_2,
        'Most read',
        'Putin arrives in Pyongyang for talks',
        'Tue 24.12.2025 07:26',
        'Kremlin rejects claims about peace plan',
        'Wed 25.12.2025 21:48'
      )
    )
    expect(found.get('The talks were held on 12 March 2024 at 10:30 in Geneva, officials said.')?.role).toBe('body')
    expect(found.get('Tue 24.12.2025 07:26')).toMatchObject({role: 'boilerplate', ruleId: 'generic/after-article'})
  })

  it('reads copyright lines (generic/copyright) and sign-offs (generic/sign-off)', () => {
    const found = decisions(lines(ID_1, ID_2, '(sam)', '[© 2018 SMPKE, PMO]', 'Tüm hakları saklıdır.'))
    expect(found.get('(sam)')).toMatchObject({role: 'meta', ruleId: 'generic/sign-off'})
    // A writer's name or the desks' codes with digits in brackets sign the text too; an agency's name credits it.
    // So do the desks' initials joined by a slash without brackets, as wire copy closes; one word alone is no sign-off.
    for (const signOff of ['(Rizka Diputra)', '(T.A034/S025)', 'jd-abc/mm', 'bur-xy/zz']) {
      expect(decisions(lines(ID_1, ID_2, signOff)).get(signOff)).toMatchObject({role: 'meta', ruleId: 'generic/sign-off'})
    }
    expect(decisions(lines(ID_1, ID_2, 'selengkapnya')).get('selengkapnya')?.ruleId).not.toBe('generic/sign-off')
    const credited = run(lines(ID_1, ID_2, '(Antara)')).report
    expect(credited.blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'credits/credit-line'})
    expect(credited.blocks[0]!.sources.map((source) => source.agency)).toEqual(['antara'])
    expect(found.get('[© 2018 SMPKE, PMO]')).toMatchObject({role: 'meta', ruleId: 'generic/copyright'})
    expect(found.get('Tüm hakları saklıdır.')).toMatchObject({role: 'meta', ruleId: 'generic/copyright'})
  })

  it('takes a bare name under the title or beside a date for a byline (generic/byline-name), not a section name', () => {
    const named = run(lines('Rusia Peringatkan Turki Setelah Erdogan Ancam Idlib', 'Anton Suhartono', ID_1, ID_2))
    expect(named.report.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/byline-name'})
    expect(named.report.article.bylines).toEqual(['Anton Suhartono'])
    const beside = decisions(
      lines(
        'Erdogan: Turki akan kejar semua kelompok teror',
        'Share',
        'Muhammad Fath',
        'Rabu, 13 Februari 2019 / 9 Jumadilakhir 1440 10:00',
        'Internasional',
        ID_1,
        ID_2
      )
    )
    expect(beside.get('Muhammad Fath')).toMatchObject({role: 'meta', ruleId: 'generic/byline-name'})
    expect(beside.get('Internasional')).toMatchObject({role: 'boilerplate', ruleId: 'generic/before-lead'})
    const section = decisions(lines('Rusia Peringatkan Turki Setelah Erdogan Ancam Idlib', 'Internasional', ID_1, ID_2))
    expect(section.get('Internasional')).toMatchObject({role: 'boilerplate', ruleId: 'generic/before-lead'})
  })

  it('takes a place in capitals right above the lead for the dateline (generic/dateline-alone), not one elsewhere', () => {
    const {report} = run(
      lines(
        'Lebih dari 20 warga Palestina tewas akibat serangan Israel',
        'ANKARA',
        'Sedikitnya 23 warga Palestina tewas dan puluhan lainnya terluka pada Jumat ketika pasukan Israel melanjutkan serangan udara.',
        ID_2
      )
    )
    expect(report.blocks[1]).toMatchObject({role: 'meta', ruleId: 'generic/dateline-alone'})
    expect(report.article.dateline).toBe('ANKARA')
    // Under a headline followed by the outlet's name, which reads as a menu item, the place is no title either.
    const headline = 'El Senado de Chile aprueba la reforma de pensiones tras dos años de debate'
    const named = run(
      lines(
        headline,
        'LA NACIÓN',
        'SANTIAGO DE CHILE',
        'Antes de que el Senado de Chile aprobara la reforma de pensiones, el ministro dijo que sería un paso histórico para el país.',
        '"Para nosotros es un paso histórico", dijo el ministro en su conferencia de prensa de este lunes en el Palacio de La Moneda.',
        '"No lo sé", respondió el ministro al ser cuestionado sobre el riesgo de un veto de la oposición a la reforma de pensiones.',
        'En el mismo salón, el ministro volvió a calificar como justa la reforma y agradeció el apoyo de los senadores de la oposición.',
        'Mientras el Senado discutía la reforma, el ministro mencionó que consideraba justo lo que hicieron los senadores del país.',
        '"No es aprobar una reforma de pensiones cualquiera lo que deberíamos hacer, sino una reforma justa", declaró el ministro chileno.'
      )
    ).report
    expect(named.article.title).toBe(headline)
    expect(named.blocks[2]).toMatchObject({role: 'meta', ruleId: 'generic/dateline-alone'})
    const far = decisions(lines('DUNIA', 'Lebih dari 20 warga Palestina tewas akibat serangan Israel', 'Penulis: Budi Santoso', ID_1, ID_2))
    expect(far.get('DUNIA')).toMatchObject({role: 'boilerplate', ruleId: 'generic/before-lead'})
  })

  it('takes a place and a source in brackets above the lead for the dateline, not a caption closing its sentence before them', () => {
    const lead = 'Sedikitnya 23 warga Palestina tewas dan puluhan lainnya terluka pada Jumat ketika pasukan Israel melanjutkan serangan udara.'
    const above = (line: string) => decisions(lines('Lebih dari 20 warga Palestina tewas akibat serangan Israel', line, lead, ID_2)).get(line)
    expect(above('Moskow, (Analisa)')).toMatchObject({role: 'meta', ruleId: 'generic/dateline-alone'})
    expect(above('Washington D.C. (Analisa)')).toMatchObject({role: 'meta', ruleId: 'generic/dateline-alone'})
    expect(above('Illustration photo. (Shutterstock)')).toMatchObject({role: 'boilerplate'})
  })
})

describe('word lists in Turkish capitals', () => {
  it('reads a teaser heading written in capitals, where İ is the capital of i (generic/teaser-label)', () => {
    const found = decisions(lines('Kremlin: Türk halkının iradesine saygılıyız', TR_1, TR_2, 'İLGİLİ HABERLER', 'Ankara’da kar yağışı etkili oluyor'))
    expect(found.get('İLGİLİ HABERLER')).toMatchObject({role: 'boilerplate', ruleId: 'generic/teaser-label'})
  })
})

describe('bylines that name the role or the desk', () => {
  const title = 'North Korea fires ballistic missile toward the sea'
  const dek = 'The launch caps a year of unprecedented missile tests by Pyongyang.'

  it.each([
    ['Maria Santos - Reporter', ['Maria Santos']],
    ['Jane Doe, Senior Correspondent', ['Jane Doe']],
    // An editor's role: the line is meta, its name no byline.
    ['Budi Santoso | Redaktur', []],
    ['Мария Сантос, корреспондент', ['Мария Сантос']]
  ])("reads a name, then the writer's role, as a byline (generic/byline): %s", (line, bylines) => {
    const {report} = run(lines(title, line, dek, EN_1, EN_2))
    expect(report.blocks.map((block) => `${block.role} ${block.ruleId}`)).toEqual([
      'title metadata/title',
      'meta generic/byline',
      'dek metadata/dek',
      'body generic/paragraph',
      'body generic/paragraph'
    ])
    expect(report.article.bylines).toEqual(bylines)
  })

  it('reads no byline from a name and a word that is no role', () => {
    for (const line of ['Salman Rushdie - Novelist', 'Red Sea']) expect(decisions(lines(title, line, EN_1, EN_2)).get(line)?.role).not.toBe('meta')
  })

  it("reads a desk's label and the outlet's one-word name as meta, and passes over a label alone under the title", () => {
    expect(decisions(lines(title, 'Redacción Gestión', EN_1, EN_2)).get('Redacción Gestión')).toMatchObject({role: 'meta', ruleId: 'generic/meta-label'})
    const roles = run(lines(title, 'Redaksi', dek, EN_1, EN_2)).report.blocks.map((block) => block.role)
    expect(roles).toEqual(['title', 'boilerplate', 'dek', 'body', 'body'])
  })
})

describe('title and dek without outlet rules', () => {
  it('takes a headline that says a word twice for the title, never the font-size buttons under it', () => {
    const found = decisions(lines('Again and again', 'A A A', EN_1, EN_2))
    expect(found.get('Again and again')).toMatchObject({role: 'title', ruleId: 'metadata/title'})
    expect(found.get('A A A')?.role).toBe('boilerplate')
  })

  it('takes no dek from the only paragraph of a text, whatever meta line follows it', () => {
    const title = 'North Korea fires ballistic missile toward the sea'
    const only = 'North Korea fired a ballistic missile toward the sea off its east coast on Saturday, the military said.'
    const copyright = 'Copyright © 2025 Example Media Group. All rights reserved.'
    expect(decisions(lines(title, '3 min read', only, copyright)).get(only)?.role).toBe('body')
    // With text below it, the same sentence over a byline is the dek.
    expect(decisions(lines(title, '3 min read', only, 'By John Smith', EN_2, EN_3)).get(only)).toMatchObject({role: 'dek', ruleId: 'metadata/dek'})
  })

  it("takes no title from a picture's caption printed twice on consecutive lines, but the first of a headline printed twice opening the page (hand-written, ru)", () => {
    const menu = 'Новости'
    const headline = 'В Уральске выпускники детских домов вышли на протест'
    const caption = 'Участники протеста во дворе общежития. Уральск, 11 сентября'
    const lead = 'Несколько выпускников детских домов утром собрались во дворе общежития, откуда их собираются выселить, и потребовали встречи с акимом.'
    const second = 'По их словам, другого жилья им не предложили, а сроки выселения сообщили только накануне вечером.'
    const {report} = run([menu, '', headline, '', `${caption}\n${caption}`, '', lead, '', second].join('\n'))
    expect(report.article.title).toBe(headline)
    const opening = run([`${headline}\n${headline}`, '', lead, '', second].join('\n')).report
    expect(opening.blocks[0]).toMatchObject({role: 'title', lines: [1, 1]})
  })

  it('takes for the dek a sentence the lead under it opens with, shortened or printed whole (hand-written, fr)', () => {
    const title = 'Une voiture de police part en embardée sur l’autoroute'
    const standfirst = 'La circulation a été fortement perturbée ce samedi matin sur l’autoroute, à la hauteur de Palexpo.'
    const lead =
      'La circulation a été fortement perturbée ce samedi matin sur l’autoroute à Genève, où un véhicule de police a fini sa course contre la glissière.'
    const second = 'Le conducteur, seul à bord, est sorti indemne du véhicule, selon la porte-parole de la police cantonale.'
    const found = decisions(lines(title, standfirst, lead, second))
    expect(found.get(standfirst)).toMatchObject({role: 'dek', ruleId: 'metadata/dek'})
    expect(found.get(lead)?.role).toBe('body')
    // Printed whole again as the next block, the sentence is the standfirst, then the lead (on the very next line, with no
    // blank line between, it is a picture's caption printed twice; see the title's test above).
    const twice = run(lines(title, '', lead, '', lead, '', second)).report
    expect(twice.blocks.map((block) => block.role)).toEqual(['title', 'dek', 'body', 'body'])
    // A paragraph further down that opens as the first one does leaves the first the lead.
    const later = 'La circulation a été fortement perturbée ce samedi soir aussi, jusqu’à la réouverture de la voie de gauche.'
    expect(decisions(lines(title, lead, second, later)).get(lead)?.role).toBe('body')
  })

  it('prefers the headline the page prints again, over a menu line or a teaser above it', () => {
    const {report} = run(
      lines(
        'Get iNews App with new looks!',
        'Share:',
        'Rusia Peringatkan Turki Setelah Erdogan Ancam Idlib',
        'Rabu, 19 Februari 2020 - 19:51:00 WIB',
        'Rusia Peringatkan Turki Setelah Erdogan Ancam Idlib',
        ID_1,
        ID_2
      )
    )
    expect(report.article.title).toBe('Rusia Peringatkan Turki Setelah Erdogan Ancam Idlib')
    expect(report.blocks.map((block) => block.role)).toEqual(['boilerplate', 'boilerplate', 'title', 'meta', 'boilerplate', 'body', 'body'])
  })

  it('passes over a menu line followed by more menu for a headline followed by its dek', () => {
    const {report} = run(
      lines(
        'Skip to main content',
        'Menu',
        'North Korea fires ballistic missile toward the sea',
        'The launch caps a year of unprecedented missile tests by Pyongyang.',
        'Published On 18 Feb 2025',
        EN_1,
        EN_2
      )
    )
    expect(report.blocks.map((block) => block.role)).toEqual(['boilerplate', 'boilerplate', 'title', 'dek', 'meta', 'body', 'body'])
  })

  it('takes a question at the top for the title, and no title from a lead that reads like a sentence', () => {
    expect(run(lines('Will Turkey send troops to Ukraine, as the British press claims?', EN_1, EN_2)).report.article.title).toMatch(/^Will Turkey/)
    expect(run(lines(TR_1, TR_2)).report.article.title).toBeNull()
  })

  it('finds the lead by its dateline through a zero-width character, and takes the sentence above it for the dek', () => {
    const title = 'Putin siap berdialog dengan Amerika Serikat'
    const standfirst = 'Pertemuan itu disebut sebagai langkah penting bagi hubungan kedua negara yang tegang sejak awal tahun.'
    const lead = (dateline: string) => `${dateline} - ${ID_1.replace(/^JAKARTA - /, '')}`
    const roles = (dateline: string) => run(lines(title, standfirst, lead(dateline), ID_2)).report.blocks.map((block) => block.role)
    expect(roles('Suara.com')).toEqual(['title', 'dek', 'body', 'body'])
    expect(roles('Suara.com\u200B')).toEqual(['title', 'dek', 'body', 'body'])
  })

  it('takes the sentence above a lead that opens with a place alone for the dek, with a title or without one', () => {
    const standfirst = 'The king thanked Malaysians for their support as his five-year term drew to a close.'
    const lead = (place: string) =>
      `${place}The Yang di-Pertuan Agong was moved to tears as he spoke at a state banquet tonight in conjunction with the completion of his term.`
    const roles = (...texts: string[]) => run(lines(...texts)).report.blocks.map((block) => `${block.role} ${block.ruleId}`)
    const body = 'Sultan Abdullah expressed his gratitude to all Malaysians who accepted him as King during his reign over the country.'
    for (const place of ['KUALA LUMPUR: ', 'NEW DELHI: ', 'Kuala Lumpur - ']) {
      expect(roles(standfirst, lead(place), body)).toEqual(['dek metadata/dek', 'body generic/paragraph', 'body generic/paragraph'])
      expect(roles('Agong moved to tears at farewell banquet', standfirst, lead(place), body)).toEqual([
        'title metadata/title',
        'dek metadata/dek',
        'body generic/paragraph',
        'body generic/paragraph'
      ])
    }
    // Without the place, the same sentence opens the text.
    expect(roles(standfirst, lead(''), body)).toEqual(['body generic/paragraph', 'body generic/paragraph', 'body generic/paragraph'])
    // Without a title, a line that is no sentence is no dek.
    expect(roles('Direkt aus dem Newskanal der Agentur', lead('KUALA LUMPUR: '), body)[0]).not.toMatch(/^dek/)
  })

  it('takes no kicker, label or speaker for a place: the paragraph above it stays the text', () => {
    const roles = (opener: string) =>
      run(lines(EN_2, `${opener}${EN_3}`, EN_1.replace(/^SEOUL, Dec 31 \(Reuters\) - /, ''))).report.blocks.map((block) => block.role)
    for (const opener of ['UPDATE: ', 'Update - ', 'Eilmeldung - ', 'FOTO: ', 'Son dakika: ']) expect(roles(opener), opener).toEqual(['body', 'body', 'body'])
    expect(roles('SEOUL: ')).toEqual(['dek', 'body', 'body'])
    // A place's shape on two lines is a transcript's speakers, not a dateline printed once.
    const speakers = run(lines(EN_2, `MODERATOR: ${EN_3}`, `MINISTER: ${EN_1.replace(/^SEOUL, Dec 31 \(Reuters\) - /, '')}`)).report.blocks
    expect(speakers.map((block) => block.role)).toEqual(['body', 'body', 'body'])
  })

  it("takes a first line that ends in an abbreviation for the title when it is a headline's length, not a lead so ending", () => {
    const headline = 'Jefe de servicios secretos españoles hablará sobre espionaje de EE. UU.'
    const lead =
      'El jefe de los servicios secretos de España informará en el Congreso de los Diputados sobre el supuesto espionaje de Estados Unidos a España, adelantó el Gobierno.'
    const later = 'La información fue publicada por el diario El Mundo, que citó documentos facilitados por el exanalista Edward Snowden.'
    expect(run(lines(headline, lead, later)).report.blocks.map((block) => block.role)).toEqual(['title', 'body', 'body'])
    const longLead =
      'North Korea fired a ballistic missile toward the sea off its east coast on Saturday, days after it warned of new measures against the U.S.'
    expect(run(lines(longLead, EN_2, EN_3)).report.blocks.map((block) => block.role)).toEqual(['body', 'body', 'body'])
  })

  it('takes no row of buttons for the dek, and finds the dek below one', () => {
    const share = 'Bagikan ke Facebook Bagikan ke Twitter Bagikan ke WhatsApp'
    const dek = 'Serangan Israel menghantam wilayah permukiman, kamp pengungsi, dan lokasi distribusi bantuan, menurut sumber medis'
    const title = 'Lebih dari 20 orang warga Palestina tewas akibat serangan Israel'
    expect(run(lines(title, share, ID_1, ID_2)).report.blocks.map((block) => block.role)).toEqual(['title', 'boilerplate', 'body', 'body'])
    expect(run(lines(title, share, dek, ID_1, ID_2)).report.blocks.map((block) => block.role)).toEqual(['title', 'boilerplate', 'dek', 'body', 'body'])
  })

  it('takes no line that opens with a dateline for the dek, even above a byline', () => {
    const {report} = run(lines('North Korea fires ballistic missile toward the sea', EN_1, 'By John Smith', EN_2, EN_3))
    expect(report.blocks.map((block) => block.role)).toEqual(['title', 'body', 'meta', 'body', 'body'])
  })

  it('keeps a lead after a wire dateline as text, however many names it holds (tr)', () => {
    const lead =
      "İSTANBUL (AA) - Görme Engelliler Spor Federasyonu'nun düzenlediği Sesi Görenler İstanbul Kupası'ndaki üçüncü maçında Türk Milli Takımı, İspanya'yı 1-0 yenerek finale çıktı."
    const {report} = run(
      lines(
        'Sesi Görenler İstanbul Kupası',
        lead,
        TR_1,
        'Müsabakada ay-yıldızlı ekibin tek golünü Recep Aydeniz kaydetti ve takım finale yükseldi.',
        "Turnuvada Türkiye ile İspanya'nın şampiyonluk maçı yarın oynanacak ve maç canlı yayınlanacak."
      )
    )
    expect(report.blocks[1]!.role).toBe('body')
    expect(report.blocks.every((block) => block.role !== 'body' || block.sources.some((source) => source.agency === 'anadolu'))).toBe(true)
  })

  it('takes no lead signed off by its agency after its full stop for the title', () => {
    const lead = 'سرايا - أعلنت وزارة الصحة في الكويت، اليوم السبت، تسجيل 4 وفيات و 514 إصابة جديدة بفيروس كورونا، وفق ما ذكرت وكالة الأنباء الكويتية (كونا).'
    const {report} = run(
      lines(
        '13-06-2020 04:33 PM',
        lead,
        'وأفادت الوكالة بأن عدد الإصابات الإجمالي في البلاد بلغ 35466 إصابة، في حين بلغ إجمالي الوفيات 289 حالة.',
        'وقال الناطق الرسمي باسم الوزارة إن جميع الحالات السابقة التي ثبتت إصابتها بالمرض من بين المخالطين.'
      )
    )
    expect(report.article.title).toBeNull()
    expect(report.blocks[1]).toMatchObject({role: 'body', sources: [expect.objectContaining({agency: 'kuna'})]})
  })

  it('takes a paragraph the page prints under the title and again among the paragraphs for the dek, the second printing for the text', () => {
    const standfirst = 'The ministry said the citadel would reopen to visitors on Sunday after months of closure.'
    const {report} = run(lines('Machu Picchu reopens to visitors', standfirst, EN_2, standfirst, EN_3))
    expect(report.blocks.map((block) => block.role)).toEqual(['title', 'dek', 'body', 'body', 'body'])
    // Printed again after the text's last paragraph, the later printing is the repeat.
    const after = run(lines('Machu Picchu reopens to visitors', EN_2, EN_3, EN_2)).report
    expect(after.blocks.map((block) => block.role)).toEqual(['title', 'body', 'body', 'boilerplate'])
  })

  it('takes no standfirst for the title because the text prints its words again as a sentence', () => {
    const standfirst = 'No ashfall was recorded in the towns of the region, the agency said'
    const {report} = run(lines('Volcano spews a column of ash 11 kilometres high', standfirst, EN_2, `${standfirst}.`, EN_3))
    expect(report.article.title).toBe('Volcano spews a column of ash 11 kilometres high')
    expect(report.blocks.map((block) => block.role)).toEqual(['title', 'dek', 'body', 'body', 'body'])
  })

  it('takes the highlights a page lists under its title for deks, and looks for the lead under them', () => {
    const highlights = [
      '• The heaviest sentence, twenty years, went to the group’s coordinator.',
      '• The seven defendants heard the verdict shouting at the judges.',
      '• Five of them had guarded the arms cache for years.'
    ]
    const text = [
      'A special criminal court in Paris on Tuesday sentenced seven members of the group’s logistics network to between 13 and 20 years in prison.',
      'The heaviest sentence went to the network’s coordinator, for whom the prosecutor had asked for a term of 25 years.',
      'The defendants shouted at the judges as the sentences were read out, and the court had them taken out of the room.'
    ]
    const title = 'Paris court jails seven members of the group’s logistics network'
    const {report} = run(lines(title, ...highlights, 'Four of the defendants in the court room', 'Efe', ...text))
    expect(report.blocks.map((block) => block.role)).toEqual(['title', 'dek', 'dek', 'dek', 'boilerplate', 'boilerplate', 'body', 'body', 'body'])
    // A list in the text, under its own paragraph, is the text's.
    const inText = run(lines(title, text[0]!, ...highlights, text[1]!, text[2]!)).report
    expect(inText.blocks.filter((block) => block.role === 'dek')).toEqual([])
  })

  it('takes the sentence over a credit line under the title for the dek', () => {
    const standfirst = 'Filipinler’deki yanardağda orta şiddetli bir patlama meydana geldi ve kül bulutları yükseldi.'
    const found = decisions(lines('Kanlaon Yanardağı patladı', standfirst, 'Kaynak: DHA', TR_1, TR_2))
    expect(found.get(standfirst)).toMatchObject({role: 'dek', ruleId: 'metadata/dek'})
    // The same sentence with text right below it is the lead.
    expect(decisions(lines('Kanlaon Yanardağı patladı', standfirst, TR_1, TR_2)).get(standfirst)?.role).toBe('body')
  })

  it('takes a standfirst without a full stop under the title for the dek, and a caption for boilerplate', () => {
    const dek = run(
      lines(
        'Lebih dari 20 orang warga Palestina tewas akibat serangan Israel',
        'Serangan Israel menghantam wilayah permukiman, kamp pengungsi, dan lokasi distribusi bantuan, menurut sumber medis',
        ID_1,
        ID_2
      )
    )
    expect(dek.report.blocks[1]!.role).toBe('dek')
    const caption = run(lines('North Korea fires missile -Yonhap', 'Yomiuri Shimbun file photo', 'North Korean flags', EN_1, EN_2))
    expect(caption.report.blocks.map((block) => block.role)).toEqual(['title', 'boilerplate', 'boilerplate', 'body', 'body'])
  })
})

describe('generic boilerplate', () => {
  it('takes credit labels in several languages for credit lines, with the agency as evidence (generic/credit-label)', () => {
    const {report} = run(lines(BG_1, BG_2, 'Източник: Министерство на отбраната', 'Снимка: Reuters', 'Източник: БТА'))
    expect(report.blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'generic/credit-label'})
    expect(report.blocks[3]).toMatchObject({role: 'boilerplate', ruleId: 'generic/credit-label'})
    // A second label in a credit line's value starts the picture's credit: "Larawan: Kyodo" credits no text.
    const pictured = run(lines(BG_1, BG_2, 'Source: Nippon TV / Larawan: Kyodo')).report
    expect(pictured.blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'generic/credit-label'})
    expect(pictured.blocks[0]!.sources).toEqual([])
    // A credit line naming a registered agency is the credits stage's, before the generic stage looks.
    expect(report.blocks[4]).toMatchObject({role: 'boilerplate', ruleId: 'credits/credit-line'})
    const found = decisions(lines(BG_1, 'Източник от министерството каза пред журналисти, че преговорите ще продължат и следващата седмица.', BG_2))
    expect(found.get('Източник от министерството каза пред журналисти, че преговорите ще продължат и следващата седмица.')?.role).toBe('body')
  })

  it('takes a caption ending in a photo credit for boilerplate (generic/caption-credit), not a sentence about a photo', () => {
    const caption = 'Presiden Rusia Vladimir Putin berjabat tangan dengan Kim Jong Un di Pyongyang. (AP PHOTO/GAVRIIL GRIGOROV)'
    const found = decisions(
      lines(ID_1, caption, ID_2, 'Ia menunjukkan foto itu (foto di atas) kepada para wartawan yang hadir di Istana Kremlin pada Senin.', ID_3)
    )
    expect(found.get(caption)).toMatchObject({role: 'boilerplate', ruleId: 'generic/caption-credit'})
    expect(found.get('Ia menunjukkan foto itu (foto di atas) kepada para wartawan yang hadir di Istana Kremlin pada Senin.')?.role).toBe('body')
    const dashed = decisions(
      lines('News that Daim will travel to China emerged after the ministry confirmed the suspension. — Picture by Mukhriz Hazim', EN_1, EN_2)
    )
    expect(dashed.get('News that Daim will travel to China emerged after the ministry confirmed the suspension. — Picture by Mukhriz Hazim')?.ruleId).toBe(
      'generic/caption-credit'
    )
    // The photo word and the agency after the caption's last sentence, with no mark; above the lead it is no title.
    const plain = 'Penunjuk perasaan berhimpun di hadapan mahkamah pada Khamis. FOTO AFP'
    const above = run(lines(plain, EN_1, EN_2, EN_3)).report
    expect(above.blocks[0]).toMatchObject({role: 'boilerplate', ruleId: 'generic/caption-credit'})
    expect(above.article.title).toBeNull()
    // The photo word with a colon, then the photographer, after the caption's last sentence (a word the common rule,
    // common/photo-credit-label, does not list).
    const labelled = 'Полицейские на месте аварии на кольцевой дороге. Фото: Анна Иванова'
    expect(decisions(lines(EN_1, labelled, EN_2)).get(labelled)).toMatchObject({role: 'boilerplate', ruleId: 'generic/caption-credit'})
    // A photographer's name beside the agency across a slash, or a photo label (Portuguese, a German symbol picture's) alone on its line.
    for (const credited of [
      'Police face farmers at a checkpoint in Brussels (Jane Doe/AP)',
      'Tractors parked behind a blockade (AFP/Jane Doe)',
      'Fotografia: DR',
      'Symbolbild: Polizei Wien (c) Presse'
    ]) {
      expect(decisions(lines(EN_1, credited, EN_2)).get(credited)?.role).toBe('boilerplate')
    }
    // A sentence that names a photo and goes on is no caption.
    const sentence = 'The ministry released the images on Monday. Photo Editors Guild members said the pictures were genuine'
    expect(decisions(lines(EN_1, sentence, EN_2)).get(sentence)?.ruleId).not.toBe('generic/caption-credit')
  })

  it('takes teaser labels and the list under a label alone for boilerplate (generic/teaser-label), not a sentence', () => {
    const found = decisions(
      lines(
        EN_1,
        'Read more: Kim Jong Un oversees new missile test',
        EN_2,
        'Related to this, the ministry in Seoul said it was watching the situation closely and calmly.',
        EN_3,
        'İlgili Haberler',
        'Peskov: Türk halkının iradesine saygılıyız',
        'Kremlin referandum sonuçlarını yorumladı'
      )
    )
    expect(found.get('Read more: Kim Jong Un oversees new missile test')).toMatchObject({role: 'boilerplate', ruleId: 'generic/teaser-label'})
    expect(found.get('Related to this, the ministry in Seoul said it was watching the situation closely and calmly.')?.role).toBe('body')
    expect(found.get('Kremlin referandum sonuçlarını yorumladı')).toMatchObject({role: 'boilerplate', ruleId: 'generic/teaser-label'})
    // Teaser labels of languages beyond the fixtures' (Polish, Hungarian).
    for (const teaser of ['Czytaj też: Putin i Łukaszenka zarzucili NATO wrogie działania', 'Ezek érdekelhetnek még']) {
      expect(decisions(lines(EN_1, EN_2, teaser, EN_3)).get(teaser)).toMatchObject({role: 'boilerplate', ruleId: 'generic/teaser-label'})
    }
    // The teaser's own kicker between the label and its colon, capitalised as headlines set it; in lower case the label's
    // word opens a sentence of the text.
    for (const teaser of [
      'Leia Também Economia/Juros: Banco Central mantém a taxa de juros em 10,5%',
      'BASAHIN: Mga bagong patakaran sa paliparan, ipinatupad na'
    ]) {
      expect(decisions(lines(EN_1, EN_2, teaser, EN_3)).get(teaser)).toMatchObject({role: 'boilerplate', ruleId: 'generic/teaser-label'})
    }
    // The label and a few words heading a list, closed by a colon.
    expect(decisions(lines(EN_1, EN_2, EN_3, 'Leer más acerca de:')).get('Leer más acerca de:')).toMatchObject({
      role: 'boilerplate',
      ruleId: 'generic/teaser-label'
    })
    const sentence = 'Watch out: the ministry in Seoul said more launches could follow in the coming weeks, officials added.'
    expect(decisions(lines(EN_1, EN_2, sentence, EN_3)).get(sentence)?.role).toBe('body')
  })

  it("takes a prompt to read on past an advertisement for the page's, in the fixtures' languages (generic/promo)", () => {
    for (const prompt of [
      'Ang artikulo ay nagpapatuloy pagkatapos ng patalastas na ito',
      'Der Artikel geht nach der Werbung weiter',
      'Haber reklamdan sonra devam ediyor'
    ]) {
      expect(decisions(lines(EN_1, prompt, EN_2, EN_3)).get(prompt)).toMatchObject({role: 'boilerplate', ruleId: 'generic/promo'})
    }
  })

  it('takes text printed twice over on one line for a link (generic/doubled-text), not a line that repeats a phrase', () => {
    const doubled = "İngiliz basını yazdı: Türkiye, Ukrayna'ya asker mi gönderecek? İngiliz basını yazdı: Türkiye, Ukrayna'ya asker mi gönderecek?"
    const found = decisions(lines(doubled, TR_1, TR_2))
    expect(found.get(doubled)).toMatchObject({role: 'boilerplate', ruleId: 'generic/doubled-text'})
    expect(
      decisions(lines(TR_1, 'Peskov açıklama yaptı, açıklama yaptı ve gazetecilerin sorularını tek tek yanıtladı, Moskova açıklama yaptı.', TR_2)).get(
        'Peskov açıklama yaptı, açıklama yaptı ve gazetecilerin sorularını tek tek yanıtladı, Moskova açıklama yaptı.'
      )?.role
    ).toBe('body')
  })

  it('drops lines without words (generic/no-text) and lines of links (generic/link)', () => {
    const found = decisions(
      lines(
        ID_1,
        '* * *',
        ID_2,
        'https://t.me/trudnews #Gaza',
        ID_3,
        'Informasi lengkap tersedia di laman resmi kementerian, www.kemlu.go.id, sejak Senin pagi.',
        ID_1.replace('JAKARTA - ', '')
      )
    )
    expect(found.get('* * *')).toMatchObject({role: 'boilerplate', ruleId: 'generic/no-text'})
    expect(found.get('https://t.me/trudnews #Gaza')).toMatchObject({role: 'boilerplate', ruleId: 'generic/link'})
    expect(found.get('Informasi lengkap tersedia di laman resmi kementerian, www.kemlu.go.id, sejak Senin pagi.')?.role).toBe('body')
  })

  it("reads a long paragraph that ends in a site's address as text, the only one of its article; not a long line that opens with one", () => {
    const lead = `${EN_1} ${EN_2} ${EN_3} More news on www.example.com and on www.twitter.com/example_news`
    const alone = run(lines('North Korea fires ballistic missile, South Korea says', lead)).report
    expect(alone.blocks[1]).toMatchObject({role: 'body'})
    expect(alone.article.chain).toEqual(['reuters'])
    // An embedded post's address, its words ("la", "de", "en") read as function words.
    const embed = `https://twitter.com/example/status/1234567890123456789?ref_url=https%3A%2F%2Fexample.com%2Fmexico%2F2022%2Fla-agencia-de-noticias-ha-gastado-mas-de-300-millones-de-pesos-aunque-esta-en-huelga-desde-hace-meses-y-no-publica-nada`
    expect(run(lines('North Korea fires ballistic missile, South Korea says', embed)).report.blocks[1]).toMatchObject({role: 'boilerplate'})
  })

  it('takes a short label the article prints again and again for template (generic/repeated-line), not one printed once', () => {
    const found = decisions(
      lines(
        ID_1,
        ID_2,
        'Editor : Anton Suhartono',
        'Internasional',
        'Mengenal Perjanjian Nuklir AS-Rusia New START',
        'Internasional',
        'Trump Tolak Tawaran Putin Perpanjang Kesepakatan',
        'Kanal'
      )
    )
    expect(found.get('Internasional')).toMatchObject({role: 'boilerplate', ruleId: 'generic/repeated-line'})
    expect(found.get('Kanal')?.ruleId).toBe('generic/after-article')
  })
})

describe('generic layout', () => {
  it('drops what stands above the lead (generic/before-lead): menus, banners, captions', () => {
    const {report} = run(
      lines(
        'malay english mandarin arabic espanol fb tw ig',
        'Daim free to go to China if he wants to - PM',
        'Last update: 06/07/2018',
        'Share',
        'A caption under the photo says that this is a long sentence about something.',
        EN_1,
        EN_2
      )
    )
    expect(report.blocks.map((block) => [block.role, block.ruleId])).toEqual([
      ['boilerplate', 'generic/before-lead'],
      ['title', 'metadata/title'],
      ['meta', 'generic/meta-label'],
      ['boilerplate', 'generic/before-lead'],
      ['boilerplate', 'generic/before-lead'],
      ['body', 'generic/paragraph'],
      ['body', 'generic/paragraph']
    ])
  })

  it('drops what stands after the closing line, prose included (generic/after-article)', () => {
    const found = decisions(lines(TR_1, TR_2, 'Kaynak: DHA', 'Bu haberi okuyanlar ayrıca şu haberleri de okudu ve yorumlarını paylaşarak tartışmaya katıldı.'))
    expect(found.get('Bu haberi okuyanlar ayrıca şu haberleri de okudu ve yorumlarını paylaşarak tartışmaya katıldı.')).toMatchObject({
      role: 'boilerplate',
      ruleId: 'generic/after-article'
    })
  })

  it('ends the article above the heading of the comments (generic/section-label), in any language', () => {
    const comment = 'I think this is a very good article and everyone should read it carefully before the elections.'
    for (const heading of ['Comments (2)', 'Yorumlar', 'Коментари', 'التعليقات']) {
      const found = decisions(lines(EN_1, EN_2, heading, comment))
      expect(found.get(heading)).toMatchObject({role: 'boilerplate', ruleId: 'generic/section-label'})
      expect(found.get(comment)).toMatchObject({role: 'boilerplate', ruleId: 'generic/after-article'})
    }
    expect(
      decisions(lines(EN_1, 'Comments from the minister were not immediately available.', EN_2)).get(
        'Comments from the minister were not immediately available.'
      )?.role
    ).toBe('body')
  })

  it('ends the article above the tags listed after their heading on one line, and not above a sentence after a label', () => {
    const tags = 'TAGS: Apple, China, iPhone'
    const prompt = 'Your subscription could not be saved. Please try again.'
    const found = decisions(lines(EN_1, EN_2, tags, 'Disclaimer: the comments uploaded on this site do not represent the views of the editors.', prompt))
    expect(found.get(tags)).toMatchObject({role: 'boilerplate', ruleId: 'generic/section-label'})
    expect(found.get(prompt)).toMatchObject({role: 'boilerplate', ruleId: 'generic/after-article'})
    const sentence = 'Tags: the ministry said the labels on the goods were changed last year, and the agency agreed.'
    expect(decisions(lines(EN_1, sentence, EN_2)).get(sentence)?.ruleId).not.toBe('generic/section-label')
  })

  it('keeps the last paragraph the stored copy cut short (generic/paragraph-end), not a teaser headline', () => {
    const found = decisions(lines(EN_1, EN_2, 'The ministry also stressed that the suspensions did not carry any'))
    expect(found.get('The ministry also stressed that the suspensions did not carry any')).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
    expect(decisions(lines(EN_1, EN_2, TEASER)).get(TEASER)?.ruleId).toBe('generic/after-article')
    // A page's control or an empty widget under the text is no paragraph cut short, in any language (generic/promo).
    for (const control of [
      'زر الذهاب إلى الأعلى',
      'Tidak ada komentar',
      'لا يوجد تعليقات',
      'Vidéo suivante dans 5 secondes',
      'Die Kommentare im Forum geben nicht notwendigerweise die Meinung der Redaktion wieder',
      // A prompt to report a mistake to the newsroom.
      'Vous avez trouvé une erreur? Merci de nous la signaler.',
      'Spotted an error in this story? Report an error here',
      // A follow prompt; an advertising slot named by its size.
      'تابعوا قناتنا على يوتيوب',
      'Publicidad 300x250'
    ]) {
      expect(decisions(lines(EN_1, EN_2, control)).get(control)).toMatchObject({role: 'boilerplate', ruleId: 'generic/promo'})
    }
  })

  it('keeps the paragraph cut short when the page prints a copyright line, tags or a prompt under it, and not when a sentence follows', () => {
    const cut = 'The ministry also stressed that the suspensions did not carry any'
    const copyright = 'Copyright © 2025 Example Media Group. All rights reserved.'
    const found = decisions(lines(EN_1, EN_2, cut, copyright))
    expect(found.get(copyright)?.role).toBe('meta')
    expect(found.get(cut)).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
    // Lines no rule decided that cannot be the article's text: the copy still ends at the cut line.
    const tags = 'Tags: Politics, World, Economy'
    const prompt = 'Sign up for our newsletter to get the latest news delivered to your inbox.'
    for (const furniture of [[tags], [prompt], [TEASER, copyright]]) {
      const below = decisions(lines(EN_1, EN_2, cut, ...furniture))
      expect(below.get(cut)).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
      expect(below.get(furniture[0]!)?.role).toBe('boilerplate')
    }
    // A sentence no rule decided below it: the copy went on, and the cut line was not where it ends.
    const more = decisions(lines(EN_1, EN_2, cut, 'Readers can send their questions to the editors by e-mail.'))
    expect(more.get(cut)?.ruleId).toBe('generic/after-article')
  })

  it("reads on past a picture's caption and credit below the last paragraph, as past one between paragraphs", () => {
    const caption = 'Police officers stand guard outside the building on Friday. REUTERS/Stringer'
    const last = 'No one was hurt in the blast.'
    const found = decisions(lines(EN_1, EN_2, caption, last))
    expect(found.get(caption)?.role).toBe('boilerplate')
    expect(found.get(last)).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
    // A teaser's headline below the caption is not more of the text.
    expect(decisions(lines(EN_1, EN_2, caption, TEASER)).get(TEASER)?.ruleId).toBe('generic/after-article')
  })

  it('reads on past a byline between paragraphs, and ends the text at a byline with no text below it', () => {
    const byline = 'By John Smith'
    const between = decisions(lines(EN_1, EN_2, byline, EN_3))
    expect(between.get(byline)?.role).toBe('meta')
    expect(between.get(EN_3)).toMatchObject({role: 'body', ruleId: 'generic/paragraph'})
    const closing = decisions(lines(EN_1, EN_2, EN_3, byline, TEASER))
    expect(closing.get(TEASER)?.ruleId).toBe('generic/after-article')
    // Under it a list of links, then a notice that reads like a paragraph: the page's furniture, not more text (xlang 310).
    const cookies = 'Our partners and affiliates use cookies and similar technologies to enhance your browsing experience on this site.'
    const furnished = decisions(lines(EN_1, EN_2, EN_3, byline, 'Related articles', 'Previous', 'Next', cookies))
    expect(furnished.get(cookies)?.role).toBe('boilerplate')
  })

  it('keeps a cut-off last line in title case that breaks off after a function word (generic/paragraph-end)', () => {
    // Half its words are names, as in a headline; but no headline ends on "atau" (or).
    const cut = 'Gunung Semeru masih berstatus Siaga atau'
    expect(decisions(lines(ID_1, ID_2, ID_3, cut)).get(cut)).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
    const headline = 'Gunung Semeru Masih Berstatus Siaga Level'
    expect(decisions(lines(ID_1, ID_2, ID_3, headline)).get(headline)?.ruleId).toBe('generic/after-article')
  })

  it('reads on past a read-also teaser below the last paragraph when the article prints such teasers between its paragraphs too', () => {
    const inText = 'Baca juga: Putin dan Xi bahas kerja sama ekonomi'
    const closing = 'Ia tidak merinci lebih lanjut hasil pertemuan itu.'
    const found = decisions(lines(ID_1, inText, ID_2, ID_3, 'Baca juga: Moskow tolak tuduhan Barat', closing))
    expect(found.get('Baca juga: Moskow tolak tuduhan Barat')?.role).toBe('boilerplate')
    expect(found.get(closing)).toMatchObject({role: 'body', ruleId: 'generic/paragraph-end'})
    // A teaser only below the text ends it: what follows is the page's, not the article's.
    const alone = decisions(lines(ID_1, ID_2, ID_3, 'Baca juga: Moskow tolak tuduhan Barat', closing))
    expect(alone.get(closing)?.ruleId).toBe('generic/after-article')
  })

  it('keeps a crosshead between paragraphs (generic/short-between-body), drops a list of headlines (generic/heading-list)', () => {
    const found = decisions(
      lines(
        TR_1,
        "ABD'NİN YARDIM PAKETİ",
        TR_2,
        'Artık',
        'Süper Lig maçı ertelendi',
        'Merkez Bankası faiz kararını açıkladı',
        'Dolar güne yükselişle başladı',
        TR_1.replace('Kremlin', 'Rus')
      )
    )
    expect(found.get("ABD'NİN YARDIM PAKETİ")).toMatchObject({role: 'body', ruleId: 'generic/short-between-body'})
    expect(found.get('Merkez Bankası faiz kararını açıkladı')).toMatchObject({role: 'boilerplate', ruleId: 'generic/heading-list'})
  })

  it('drops a long line without function words between paragraphs (generic/low-function-words), and short lines beside it by how they read', () => {
    const address = "Prime Minister's Office, Main Block, Perdana Putra Building, Federal Government Administrative Centre, 62502 Putrajaya, MALAYSIA."
    const found = decisions(lines(EN_1, 'He said so on Tuesday.', address, 'QR Code for PMO Mobile', address.replace('Main', 'East'), EN_2, EN_3))
    expect(found.get(address)).toMatchObject({role: 'boilerplate', ruleId: 'generic/low-function-words'})
    expect(found.get('He said so on Tuesday.')).toMatchObject({role: 'body', ruleId: 'generic/short-beside-body'})
    expect(found.get('QR Code for PMO Mobile')).toMatchObject({role: 'boilerplate', ruleId: 'generic/short-between-boilerplate'})
  })

  it('keeps lines that end like sentences when the article has no paragraph (generic/sentence, generic/no-paragraph)', () => {
    const {report} = run(lines('Judul berita ini', 'Isi berita yang panjang sekali.', 'Bagikan', 'Terkait'))
    expect(report.blocks.map((block) => [block.role, block.ruleId])).toEqual([
      ['title', 'metadata/title'],
      ['body', 'generic/sentence'],
      ['boilerplate', 'generic/no-paragraph'],
      ['boilerplate', 'generic/no-paragraph']
    ])
  })

  it('judges text its stoplists do not cover by length and sentence ends alone', () => {
    const chinese = '俄罗斯总统新闻秘书佩斯科夫表示，俄方愿意在相互尊重的基础上与美国开展对话，但目前尚未收到任何具体建议，双方仍需进一步接触和沟通。'
    const {report} = run(lines('首页', chinese, chinese.replace('俄方', '莫斯科'), '相关新闻'))
    expect(report.blocks.map((block) => block.role)).toEqual(['boilerplate', 'body', 'body', 'boilerplate'])
  })

  it('measures a script written without spaces by the text it holds: short Chinese sentences are paragraphs, a breadcrumb is not', () => {
    const {report} = run(
      lines(
        '首页 > 资讯 > 国际 > 正文',
        '10名政府议员支持PN的说法被称为常规猜测',
        '雪邦消息,通讯和数字部长法赫米·法齐尔表示,声称更多的政府国会议员将支持国民阵线,这纯粹是猜测。',
        '法赫米同时也是团结政府的发言人。他敦促反对党政界人士停止发表会混淆公众的声明。',
        '他说,一名反对派政客最近发表声明称,来自政府集团的10名议员将支持人民党组建新政府,这并不令人惊讶。'
      )
    )
    expect(report.blocks.map((block) => block.role)).toEqual(['boilerplate', 'title', 'body', 'body', 'body'])
  })

  it('reads a Turkish sentence as text though its stoplist misses its function words', () => {
    const found = decisions(lines("Peskov, Moskova'da düzenlenen basın toplantısında gazetecilerin sorularını yanıtladı.", TR_2, TR_1))
    expect(found.get("Peskov, Moskova'da düzenlenen basın toplantısında gazetecilerin sorularını yanıtladı.")).toMatchObject({
      role: 'body',
      ruleId: 'generic/paragraph'
    })
  })

  it('says why, with the features behind the decision, and records it as a message with its rule id', () => {
    const {report, file} = run(lines('Dünya', TR_1, TR_2))
    expect(report.blocks[0]!.why).toMatch(
      /^above the lead \(line 2\) \(5 chars, 1 word, function words 0\.00 \(article 0\.\d\d\), no sentence end, 100% capitalised\)$/
    )
    expect(file.data.decisions?.find((decision) => decision.ruleId === 'generic/before-lead')?.line).toBe(1)
  })

  it('decides every line, with a rule id the config knows', () => {
    const {report} = run(lines('Dünya', 'Rusya açıklaması: müzakere kapısı açık', TR_1, 'Ara başlık', TR_2, 'Kaynak: DHA', 'Yorumlar'))
    for (const block of report.blocks) expect(block.ruleId).not.toBeNull()
    const ids = report.blocks.map((block) => block.ruleId!).filter((id) => id.startsWith('generic/'))
    for (const id of ids) expect(GENERIC_RULE_IDS).toContain(id)
  })
})
