/**
 * The generic stage on real text and with corpus signals: the seeds and the
 * shared corpus with outlet rules off and on, the corpus line counts
 * (template and stock phrases), and a user's `generic.yaml`.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {processBytes} from '../run/article.ts'
import {loadGold} from '../eval/gold.ts'
import {scoreReports, type ScoredReport} from '../eval/score.ts'
import {loadGenericConfig} from '../pipeline/generic/config.ts'
import {articleOutlet, countCorpusLines, lineKeyHash, lineSpread, type CorpusArticle} from '../pipeline/generic/corpus.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {comparable} from '../core/text.ts'
import {createProcessor, loadPipelineData, type PipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'

const work = mkdtempSync(join(tmpdir(), 'wiretrace-generic-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

/** A user rule folder holding the given files. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name)
  mkdirSync(dir, {recursive: true})
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

/** Runs articles through the pipeline with the corpus counted first, as `wiretrace run` does. */
function runArticles(data: PipelineData, articles: CorpusArticle[]): Map<string, Report> {
  const processor = createProcessor(data, {corpus: countCorpusLines(articles, data.rules.outlets)})
  const reports = new Map<string, Report>()
  for (const {id, text} of articles) {
    const file = processBytes(processor, new TextEncoder().encode(text), {relative: id, display: id})
    if (!file.data.report) throw new Error(`${id}: no report`)
    reports.set(id, file.data.report)
  }
  return reports
}

function readArticles(dir: string): CorpusArticle[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({id: name, text: readFileSync(join(dir, name), 'utf8')}))
}

const SETS = {
  seeds: {gold: 'test/fixtures/gold/seeds.gold.json', texts: 'seeds'},
  corpus: {gold: 'test/fixtures/gold/corpus.gold.json', texts: 'test/fixtures/corpus'},
  // 62 articles of 59 outlets in 12 languages nobody wrote outlet rules for: hard-wrapped copy, e-paper pages, widgets.
  corpus2: {gold: 'test/fixtures/gold/corpus2.gold.json', texts: 'test/fixtures/corpus2'}
}

describe.each([
  ['without outlet rules', false],
  ['with outlet rules', true]
])('the seeds and the shared corpora, %s', (_, outletRules) => {
  const data = loadPipelineData({outletRules})
  it.each(Object.entries(SETS))('keeps %s body lines (F1 ≥ 0.97) and gives lines their role (≥ 0.93)', (_, set) => {
    const reports = runArticles(data, readArticles(set.texts))
    const score = scoreReports(loadGold(set.gold), reports as Map<string, ScoredReport>, [set.texts])
    expect(score.missing).toEqual([])
    expect(score.body.f1).toBeGreaterThanOrEqual(0.97)
    expect(score.roles.accuracy).toBeGreaterThanOrEqual(0.93)
    // Nothing is left undecided: every line says which rule gave it its role.
    for (const report of reports.values()) expect(report.blocks.filter((block) => block.ruleId === null)).toEqual([])
  })
})

