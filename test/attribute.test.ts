import {describe, expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {reportFor} from './helpers/pipeline.ts'

/** Hand-written articles: a headline, then one paragraph a line. */
const article = (...lines: string[]) => lines.join('\n\n')

/** Agencies of the block on a 1-based line, origin first. */
function agenciesOn(report: Report, line: number): string[] {
  const block = report.blocks.find((candidate) => candidate.lines[0] <= line && line <= candidate.lines[1])
  return block?.sources.map((source) => source.agency) ?? []
}

function sourceOn(report: Report, line: number, agency: string) {
  return report.blocks.find((block) => block.lines[0] === line)?.sources.find((source) => source.agency === agency)
}

/** Lines (1-based) of the body paragraphs, in a text built by `article`. */
function bodyLines(report: Report): number[] {
  return report.blocks.filter((block) => block.role === 'body').map((block) => block.lines[0])
}

const HEADLINE = 'Rusia dan Amerika Serikat Lanjutkan Perundingan di Istanbul'
const LEAD =
  'Juru bicara Kremlin Dmitry Peskov mengatakan pada Jumat bahwa Rusia ingin membangun dialog yang saling menghormati dan saling menguntungkan dengan semua negara, bukan hanya dengan Amerika Serikat.'
const SECOND =
  'Pada Kamis, diplomat kedua negara bertemu selama enam setengah jam di Istanbul untuk membahas normalisasi hubungan bilateral dan operasional kedutaan besar masing-masing di Moskow dan Washington.'
const THIRD =
  'Kementerian Luar Negeri Rusia menyebut perundingan itu substansial dan bersifat profesional, serta mengatakan pembahasan mencakup kemungkinan dimulainya kembali penerbangan langsung antara kedua negara.'
const FOURTH =
  'Kedua pihak sepakat melanjutkan pembicaraan bulan depan, dengan agenda yang mencakup jumlah staf diplomatik, izin tinggal para diplomat, dan pengembalian properti kedutaan yang disita.'

/** A headline and two long paragraphs in each language, to surround the paragraph under test. */
const FRAME: Record<string, [string, string, string]> = {
  id: [HEADLINE, SECOND, THIRD],
  en: [
    'North Korea Fires Ballistic Missile Toward the Sea Off Its East Coast',
    'Japan’s coast guard also said North Korea fired what could be a ballistic missile, which had already fallen into the sea outside its exclusive economic zone, and warned ships in the area.',
    'It is the latest in an unprecedented number of missile tests conducted by North Korea this year, including intercontinental ballistic missiles capable of reaching the mainland United States.'
  ],
  ms: [
    'Kerajaan Kaji Semula Projek Landasan Kereta Api Pantai Timur',
    'Perdana Menteri berkata kerajaan akan mengkaji semula semua kontrak yang ditandatangani oleh pentadbiran terdahulu sebelum membuat sebarang keputusan muktamad mengenai projek tersebut.',
    'Kementerian Kewangan semalam mengeluarkan notis penggantungan kerja ke atas tiga projek bernilai berbilion ringgit sehingga notis selanjutnya, menurut kenyataan rasmi kementerian itu.'
  ],
  tr: [
    'İsrail Gazze Şeridi’nin Orta Kesimine Hava Saldırısı Düzenledi',
    'Görgü tanıklarından alınan bilgiye göre, İsrail savaş uçakları Gazze Şeridi’nin orta kesiminde yer alan mülteci kampının doğusundaki tarım arazisine saldırı düzenledi ve bölgede hasar meydana geldi.',
    'Sağlık kaynakları, saldırıda ölen veya yaralanan olmadığını kaydetti; İsrail ordusundan ise henüz saldırıya ilişkin herhangi bir açıklama yapılmadığı bildirildi.'
  ],
  fr: [
    'Russie : gigantesque incendie dans une fabrique historique de Saint-Pétersbourg',
    'Les circonstances du départ du feu étaient toujours inconnues alors que les pompiers luttaient contre les flammes, visibles depuis le centre historique de la ville et qui touchent plus de dix mille mètres carrés.',
    'La manufacture, un vaste complexe en briques rouges construit au XIXe siècle et classé monument historique régional, a longtemps été une des plus grandes usines textiles du pays.'
  ],
  ar: [
    'موسكو: نتائج استفتاء تركيا شأن داخلي ويجب احترام إرادة شعبها',
    'وأعلن رئيس اللجنة العليا للانتخابات التركية مساء الأحد أن مجموع المصوتين بنعم في الاستفتاء بلغ أكثر من أربعة وعشرين مليونا، وأن النتائج النهائية ستعلن خلال أيام بعد النظر في الاعتراضات المقدمة.',
    'وأضاف في مؤتمر صحافي أن النتائج النهائية للاستفتاء ستعلن خلال أحد عشر أو اثني عشر يوما كحد أقصى، وذلك بعد النظر في جميع الاعتراضات التي قدمتها الأحزاب.'
  ]
}

/** headline, the paragraph under test, two more paragraphs: the paragraph under test is on line 3. */
const framed = (language: string, paragraph: string, ...after: string[]) => {
  const [headline, second, third] = FRAME[language]!
  return article(headline, paragraph, second, third, ...after)
}

describe('credit lines (article scope)', () => {
  it.each([
    ['Indonesian', 'Sumber: Anadolu', ['anadolu']],
    ['English, two agencies', 'Source: Reuters/AFP', ['reuters', 'afp']],
    ['Turkish', 'Kaynak: AA', ['anadolu']],
    ['Turkish, agency in brackets alone', '(İHA)', ['iha']],
    ['Malay, sign-off after a dash', '-- BERNAMA', ['bernama']],
    ['French', 'Source: AFP', ['afp']],
    ['Arabic', 'المصدر: وكالة الأناضول', ['anadolu']],
    ['Indonesian, television arm of AP', 'Sumber APTN', ['ap']]
  ])('%s: "%s" tags every body paragraph', (_language, credit, agencies) => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND, THIRD, credit))
    expect(bodyLines(report)).toEqual([3, 5, 7])
    for (const line of [3, 5, 7]) expect(agenciesOn(report, line)).toEqual(agencies)
    expect(sourceOn(report, 3, agencies[0]!)).toMatchObject({confidence: 0.9, role: 'origin', evidence: [{kind: 'credit', block: 'b9'}]})
    expect(report.summary.credited).toBe(true)
  })

  it.each([
    ['a ministry is not an agency', 'Sumber: Kementerian Luar Negeri Rusia'],
    ['a newspaper is not an agency', 'Sumber: Republika'],
    ['"Sumber" opening a sentence is not a credit line', 'Sumber medis di rumah sakit itu mengatakan tujuh orang tewas.']
  ])('%s', (_why, line) => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND, line))
    for (const block of report.blocks) expect(block.sources).toEqual([])
    expect(report.summary.agencies).toEqual({})
    expect(report.summary.credited).toBeNull()
  })
})

