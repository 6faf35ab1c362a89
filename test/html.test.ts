import {createHash} from 'node:crypto'
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {relativeHref} from '../render/html/links.ts'
import {readReport, writeHtmlSite} from '../render/html/site.ts'
import {runCorpus} from '../run/run.ts'
import {main} from '../cli/wiretrace.ts'
import {HOSTILE, HOSTILE_NAME} from './html-hostile.ts'

/** The rows the index page's script draws from. */
function indexData(index: string): {colors: Record<string, string>; rows: unknown[][]} {
  return JSON.parse(/<script id="articles-data" type="application\/json">([^<]*)<\/script>/.exec(index)![1]!)
}

let out: string
let page: (name: string) => string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-html-'))
  for (const name of readdirSync('seeds')) copyFileSync(join('seeds', name), join(dir, name))
  mkdirSync(join(dir, 'nested'))
  writeFileSync(join(dir, 'nested', HOSTILE_NAME), HOSTILE)
  out = join(dir, '..', `${dir.split('/').pop()}-reports`)
  const result = await runCorpus({inputs: [dir], out, index: join(dir, '..', `${dir.split('/').pop()}.sqlite`), retain: false})
  writeHtmlSite(
    out,
    result.articles.map((article) => article.input.relative),
    (id) => readReport(out, id)
  )
  page = (name) => readFileSync(join(out, name), 'utf8')
})

