import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {LEXICON_WINDOW, loadAgencies} from '../pipeline/agencies.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'

const registry = loadAgencies()
const agenciesIn = (text: string) => registry.resolve(text).map((mention) => mention.agency)

describe('agency registry', () => {
  it('holds the agencies the issues name, with stable ids', () => {
    const ids = registry.agencies.map((agency) => agency.id)
    for (const id of [
      'anadolu',
      'antara',
      'reuters',
      'afp',
      'ap',
      'xinhua',
      'bernama',
      'kyodo',
      'yonhap',
      'tass',
      'ria',
      'sputnik',
      'dpa',
      'efe',
      'ansa',
      'pti',
      'kcna',
      'wafa',
      'mina',
      'irna',
      'abna',
      'iha',
      'dha',
      'spa'
    ]) {
      expect(ids).toContain(id)
    }
  })

  it.each([
    ['Anadolu', ['anadolu']],
    ['Anadolu Agency', ['anadolu']],
    ['AA', ['anadolu']],
    ['Anatolia', ['anadolu']],
    ['ANTARA', ['antara']],
    ['Antara', ['antara']],
    ['ANTARA News', ['antara']],
    ['ANTARANews', ['antara']],
    // Names by the agency's country, as Arabic pages call them, and Russian spellings.
    ['وكالة الأنباء الألمانية', ['dpa']],
    ['إفي', ['efe']],
    ['وكالة الأنباء الإيرانية', ['irna']],
    ['Ёнхап', ['yonhap']],
    ['APTN', ['ap']],
    ['Reuters/AFP', ['reuters', 'afp']],
    ['ANTARA/Xinhua-OANA', ['antara', 'xinhua']],
    ['Anadolu-OANA', ['anadolu']],
    ['İhlas Haber Ajansı / Politika', ['iha']],
    ['YONHAP News', ['yonhap']],
    ['الاناضول', ['anadolu']],
    // Russian and Polish write the world agencies' names their own way, Polish declined ("agencja Reutera").
    ['Рейтер', ['reuters']],
    ['Франс Пресс', ['afp']],
    ['Ассошиэйтед Пресс', ['ap']],
    ['Reutera', ['reuters']],
    // Scripts that set no space between words, or glue particles on the name, read it with letters beside it.
    ['据新华社报道', ['xinhua']],
    ['ロイター通信によると', ['reuters']],
    ['로이터통신에 따르면', ['reuters']],
    // Arabic-script letters written two ways: Persian's yeh and kaf for Arabic's, an alef without its hamza.
    ['تسنیم', ['tasnim']],
    ['ا ف ب', ['afp']],
    ['ایسنا', ['isna']],
    // An agency's name in the languages its clients write: Russian, Turkish, French and Italian for Xinhua, the Gulf
    // agencies' names spelled out in Arabic.
    ['Синьхуа', ['xinhua']],
    ['Şinhua', ['xinhua']],
    ['Chine nouvelle', ['xinhua']],
    ['Nuova Cina', ['xinhua']],
    ['وكالة الأنباء العمانية', ['ona']],
    ['وكالة الأنباء الكويتية', ['kuna']],
    ['Fransız Haber Ajansı', ['afp']],
    // A code in brackets after a name is that name's, whichever agency the code alone names.
    ['Katholische Nachrichten-Agentur (KNA)', ['kna-de', 'kna-de']],
    ["l'Agence de presse sénégalaise (APS)", ['aps-senegal', 'aps-senegal']],
    ['Kenya News Agency (KNA)', ['kna', 'kna']],
    ['Pemerintah (KNA)', ['kna']],
    ['Agence Burundaise de Presse (ABP)', ['abp-burundi']],
    // Agencies added from further rounds of pages, and Russian case forms of a name.
    ['Kathpress', ['kathpress']],
    ['Κυπριακό Πρακτορείο Ειδήσεων', ['cna-cyprus']],
    ['Baltic News Service', ['bns']],
    ['Birlik Haber Ajansı', ['bha']],
    ['Интерфаксу', ['interfax']]
  ])('reads "%s" in an agency position as %j', (text, agencies) => {
    expect(agenciesIn(text)).toEqual(agencies)
  })

  it.each([
    ['antara', 'the Indonesian word for "between" is not ANTARA'],
    ['aa', 'an acronym counts only as written'],
    ['Republika/Iman Firmansyah', 'a newspaper and a photographer are not agencies'],
    ['The Straits Times', 'a newspaper is not an agency'],
    ['Arrahmah.com', 'a website is not an agency'],
    ['Net', 'a stock-photo credit is not an agency'],
    ['Reutersnya', 'a name inside a longer word does not count'],
    ['Kabar', 'the Malay and Indonesian word for news is not the Kyrgyz agency'],
    ['dire', 'the Italian verb is not Agenzia Dire']
  ])('does not read "%s" as an agency (%s)', (text) => {
    expect(agenciesIn(text)).toEqual([])
  })

  it("knows which outlet is an agency's own site", () => {
    expect(registry.agencyOfOutlet('antaranews')).toBe('antara')
    expect(registry.agencyOfOutlet('republika')).toBeUndefined()
  })

  it.each([
    ['www.ansa.it', 'ansa'],
    ['ansa.it', 'ansa'],
    ['jogja.antaranews.com', 'antara'],
    ['www.aa.com.tr', 'anadolu'],
    ['english.news.cn', 'xinhua'],
    // An agency's sites in other countries, under domains of their own.
    ['www.sputnikglobe.com', 'sputnik'],
    ['anlatilaninotesi.com.tr', 'sputnik'],
    ['pia.gov.ph', 'pia'],
    ['www.jta.org', 'jta'],
    ['notansa.it', undefined],
    ['ansa.it.example.com', undefined],
    ['www.republika.co.id', undefined]
  ])('knows whose own site %s is (%s)', (host, agency) => {
    expect(registry.agencyOfHost(host)).toBe(agency)
  })
})