describe('agency datelines (article scope)', () => {
  it.each([
    ['Indonesian', 'id', `Jakarta (ANTARA) - ${LEAD}`, 'antara'],
    [
      'English',
      'en',
      'SEOUL (AP) — North Korea fired a ballistic missile toward the sea east of the Korean Peninsula on Saturday, South Korea’s military said, the latest in a series of launches.',
      'ap'
    ],
    [
      'Malay',
      'ms',
      'KUALA LUMPUR, 6 Julai (Bernama) -- Perdana Menteri berkata kerajaan akan mengkaji semula projek landasan kereta api itu selepas menerima laporan penuh daripada Kementerian Kewangan.',
      'bernama'
    ],
    [
      'Turkish',
      'tr',
      'ANKARA (AA) - İsrail savaş uçakları, Gazze Şeridi’nin orta kesimindeki mülteci kampında bir binaya hava saldırısı düzenledi ve saldırıda beş kişi hayatını kaybetti.',
      'anadolu'
    ],
    [
      'French',
      'fr',
      'Paris (AFP) - Un gigantesque incendie continuait de faire rage lundi soir dans une fabrique historique de Saint-Pétersbourg, d’immenses flammes s’élevant au-dessus du bâtiment.',
      'afp'
    ],
    [
      'Arabic',
      'ar',
      'أنقرة/ الأناضول أكدت موسكو أن الاستفتاء الذي شهدته تركيا يوم الأحد شأن داخلي بحت، ودعت على لسان الناطق باسم الكرملين إلى احترام خيار الشعب التركي.',
      'anadolu'
    ],
    [
      'English, agency after a comma',
      'en',
      'Gaza, MINA – On Saturday evening, a number of Palestinian civilians were killed and others were injured in a new bombing of a three-storey house in Rafah, in the southern Gaza Strip.',
      'mina'
    ]
  ])('%s dateline names the agency that published the text', (_language, language, lead, agency) => {
    const report = reportFor(framed(language, lead))
    expect(agenciesOn(report, 3)).toEqual([agency])
    expect(agenciesOn(report, 5)).toEqual([agency])
    expect(sourceOn(report, 3, agency)).toMatchObject({confidence: 0.9, role: 'origin', evidence: [{kind: 'dateline'}]})
  })

  it('reads a dateline set on a line of its own above the lead as the dateline of the text, and the line under it as the lead', () => {
    // A standfirst above it, long enough to pass for the first paragraph when no lead is found.
    const standfirst = 'Kebakaran melanda bangunan Gereja Katedral Notre Dame, Paris'
    const report = reportFor(article(HEADLINE, standfirst, 'Moskow (ANTARA) -', LEAD, SECOND))
    expect(report.blocks.map((block) => block.role)).toEqual(['title', 'dek', 'boilerplate', 'body', 'body'])
    expect(agenciesOn(report, 7)).toEqual(['antara'])
    expect(agenciesOn(report, 9)).toEqual(['antara'])
    expect(sourceOn(report, 7, 'antara')).toMatchObject({role: 'origin', evidence: [{kind: 'dateline', block: report.blocks[2]!.id}]})
    // A photo's caption above the dateline, a whole sentence, is not the lead: the line under the dateline is.
    const caption = 'Petugas pemadam kebakaran berusaha memadamkan api yang melalap bangunan katedral pada Senin malam waktu setempat.'
    const captioned = reportFor(article(HEADLINE, caption, 'Moskow (ANTARA) -', LEAD, SECOND))
    expect(captioned.blocks.map((block) => block.role)).toEqual(['title', 'boilerplate', 'boilerplate', 'body', 'body'])
    // A teaser that holds a credit among its words is still thrown out with its line.
    const teaser = reportFor(article(HEADLINE, LEAD, 'Baca juga: Moskow (ANTARA) - Peskov bantah laporan media Barat', SECOND))
    expect(agenciesOn(teaser, 3)).toEqual([])
  })

  it('ignores an outlet named in dateline brackets', () => {
    const report = reportFor(article(HEADLINE, `ANKARA (Arrahmah.com) - ${LEAD}`, SECOND))
    expect(agenciesOn(report, 3)).toEqual([])
    expect(report.messages.some((message) => message.reason === '"Arrahmah.com" is not an agency in the registry')).toBe(true)
  })

  it('reads "(ANTARA/Xinhua)" as ANTARA publishing Xinhua copy: both ids, origin first, and the chain', () => {
    const report = reportFor(article(HEADLINE, `Beijing (ANTARA/Xinhua) - ${LEAD}`, SECOND))
    expect(agenciesOn(report, 3)).toEqual(['xinhua', 'antara'])
    expect(sourceOn(report, 3, 'antara')?.role).toBe('intermediary')
    expect(sourceOn(report, 3, 'xinhua')?.role).toBe('origin')
    expect(report.article.chain).toEqual(['xinhua', 'antara'])
  })

  it('reads MINA relaying WAFA: WAFA first, MINA as the intermediary', () => {
    const report = reportFor(
      article(HEADLINE, 'Ramallah, MINA – Pasukan Israel menahan sedikitnya 20 warga Palestina di Tepi Barat, seperti dikutip dari WAFA.', SECOND)
    )
    expect(agenciesOn(report, 3)).toEqual(['wafa', 'mina'])
    expect(sourceOn(report, 3, 'mina')?.role).toBe('intermediary')
    expect(report.article.chain).toEqual(['wafa', 'mina'])
  })
})

