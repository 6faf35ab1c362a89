import {mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {processArticle} from '../run/article.ts'
import {inputSelection, loadConfig} from '../run/config.ts'
import {resolveInputs} from '../run/inputs.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'

const processor = createProcessor(loadPipelineData())

// A real ANTARA (jogja.antaranews.com) article with every line that names ANTARA left out: nothing in the text tells the outlet.
const UNNAMED = readFileSync(new URL('fixtures/corpus/001_jogja-antara-gaza-11-tewas.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => !/antara/i.test(line))
  .join('\n')
const EXCHANGE_CREDIT = 'Sumber : Anadolu-OANA'

function folder(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wiretrace-sources-')))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), {recursive: true})
    writeFileSync(join(root, name), text)
  }
  return root
}

function reportsOf(root: string, inputs = [root], config?: string) {
  const loaded = config ? loadConfig(join(root, config)) : undefined
  return resolveInputs(inputs, root, inputSelection(loaded, [], root)).map((input) => processArticle(processor, input).data.report!)
}

const creditLine = (report: ReturnType<typeof reportsOf>[number]) => report.blocks.find((block) => block.clean === EXCHANGE_CREDIT)!

describe('outlet from outside the text', () => {
  it('the text alone names no outlet', () => {
    const [report] = reportsOf(folder({'a.txt': UNNAMED}))
    expect(UNNAMED).toContain(EXCHANGE_CREDIT)
    expect(report!.article.outlets).toEqual([])
    expect(report!.article.url).toBeNull()
    expect(creditLine(report!).ruleId).not.toMatch(/^antaranews\//)
  })

  it("a sources.tsv row whose host is under an outlet's domains: recognises it, and its rules apply", () => {
    const url = 'https://jogja.antaranews.com/amp/berita/711419/lagi-11-warga-palestina-tewas'
    const [report] = reportsOf(folder({'a.txt': UNNAMED, 'sources.tsv': `file\turl\tlanguage\na.txt\t${url}\tid\n`}))
    expect(report!.article.url).toBe(url)
    expect(report!.article.outlet).toBe('antaranews')
    expect(report!.article.outlets).toEqual([{id: 'antaranews', name: 'ANTARA News', line: null, by: 'domain'}])
    expect(creditLine(report!)).toMatchObject({role: 'boilerplate', ruleId: 'antaranews/credit-agency-exchange'})
  })

  it('a host no outlet file declares recognises no outlet', () => {
    const [report] = reportsOf(folder({'a.txt': UNNAMED, 'sources.tsv': 'file\turl\na.txt\thttps://antaranews.com.example.org/x\n'}))
    expect(report!.article.url).toBe('https://antaranews.com.example.org/x')
    expect(report!.article.outlets).toEqual([])
  })

  it('an outlet named in the text is not listed twice', () => {
    const root = folder({
      'a.txt': readFileSync(new URL('fixtures/corpus/001_jogja-antara-gaza-11-tewas.txt', import.meta.url), 'utf8'),
      'sources.tsv': 'file\turl\na.txt\thttps://jogja.antaranews.com/x\n'
    })
    expect(reportsOf(root)[0]!.article.outlets).toEqual([{id: 'antaranews', name: 'ANTARA News', line: 1, by: 'text'}])
  })

  it('a malformed sources.tsv is refused naming the file, line and column', () => {
    const noUrlColumn = folder({'a.txt': UNNAMED, 'sources.tsv': 'file\tlink\na.txt\thttps://antaranews.com/x\n'})
    expect(() => reportsOf(noUrlColumn)).toThrow(DataFileError)
    expect(() => reportsOf(noUrlColumn)).toThrow(/sources\.tsv:1:1: the header line needs the tab-separated columns "file" and "url"/)
    const badUrl = folder({'a.txt': UNNAMED, 'sources.tsv': 'file\turl\na.txt\tantaranews.com/x\n'})
    expect(() => reportsOf(badUrl)).toThrow(/sources\.tsv:2:7: "antaranews\.com\/x" is not an http\(s\) address/)
  })

  it('config sources: a glob gives a URL or an outlet id; a sources.tsv row beats it', () => {
    const root = folder({
      'antara/a.txt': UNNAMED,
      'named/b.txt': UNNAMED,
      'listed/c.txt': UNNAMED,
      'listed/sources.tsv': 'file\turl\nc.txt\thttps://www.unknown-outlet.example/c\n',
      'wiretrace.config.yaml':
        "sources:\n  - {files: 'antara/**', url: 'https://www.antaranews.com/'}\n  - {files: 'named/*.txt', outlet: antaranews}\n  - {files: '**', url: 'https://jogja.antaranews.com/'}\n"
    })
    const byPath = new Map(reportsOf(root, [root], 'wiretrace.config.yaml').map((report) => [report.article.id, report.article]))
    expect(byPath.get('antara/a.txt')).toMatchObject({url: 'https://www.antaranews.com/', outlets: [{id: 'antaranews', line: null, by: 'domain'}]})
    expect(byPath.get('named/b.txt')).toMatchObject({url: null, outlets: [{id: 'antaranews', line: null, by: 'config'}]})
    expect(byPath.get('listed/c.txt')).toMatchObject({url: 'https://www.unknown-outlet.example/c', outlets: []})
  })

  it('a config sources: entry with both url and outlet, or a bad URL, is refused naming the file', () => {
    const both = folder({'wiretrace.config.yaml': "sources:\n  - {files: '**', url: 'https://antaranews.com', outlet: antaranews}\n"})
    expect(() => loadConfig(join(both, 'wiretrace.config.yaml'))).toThrow(/wiretrace\.config\.yaml:2:\d+: .*give either url or outlet/)
    const badUrl = folder({'wiretrace.config.yaml': "sources:\n  - {files: '**', url: 'antaranews.com'}\n"})
    expect(() => loadConfig(join(badUrl, 'wiretrace.config.yaml'))).toThrow(/wiretrace\.config\.yaml:2:\d+: .*give an http\(s\) address/)
  })

  it('a config outlet id no outlet file declares fails the article, naming the config', () => {
    const root = folder({'a.txt': UNNAMED, 'wiretrace.config.yaml': "sources:\n  - {files: '*.txt', outlet: no-such-outlet}\n"})
    const loaded = loadConfig(join(root, 'wiretrace.config.yaml'))
    const [input] = resolveInputs([root], root, inputSelection(loaded, [], root))
    const file = processArticle(processor, input!)
    expect(file.data.report).toBeUndefined()
    expect(file.messages.find((message) => message.fatal)?.reason).toMatch(/wiretrace\.config\.yaml: no outlet file declares the outlet id "no-such-outlet"/)
  })
})