describe('corpus signals', () => {
  const page = (outlet: string, body: string[], extra: string[] = []) =>
    [`Judul berita ${body[0]!.slice(0, 30)}`, ...body, 'Simak berita pilihan redaksi setiap pagi', `Baca berita lain di ${outlet}`, ...extra].join('\n')
  const bodies = [
    [
      'JAKARTA - Presiden Rusia Vladimir Putin mengatakan bahwa negaranya siap melakukan dialog dengan Amerika Serikat mengenai stabilitas strategis.',
      'Sikap itu tidak berubah.',
      'Menurut Peskov, pertemuan kedua pemimpin itu akan membahas kerja sama ekonomi dan keamanan di kawasan Asia yang semakin penting.'
    ],
    [
      'MOSKOW - Juru bicara Kremlin Dmitry Peskov mengatakan bahwa Rusia akan terus menolak langkah apa pun yang mengarah pada peningkatan ketegangan.',
      'Sikap itu tidak berubah.',
      'Ia menambahkan bahwa Moskow tidak akan mengubah sikapnya terhadap Ukraina selama Barat terus mengirimkan senjata ke Kiev.'
    ]
  ]

  it('counts, for every short line, the articles of each outlet that print it', () => {
    const counts = countCorpusLines([
      {id: 'a.txt', text: page('contoh.com', bodies[0]!)},
      {id: 'b.txt', text: page('contoh.com', bodies[1]!)},
      {id: 'c.txt', text: page('lain.co.id', bodies[1]!)}
    ])
    expect(counts.outletOf).toEqual(
      new Map([
        ['a.txt', 'contoh.com'],
        ['b.txt', 'contoh.com'],
        ['c.txt', 'lain.co.id']
      ])
    )
    expect(lineSpread(counts, 'a.txt', comparable('Simak berita pilihan redaksi setiap pagi'))).toEqual({sameOutlet: 2, outlets: 2})
    expect(lineSpread(counts, 'c.txt', comparable('Sikap itu tidak berubah.'))).toEqual({sameOutlet: 1, outlets: 2})
    expect(lineSpread(counts, 'unknown.txt', comparable('Sikap itu tidak berubah.'))).toBeNull()
  })

  it('names the outlet by the rules that recognise it, else by the web address the text names most', () => {
    const {outlets} = loadPipelineData().rules
    expect(articleOutlet(['Susi Susanti , Jurnalis-Selasa, 18 Juni 2024 |11:51 WIB', 'Telusuri berita news lainnya'], outlets)).toBe('okezone')
    expect(articleOutlet(['Kami membuka kesempatan melalui program iNews.id Network.', 'iNews.id', 'Berita dari www.antaranews.com'], [])).toBe('inews.id')
    expect(articleOutlet(['Tidak ada alamat di sini.'], [])).toBeNull()
  })

  it('drops what an outlet prints under every article (generic/outlet-template), keeps republished text', () => {
    const reports = runArticles(loadPipelineData({outletRules: false}), [
      {id: 'a.txt', text: page('contoh.com', bodies[0]!, ['Redaksi menerima tulisan pembaca setiap hari kerja.'])},
      {id: 'b.txt', text: page('contoh.com', bodies[1]!, ['Redaksi menerima tulisan pembaca setiap hari kerja.'])}
    ])
    const b = reports.get('b.txt')!
    const byText = (text: string) => b.blocks.find((block) => block.text === text)
    expect(byText('Simak berita pilihan redaksi setiap pagi')).toMatchObject({role: 'boilerplate', ruleId: 'generic/outlet-template'})
    expect(byText('Redaksi menerima tulisan pembaca setiap hari kerja.')).toMatchObject({role: 'boilerplate', ruleId: 'generic/outlet-template'})
    // A short sentence both articles print between paragraphs is text, not template.
    expect(byText('Sikap itu tidak berubah.')).toMatchObject({role: 'body'})
  })

  it('counts a row of Markdown links by its words, as the stage reads it: a scraped menu is template too', () => {
    const menu = (outlet: string) => `[Berita Terkini](https://${outlet}/terkini) [Ekonomi](https://${outlet}/ekonomi) [Olahraga](https://${outlet}/olahraga)`
    const reports = runArticles(loadPipelineData({outletRules: false}), [
      {id: 'a.txt', text: page('contoh.com', bodies[0]!, [menu('contoh.com')])},
      {id: 'b.txt', text: page('contoh.com', bodies[1]!, [menu('contoh.com')])}
    ])
    expect(reports.get('b.txt')!.blocks.find((block) => block.text === menu('contoh.com'))).toMatchObject({
      role: 'boilerplate',
      ruleId: 'generic/outlet-template'
    })
  })

  it('drops a phrase many outlets print (generic/stock-phrase); an article of an unknown outlet never makes template alone', () => {
    const articles = ['satu.com', 'dua.com', 'tiga.com'].map((outlet, index) => ({id: `${index}.txt`, text: page(outlet, bodies[index % 2]!)}))
    const reports = runArticles(loadPipelineData({outletRules: false}), [
      ...articles,
      {id: 'x.txt', text: `${bodies[0]!.join('\n')}\nSimak berita pilihan redaksi setiap pagi`}
    ])
    expect(reports.get('0.txt')!.blocks.find((block) => block.text === 'Simak berita pilihan redaksi setiap pagi')).toMatchObject({
      ruleId: 'generic/stock-phrase'
    })
    const counts = countCorpusLines([
      {id: 'x.txt', text: 'Menu\nMenu'},
      {id: 'y.txt', text: 'Menu'}
    ])
    expect(lineSpread(counts, 'x.txt', 'menu')).toEqual({sameOutlet: 1, outlets: 2})
    // Two articles of no known outlet: two outlets of their own, which the counts hold as a number, not an entry each.
    expect(counts.lines.get(lineKeyHash('menu'))).toEqual({outlets: 2, named: new Map()})
  })
})