describe('copyright and agency footers (article scope)', () => {
  it('a copyright line names the agency that owns the text', () => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND, 'Copyright © ANTARA 2025'))
    expect(sourceOn(report, 3, 'antara')).toMatchObject({confidence: 0.7, role: 'origin', evidence: [{kind: 'copyright', text: 'Copyright © ANTARA 2025'}]})
  })

  it('an agency that translated credited copy is the intermediary (ANTARA translating Anadolu)', () => {
    const report = reportFor(article(HEADLINE, `Moskow (ANTARA) - ${LEAD}`, SECOND, 'Sumber: Anadolu', 'Copyright © ANTARA 2025'))
    expect(agenciesOn(report, 3)).toEqual(['anadolu', 'antara'])
    expect(sourceOn(report, 5, 'antara')).toMatchObject({role: 'intermediary', confidence: 0.97})
    expect(report.article.chain).toEqual(['anadolu', 'antara'])
  })

  it("Anadolu's subscription footer names Anadolu", () => {
    const footer =
      'Website Anadolu Agency Memuat Ringkasan Berita-Berita yang Ditawarkan kepada Pelanggan melalui Sistem Penyiaran Berita AA (HAS). Mohon hubungi kami untuk memilih berlangganan.'
    const report = reportFor(article(HEADLINE, LEAD, SECOND, footer))
    expect(agenciesOn(report, 3)).toEqual(['anadolu'])
  })

  it('a copyright line of a song is not a copyright line', () => {
    const report = reportFor(article(HEADLINE, LEAD, 'Hak cipta lagu itu dipegang oleh penciptanya sejak 1998, kata pengacaranya.'))
    expect(agenciesOn(report, 3)).toEqual([])
  })
})

