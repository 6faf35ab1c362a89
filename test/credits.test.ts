import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {loadAgencies} from '../pipeline/agencies.ts'
import {creditReader, endMarkIn} from '../pipeline/credits/credit-lines.ts'
import {loadGenericConfig} from '../pipeline/generic/config.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {reportWith} from './helpers/frames.ts'
import {reportFor} from './helpers/pipeline.ts'

const registry = loadAgencies()
const generic = loadGenericConfig()
const labels = [...generic.creditKind].filter(([, kind]) => kind === 'credit').map(([label]) => label)
const reader = creditReader(registry, labels, generic.bylinePrefix)

/** A line of a corpus2 article, as the file holds it. */
function corpus2Line(prefix: string, line: number): string {
  const name = readFileSync('test/fixtures/corpus2/sources.tsv', 'utf8')
    .split('\n')
    .find((row) => row.startsWith(prefix))!
    .split('\t')[0]!
  return readFileSync(`test/fixtures/corpus2/${name}`, 'utf8').split('\n')[line - 1]!
}

const read = (text: string) =>
  reader.find(text).map((finding) => ({
    position: finding.position,
    agencies: finding.agencies.map((mention) => mention.agency),
    unknown: finding.unknown.map((code) => code.text),
    photo: finding.photo
  }))

