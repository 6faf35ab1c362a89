import {readFileSync} from 'node:fs'
import {toString} from 'nlcst-to-string'
import {describe, expect, it} from 'vitest'
import {parseArticle} from '../pipeline/parse.ts'
import {reportJsonSchema, reportSchema} from '../pipeline/report-schema.ts'
import {runCorpus} from '../run/run.ts'
import {addDecisionMessages} from '../run/article.ts'
import {rulesJsonSchema} from '../core/rules/schema.ts'
import {processText, reportFor, roleOnLine} from './helpers/pipeline.ts'

const seed = (name: string) => readFileSync(`seeds/${name}`, 'utf8')

describe('parse', () => {
  it('makes one paragraph per non-blank line and keeps every character in the tree', () => {
    const text = '\uFEFFJudul\r\n\u00A0\r\n  Isi pertama.  \rIsi kedua.\n\n'
    const tree = parseArticle(text)
    const paragraphs = tree.children.filter((node) => node.type === 'ParagraphNode')
    expect(paragraphs.map((node) => toString(node))).toEqual(['Judul', 'Isi pertama.', 'Isi kedua.'])
    expect(toString(tree)).toBe(text)
  })

  it('gives positions in the original file, CRLF and leading space included', () => {
    const tree = parseArticle('Judul\r\n\r\n  Isi pertama.')
    const second = tree.children.filter((node) => node.type === 'ParagraphNode')[1]!
    expect(second.position).toEqual({start: {line: 3, column: 3, offset: 11}, end: {line: 3, column: 15, offset: 23}})
    // The line's text is one source node: no stage reads words, so none are tokenised.
    expect(second.children).toEqual([{type: 'SourceNode', value: 'Isi pertama.', position: second.position}])
  })
})

describe('outlet', () => {
  it.each([
    ['000_0ff0c87b60d874fd.txt', ['orbitindonesia']],
    ['001_fbe5a5956e437734.txt', ['harianbogorraya']],
    ['002_756809b8681f022c.txt', ['antaranews', 'rakyatnews']],
    ['003_1d1aa39e3ef4d986.txt', ['republika']],
    ['004_9a79566599d7a3b5.txt', ['okezone']]
  ])('recognises the outlets of %s from its text', (name, outlets) => {
    const report = reportFor(seed(name), name)
    expect(report.article.outlets.map((outlet) => outlet.id)).toEqual(outlets)
    expect(report.article.outlet).toBe(outlets.at(-1))
  })

  it('recognises no outlet in text that names none', () => {
    const report = reportFor('Judul berita\nPresiden mengatakan bahwa antara Rusia dan AS ada perbedaan.')
    expect(report.article.outlets).toEqual([])
    expect(report.article.outlet).toBeNull()
  })
})