describe('in-text citations (paragraph scope, carried until another agency is cited)', () => {
  it('tags the citing paragraph, carries it on, and reaches back weakly when nothing else names an agency', () => {
    const report = reportFor(article(HEADLINE, LEAD, 'Harga minyak dunia naik dua persen pada Senin, seperti dilansir Reuters.', THIRD))
    expect(sourceOn(report, 5, 'reuters')).toMatchObject({
      confidence: 0.8,
      role: 'origin',
      evidence: [{kind: 'citation', ruleId: 'agencies/id-lansir', text: 'dilansir Reuters', block: 'b5'}]
    })
    expect(sourceOn(report, 7, 'reuters')?.confidence).toBe(0.6)
    expect(sourceOn(report, 3, 'reuters')?.confidence).toBe(0.5)
  })

  it('carries a citation no further than a paragraph taking its text from a source the registry does not list, nor back over one', () => {
    const cited = 'Harga minyak dunia naik dua persen pada Senin, seperti dilansir Reuters.'
    const unlisted = 'Pasokan dari kawasan Teluk diperkirakan tetap ketat hingga akhir bulan, seperti dikutip CNN.'
    const after = reportFor(article(HEADLINE, LEAD, cited, unlisted, THIRD))
    expect([3, 5].map((line) => agenciesOn(after, line))).toEqual([['reuters'], ['reuters']])
    expect([7, 9].map((line) => agenciesOn(after, line))).toEqual([[], []])
    const before = reportFor(article(HEADLINE, unlisted, LEAD, cited, THIRD))
    expect([3, 5, 7, 9].map((line) => agenciesOn(before, line))).toEqual([[], ['reuters'], ['reuters'], ['reuters']])
    // A code in capitals that no phrase reads as a source leaves the carry as it was.
    const named = reportFor(article(HEADLINE, LEAD, cited, 'Sidang darurat PBB akan digelar pekan depan untuk membahas pasokan dari kawasan Teluk.', THIRD))
    expect([7, 9].map((line) => agenciesOn(named, line))).toEqual([['reuters'], ['reuters']])
  })

  it("reads a citation saying the text comes from the agency the title names, not the topic's own statements", () => {
    // The story is about the agency's journalists, and taken from the agency.
    const about = 'Fotografer Reuters Raih Penghargaan Foto Jurnalistik Dunia'
    const taken = reportFor(article(about, `${LEAD} Hal itu dikutip dari Reuters.`, SECOND))
    expect(agenciesOn(taken, 3)).toEqual(['reuters'])
    expect(agenciesOn(taken, 5)).toEqual(['reuters'])
    // The agency speaking for itself in a story about it is the story, not its source.
    const denial = reportFor(
      article('Reuters Bantah Laporan Soal Perundingan di Istanbul', `${LEAD} Laporan itu tidak benar, kata Reuters dalam pernyataannya.`, SECOND)
    )
    expect(agenciesOn(denial, 3)).toEqual([])
  })

  it.each([
    {
      why: 'a title that cites it',
      source: 'Агентство Reuters сообщило о переносе переговоров в Стамбуле',
      topic: 'Reuters опровергло сообщения о переносе переговоров в Стамбуле',
      lead: 'По данным источников агентства Reuters, переговоры в Стамбуле перенесены на следующую неделю из-за разногласий между сторонами.'
    },
    {
      // A name that is only part of what stands before the colon is still the topic.
      why: "its name alone before a colon opening the title, as a speaker's",
      source: 'Reuters: переговоры в Стамбуле перенесены',
      topic: 'Журналист Reuters: переговоры в Стамбуле перенесены',
      lead: 'Переговоры в Стамбуле перенесены на следующую неделю из-за разногласий между сторонами, сообщает агентство Reuters.'
    },
    {
      why: 'its name alone after a colon closing the title, as a wire headline credits its claim',
      source: 'Two soldiers cross the sea border to the South: Yonhap',
      topic: 'Yonhap reporter hurt near the sea border: army',
      lead: 'Yonhap said the two soldiers were found in a small boat near the sea border early on Saturday morning.',
      agency: 'yonhap'
    }
  ])('takes an agency for the source, not the topic, after $why', ({source, topic, lead, agency = 'reuters'}) => {
    expect(agenciesOn(reportFor(article(source, lead, SECOND)), 3)).toEqual([agency])
    expect(agenciesOn(reportFor(article(topic, lead, SECOND)), 3)).toEqual([])
  })

  it("carries a citation no further into paragraphs a credit of the whole text speaks for: it quoted the agency inside another's copy", () => {
    const cited = 'Sementara itu, Beijing menyerukan dialog kedua pihak, lapor Xinhua.'
    const credited = reportFor(article(HEADLINE, LEAD, cited, THIRD, FOURTH, 'Sumber: Reuters'))
    expect(agenciesOn(credited, 5)).toEqual(['xinhua', 'reuters'])
    for (const line of [3, 7, 9]) expect(agenciesOn(credited, line)).toEqual(['reuters'])
    // With no credit, the citation is all the text says of its source, and is carried on.
    const uncredited = reportFor(article(HEADLINE, LEAD, cited, THIRD, FOURTH))
    for (const line of [7, 9]) expect(sourceOn(uncredited, line, 'xinhua')?.confidence).toBe(0.6)
  })

  it('lets a later citation take over', () => {
    const report = reportFor(
      article(HEADLINE, `${LEAD} Hal itu dikutip dari AFP.`, SECOND, 'Sementara itu, Beijing menyerukan dialog, seperti dikutip dari Xinhua.', THIRD)
    )
    expect(agenciesOn(report, 3)).toEqual(['afp'])
    expect(agenciesOn(report, 5)).toEqual(['afp'])
    expect(agenciesOn(report, 7)).toEqual(['xinhua'])
    expect(agenciesOn(report, 9)).toEqual(['xinhua'])
    expect(report.article.chain).toEqual(['afp', 'xinhua'])
  })

  it.each([
    [
      'Indonesian, spoken to the agency',
      'id',
      'Saksi mata mengatakan kepada Reuters bahwa ledakan keras terdengar dari jarak dua kilometer sebelum asap hitam membubung dari gedung kementerian di pusat kota.',
      'reuters'
    ],
    [
      'Indonesian, "mengutip"',
      'id',
      'Mengutip AFP, polisi menahan tiga orang setelah bentrokan di pusat kota yang melukai sedikitnya dua belas pengunjuk rasa dan empat petugas keamanan.',
      'afp'
    ],
    [
      'Malay',
      'ms',
      'Jurucakap kementerian dalam kenyataan kepada Bernama berkata siasatan terhadap kontrak berkenaan masih dijalankan dan keputusan akan diumumkan selepas laporan audit diterima.',
      'bernama'
    ],
    [
      'English, told',
      'en',
      'A senior South Korean military official told Reuters the missile flew about 350 km before landing in the sea, and that the launch was being analysed with the United States.',
      'reuters'
    ],
    [
      'English, according to',
      'en',
      'The launch was the third this month and came hours after the allies ended a joint air drill near the peninsula, according to Yonhap.',
      'yonhap'
    ],
    [
      'Turkish',
      'tr',
      "Anadolu Ajansı'nın haberine göre, İsrail savaş uçaklarının Gazze'nin orta kesimindeki bir binaya düzenlediği hava saldırısında üç kişi yaralandı.",
      'anadolu'
    ],
    [
      'French, selon',
      'fr',
      "Un pompier qui participait aux opérations de secours est mort et deux autres ont été blessés dans l'incendie de la fabrique, selon l'AFP.",
      'afp'
    ],
    [
      'French, a indiqué à',
      'fr',
      "Un pompier qui participait aux opérations de secours est mort et deux autres ont été blessés, a indiqué à l'AFP le ministère des Situations d'urgence.",
      'afp'
    ],
    [
      'Arabic',
      'ar',
      'وقال بيسكوف إن الاستفتاء الذي شهدته تركيا شأن سيادي يخص الجمهورية التركية، ونرى أنه على الجميع احترام إرادة الشعب التركي، بحسب الأناضول.',
      'anadolu'
    ]
  ])('%s', (_case, language, paragraph, agency) => {
    const report = reportFor(framed(language, paragraph))
    expect(sourceOn(report, 3, agency)).toMatchObject({confidence: 0.8, evidence: [{kind: 'citation'}]})
    expect(report.summary.credited).toBe(true)
  })

  it('a sign-off closing a paragraph credits the whole article', () => {
    const report = reportFor(article(HEADLINE, LEAD, `${SECOND} [Antara]`))
    expect(sourceOn(report, 3, 'antara')).toMatchObject({
      confidence: 0.9,
      evidence: [{kind: 'credit', position: 'sign-off', ruleId: 'credits/sign-off', text: '[Antara]'}]
    })
    expect(report.blocks.find((block) => block.lines[0] === 5)).toMatchObject({role: 'body', clean: SECOND})
  })

  it.each([
    [
      'Reuters as a word in a sentence about Reuters',
      'id',
      'Kantor berita Reuters didirikan di London pada 1851 dan kini berkantor pusat di Kanada setelah bergabung dengan perusahaan Thomson pada 2008.'
    ],
    [
      'journalists of an agency',
      'id',
      'Dua wartawan Reuters ditahan polisi Myanmar saat meliput krisis yang menimpa ratusan ribu Muslim Rohingya di negara bagian Rakhine.'
    ],
    [
      'a claim about what an agency reported',
      'en',
      'Any claims that Reuters reported that Malaysia is the first country in Southeast Asia to be listed by the United States as a state sponsor of terror are false.'
    ],
    [
      '"antara" meaning "between"',
      'id',
      'Perundingan putaran kedua antara Rusia dan AS berlangsung di Istanbul selama enam jam, kata Peskov kepada wartawan di Moskow pada Jumat.'
    ],
    [
      'a newspaper quoted',
      'id',
      'Seperti dikutip dari The Straits Times, polisi Singapura menahan dua tersangka yang diduga terlibat dalam jaringan penipuan daring lintas negara.'
    ],
    [
      'a TV channel spoken to',
      'en',
      '“We’re monitoring these reports very closely,” national security adviser Robert O’Brien told Fox News in an interview on Tuesday.'
    ],
    [
      'İHA, a drone, in Turkish text',
      'tr',
      "Ordu, sınır hattında insansız hava aracı (İHA) ile keşif yaptı ve İHA'nın çektiği görüntüler Milli Savunma Bakanlığı tarafından paylaşıldı."
    ]
  ])('no agency from %s', (_case, language, paragraph) => {
    const report = reportFor(framed(language, paragraph))
    for (const block of report.blocks) expect(block.sources).toEqual([])
  })

  it('an agency named in a removed "Baca juga" teaser tags nothing', () => {
    const report = reportFor(article(HEADLINE, LEAD, 'Baca juga: Harga minyak naik, seperti dilansir Reuters', SECOND))
    expect(report.blocks.find((block) => block.lines[0] === 5)?.role).toBe('boilerplate')
    for (const block of report.blocks) expect(block.sources).toEqual([])
  })
})