describe('credits read from where they stand', () => {
  it.each([
    ['a line of its own, outlet with agency (fr)', corpus2Line('204_', 8), 'credit-line', ['afp'], []],
    ['a byline word before the agency (de)', 'Von dpa', 'byline', ['dpa'], []],
    ['a byline word, a network and the agency (de)', corpus2Line('211_', 11), 'byline', ['ap'], ['RND']],
    ['a time before a labelled credit (ru)', corpus2Line('224_', 1), 'byline', ['interfax'], []],
    ['a date and the agency between bars (en)', corpus2Line('232_', 3), 'byline', ['reuters'], []],
    ['a labelled credit naming a TV channel too (fr)', corpus2Line('202_', 5), 'credit-line', ['afp'], ['BFMTV']],
    ['a labelled credit with a section (tr)', corpus2Line('243_', 3), 'credit-line', ['iha'], []],
    ['a bracketed credit under a phrase label, with other sources in words (en)', corpus2Line('246_', 12), 'credit-line', ['afp', 'ap'], []],
    ['a dateline bracket with a date (en)', corpus2Line('232_', 5), 'dateline', ['reuters'], []],
    ['a dateline bracket without a dash (en)', corpus2Line('237_', 3), 'dateline', ['ians'], []],
    ['a dateline between slashes with a correspondent (ru)', corpus2Line('261_', 4), 'dateline', ['belta'], []],
    ['a dateline naming Prensa Latina by its code (es)', corpus2Line('229_', 3), 'dateline', ['prensalatina'], []],
    ['a byline naming the reporter and the agency (hand-written, en)', 'By Jane Doe, Reuters', 'byline', ['reuters'], []],
    ['a byline word and a colon (hand-written, id)', 'Oleh: ANTARA', 'byline', ['antara'], []],
    ['the agency, then its staff (hand-written, en)', 'By AFP Staff Writers', 'byline', ['afp'], []],
    ['a reporter and the agency she writes for (hand-written, en)', 'Jane Doe, Reuters correspondent', 'credit-line', ['reuters'], []],
    ['a phrase label before the agency (hand-written, en)', 'From Reuters', 'credit-line', ['reuters'], []],
    [
      'the bracket alone before a dash, the place dropped (hand-written, en)',
      '(Reuters) - Tesla said on Friday it would recall more than 2,000 vehicles in China.',
      'dateline',
      ['reuters'],
      []
    ],
    [
      'a dateline closed by a full stop before the slashes (hand-written, en)',
      'MOSCOW, December 6. /TASS/. Russia is ready to continue talks with the United States, the Kremlin said.',
      'dateline',
      ['tass'],
      []
    ],
    [
      'a dateline in a script without case (hand-written, ar)',
      'الرياض (رويترز) - قالت وزارة الطاقة السعودية يوم السبت إن المملكة ستواصل دعم استقرار الأسواق.',
      'dateline',
      ['reuters'],
      []
    ],
    [
      'a place and a date, then the agency without brackets (hand-written, ru)',
      'МОСКВА, 6 дек — РИА Новости. Президент России провел совещание с постоянными членами Совбеза.',
      'dateline',
      ['ria'],
      []
    ],
    [
      'a place and a date, then two agencies of one group set apart by a slash (hand-written, ru)',
      'МОСКВА, 19 мар - РИА Новости/Прайм. Инфляция в первом квартале складывается выше прогноза Банка России.',
      'dateline',
      ['ria', 'prime'],
      []
    ],
    ['a note marked by an asterisk under the text, "with" the agency (hand-written, pt)', '* Com Lusa', 'credit-line', ['lusa'], []],
    [
      'a place and a date, then the agency in capitals (hand-written, ru)',
      'Москва. 6 декабря. INTERFAX - Правительство утвердило новые правила для импортеров зерна.',
      'dateline',
      ['interfax'],
      []
    ],
    ['a dash sign-off (en)', corpus2Line('249_', 13), 'sign-off', ['bernama'], []],
    ['a horizontal-bar sign-off (en)', corpus2Line('253_', 13), 'sign-off', ['bernama'], []],
    ['a bare code after the last sentence (es)', corpus2Line('262_', 6), 'sign-off', ['efe'], []],
    ['a slash sign-off (pt)', corpus2Line('222_', 3), 'sign-off', ['reuters'], []],
    ['a phrase label before the agency (hand-written, en)', 'Additional reporting by Reuters', 'credit-line', ['reuters'], []],
    ['the agency, then the words closing such a credit (hand-written, en)', 'The Associated Press contributed to this report.', 'credit-line', ['ap'], []],
    ['the agency, then the words closing such a credit (hand-written, en)', 'Reuters contributed reporting', 'credit-line', ['reuters'], []],
    ['a phrase label before the agency (hand-written, ru)', 'По материалам РИА Новости', 'credit-line', ['ria'], []],
    ['a colon label and the agency in Chinese (hand-written, zh)', '来源：新华社', 'credit-line', ['xinhua'], []],
    ['a line of its own in full-width brackets (hand-written, zh)', '（法新社）', 'credit-line', ['afp'], []],
    ['the agency in Arabic initials, bracketed (hand-written, ar)', '(أ ف ب)', 'credit-line', ['afp'], []],
    ['a full-width bracket sign-off after a Chinese full stop (hand-written, zh)', '他还说，政府议员不会倒戈。（路透社）', 'sign-off', ['reuters'], []],
    [
      'a Korean agency name in brackets closing a sentence (hand-written, ko)',
      '북한이 동해상으로 탄도미사일을 발사했다. (연합뉴스)',
      'sign-off',
      ['yonhap'],
      []
    ],
    [
      'a bracket sign-off naming three agencies (hand-written, es)',
      'El gobierno anunció nuevas medidas económicas para el próximo año. (Télam-DPA-Reuters)',
      'sign-off',
      ['telam', 'dpa', 'reuters'],
      []
    ],
    // A label puts a name read only in brackets where a credit stands, as a bracket does.
    ['a labelled credit naming an agency read only in brackets (hand-written, de)', 'Quelle: SDA', 'credit-line', ['keystone-sda'], []],
    ['a labelled credit naming an agency read only in brackets (hand-written, pt)', 'Fonte: Andina', 'credit-line', ['andina'], []],
    [
      'a dateline whose abbreviated month closes with a full stop, then a dash before the bracket (hand-written, it)',
      'Roma, 12 mar. - (Adnkronos) - Il consiglio comunale ha approvato ieri sera il bilancio con ventidue voti a favore.',
      'dateline',
      ['adnkronos'],
      []
    ],
    [
      "a date in brackets before the agency's name and a dash (hand-written, it)",
      '(Di mercoledì 6 dicembre 2024) AGI - "La domanda mi offre l’occasione per sottolineare l’attenzione del ministero."',
      'dateline',
      ['agi'],
      []
    ],
    ['the agency, a spaced dash, then a place in a script without case (hand-written, ar)', 'وام – دبي', 'byline', ['wam'], []],
    ['a name read only in brackets, alone on its line under the text (hand-written, de)', 'SDA', 'credit-line', ['keystone-sda'], []],
    ["a credit's label sharing its colon with the picture's (hand-written, en)", 'Source / Photo: Kyodo', 'credit-line', ['kyodo'], []],
    ['a labelled credit between slashes (hand-written, ar)', '/المصدر: وام/', 'credit-line', ['wam'], []],
    ['a labelled credit between slashes (hand-written, ru)', '/Источник: ТАСС/', 'credit-line', ['tass'], []],
    ["an outlet's name in quotes, a dash and the agency (hand-written, ar)", '«الوطن» - وام:', 'credit-line', ['wam'], []],
    ["an outlet's name in quotes, a dash and the agency (hand-written, ru)", '«Газета» – ТАСС', 'credit-line', ['tass'], []],
    ['a date before the byline word (hand-written, fr)', 'Publié le 6 juin 2024 par AFP', 'byline', ['afp'], []],
    ['a numeric date before the byline word (hand-written, es)', 'Actualizado 06/12/2024 por EFE', 'byline', ['efe'], []],
    ['a date and a time before the credit, set apart by long dashes (hand-written, pt)', '06/12/2024 — 10:15 — Com a Lusa', 'byline', ['lusa'], []]
  ])('%s: "%s"', (_what, text, position, agencies, unknown) => {
    expect(read(text)).toEqual([{position, agencies, unknown, photo: false}])
  })

  it.each([
    ['Jane Doe, Reuters', ['reuters']],
    ['Jane Doe and John Roe, AFP', ['afp']],
    ['Jane Doe, John Roe and Mary Ann Smith, Reuters', ['reuters']]
  ])('reads the reporters and the agency after a comma as a byline without its byline word (hand-written, en): "%s"', (line, agencies) => {
    expect(read(line)).toEqual([{position: 'byline', agencies, unknown: [], photo: false}])
  })

  it.each([
    ['Agencia EFE | Madrid', ['efe']],
    ['Reuters / New York', ['reuters']],
    ['AFP, Paris', ['afp']],
    ['Jane Doe, Reuters, Paris', ['reuters']],
    ['Xinhua, Beijing, December 6, 2024', ['xinhua']],
    // A place in capitals after a dash, spaced or not, however long; one word in title case after a spaced dash.
    ['EFE-CATANZARO', ['efe']],
    ['AFP-WASHINGTON', ['afp']],
    ['Reuters – SAN SEBASTIÁN', ['reuters']],
    ['EFE - Madrid', ['efe']]
  ])('reads the agency, then the place it was filed from, as a byline (hand-written): "%s"', (line, agencies) => {
    expect(read(line)).toEqual([{position: 'byline', agencies, unknown: [], photo: false}])
  })

  it.each([
    // A label's value holding more than the name ("ATS Bergamo", a health authority) is no bracket's.
    'Quelle: ATS Bergamo',
    // A date in brackets before a place is no agency's dateline.
    '(6 dicembre 2024) Roma - La domanda mi offre l’occasione per sottolineare l’attenzione del ministero.'
  ])('credits no agency in "%s" (hand-written)', (line) => {
    expect(read(line).flatMap((finding) => finding.agencies)).toEqual([])
  })

  it.each([
    // A headline in title case before its site's or agency's name, after a bar, a dash or a comma.
    'Putin Visits Pyongyang | Reuters',
    'Putin Visits North Korea, Vietnam, Reuters',
    // The agency before the name, a name run into the agency's, a photographer's credit.
    'Reuters, Jane Doe',
    'Jane Doe Reuters',
    'Jane Doe/AFP',
    // After a dash, words in title case are a headline's or a reporter's, not a place.
    'Reuters - Oil Prices Rise Again',
    'EFE - Jane Doe',
    // After a spaced slash, a name in capitals is the photographer's, where a place is in title case ("Reuters / New York").
    'REUTERS / MARIANNE GONZALEZ'
  ])('reads no byline without its byline word in "%s" (hand-written, en)', (line) => {
    expect(read(line).filter((finding) => finding.position === 'byline')).toEqual([])
  })

  it('reads a labelled credit among the fields of a line, and leaves the line to the metadata stage (hand-written, id)', () => {
    const [finding] = reader.find('Reporter: Rina Nur | Editor: Budi Santoso | Sumber: ANTARA')
    expect(finding).toMatchObject({position: 'credit-line', wholeLine: false, inField: true, start: 44, end: 58})
    expect(finding!.agencies.map((mention) => mention.agency)).toEqual(['antara'])
    // A field holding no label, or a photo's credit, is no credit.
    expect(reader.find('Rina Nur | Budi Santoso | ANTARA Jakarta')).toEqual([])
    expect(reader.find('Reporter: Rina Nur | Foto: ANTARA')).toEqual([])
  })

  it("reads a site's name beside the agency as the publisher (es, xlang 317 line 15)", () => {
    const line = readFileSync('test/fixtures/xlang/317_confirmado-es-capsula-shenzhou21-xinhua.txt', 'utf8').split('\n')[14]!
    expect(read(line)).toEqual([{position: 'credit-line', agencies: ['xinhua'], unknown: [], photo: false}])
  })

  it("reports a short code in a dateline's bracket that the registry does not know (hand-written, es)", () => {
    expect(read('Asunción, 29 oct (IP) El gobierno paraguayo anunció hoy nuevas medidas económicas.')).toEqual([
      {position: 'dateline', agencies: [], unknown: ['IP'], photo: false}
    ])
  })

  it("reads a reporter's name in capitals as a name, not as codes of agencies (hand-written, en)", () => {
    expect(read('By MARY MAJOR Associated Press')).toEqual([{position: 'byline', agencies: ['ap'], unknown: [], photo: false}])
    // Codes listed with a slash stay codes: the one the registry does not know is reported.
    expect(read('Von RND/AP')).toEqual([{position: 'byline', agencies: ['ap'], unknown: ['RND'], photo: false}])
  })

  it('takes a bracket naming a handout for a photo credit (xlang 319 line 10)', () => {
    const line = readFileSync('test/fixtures/xlang/319_mataram-antaranews-en-mount-semeru-erupts-five-times.txt', 'utf8').split('\n')[9]!
    expect(read(line)).toEqual([{position: 'sign-off', agencies: ['antara'], unknown: ['PVMBG'], photo: true}])
  })

  it.each([
    ['a photo credit under a caption (de)', corpus2Line('207_', 1)],
    ["a headline closed by an agency's name, no sentence before the dash (en)", corpus2Line('232_', 1)],
    ['İHA, a drone, in brackets inside a sentence (tr)', 'Ordu, sınır hattında insansız hava aracı (İHA) ile keşif yaptı.'],
    ['people, not an agency, who contributed to a report (en)', 'Local residents contributed to this report.'],
    ['a byline naming reporters and no agency (en)', 'By Jane Doe and John Roe'],
    ["a byline whose name runs into a word that is an agency's name (id)", 'Oleh Budi Antara Wijaya'],
    ["a hospital's staff (en)", 'Hospital staff'],
    ['a headline in title case naming an agency (en)', 'Apple Sues Reuters Over Leaked Documents'],
    ['an acronym in brackets opening a line, no dash after it (id)', '(KPK) menahan Ketua DPR Setya Novanto pada Senin malam setelah pemeriksaan panjang.'],
    [
      'an unknown code in brackets opening a line before a dash (id)',
      '(KPK) - Komisi itu menahan Ketua DPR Setya Novanto pada Senin malam setelah pemeriksaan.'
    ],
    [
      'a place and a date, then the first words of the text (id)',
      'JAKARTA, 6 Desember 2025. Presiden Joko Widodo mengatakan pemerintah akan menaikkan anggaran.'
    ],
    ['an agency named inside a Chinese sentence, with no mark around it (zh)', '新华社记者在北京报道了这次会议的全部内容和各方的反应。'],
    ['an acronym after a name in the lead (id)', 'Komisi Pemberantasan Korupsi (KPK) pada Senin (20/11) menahan Ketua DPR Setya Novanto.'],
    ['a headline that names an agency (en)', 'Reuters journalists jailed in Myanmar appeal their sentence'],
    ['a sentence about an agency (id)', 'Kedua wartawan itu bekerja di Reuters untuk meliput sebuah krisis.'],
    ["a newspaper's sign-off (ms)", '– BERITA HARIAN'],
    ["the newspaper's own name in a dateline alone (id)", 'Moskow, (Analisa)'],
    ['a date, then a byline word before words that name no agency (es)', 'El 6 de junio por la tarde'],
    ['a headline in title case, a dash and the agency (en)', 'Oil Rises - Reuters'],
    [
      'a place and a date set apart by long dashes before a sentence naming an agency (pt)',
      'Lisboa — 6 de junho de 2024 — A ministra disse à Lusa que o plano avança.'
    ],
    [
      "an agency's code in brackets inside a sentence, a word in lower case after it (de)",
      'Einem Bericht der Deutschen Presse-Agentur (dpa) zufolge wird die Sitzung auf Montag verschoben.'
    ],
    ["an agency's code in brackets after its name inside a sentence (es)", 'Fuentes de la Agencia EFE (EFE) confirmaron que la sesión se aplaza al lunes.']
  ])('reads no credit from %s: "%s"', (_what, text) => {
    expect(read(text).filter((finding) => finding.agencies.length > 0 && !finding.photo)).toEqual([])
  })

  it('finds a wire end mark glued to the last sentence (ru, corpus2 261 line 7)', () => {
    const line = corpus2Line('261_', 7)
    const mark = endMarkIn(line, registry.creditWords)
    expect(line.slice(mark!.start)).toBe('-0-')
  })

  it('finds a wire end mark before trailing white space, and none where the line ends in anything else', () => {
    const line = `${corpus2Line('261_', 7)} \t`
    const mark = endMarkIn(line, registry.creditWords)
    expect(line.slice(mark!.start)).toBe('-0- \t')
    expect(endMarkIn(`${line}.`, registry.creditWords)).toBeNull()
    expect(endMarkIn('Ceasefire talks resume in Cairo (END) on Monday', registry.creditWords)).toBeNull()
    expect(endMarkIn('Ceasefire talks resume in Cairo. (END)', registry.creditWords)).toEqual({start: 32, end: 38})
  })
})