describe('boilerplate', () => {
  it('cuts an outlet dateline from the lead, keeps the line as body and the dateline as metadata', () => {
    const report = reportFor(seed('003_1d1aa39e3ef4d986.txt'))
    const lead = report.blocks.find((block) => block.lines[0] === 3)!
    expect(lead.role).toBe('body')
    expect(lead.clean.startsWith('Menteri Luar Negeri Rusia Sergey Lavrov')).toBe(true)
    expect(report.removed.find((span) => span.block === lead.id)).toMatchObject({ruleId: 'republika/dateline', text: 'REPUBLIKA.CO.ID, ISTANBUL -- '})
    expect(report.article.dateline).toBe('ISTANBUL')
  })

  it('matches a teaser whatever space or invisible character the page put in it', () => {
    const report = reportFor('Judul berita ini\nIsi berita yang panjang sekali.\nBaca\u00A0Juga: Putin ke China\nBaca\u200B juga: Putin ke Korea')
    expect([3, 4].map((line) => roleOnLine(report, line))).toEqual(['boilerplate', 'boilerplate'])
    expect(report.blocks[2]!.ruleId).toBe('common-id/read-also')
  })

  it('does not take a sentence that starts like a teaser for one', () => {
    const report = reportFor('Judul berita ini\nBaca juga pernyataan lengkapnya di situs Kremlin, kata Peskov.')
    expect(roleOnLine(report, 2)).toBe('body')
  })

  it('marks every undecided line after an end marker as footer, but lets meta rules keep theirs', () => {
    const report = reportFor(seed('001_fbe5a5956e437734.txt'))
    expect(roleOnLine(report, 47)).toBe('body')
    expect(report.removed.find((span) => span.text === '***')?.ruleId).toBe('common/end-mark')
    expect(roleOnLine(report, 53)).toBe('meta')
    expect(report.blocks.find((block) => block.lines[0] === 66)).toMatchObject({
      role: 'boilerplate',
      ruleId: 'common/end-mark',
      why: 'after the footer marker on line 47'
    })
  })

  it('applies outlet rules only to articles of that outlet', () => {
    const footer = 'Isi berita yang panjang sekali.\nTags\nTerkait'
    const ruleOnLine3 = (text: string) => reportFor(text).blocks.find((block) => block.lines[0] === 3)?.ruleId
    expect(ruleOnLine3(`Judul berita ini\n${footer}`)).not.toMatch(/^harianbogorraya\//)
    expect(ruleOnLine3(`Judul berita ini\nHARIAN BOGOR RAYA - ${footer}`)).toBe('harianbogorraya/footer-menu')
  })

  it('records each decision as a plain record with its rule id, and as a vfile message only when asked', () => {
    const file = processText(seed('000_0ff0c87b60d874fd.txt'))
    const decision = file.data.decisions?.find((candidate) => candidate.ruleId === 'common-id/read-also')
    expect(decision).toMatchObject({severity: 'info', source: 'wiretrace', line: 7, column: 1, endLine: 7})
    expect(decision?.reason).toMatch(/^boilerplate: read-also teaser/)
    expect(file.data.report?.messages).toEqual(file.data.decisions)
    // Decisions are no vfile messages: those are for what a user must see.
    expect(file.messages).toEqual([])
    addDecisionMessages(file)
    const teaser = file.messages.find((message) => message.ruleId === 'common-id/read-also')
    expect(String(teaser)).toMatch(/^test\.txt:7:1-7:\d+: boilerplate: read-also teaser/)
    expect(teaser?.source).toBe('wiretrace')
    expect(file.messages).toHaveLength(file.data.decisions!.length)
  })
})

describe('metadata', () => {
  it('reads title, date with zone, byline and dateline', () => {
    const {article} = reportFor(seed('000_0ff0c87b60d874fd.txt'))
    expect(article).toMatchObject({
      title: 'Dmitry Peskov: Kunjungan Presiden Rusia Vladimir Putin ke Korea Utara dan Vietnam Intens Serta Produktif',
      published: '2024-06-22T04:44:00+07:00',
      date: '2024-06-22',
      bylines: ['Satrio Arismunandar'],
      dateline: 'ORBITINDONESIA.COM'
    })
  })

  it('finds a dek between the title and a dateline lead', () => {
    const report = reportFor(seed('003_1d1aa39e3ef4d986.txt'))
    expect(roleOnLine(report, 2)).toBe('dek')
  })

  it('takes no title when the first line reads like a sentence', () => {
    const report = reportFor('Presiden Rusia tiba di Hanoi pada Rabu pagi.\nIa disambut oleh Presiden Vietnam.')
    expect(report.article.title).toBeNull()
    expect(roleOnLine(report, 1)).toBe('body')
  })

  it('leaves the date null rather than inventing one', () => {
    expect(reportFor(seed('002_756809b8681f022c.txt')).article).toMatchObject({published: null, date: null})
  })
})

describe('repeats', () => {
  it('marks the second printing of the title as boilerplate and links it to the first', () => {
    const report = reportFor(seed('004_9a79566599d7a3b5.txt'))
    expect(report.blocks.find((block) => block.lines[0] === 7)).toMatchObject({role: 'boilerplate', ruleId: 'repeat/title', repeatOf: 'b4'})
  })

  it('does not call short recurring labels repeats', () => {
    const report = reportFor('Judul berita ini\nIsi berita yang panjang.\nFoto\nIsi kedua yang lain.\nFoto')
    expect(report.blocks.map((block) => block.repeatOf)).toEqual([null, null, null, null, null])
  })
})

describe('report', () => {
  it('counts roles and characters', () => {
    const {summary} = reportFor(seed('002_756809b8681f022c.txt'))
    expect(summary.blocks).toEqual({title: 1, dek: 0, meta: 3, body: 13, boilerplate: 7})
    expect(summary.characters).toEqual({input: 2861, body: 2375, removed: 486})
    expect(summary.characters.input).toBe([...seed('002_756809b8681f022c.txt')].length)
  })

  // The run does not validate its reports (zod on every report cost more than some stages): this test does, on every fixture article, links included.
  it.each(['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2', 'test/fixtures/xlang'])(
    'of every article of %s, linked, is valid against the report schema, key order included',
    async (folder) => {
      const {articles} = await runCorpus({inputs: [folder], index: ':memory:'})
      expect(articles.length).toBeGreaterThan(0)
      for (const article of articles) {
        expect(article.report, article.input.relative).toBeDefined()
        expect(JSON.stringify(reportSchema.parse(article.report))).toBe(JSON.stringify(article.report))
      }
    }
  )

  it('matches the committed JSON Schema files (run `npm run schema` after changing a schema)', () => {
    expect(JSON.parse(readFileSync('schema/report.v2.schema.json', 'utf8'))).toEqual(reportJsonSchema())
    expect(JSON.parse(readFileSync('schema/rules.schema.json', 'utf8'))).toEqual(rulesJsonSchema())
  })
})