describe('sign-offs (the text above them, since the sign-off before)', () => {
  const CAPTION = 'Diplomat Rusia dan Amerika Serikat berjabat tangan sebelum perundingan di Istanbul pada Kamis. (Reuters)'

  it("a caption's credit above the outlet's own report credits neither the lead nor the rest", () => {
    const report = reportFor(article(HEADLINE, CAPTION, LEAD, SECOND, THIRD))
    expect(agenciesOn(report, 3)).toEqual(['reuters'])
    for (const line of [5, 7, 9]) expect(agenciesOn(report, line)).toEqual([])
  })

  it("each agency's part of a compilation is that agency's alone", () => {
    const report = reportFor(article(HEADLINE, LEAD, `${SECOND} (AFP)`, THIRD, `${FOURTH} (Reuters)`))
    expect([3, 5].map((line) => agenciesOn(report, line))).toEqual([['afp'], ['afp']])
    expect([7, 9].map((line) => agenciesOn(report, line))).toEqual([['reuters'], ['reuters']])
  })

  it("the outlet's own paragraph after a wire story's sign-off takes nothing from it", () => {
    const report = reportFor(article(HEADLINE, LEAD, `${SECOND} [Antara]`, THIRD))
    expect([3, 5].map((line) => agenciesOn(report, line))).toEqual([['antara'], ['antara']])
    expect(agenciesOn(report, 7)).toEqual([])
  })

  it('reads a code two agencies print as the one the text spells out before it, in the sign-off too', () => {
    const german = [
      'Zwei neue Erzbischöfe für Paderborn und Bamberg ernannt',
      'Papst Franziskus hat am Samstag zwei neue Erzbischöfe für Deutschland ernannt, die Bischofsstühle in Paderborn und Bamberg waren seit mehr als einem Jahr verwaist.',
      'Beide sollen noch am Mittag in ihren Domkirchen vorgestellt werden, wie die Katholische Nachrichten-Agentur (KNA) aus Kirchenkreisen erfuhr.',
      'Die Amtseinführungen sind für das Frühjahr geplant, die Termine stehen nach Angaben der Bistümer noch nicht fest. (rom/KNA)'
    ]
    const spelledOut = reportFor(article(...german))
    for (const line of [3, 5, 7]) expect(agenciesOn(spelledOut, line)).toEqual(['kna-de'])
    // The code alone is the agency the registry gives it.
    const alone = reportFor(article(german[0]!, german[1]!, german[3]!))
    for (const line of [3, 5]) expect(agenciesOn(alone, line)).toEqual(['kna'])
  })

  it('leaves the paragraphs no credit speaks for to a citation after them, weakly', () => {
    const report = reportFor(article(HEADLINE, CAPTION, LEAD, 'Harga minyak dunia naik dua persen pada Senin, seperti dilansir AFP.', THIRD))
    expect(sourceOn(report, 5, 'afp')?.confidence).toBe(0.5)
    expect(agenciesOn(report, 5)).toEqual(['afp'])
    expect(agenciesOn(report, 3)).toEqual(['reuters'])
  })
})