describe('the credits stage in the pipeline', () => {
  const text = (prefix: string) =>
    readFileSync(
      `test/fixtures/corpus2/${readFileSync('test/fixtures/corpus2/sources.tsv', 'utf8')
        .split('\n')
        .find((row) => row.startsWith(prefix))!
        .split('\t')[0]!}`,
      'utf8'
    )
  const block = (report: Report, line: number) => report.blocks.find((candidate) => candidate.lines[0] <= line && line <= candidate.lines[1])!

  it('credits the body to an agency a credit line names by a name read only in brackets (hand-written, de)', () => {
    const report = reportFor(
      [
        'Berner Regierungsrat bleibt links',
        'Die Sozialdemokraten haben ihre Mehrheit in der Berner Kantonsregierung am Sonntag knapp verteidigt, wie die Staatskanzlei am Abend mitteilte.',
        'Der zweite Sitz wird erst im zweiten Wahlgang im März vergeben; die bürgerlichen Parteien wollen mit einem gemeinsamen Kandidaten antreten.',
        'Quelle: SDA'
      ].join('\n\n')
    )
    for (const line of [3, 5]) expect(block(report, line).sources.map((source) => source.agency)).toEqual(['keystone-sda'])
  })

  it('reads a dateline whose agency is written with a short vowel (hand-written, ar)', () => {
    const lead = 'مسقط (العُمانية) - أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المحافظة وقالت إنه سيخدم آلاف المرضى.'
    const report = reportFor(['افتتاح مستشفى جديد في المحافظة', lead].join('\n\n'))
    expect(block(report, 3).sources.map((source) => source.agency)).toEqual(['ona'])
  })

  it("makes a labelled credit to a site or a paper no agency's boilerplate, crediting nothing (hand-written, ru)", () => {
    const lead = 'Сотрудников аппарата правительства попросили покинуть здание в центре города, сообщил источник в ведомстве.'
    const second = 'По словам собеседника, причины эвакуации пока не называются, работа ведомства продолжится в другом здании.'
    const report = reportFor(['Здание правительства эвакуировали', lead, second, 'По материалам: gazeta-primer'].join('\n\n'))
    expect(block(report, 7)).toMatchObject({role: 'boilerplate', ruleId: 'credits/credit-line'})
    for (const line of [3, 5]) expect(block(report, line).sources).toEqual([])
    // A label opening a sentence is no credit line.
    const sentence = 'По материалам следствия, здание эвакуировали утром.'
    expect(block(reportFor(['Здание правительства эвакуировали', lead, second, sentence].join('\n\n')), 7).role).toBe('body')
  })

  it.each([
    ['en', 'By Jane Doe, Reuters', 'reuters'],
    ['de', 'Von Anna Schmidt, dpa', 'dpa'],
    ['es', 'Por Juan Pérez (EFE)', 'efe'],
    ['en', 'Jane Doe and John Roe, Associated Press', 'ap']
  ])("makes a byline naming reporters before the agency meta, and credits the text to the agency (hand-written, %s: '%s')", (language, line, agency) => {
    const report = reportWith(language, line, 'between')
    expect(block(report, 5)).toMatchObject({role: 'meta', ruleId: 'credits/byline'})
    expect(block(report, 7).sources.map((source) => source.agency)).toEqual([agency])
  })

  it.each([
    ['de', 'Von dpa', 'dpa'],
    ['es', 'Por Redacción, con información de EFE', 'efe'],
    ['en', 'AFP, Paris', 'afp']
  ])("keeps a byline naming the agency alone, or a desk with it, a credit: boilerplate (hand-written, %s: '%s')", (language, line, agency) => {
    const report = reportWith(language, line, 'between')
    expect(block(report, 5)).toMatchObject({role: 'boilerplate', ruleId: 'credits/byline'})
    expect(block(report, 7).sources.map((source) => source.agency)).toEqual([agency])
  })

  it('keeps a last paragraph ending in a sign-off as body, the credit cut as a span (en, corpus2 249)', () => {
    const report = reportFor(text('249_'))
    expect(block(report, 13)).toMatchObject({role: 'body', clean: expect.stringMatching(/on Jan 30\.$/)})
    expect(report.removed.some((span) => span.ruleId === 'credits/sign-off' && span.text.trim() === '– Bernama')).toBe(true)
    for (const line of [1, 3, 13]) expect(block(report, line).sources.map((source) => source.agency)).toEqual(['bernama'])
    expect(block(report, 13).sources[0]!.evidence[0]).toMatchObject({kind: 'credit', position: 'sign-off', ruleId: 'credits/sign-off'})
  })

  it('gives an agency rewriting another as origin then intermediary (ru, corpus2 261: BelTA citing AFP)', () => {
    const report = reportFor(text('261_'))
    expect(block(report, 4).sources.map((source) => [source.agency, source.role])).toEqual([
      ['afp', 'origin'],
      ['belta', 'intermediary']
    ])
    expect(report.article.chain.slice(0, 2)).toEqual(['afp', 'belta'])
  })

  it('makes a whole-line credit boilerplate and reads it, even where a caption rule took it for a photo credit (de, corpus2 211)', () => {
    const report = reportFor(text('211_'))
    expect(block(report, 11)).toMatchObject({role: 'boilerplate', ruleId: 'credits/byline'})
    expect(block(report, 3).sources.map((source) => source.agency)).toEqual(['ap'])
    expect(report.article.unknownAgencies).toEqual([expect.objectContaining({text: 'RND', block: 'b11', position: 'byline'})])
    expect(report.messages.some((message) => message.ruleId === 'credits/unknown-agency' && message.severity === 'warning')).toBe(true)
  })

  it("does not make the body AP's from a photo credit (de, corpus2 207)", () => {
    const report = reportFor(text('207_'))
    for (const candidate of report.blocks) expect(candidate.sources.map((source) => source.agency)).not.toContain('ap')
  })

  it('reads İHA only where it credits, never the drone (tr, corpus2 242)', () => {
    const report = reportFor(text('242_'))
    const evidence = report.blocks.flatMap((candidate) => candidate.sources.flatMap((source) => source.evidence))
    expect(new Set(evidence.map((item) => item.block))).toEqual(new Set(['b9']))
  })
})