describe("a user's generic.yaml", () => {
  const text = [
    'Dünya',
    'Rusya açıklaması: müzakere kapısı açık',
    'Haberci: Ali Semerci',
    "Kremlin Sözcüsü Dmitriy Peskov, Moskova'da gazetecilere yaptığı açıklamada, konuyla ilgili bir soruya cevap verdi ve görüşlerini paylaştı."
  ].join('\n')
  const roles = (dirs: string[], outletRules = false, input = text) => {
    const data = loadPipelineData({dirs, outletRules})
    return processBytes(createProcessor(data), new TextEncoder().encode(input), {relative: 't.txt', display: 't.txt'}).data.report!.blocks.map((block) => [
      block.role,
      block.ruleId
    ])
  }

  it('adds label words, switches rules off and changes thresholds, over the built-in file', () => {
    expect(roles([])[2]).toEqual(['boilerplate', 'generic/before-lead'])
    const labelled = roles([folder('labels', {'generic.yaml': 'labels:\n  byline: [Haberci]\noff: [generic/before-lead]\n'})])
    expect(labelled[2]).toEqual(['meta', 'generic/meta-label'])
    // Switched off, the zone above the lead is judged line by line like the text.
    expect(labelled[0]).toEqual(['boilerplate', 'generic/short-beside-boilerplate'])
    const dir = folder('thresholds', {'generic.yaml': 'thresholds: {shortChars: 200}\n'})
    expect(roles([dir])[3]).toEqual(['body', 'generic/sentence'])
    expect(loadGenericConfig([dir]).thresholds).toMatchObject({shortChars: 200, longChars: 200})
  })

  it('tunes the stage for one outlet only', () => {
    const okezone = `${text}\nTelusuri berita news lainnya`
    const dir = folder('outlet', {'generic.yaml': 'outlets:\n  okezone:\n    off: [generic/before-lead]\n'})
    expect(roles([dir], true, okezone)[0]).toEqual(['boilerplate', 'generic/short-beside-boilerplate'])
    expect(roles([dir], true, text)[0]).toEqual(['boilerplate', 'generic/before-lead'])
  })

  it('names the file, line and column of a mistake', () => {
    const unknown = folder('unknown', {'generic.yaml': 'off:\n  - generic/no-such-rule\n'})
    expect(() => loadGenericConfig([unknown])).toThrow(DataFileError)
    expect(() => loadGenericConfig([unknown])).toThrow(/generic\.yaml:2:5: off\.0: name a generic rule/)
    const pattern = folder('pattern', {'generic.yaml': 'datelines:\n  - "([unclosed"\n'})
    expect(() => loadGenericConfig([pattern])).toThrow(/generic\.yaml:2:5: invalid pattern/)
    const slow = folder('slow', {'generic.yaml': 'datelines:\n  - "^(\\\\p{Lu}+)+ -"\n'})
    expect(() => loadGenericConfig([slow])).toThrow(/generic\.yaml:2:5: can backtrack catastrophically/)
    const place = folder('place', {'generic.yaml': 'kickers: [Eil]\nplaceDatelines:\n  - "^[A-Z]+:"\n  - "(["\n'})
    expect(() => loadGenericConfig([place])).toThrow(/generic\.yaml:4:5: invalid pattern/)
    const key = folder('key', {'generic.yaml': 'treshold: {}\n'})
    expect(() => loadGenericConfig([key])).toThrow(/generic\.yaml:1:1: unknown key "treshold"/)
  })
})