describe("the agency's own site (paragraphs no other evidence credits)", () => {
  const at = (url: string) => ({url, from: 'sources.tsv:2'})

  it("credits every uncredited paragraph of an article the agency published on its own site, as the agency's", () => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND, THIRD), 'test.txt', at('https://www.ansa.it/sito/notizie/mondo/2019/04/15/x.html'))
    for (const line of [3, 5, 7]) {
      expect(report.blocks.find((block) => block.lines[0] === line)?.sources).toEqual([
        {
          agency: 'ansa',
          confidence: 0.6,
          role: 'origin',
          evidence: [{kind: 'site', position: 'address', ruleId: 'attribute/own-site', block: 'b3', start: 61, end: 61, text: 'www.ansa.it'}]
        }
      ])
    }
    expect(report.article.chain).toEqual(['ansa'])
    expect(report.summary.credited).toBe(true)
    expect(report.messages.some((message) => message.ruleId === 'attribute/own-site')).toBe(true)
  })

  it("reads a section's subdomain as the agency's site", () => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND), 'test.txt', at('https://jogja.antaranews.com/berita/711419/x'))
    expect([3, 5].map((line) => agenciesOn(report, line))).toEqual([['antara'], ['antara']])
  })

  it('leaves a paragraph that cites another agency to it, and a credit for another agency to the whole text', () => {
    const cited = reportFor(
      article(HEADLINE, LEAD, 'Harga minyak dunia naik dua persen pada Senin, menurut Reuters.', THIRD),
      'test.txt',
      at('https://www.aa.com.tr/id/dunia/x/3685544')
    )
    expect([3, 5, 7].map((line) => agenciesOn(cited, line))).toEqual([['anadolu'], ['reuters'], ['anadolu']])
    const credited = reportFor(article(HEADLINE, LEAD, SECOND, 'Sumber: Reuters'), 'test.txt', at('https://www.aa.com.tr/id/dunia/x/3685544'))
    expect([3, 5].map((line) => agenciesOn(credited, line))).toEqual([['reuters'], ['reuters']])
  })

  it.each([
    ['a domain that only ends like the site', 'https://notansa.it/x'],
    ["the site's name inside another domain", 'https://ansa.it.example.com/x'],
    ['an outlet that is no agency', 'https://www.republika.co.id/berita/x']
  ])('credits nothing for %s', (_case, url) => {
    const report = reportFor(article(HEADLINE, LEAD, SECOND), 'test.txt', at(url))
    for (const block of report.blocks) expect(block.sources).toEqual([])
  })
})

