import {readFileSync} from 'node:fs'
import {toHtml} from 'hast-util-to-html'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {toString as textOf} from 'mdast-util-to-string'
import {gfm} from 'micromark-extension-gfm'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {loadAgencies} from '../pipeline/agencies.ts'
import {renderArticlePage} from '../render/html/article-page.ts'
import {agencyStyle, PALETTE} from '../render/html/colors.ts'
import {alignedWords, markedAnchors, renderComparePage} from '../render/html/compare-page.ts'
import {textDirection} from '../render/html/direction.ts'
import {copiesOf, leadPartner, rankedLinks, rankedTranslations, SHOWN_LINKS, translationPartners} from '../render/html/fold.ts'
import type {SiteLinks} from '../render/html/links.ts'
import {MAX_LISTED, renderReusePage} from '../render/html/reuse-page.ts'
import {MAX_TABLE_ROWS, renderStoryPage, storyOf} from '../render/html/story-page.ts'
import {MAX_ROWS, renderMarkdown} from '../render/markdown.ts'
import {detectLanguage} from '../pipeline/language.ts'
import {reportSchema, type Report} from '../pipeline/report-schema.ts'
import {runCorpus} from '../run/run.ts'
import {reportFor} from './helpers/pipeline.ts'

const registry = loadAgencies()
const links: SiteLinks = {hasPage: () => true, hasFile: () => false, hasCompare: () => false, storyOf: () => null, languageOf: () => null}

describe('agency colours', () => {
  it('gives the agencies that used to share a hashed colour distinct colours, in registry order', () => {
    const style = agencyStyle(registry, ['wafa', 'tass', 'dha', 'ap', 'yonhap', 'xinhua', 'kyodo', 'reuters'])
    const colors = ['wafa', 'tass', 'dha', 'ap', 'yonhap', 'xinhua', 'kyodo', 'reuters'].map((agency) => style.color(agency))
    expect(new Set(colors).size).toBe(8)
    expect(style.order(['wafa', 'reuters', 'ap'])).toEqual(['reuters', 'ap', 'wafa'])
    expect(style.color('reuters')).toBe(PALETTE[0])
    expect(style.name('wafa')).toMatch(/WAFA/i)
    expect(style.name('not-in-registry')).toBe('not-in-registry')
  })
})

describe('text direction', () => {
  it('reads each line from its first strong letter', () => {
    expect(textDirection('قال المتحدث باسم الكرملين، دميتري بيسكوف')).toBe('rtl')
    expect(textDirection('2024 - قال المتحدث')).toBe('rtl')
    expect(textDirection('Juru bicara Kremlin Dmitry Peskov')).toBe('ltr')
    expect(textDirection('12/06 - 14:00')).toBe('auto')
  })
})

describe('language', () => {
  it('names the language of real articles and refuses to guess on a few words', () => {
    expect(detectLanguage(readFileSync('seeds/002_756809b8681f022c.txt', 'utf8'))).toBe('id')
    expect(detectLanguage(readFileSync('test/fixtures/corpus/028_almadenah-peskov-referendum-anadolu-ar.txt', 'utf8'))).toBe('ar')
    expect(detectLanguage(readFileSync('test/fixtures/corpus/022_gunestv-gazze-aa-tr.txt', 'utf8'))).toBe('tr')
    expect(detectLanguage('Baca juga')).toBeNull()
    expect(reportFor(readFileSync('seeds/002_756809b8681f022c.txt', 'utf8')).article.language).toBe('id')
  })
})

describe('side by side', () => {
  it('marks dropped, inserted and changed words on the side they belong to', () => {
    const words = alignedWords('Presiden Rusia tiba di Hanoi pada Rabu pagi', 'Presiden Rusia Vladimir Putin tiba di Hanoi pada Kamis pagi')
    const left = toHtml(words.left)
    const right = toHtml(words.right)
    expect(left).toContain('<del class="changed" title="changed in the copy">Rabu</del>')
    expect(right).toContain('<ins class="changed" title="changed from the first text">Kamis</ins>')
    expect(right).toContain('<ins title="inserted in the copy">Vladimir Putin </ins>')
    expect(words.changes).toBe(2)
    expect(alignedWords('sama persis', 'sama persis').changes).toBe(0)
  })

  it('shows the passages of a copy beside the first text when only the copy names the other (the first text’s links folded)', () => {
    const text = readFileSync('seeds/001_fbe5a5956e437734.txt', 'utf8')
    const first = reportFor(text, 'first.txt')
    const copy = reportFor(text.replace('Kunjungan kenegaraan Presiden Rusia', 'Kunjungan Presiden Rusia'), 'copy.txt')
    const originals = new Map(first.blocks.map((block) => [block.id, block]))
    for (const block of copy.blocks) {
      const original = originals.get(block.id)!
      if (block.role === 'body')
        block.reuse = [
          {
            article: 'first.txt',
            block: block.id,
            lines: original.lines,
            similarity: 0.99,
            span: [block.start, block.end],
            otherSpan: [original.start, original.end],
            earlier: true
          }
        ]
    }
    const body = copy.blocks.filter((block) => block.role === 'body').length
    const page = renderComparePage(first, copy, links, agencyStyle(registry, []))
    expect(page).toContain(`<p>${body} shared passages.`)
    expect(page).toContain('<del title="dropped in the copy">kenegaraan </del>')
    expect(page).not.toContain('no longer share a passage')
  })
})