describe('escaping', () => {
  it('renders an article holding <script> and <img onerror> as text, with no markup of its own', () => {
    const hostile = page(`nested/${HOSTILE_NAME}.html`)
    // hast-util-to-html escapes what could open markup ("<", "&", and quotes inside attributes); ">" and quotes in text are inert.
    expect(hostile).not.toMatch(/<script|<img|<b>|<h1>judul palsu|<a href="javascript/i)
    expect(hostile).toContain('&lt;script>window.pwned = 1&lt;/script> Judul berita yang &lt;b>berbahaya&lt;/b>')
    expect(hostile).toMatch(/<dd>[^<]*\/nested\/">&lt;img src=x onerror=alert\(3\)>\.txt<\/dd>/)
    expect(hostile).toContain('&lt;img src=x onerror="window.pwned = 2">')
    expect(hostile).toContain('&lt;/li>&lt;/ol>&lt;h1>judul palsu&lt;/h1>')
    expect(hostile).toContain('<del>Baca Juga: &lt;script>alert("baca juga")&lt;/script></del>')
    const index = page('index.html')
    expect(index.match(/<script[^>]*>/g)).toEqual(['<script id="articles-data" type="application/json">', '<script>'])
    expect(index).not.toMatch(/<img|<b>/)
    expect(indexData(index).rows.map((row) => row[0])).toContain('nested/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E.txt.html')
  })

  it('forbids any request and any script but its own, pinned by hash', () => {
    const index = page('index.html').replaceAll('&#x27;', "'")
    const script = /<script>([\s\S]*)<\/script>/.exec(index)![1]!
    const hash = createHash('sha256').update(script).digest('base64')
    expect(index).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'"`
    )
    expect(page('002_756809b8681f022c.txt.html')).toContain('script-src &#x27;none&#x27;')
    for (const name of ['index.html', 'reuse.html', '000_0ff0c87b60d874fd.txt.html', `nested/${HOSTILE_NAME}.html`]) {
      expect(page(name)).not.toMatch(/(src|href)="(https?:)?\/\//)
    }
  })
})

describe('article pages', () => {
  it('strikes through removed text, labelled with the rule that removed it', () => {
    const seed = page('002_756809b8681f022c.txt.html')
    expect(seed).toContain('<del title="removed by common/agency-dateline">Moskow (ANTARA) - </del><span class="tag">common/agency-dateline</span>')
    expect(seed).toMatch(/<li class="line boilerplate" id="b31">[\s\S]*?<del>Sumber: Anadolu<\/del>[\s\S]*?<span class="tag">common\/credit-line<\/span>/)
  })

  it('colours body paragraphs by agency and gives the evidence beside them', () => {
    const seed = page('002_756809b8681f022c.txt.html')
    const paragraph = /<li class="line body" id="b5"[\s\S]*?<\/div><\/li>/.exec(seed)![0]
    // Registry order gives the colours: Anadolu first, ANTARA second; the name always stands beside the colour.
    expect(paragraph).toContain(
      '<span class="agency-label"><span class="swatch" style="background: #0072B2" aria-hidden="true"></span>Anadolu Agency</span> origin'
    )
    expect(paragraph).toContain(
      '<span class="agency-label"><span class="swatch" style="background: #E69F00" aria-hidden="true"></span>ANTARA</span> intermediary'
    )
    expect(paragraph).toContain('<div class="text" dir="ltr">')
    expect(paragraph).toMatch(/credit, <a href="#b31">line 31<\/a> <span class="tag">common\/credit-line<\/span> <q dir="auto">Sumber: Anadolu<\/q>/)
    expect(paragraph.match(/<span style="background: #[0-9A-F]{6}"><\/span>/g)).toHaveLength(2)
    // The next paragraph rests on the same evidence: it points back instead of repeating it.
    expect(/<li class="line body" id="b7"[\s\S]*?<\/div><\/li>/.exec(seed)![0]).toContain('evidence as for <a href="#b5">line 5</a>')
  })

  it('highlights reused passages and links each to the matching paragraph of the other article', () => {
    const copy = page('000_0ff0c87b60d874fd.txt.html')
    expect(copy).toContain(
      '<a class="reuse" href="001_fbe5a5956e437734.txt.html#b23" title="also in 001_fbe5a5956e437734.txt, line 23 (similarity 1.00)"><mark>Kunjungan kenegaraan'
    )
    expect(copy.match(/<span class="badge no">uncredited reuse<\/span>/g)!.length).toBeGreaterThan(5)
    const source = page('001_fbe5a5956e437734.txt.html')
    expect(source).toContain('href="000_0ff0c87b60d874fd.txt.html#b4"')
    expect(source).toContain('id="b23"')
  })

  it('links up and across from a page in a subfolder', () => {
    const hostile = page(`nested/${HOSTILE_NAME}.html`)
    expect(hostile).toContain(
      '<a href="../index.html">All articles</a><a href="../reuse.html">Shared text</a><a href="%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E.txt.json">JSON report</a>'
    )
    expect(relativeHref('a/b/x.txt.html', 'c d/y#1.txt.html', 'b7')).toBe('../../c%20d/y%231.txt.html#b7')
  })
})

describe('index and corpus view', () => {
  it('lists every article with its outlet, date, agencies, credit and shares, and no article text', () => {
    const index = page('index.html')
    const {rows, colors} = indexData(index)
    expect(rows).toHaveLength(6)
    const row = rows.find((candidate) => candidate[0] === '000_0ff0c87b60d874fd.txt.html')!
    expect(row.slice(1, 8)).toEqual([
      'Dmitry Peskov: Kunjungan Presiden Rusia Vladimir Putin ke Korea Utara dan Vietnam Intens Serta Produktif',
      expect.stringMatching(/\/000_0ff0c87b60d874fd\.txt$/),
      'Orbit Indonesia',
      '2024-06-22 04:44 +07:00',
      '2024-06-22T04:44:00+07:00',
      [['anadolu', 1]],
      false
    ])
    expect(row[8]).toBeGreaterThan(0.9)
    expect(row[9]).toBe(row[8])
    // Seed 004's "(Foto: Reuters)" credits the picture, not the text: no Reuters colour.
    expect(colors).toEqual({anadolu: '#0072B2', antara: '#E69F00'})
    expect(indexData(index)).toMatchObject({names: {anadolu: 'Anadolu Agency', antara: 'ANTARA'}})
    expect(index).not.toContain('Kementerian Luar Negeri Rusia menyebut perundingan itu')
  })

  it('groups articles that share text, with the crediting one first and its share in each other', () => {
    const reuse = page('reuse.html')
    expect(reuse).toContain('1 story: group of articles that share text; 4 articles share none with any other.')
    const group = /<section class="cluster"[\s\S]*?<\/section>/.exec(reuse)![0]
    expect(group).toContain('Story 1: 2 articles from 2 outlets')
    expect(group).toMatch(
      /Text credited to <strong><span class="agency-label"><span class="swatch" style="background: #0072B2" aria-hidden="true"><\/span>Anadolu Agency<\/span><\/strong> by 1 article stands in <strong>1<\/strong> other, 1 of them crediting no agency\./
    )
    expect(group).toMatch(/<a class="story-link" href="story\/[0-9a-f]{16}\.html">/)
    const rows = group.match(/<tr><th scope="row">[\s\S]*?<\/tr>/g)!
    expect(rows[0]).toContain('1. <a href="001_fbe5a5956e437734.txt.html"')
    expect(rows[1]).toContain('2. <a href="000_0ff0c87b60d874fd.txt.html"')
    expect(rows[1]).toMatch(/title="9\d% of 000_0ff0c87b60d874fd\.txt stands in 001_fbe5a5956e437734\.txt">9\d%<\/td>/)
  })
})

describe('the index data files', () => {
  it('removes the data files an earlier, larger run left, and nothing else in their folder', () => {
    const site = mkdtempSync(join(tmpdir(), 'wiretrace-html-stale-'))
    const ids = readdirSync(out)
      .filter((name) => name.endsWith('.txt.json'))
      .map((name) => name.slice(0, -'.json'.length))
    for (const name of readdirSync(out).filter((name) => name.endsWith('.json'))) copyFileSync(join(out, name), join(site, name))
    mkdirSync(join(site, 'index-rows'))
    writeFileSync(join(site, 'index-rows', '3.js'), 'wiretraceIndexRows([["an article of the earlier run"]])')
    writeFileSync(join(site, 'index-rows', 'notes.txt'), 'kept')
    writeHtmlSite(site, ids, (id) => readReport(site, id))
    expect(readdirSync(join(site, 'index-rows'))).toEqual(['notes.txt'])
  })
})

describe('wiretrace run --format html', () => {
  it('writes the pages beside the JSON and Markdown reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-run-html-'))
    for (const name of readdirSync('seeds')) copyFileSync(join('seeds', name), join(dir, name))
    const reports = `${dir}-reports`
    const code = await main(['run', dir, '--out', reports, '--index', `${dir}.sqlite`, '--format', 'html', '--quiet'])
    expect(code).toBe(0)
    const written = readdirSync(reports)
    expect(written).toEqual(
      expect.arrayContaining(['index.html', 'reuse.html', '000_0ff0c87b60d874fd.txt.html', '000_0ff0c87b60d874fd.txt.json', '000_0ff0c87b60d874fd.txt.md'])
    )
    expect(written.filter((name) => name.endsWith('.txt.html'))).toHaveLength(5)
  })

  it('writes no pages by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-run-json-'))
    copyFileSync(join('seeds', '003_1d1aa39e3ef4d986.txt'), join(dir, 'a.txt'))
    expect(await main(['run', dir, '--out', `${dir}-reports`, '--no-index', '--quiet'])).toBe(0)
    expect(readdirSync(`${dir}-reports`).filter((name) => name.endsWith('.html'))).toEqual([])
  })
})