describe('photo credits (image scope)', () => {
  const caption = 'Putin bersumpah bangun sistem perdagangan yang tidak dikendalikan oleh Barat (Foto: Reuters)'

  it('never stand for the text, even when nothing else names an agency ("Foto: AP" under a dpa story)', () => {
    const report = reportFor(article(HEADLINE, caption, LEAD, SECOND))
    expect(sourceOn(report, 5, 'reuters')).toBeUndefined()
    expect(report.summary.agencies).toEqual({})
    expect(report.messages.some((message) => message.ruleId === 'common/photo-caption-credit' && message.reason.includes('reuters'))).toBe(true)
  })

  it("do not make the body that agency's when the text credits another", () => {
    const report = reportFor(article(HEADLINE, caption, LEAD, SECOND, 'Sumber: Anadolu'))
    expect(agenciesOn(report, 5)).toEqual(['anadolu'])
    expect(agenciesOn(report, 7)).toEqual(['anadolu'])
  })

  it('a photographer or newspaper credit names no agency', () => {
    const report = reportFor(article(HEADLINE, 'Foto: Republika/Iman Firmansyah', LEAD, SECOND))
    for (const block of report.blocks) expect(block.sources).toEqual([])
  })
})

describe('evidence offsets', () => {
  it('are code points into the input, astral characters included', () => {
    const text = article(`${HEADLINE} 🚀`, `Jakarta (ANTARA) - 🚀 ${LEAD}`, SECOND)
    const report = reportFor(text)
    const evidence = sourceOn(report, 3, 'antara')!.evidence[0]!
    expect([...text].slice(evidence.start, evidence.end).join('')).toBe('Jakarta (ANTARA) - ')
  })
})