/** The seed copy with every reused paragraph linked to `copies` more articles, as in a corpus where a story has that many copies. */
function syndicated(copies: number): Report {
  const report = reportFor(readFileSync('seeds/000_0ff0c87b60d874fd.txt', 'utf8'), '000_0ff0c87b60d874fd.txt')
  for (const block of report.blocks) {
    if (block.role !== 'body') continue
    const span: [number, number] = [block.start, block.end]
    block.reuse = Array.from({length: copies}, (_, index) => ({
      article: `copy-${String(index).padStart(3, '0')}.txt`,
      block: block.id,
      lines: block.lines,
      similarity: index === 7 ? 0.71 : 1,
      span,
      otherSpan: span,
      earlier: index === 7
    }))
  }
  return report
}

describe('folding copies', () => {
  it('shows a paragraph’s best few links, the earlier copy first, and lists the others once', () => {
    const report = syndicated(83)
    const body = report.blocks.find((block) => block.role === 'body')!
    const ranked = rankedLinks(body, report.article.id)
    expect(ranked).toHaveLength(83)
    expect(ranked[0]!.article).toBe('copy-007.txt')
    expect(leadPartner(report)).toBe('copy-007.txt')
    expect(copiesOf(report)).toHaveLength(83)
    const page = renderArticlePage(report, links, agencyStyle(registry, Object.keys(report.summary.agencies)))
    expect(page).toContain(`and in <a href="#copies">${83 - SHOWN_LINKS} other articles</a>`)
    expect(page).toContain('<h2>Printed in 83 other articles</h2>')
    // Counted from the links even where the link step folded them: the fact names the 83, not the few a paragraph shows.
    expect(renderArticlePage({...report, summary: {...report.summary, reused: 0.97}}, links, agencyStyle(registry, []))).toContain(
      '<dt>Reused</dt><dd>97% of the body stands in other articles: in 83 of them</dd>'
    )
    expect(page.match(/also in <a/g)!.length).toBe(SHOWN_LINKS * report.blocks.filter((block) => block.role === 'body').length)
    expect(Buffer.byteLength(page)).toBeLessThan(200_000)
  })

  it('lists a large story’s first members on reuse.html and leaves the rest to its story page', () => {
    const ids = Array.from({length: 83}, (_, index) => `copy-${String(index).padStart(3, '0')}.txt`)
    const rows = ids.map((id) => ({id, title: `Judul ${id}`, outlet: 'Outlet', published: null, credits: [], shares: {}, similarity: {}}))
    const page = renderReusePage([ids, ids.slice(0, 3)], rows, {...links, storyOf: () => 'story/0123456789abcdef.html'}, agencyStyle(registry, []))
    expect(page).toContain(`<summary>The first ${MAX_LISTED} of 83 articles</summary>`)
    expect(page).toContain(`The other ${83 - MAX_LISTED} are listed on <a href="story/0123456789abcdef.html">the story page</a>`)
    expect(page).not.toContain('Judul copy-020.txt')
    expect(page).toContain('Story 2: 3 articles')
  })

  it('folds word-for-word copies of a story into one row and keeps edited ones apart', () => {
    const row = (id: string, credits: string[], similarity: Record<string, number>) => ({
      id,
      title: id,
      outlet: id,
      published: null,
      credits,
      shares: Object.fromEntries(Object.keys(similarity).map((other) => [other, 1])),
      similarity
    })
    const rows = [
      row('wire', ['anadolu'], {}),
      row('same-1', [], {wire: 1}),
      row('same-2', ['anadolu'], {wire: 1}),
      row('edited', [], {wire: 0.8}),
      row('far', [], {edited: 0.9})
    ]
    const story = storyOf(['wire', 'same-1', 'same-2', 'edited', 'far'], new Map(rows.map((item) => [item.id, item])))
    expect(story.exact.map((copy) => [copy.id, copy.credits])).toEqual([
      ['same-1', false],
      ['same-2', true]
    ])
    expect(story.edited.map((copy) => [copy.id, copy.changed])).toEqual([['edited', expect.closeTo(0.2, 5)]])
    expect(story.indirect.map((copy) => copy.id)).toEqual(['far'])
  })

  it('cuts a long outlet name on the timeline by character, never inside a surrogate pair', () => {
    // Mathematical bold letters lie outside the BMP: each is two UTF-16 code units.
    const astral = '𝐎𝐮𝐭𝐥𝐞𝐭'.repeat(5)
    const row = (id: string, outlet: string, similarity: Record<string, number>) => ({
      id,
      title: id,
      outlet,
      published: null,
      credits: [],
      shares: Object.fromEntries(Object.keys(similarity).map((other) => [other, 1])),
      similarity
    })
    const rows = [row('wire', 'Wire', {}), row('edited', astral, {wire: 0.8}), row('long', 'L'.repeat(45), {wire: 0.7})]
    const page = renderStoryPage(['wire', 'edited', 'long'], new Map(rows.map((item) => [item.id, item])), links, agencyStyle(registry, []))
    // 30 characters (60 code units) are shown whole; 45 are cut to 39 and an ellipsis.
    expect(page).toContain(`>${astral}</text>`)
    expect(page).toContain(`>${'L'.repeat(39)}…</text>`)
    expect(page).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
  })

  it('keeps the page of a story printed 1,500 times light: a hundred rows a table, the rest counted', () => {
    const title = 'Dmitry Peskov: Kunjungan Presiden Rusia Vladimir Putin ke Korea Utara dan Vietnam Intens Serta Produktif'
    const copy = (id: string, similarity: Record<string, number>, credits: string[] = []) => ({
      id,
      title: `${title} | ${id}`,
      outlet: `Outlet ${id}`,
      published: '2024-06-22T04:44:00+07:00',
      credits,
      shares: Object.fromEntries(Object.keys(similarity).map((other) => [other, 1])),
      similarity
    })
    const ids = Array.from({length: 1500}, (_, index) => `copy-${String(index).padStart(4, '0')}.txt`)
    const rows = [
      copy('wire.txt', {}, ['anadolu']),
      ...ids.map((id, index) => copy(id, index % 3 === 0 ? {'wire.txt': 1} : index % 3 === 1 ? {'wire.txt': 0.9} : {}))
    ]
    const page = renderStoryPage(
      ['wire.txt', ...ids],
      new Map(rows.map((row) => [row.id, row])),
      {...links, hasCompare: () => true},
      agencyStyle(registry, ['anadolu'])
    )
    expect(page).toContain(`<summary>500 word-for-word copies</summary>`)
    expect(page.match(/… and 400 more \(reuse\.json lists every article of the story\)/g)).toHaveLength(3)
    expect(page.match(/<tr>/g)).toHaveLength(3 + 1 + 3 * MAX_TABLE_ROWS)
    expect(page.length).toBeLessThan(200_000)
  })
})