describe('citation patterns', () => {
  const cases = registry.citations.flatMap((pattern) => [
    ...pattern.spec.examples.match.map((example) => ({pattern, example, expected: example.agency})),
    ...pattern.spec.examples.noMatch.map((example) => ({pattern, example, expected: undefined}))
  ])

  it('give every pattern examples, each saying where it comes from', () => {
    expect(registry.citations.length).toBeGreaterThan(10)
    for (const {example} of cases) expect(example.from).toMatch(/^(shared corpus \d{3}|seeds\/\d{3}|https?:\/\/|hand-written negative)/)
  })

  it.each(cases.map((entry) => [entry.pattern.id, entry.expected ?? 'nothing', entry.example.text, entry]))(
    '%s finds %s in "%s"',
    (_id, _expected, _text, entry) => {
      const found = registry.findCitations(entry.example.text).filter((match) => match.pattern === entry.pattern)
      if (entry.expected === undefined) expect(found).toEqual([])
      else expect(found.map((match) => match.agency)).toContain(entry.expected)
    }
  )

  it('gives the offsets of the phrase and of the agency name inside it', () => {
    const text = 'Harga minyak naik, seperti dilansir Reuters.'
    const match = registry.findCitations(text).find((found) => found.pattern.id === 'agencies/id-lansir')
    expect(text.slice(match!.start, match!.end)).toBe('Reuters')
    expect(match!.phrase.text).toBe('dilansir Reuters')
    expect(text.slice(match!.phrase.start, match!.phrase.end)).toBe('dilansir Reuters')
  })

  it('take a name whole, as the registry found it, in the text as written', () => {
    const text = 'Serangan itu dilansir  Anadolu\u00a0Agency pada Selasa.'
    const match = registry.findCitations(text).find((found) => found.pattern.id === 'agencies/id-lansir')!
    expect(match.text).toBe('Anadolu\u00a0Agency')
    expect(match.phrase.text).toBe('dilansir  Anadolu\u00a0Agency')
  })

  it('read no name into characters the text holds of the kind names are masked with', () => {
    const masks = '\uE000\uE001\uE001'
    expect(registry.findCitations(`Harga minyak naik, seperti dilansir ${masks}.`)).toEqual([])
    expect(registry.findCitations(`Harga minyak naik, seperti dilansir ${masks} dan Reuters.`).map((match) => match.text)).toEqual([])
    const lansir = registry.findCitations(`Dilansir ${masks}, seperti dilansir Reuters.`).filter((match) => match.pattern.id === 'agencies/id-lansir')
    expect(lansir.map((match) => match.text)).toEqual(['Reuters'])
  })

  it('give no citation to a paragraph that names no agency, whatever its wording', () => {
    expect(registry.findCitations('Harga minyak naik, seperti dilansir harian setempat.')).toEqual([])
  })
})