describe('Markdown report', () => {
  it('puts the text first in a three-column table, names agencies, and gives one evidence line per source with its place', () => {
    const markdown = renderMarkdown(reportFor(readFileSync('seeds/002_756809b8681f022c.txt', 'utf8'), '002_756809b8681f022c.txt'))
    expect(markdown).toContain('| line | role | text |')
    expect(markdown).toContain('| 5 | body: Anadolu Agency, ANTARA | Juru bicara Kremlin')
    expect(markdown).toContain('- **Anadolu Agency** credit at line 31: “Sumber: Anadolu” `common/credit-line`; covers lines 5–29')
    expect(markdown.match(/^- \*\*ANTARA\*\*/gm)).toHaveLength(2)
    expect(markdown).toContain('**Names its agencies** yes, every agency it comes from')
  })

  it("says an agency's own site published the text, once for the paragraphs it covers, on both pages", () => {
    const text = readFileSync('test/fixtures/corpus2/212_ansa-notre-dame-incendio.txt', 'utf8')
    const report = reportFor(text, '212_ansa-notre-dame-incendio.txt', {url: 'http://www.ansa.it/sito/notizie/mondo/2019/04/15/x.html', from: 'sources.tsv:13'})
    expect(renderMarkdown(report)).toContain('- **ANSA** published it on its own site, `www.ansa.it` `attribute/own-site`; covers lines 1–5')
    expect(renderArticlePage(report, links, agencyStyle(registry, ['ansa']))).toContain(
      '<li>published on its own site <code>www.ansa.it</code> <span class="tag">attribute/own-site</span></li>'
    )
  })

  it('points agency evidence carried through shared text at the place the other report names the agency', () => {
    const copy = reportSchema.parse(JSON.parse(readFileSync('reports/000_0ff0c87b60d874fd.txt.json', 'utf8')))
    const markdown = renderMarkdown(copy)
    expect(markdown).toContain(
      '- **Anadolu Agency** through text shared with [001_fbe5a5956e437734.txt](001_fbe5a5956e437734.txt.md), which credits it ([where](001_fbe5a5956e437734.txt.md#agency-evidence)); covers lines 4–6'
    )
    expect(markdown.match(/through text shared with/g)).toHaveLength(1)
    const source = renderMarkdown(reportSchema.parse(JSON.parse(readFileSync('reports/001_fbe5a5956e437734.txt.json', 'utf8'))))
    expect(source).toMatch(/^## Agency evidence$/m)
  })

  it('links reuse to the other article’s Markdown report, relative to this one', () => {
    const markdown = renderMarkdown(syndicated(12))
    expect(markdown).toContain('## Shared with 12 other articles')
    expect(markdown).toContain('- [copy-000.txt](copy-000.txt.md): lines 4–')
    expect(markdown).toContain('and 2 more articles (all of them in the JSON report)')
    // A story the link step folded: its paragraphs carry a few links and count the 83 copies.
    const folded = syndicated(3)
    for (const block of folded.blocks) if (block.role === 'body') block.copies = 83
    const foldedMarkdown = renderMarkdown(folded)
    expect(foldedMarkdown).toContain('## Shared with 83 other articles')
    expect(foldedMarkdown).toContain('and 80 more articles (reuse.json lists them all)')
  })

  it('shows a very long article’s first lines and counts the rest, each table ending where the JSON report takes over', () => {
    const seed = readFileSync('seeds/002_756809b8681f022c.txt', 'utf8')
    // The seed again and again, each copy numbered so no line repeats another: more lines than a table shows.
    const copies = Array.from({length: 100}, (_, copy) =>
      seed
        .split('\n')
        .map((line) => (line.trim() ? `${line} (${copy})` : line))
        .join('\n')
    )
    const report = reportFor(copies.join('\n\n'), 'long.txt')
    expect(report.blocks.length).toBeGreaterThan(MAX_ROWS)
    const markdown = renderMarkdown(report)
    const tree = fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})
    const textTable = tree.children.find((node) => node.type === 'table')!
    expect(textTable.type === 'table' && textTable.children.length).toBe(MAX_ROWS + 1)
    expect(markdown).toContain(`… and ${(report.blocks.length - MAX_ROWS).toLocaleString('en')} more lines (all of them in the JSON report)`)
    // The text table ends at the line of block MAX_ROWS; the next block's line is not in it.
    const shownLines = textTable.type === 'table' ? textTable.children.slice(1).map((row) => textOf(row.children[0]!)) : []
    expect(shownLines.at(-1)).toBe(String(report.blocks[MAX_ROWS - 1]!.lines[0]))
    expect(shownLines).not.toContain(String(report.blocks[MAX_ROWS]!.lines[0]))
  })

  it('shows every line of an article shorter than the cut, with no count under the table', () => {
    const markdown = renderMarkdown(reportFor(readFileSync('seeds/002_756809b8681f022c.txt', 'utf8'), '002_756809b8681f022c.txt'))
    expect(markdown).not.toMatch(/more lines \(all of them/)
  })

  it('keeps hostile article text as text', () => {
    const markdown = renderMarkdown(
      reportFor(
        'Judul <script>alert(1)</script> | [x](javascript:alert(2))\n\nIsi berita yang panjang dengan <img src=x onerror=alert(3)> di tengahnya, cukup panjang untuk jadi paragraf.'
      )
    )
    const tree = fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})
    const kinds = new Set<string>()
    visit(tree, (node) => {
      kinds.add(node.type)
    })
    expect(kinds.has('table')).toBe(true)
    expect(kinds.has('html')).toBe(false)
    expect(kinds.has('link')).toBe(false)
    expect(textOf(tree)).toContain('<img src=x onerror=alert(3)>')
  })
})

describe('translations', () => {
  const ENGLISH = '302_thesun-viral-message-us-sanctions-fake-fahmi.txt'
  const ARABIC = '303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt'
  const MALAY = '301_bernama-bm-mesej-tular-sekatan-palsu-fahmi.txt'
  const reports = new Map<string, Report>()
  beforeAll(async () => {
    // One story in three languages (test/fixtures/xlang): the run's translation pass links the paragraphs.
    const run = await runCorpus({inputs: [MALAY, ENGLISH, ARABIC].map((name) => `test/fixtures/xlang/${name}`)})
    for (const article of run.articles) reports.set(article.report!.article.id, article.report!)
  }, 120_000)
  const english = () => reports.get(ENGLISH)!
  const arabic = () => reports.get(ARABIC)!
  const siteLinks: SiteLinks = {...links, hasCompare: () => true, languageOf: (id) => reports.get(id)?.article.language ?? null}

  it('names each paragraph’s translations on the article page: language, score, what it matched on, side by side', () => {
    const report = english()
    const first = report.blocks.find((block) => block.lines[0] === 1)!
    expect(
      rankedTranslations(first)
        .map((link) => link.article)
        .sort()
    ).toEqual([MALAY, ARABIC])
    expect(translationPartners(report, 1)).toHaveLength(1)
    const page = renderArticlePage(report, siteLinks, agencyStyle(registry, []))
    expect(page).toMatch(/<dt>Translated<\/dt><dd>\d+% of the body has a translation/)
    expect(page).toContain('<span class="tag">translation, ar</span> in <a href="303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt.html#b4">')
    expect(page).toContain('<bdi>Malaysia</bdi> = <bdi>ماليزيا</bdi>')
    expect(page).toContain('<span class="tag">translation, zlm</span>')
    expect(page.match(/class="translation"/g)!.length).toBeGreaterThanOrEqual(first.translations.length)
    expect(page).toMatch(/<a class="compare" href="compare\/[0-9a-f]{16}\.html">side by side<\/a>/)
  })

  it('sets each paragraph beside its translation, each in its own direction, the matched names marked on both sides', () => {
    const page = renderComparePage(english(), arabic(), siteLinks, agencyStyle(registry, []))
    const linked = new Set(english().blocks.flatMap((block) => block.translations.filter((link) => link.article === ARABIC).map((link) => `${link.span}`)))
    expect(page.match(/<section class="passage translation"/g)).toHaveLength(linked.size)
    expect(page).toContain('<div class="side right" dir="rtl">قال وزير الاتصالات <mark class="anchor" title="matched name">فهمي</mark>')
    expect(page).toContain('<mark class="anchor" title="matched name">Malaysia</mark>')
    expect(page).toContain('<p class="side-label">Translation</p>')
    expect(page).not.toContain('<del')
  })

  it('marks an anchor where it stands as a word, not inside another word', () => {
    const marked = toHtml(markedAnchors('Xavier posted on X today', [{kind: 'name', text: 'X'}]))
    expect(marked).toBe('Xavier posted on <mark class="anchor" title="matched name">X</mark> today')
    expect(toHtml(markedAnchors('沈阳市发布', [{kind: 'name', text: '沈阳'}]))).toBe('<mark class="anchor" title="matched name">沈阳</mark>市发布')
    expect(toHtml(markedAnchors('no such name', [{kind: 'name', text: 'Fahmi'}]))).toBe('no such name')
  })

  it('puts the translations in the Markdown report, paragraph beside paragraph, linked to the other report', () => {
    const markdown = renderMarkdown(english(), {otherReport: (id) => reports.get(id)})
    expect(markdown).toContain('## Translated in 2 other articles')
    expect(markdown).toContain(`### [${ARABIC}](${ARABIC}.md) (ar)`)
    expect(markdown).toContain('| lines | this article | translation (ar) | matched |')
    expect(markdown).toMatch(/\| 1 ↔ 4 \| KUALA LUMPUR: The viral message .* \| قال وزير الاتصالات .* \| 0\.\d\d, on Malaysia = ماليزيا, /)
    // Without the other report at hand, the link still says where its paragraph is.
    expect(renderMarkdown(english())).toMatch(/\| 1 ↔ 4 \| KUALA LUMPUR: .* \| line 4 of its report \|/)
    expect(renderMarkdown(reportFor(readFileSync('seeds/002_756809b8681f022c.txt', 'utf8')))).not.toContain('Translated in')
  })
})