describe('user agency files', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
    dir = undefined
  })
  const userFile = (text: string) => {
    dir = mkdtempSync(join(tmpdir(), 'wiretrace-agencies-'))
    writeFileSync(join(dir, 'agencies.yaml'), text)
    return dir
  }

  it('adds agencies and citation phrases, and replaces a built-in entry with the same id', () => {
    const folder = userFile(`agencies:
  - id: lusa
    name: Lusa
    exact: [Lusa]
  - id: antara
    name: Perum LKBN ANTARA
    exact: [ANTARA]
citations:
  - id: pt-segundo
    language: pt
    pattern: '\\bsegundo\\s+a\\s+(?:agência\\s+)?{agency}'
    examples:
      match:
        - {text: 'O incêndio destruiu três casas, segundo a agência Lusa.', agency: lusa, from: hand-written negative}
      noMatch:
        - {text: 'Lusa é um nome antigo de Portugal.', from: hand-written negative}
`)
    const merged = loadAgencies([folder])
    expect(merged.files).toHaveLength(2)
    expect(merged.agencies.find((agency) => agency.id === 'antara')?.name).toBe('Perum LKBN ANTARA')
    expect(merged.resolve('Antara')).toEqual([])
    expect(
      merged
        .findCitations('O incêndio destruiu três casas, segundo a agência Lusa.')
        .filter((match) => match.pattern.id === 'agencies/pt-segundo')
        .map((match) => match.agency)
    ).toEqual(['lusa'])
  })

  it('matches a case-sensitive pattern only where the name is written as the registry writes it', () => {
    const folder = userFile(`citations:
  - id: en-told
    language: en
    pattern: '\\btold\\s+{agency}'
    caseSensitive: true
    examples:
      match: [{text: 'The minister told Reuters on Monday.', agency: reuters, from: hand-written negative}]
      noMatch: [{text: 'The minister TOLD Reuters on Monday.', from: hand-written negative}]
`)
    const merged = loadAgencies([folder])
    const told = (text: string) => merged.findCitations(text).filter((match) => match.pattern.id === 'agencies/en-told')
    expect(told('The minister told Reuters on Monday.').map((match) => match.agency)).toEqual(['reuters'])
    expect(told('The minister TOLD Reuters on Monday.')).toEqual([])
    expect(told('The minister told REUTERS on Monday.')).toEqual([])
    expect(merged.resolve('The minister told REUTERS on Monday.').map((mention) => mention.agency)).toEqual(['reuters'])
  })

  it('rejects a citation pattern without the agency slot, naming the file, line and column', () => {
    const folder = userFile(`citations:
  - id: no-slot
    language: en
    pattern: 'according to'
    examples:
      match: [{text: 'according to Reuters', agency: reuters, from: hand-written negative}]
      noMatch: [{text: 'no', from: hand-written negative}]
`)
    expect(() => loadAgencies([folder])).toThrow(DataFileError)
    expect(() => loadAgencies([folder])).toThrow(/agencies\.yaml:4:14: citations\.0\.pattern: the pattern must hold the slot \{agency\} exactly once/)
  })

  it("rejects an agency's site given as an address rather than a domain, naming the file, line and column", () => {
    const folder = userFile(`agencies:
  - id: example-agency
    name: Example Agency
    aliases: [Example Agency]
    sites: ['https://example-agency.test/news']
`)
    expect(() => loadAgencies([folder])).toThrow(/agencies\.yaml:5:\d+: agencies\.0\.sites\.0: a domain such as "ansa\.it", without scheme or path/)
  })

  it('rejects a name given to two agencies', () => {
    const folder = userFile(`agencies:
  - id: reuters-2
    name: Another Reuters
    aliases: [Reuters]
`)
    expect(() => loadAgencies([folder])).toThrow(/the name "Reuters" is already given to agency "reuters"/)
  })

  it('rejects an example without its origin', () => {
    const folder = userFile(`citations:
  - id: told
    language: en
    pattern: 'told {agency}'
    examples:
      match: [{text: 'he told Reuters', agency: reuters}]
      noMatch: [{text: 'no', from: hand-written negative}]
`)
    expect(() => loadAgencies([folder])).toThrow(/agencies\.yaml:6:\d+: citations\.0\.examples\.match\.0.*"?from"?/)
  })
})

describe('reporting-verb lexicons', () => {
  it('cover the languages the issue names', () => {
    const languages = registry.reporting.map((lexicon) => lexicon.language)
    for (const language of ['id', 'ms', 'en', 'tr', 'az', 'es', 'pt', 'fr', 'de', 'it', 'ru', 'ar', 'tl']) expect(languages).toContain(language)
  })

  const cases = registry.reporting.flatMap((lexicon) => [
    ...lexicon.spec.examples.match.map((example) => ({lexicon, text: example.text, from: example.from, expected: example.agency as string | undefined})),
    ...lexicon.spec.examples.noMatch.map((example) => ({lexicon, text: example.text, from: example.from, expected: undefined}))
  ])

  it('give every lexicon examples, each saying where it comes from', () => {
    for (const {from} of cases)
      expect(from).toMatch(/^(shared corpus \d{3}|seeds\/\d{3}|https?:\/\/|hand-written (negative|example)|a public GitHub repository)/)
  })

  it.each(cases.map((entry) => [entry.lexicon.language, entry.expected ?? 'nothing', entry.text, entry]))(
    '%s finds %s in "%s"',
    (_language, _expected, _text, entry) => {
      const found = registry.findCitations(entry.text)
      if (entry.expected === undefined) expect(found.filter((match) => match.pattern.language === entry.lexicon.language)).toEqual([])
      else expect(found.map((match) => match.agency)).toContain(entry.expected)
    }
  )

  it('keeps the agency in a bounded slot: a name followed by another capitalised word is part of another name', () => {
    const lexiconOnly = (text: string) => registry.findCitations(text).filter((match) => match.pattern.id.startsWith('agencies/reporting-'))
    expect(lexiconOnly('Ayon kay AFP Spokesperson B/Gen. Restituto Padilla, wala pa silang report.')).toEqual([])
    expect(lexiconOnly('according to the Reuters Institute for the Study of Journalism, trust fell.')).toEqual([])
  })

  it("reads the shapes around the name, with the phrase's offsets", () => {
    const text = 'La carga llegó al puerto, informó la agencia EFE.'
    const match = registry.findCitations(text).find((found) => found.pattern.id === 'agencies/reporting-es-inverted')!
    expect(match.agency).toBe('efe')
    expect(match.phrase.text).toBe(', informó la agencia EFE')
    expect(text.slice(match.start, match.end)).toBe('agencia EFE')
  })

  it('cites every agency joined by "and" in the slot, whichever of them the phrase stands next to', () => {
    const cited = (text: string) => [...new Set(registry.findCitations(text).map((match) => match.agency))].sort()
    expect(cited('Seperti dilansir AFP dan Reuters, laporan media pemerintah menyebut 111 orang tewas.')).toEqual(['afp', 'reuters'])
    expect(cited('The blast killed 12 people, according to Reuters and AFP.')).toEqual(['afp', 'reuters'])
    expect(cited('Las negociaciones fracasaron, según EFE y Europa Press.')).toEqual(['efe', 'europa-press'])
    // Another clause naming an agency after a comma is no slot's.
    expect(cited('The talks failed, Reuters reported, and AFP was not allowed in.')).toEqual(['reuters'])
  })

  it("adds a user's words to a built-in language and a new language of its own", () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-lexicon-'))
    try {
      writeFileSync(
        join(dir, 'agencies.yaml'),
        `reporting:
  - language: nl
    according: [volgens]
    examples:
      match: [{text: 'Het vuur woedde urenlang, volgens persbureau ANP.', agency: anp, from: hand-written example}]
      noMatch: [{text: 'ANP bestaat sinds 1934.', from: hand-written negative}]
  - language: en
    inverted: [reports]
    examples:
      match: [{text: 'The fire spread quickly, reports AFP.', agency: afp, from: hand-written example}]
      noMatch: [{text: 'AFP is based in Paris.', from: hand-written negative}]
`
      )
      const merged = loadAgencies([dir])
      expect(merged.findCitations('Het vuur woedde urenlang, volgens ANP.').map((match) => match.agency)).toEqual(['anp'])
      expect(merged.findCitations('The fire spread quickly, reports AFP.').map((match) => match.pattern.id)).toContain('agencies/reporting-en-inverted')
      expect(merged.findCitations('… according to Yonhap.').map((match) => match.agency)).toContain('yonhap')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('reporting-verb lexicons: where their shapes run', () => {
  it('run a shape only where its words stand: every match on the fixture articles holds them, and most names are spared the shapes', () => {
    const shapes = registry.reporting.flatMap((lexicon) => lexicon.patterns)
    const folders = ['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2', 'test/fixtures/xlang']
    const paragraphs = folders.flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.txt'))
        .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n'))
    )
    let matched = 0
    let spared = 0
    for (const text of paragraphs) {
      for (const mention of registry.resolve(text)) {
        const head = text.slice(Math.max(0, mention.start - LEXICON_WINDOW), mention.start)
        const tail = text.slice(mention.end, mention.end + LEXICON_WINDOW)
        for (const shape of shapes) {
          const holds = shape.needs.words.test(shape.needs.side === 'head' ? head : tail)
          if (shape.before.test(head) && shape.after.test(tail)) {
            expect(holds, `${shape.id} on ${JSON.stringify(text.slice(0, 80))}`).toBe(true)
            matched++
          }
          if (!holds) spared++
        }
      }
    }
    expect(matched).toBeGreaterThan(10)
    expect(spared).toBeGreaterThan(matched * 10)
  })
})
