/**
 * The HTML reports in a real browser: Debian's Chromium, headless, driven
 * by playwright-core. Pages open from disk (file://) with no server; the
 * test reads what a reader sees, follows a reuse link, sorts and filters
 * the index, and saves screenshots to test/.artifacts/ for a person to look
 * at. Outside CI it is skipped when /usr/bin/chromium is missing; in CI
 * (CI=true) it must run.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type BrowserContext, type Page} from 'playwright-core'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {toHtml} from 'hast-util-to-html'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {toHast} from 'mdast-util-to-hast'
import {gfm} from 'micromark-extension-gfm'
import {loadAgencies} from '../pipeline/agencies.ts'
import {agencyStyle} from '../render/html/colors.ts'
import {FILE_ROWS, renderIndexPages, type IndexRow} from '../render/html/index-page.ts'
import {articlePagePath} from '../render/html/links.ts'
import {readReport, writeHtmlSite} from '../render/html/site.ts'
import {runCorpus} from '../run/run.ts'
import {HOSTILE, HOSTILE_NAME} from './html-hostile.ts'
import {writeSyndicated} from '../bench/syndicated.ts'

/**
 * Stories and copies of the syndicated corpus (the bench's generator, half
 * the outlets printing word for word, the first story an Arabic one): the
 * 2,000 articles of 25 stories each printed by 80 outlets, the corpus the
 * pages must hold at. `WIRETRACE_SYNDICATED=10x20` builds a smaller one
 * (200 articles) for a quick look.
 */
const [SYNDICATED_STORIES, SYNDICATED_COPIES] = (process.env.WIRETRACE_SYNDICATED ?? '25x80').split('x').map(Number) as [number, number]
/** The Arabic story, printed first: its copies are `000-NNN.txt`. */
const ARABIC_STORY = 'test/fixtures/corpus/028_almadenah-peskov-referendum-anadolu-ar.txt'
/** What a page of the syndicated corpus may weigh, whatever the size of its story or of the corpus. */
const MAX_PAGE_BYTES = 200_000

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = resolve('test/.artifacts')
const mustRun = process.env.CI === 'true'
const available = existsSync(CHROMIUM)
if (!available && !mustRun)
  console.warn(`html-browser: skipped, ${CHROMIUM} is missing (apt-get install chromium); with CI=true this test runs and fails instead`)

describe.skipIf(!available && !mustRun)('HTML reports in headless Chromium', () => {
  let out: string
  let context: BrowserContext
  const problems: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-browser-'))
    for (const name of readdirSync('seeds')) copyFileSync(join('seeds', name), join(dir, name))
    mkdirSync(join(dir, 'nested'))
    writeFileSync(join(dir, 'nested', HOSTILE_NAME), HOSTILE)
    out = `${dir}-reports`
    const result = await runCorpus({inputs: [dir], out, index: `${dir}.sqlite`, retain: false})
    writeHtmlSite(
      out,
      result.articles.map((article) => article.input.relative),
      (id) => readReport(out, id)
    )
    mkdirSync(ARTIFACTS, {recursive: true})
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'wiretrace-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ],
      viewport: {width: 1280, height: 900}
    })
    context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`)
    })
    context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
    context.on('request', (request) => requests.push(request.url()))
    context.on('dialog', (dialog) => problems.push(`dialog: ${dialog.message()}`))
  })

  beforeEach(() => {
    problems.length = 0
  })

  afterAll(async () => {
    await context?.close()
  })

  async function open(path: string, root = out): Promise<Page> {
    const page = await context.newPage()
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      return dialog.dismiss()
    })
    await page.goto(pathToFileURL(join(root, path)).href)
    return page
  }

  it('shows every article in the index, sorts it and filters it, with no console errors', async () => {
    const page = await open('index.html')
    await expect(page.getByRole('heading', {level: 1}).textContent()).resolves.toBe('Where the text comes from')
    const rows = page.locator('table.articles tbody tr')
    expect(await rows.count()).toBe(6)
    expect(await rows.first().locator('td').first().innerText()).toContain('Dmitry Peskov: Kunjungan Presiden Rusia')
    await page.screenshot({path: join(ARTIFACTS, 'html-index.png'), fullPage: true})

    const reused = page.locator('button[data-key="reused"]')
    await reused.click()
    await reused.click()
    expect(await page.locator('th:has(button:text-is("Reused"))').getAttribute('aria-sort')).toBe('descending')
    expect(await rows.first().locator('td').nth(1).innerText()).toBe('Orbit Indonesia')
    expect(await rows.first().locator('td').nth(5).innerText()).toMatch(/^9\d%$/)

    await page.getByLabel('Filter').fill('antara')
    await expect.poll(() => page.getByRole('status').innerText()).toBe('1\u20131 of 1 (filtered from 6)')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().locator('td').nth(1).innerText()).toBe('Rakyat News (aggregator)')
    expect(problems).toEqual([])
  })

  it('pages through a large index a hundred rows at a time, reading its data files only when it needs them', async () => {
    const many: IndexRow[] = Array.from(
      {length: 1250},
      (_, index): IndexRow => ({
        id: `corpus/${String(index).padStart(4, '0')}.txt`,
        path: `corpus/${String(index).padStart(4, '0')}.txt`,
        title: `Artikel nomor ${index}`,
        outlet: `Outlet ${index % 7}`,
        published: null,
        agencies: index % 2 ? {anadolu: 1} : {},
        credited: index % 2 ? false : null,
        reused: index / 1250,
        uncredited: null
      })
    )
    const site = mkdtempSync(join(tmpdir(), 'wiretrace-index-'))
    const files = renderIndexPages(many, {reuseClusters: 0, style: agencyStyle(loadAgencies(), ['anadolu'])})
    expect(files.map((file) => file.path)).toEqual(['index.html', 'index-rows/1.js', 'index-rows/2.js', 'index-rows/3.js', 'index-rows/4.js'])
    for (const file of files) {
      mkdirSync(dirname(join(site, file.path)), {recursive: true})
      writeFileSync(join(site, file.path), file.text)
    }
    const read: string[] = []
    const page = await context.newPage()
    page.on('request', (request) => read.push(request.url().split('/').slice(-2).join('/')))
    await page.goto(pathToFileURL(join(site, 'index.html')).href)
    expect(await page.getByRole('status').innerText()).toBe('1\u2013100 of 1250')
    expect(await page.locator('table.articles tbody tr').count()).toBe(100)
    for (let step = 0; step < 5; step++) await page.getByRole('button', {name: 'Next 100'}).click()
    await expect.poll(() => page.getByRole('status').innerText()).toBe('501\u2013600 of 1250')
    expect(await page.locator('table.articles tbody tr').first().locator('td').first().innerText()).toContain('Artikel nomor 500')
    // The page held the first 250 rows; the sixth page (and the next one) needed the first two data files and no more.
    expect(read.filter((name) => name.startsWith('index-rows/'))).toEqual(['index-rows/1.js', 'index-rows/2.js'])
    await page.locator('button[data-key="reused"]').click()
    await page.locator('button[data-key="reused"]').click()
    await expect.poll(() => page.locator('table.articles tbody tr').first().locator('td').first().innerText()).toContain('Artikel nomor 1249')
    expect(read.filter((name) => name.startsWith('index-rows/'))).toEqual(['index-rows/1.js', 'index-rows/2.js', 'index-rows/3.js', 'index-rows/4.js'])
    expect(await page.getByRole('status').innerText()).toBe('1\u2013100 of 1250')
    await page.getByLabel('Filter').fill('nomor 1207')
    await expect.poll(() => page.getByRole('status').innerText()).toBe('1\u20131 of 1 (filtered from 1250)')
    expect(problems).toEqual([])
  })

  it('shows an article: boilerplate struck through, agencies named, reuse highlighted and linked to the paragraph it came from', async () => {
    const page = await open('000_0ff0c87b60d874fd.txt.html')
    expect(await page.locator('del').filter({hasText: 'Baca Juga: Mesra dengan Xi Jinping'}).isVisible()).toBe(true)
    expect(await page.locator('#b4 .notes').innerText()).toMatch(/uncredited reuse\s+Anadolu Agency origin/)
    expect(await page.locator('mark').count()).toBeGreaterThan(5)
    expect(await page.locator('.facts').innerText()).toMatch(/Names its agencies\s+no it never names Anadolu Agency/)
    expect(await page.locator('.facts').innerText()).toMatch(/Reused without credit\s+9\d% of the body/)
    expect(await page.locator('.agency-legend').innerText()).toBe('Anadolu Agency')
    expect(await page.locator('html').getAttribute('lang')).toBe('id')
    await page.screenshot({path: join(ARTIFACTS, 'html-article.png'), fullPage: true})

    await page.locator('#b4 a.reuse').first().click()
    await page.waitForURL(/001_fbe5a5956e437734\.txt\.html#b23$/)
    expect(await page.evaluate("document.querySelector(':target')?.id")).toBe('b23')
    expect(await page.locator('#b23 .text').innerText()).toContain('Kunjungan kenegaraan Presiden Rusia Vladimir Putin')
    await page.screenshot({path: join(ARTIFACTS, 'html-article-target.png')})
    expect(problems).toEqual([])
  })

  it('shows the corpus view of shared text', async () => {
    const page = await open('reuse.html')
    expect(await page.locator('.cluster h3').innerText()).toBe('Story 1: 2 articles from 2 outlets')
    expect(await page.locator('.matrix td[title]').count()).toBe(2)
    await page.screenshot({path: join(ARTIFACTS, 'html-reuse.png'), fullPage: true})
    expect(problems).toEqual([])
  })

  it('shows a hostile article as text: its markup neither runs nor renders', async () => {
    const page = await open(`nested/${HOSTILE_NAME}.html`)
    const text = await page.locator('ol.lines').innerText()
    expect(text).toContain('<script>window.pwned = 1</script> Judul berita yang <b>berbahaya</b>')
    expect(text).toContain('<img src=x onerror="window.pwned = 2">')
    expect(await page.evaluate('window.pwned')).toBeUndefined()
    expect(await page.locator('img, ol.lines script, ol.lines b, h1').count()).toBe(1)
    await page.screenshot({path: join(ARTIFACTS, 'html-hostile.png'), fullPage: true})
    expect(problems).toEqual([])
    // Everything came from disk: no page asked any server for anything.
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
  })

  it('opens the two passages side by side from either article, and the story of the seeds', async () => {
    const page = await open('000_0ff0c87b60d874fd.txt.html')
    await page.locator('#b4 a.compare').first().click()
    await page.waitForURL(/compare\/[0-9a-f]{16}\.html$/)
    expect(await page.locator('.side-head h2').count()).toBe(2)
    const first = page.locator('.passage').first()
    expect(await first.locator('.side.left').innerText()).toContain('Kunjungan kenegaraan Presiden Rusia Vladimir Putin')
    expect(await first.locator('.side.right').innerText()).toContain('Kunjungan kenegaraan Presiden Rusia Vladimir Putin')
    await page.screenshot({path: join(ARTIFACTS, 'html-compare-seeds.png'), fullPage: true})
    const source = await open('001_fbe5a5956e437734.txt.html')
    expect(await source.locator('a.compare').count()).toBeGreaterThan(0)
    const reuse = await open('reuse.html')
    await reuse.locator('a.story-link').click()
    await reuse.waitForURL(/story\/[0-9a-f]{16}\.html$/)
    expect(await reuse.locator('svg.timeline circle').count()).toBe(2)
    expect(await reuse.locator('.agency-legend').innerText()).toBe('Anadolu Agency')
    await reuse.screenshot({path: join(ARTIFACTS, 'html-story-seeds.png'), fullPage: true})
    expect(problems).toEqual([])
  })

  it('renders the Markdown report of a seed with its text in view at GitHub’s width', async () => {
    writeFileSync(join(out, 'markdown-002.html'), asGitHubRendersIt(readFileSync(join(out, '002_756809b8681f022c.txt.md'), 'utf8')))
    const page = await open('markdown-002.html')
    await page.setViewportSize({width: 1012, height: 900})
    const table = page.locator('table').first()
    expect(await table.locator('th').allInnerTexts()).toEqual(['line', 'role', 'text'])
    const cell = table.locator('tr').filter({hasText: 'Juru bicara Kremlin'}).locator('td').nth(2)
    const box = (await cell.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(1012)
    expect(box.width).toBeGreaterThan(500)
    expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
    await page.screenshot({path: join(ARTIFACTS, 'markdown-github-width.png'), fullPage: true})
  })

  it('works from the keyboard, and never says anything by colour alone', async () => {
    const page = await open('index.html')
    // Tab from the top of the page reaches the sort buttons; Enter sorts, and the header says how.
    let focused = ''
    for (let step = 0; step < 30 && focused !== 'reused'; step++) {
      await page.keyboard.press('Tab')
      focused = (await page.evaluate("document.activeElement?.getAttribute('data-key') ?? ''")) as string
    }
    expect(focused).toBe('reused')
    const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string
    expect(outline).not.toBe('none')
    await page.keyboard.press('Enter')
    expect(await page.locator('th:has(button:text-is("Reused"))').getAttribute('aria-sort')).toBe('ascending')
    await page.getByLabel('Filter').focus()
    await page.keyboard.type('antara')
    await expect.poll(() => page.getByRole('status').innerText()).toBe('1\u20131 of 1 (filtered from 6)')

    const article = await open('000_0ff0c87b60d874fd.txt.html')
    // Every colour swatch stands beside the agency's name.
    const swatches = await article.locator('.swatch').evaluateAll((all) => all.map((swatch) => swatch.parentElement?.textContent?.trim() ?? ''))
    expect(swatches.length).toBeGreaterThan(0)
    expect(swatches.filter((label) => label === '')).toEqual([])
    // A reused passage is a link the keyboard reaches and follows.
    await article.locator('#b4 a.reuse').first().focus()
    await article.keyboard.press('Enter')
    await article.waitForURL(/001_fbe5a5956e437734\.txt\.html#b23$/)
    const story = await open('reuse.html')
    await story.locator('a.story-link').focus()
    await story.keyboard.press('Enter')
    await story.waitForURL(/story\/[0-9a-f]{16}\.html$/)
    expect(await story.locator('svg.timeline').getAttribute('role')).toBe('img')
    expect(await story.locator('svg.timeline').getAttribute('aria-label')).toMatch(/^Timeline: /)
    expect(problems).toEqual([])
  })

  describe('translations', () => {
    let site: string
    beforeAll(async () => {
      site = await buildSite(
        [
          '301_bernama-bm-mesej-tular-sekatan-palsu-fahmi.txt',
          '302_thesun-viral-message-us-sanctions-fake-fahmi.txt',
          '303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt'
        ].map((name) => join('test/fixtures/xlang', name))
      )
    })

    it('opens a paragraph beside its translation from either article, the Arabic side right to left, the matched names marked on both sides', async () => {
      const page = await open('302_thesun-viral-message-us-sanctions-fake-fahmi.txt.html', site)
      const note = page.locator('li.translation').filter({hasText: 'translation, ar'}).first()
      expect(await note.innerText()).toMatch(/^translation, ar in 303_samapost-ar-fahmi-us-sanctions-fake-thesun\.txt, line \d+ \(score 0\.\d\d; /)
      await page.screenshot({path: join(ARTIFACTS, 'html-article-translated.png')})
      await note.locator('a.compare').click()
      await page.waitForURL(/compare\/[0-9a-f]{16}\.html$/)
      const pairs = page.locator('section.passage.translation')
      expect(await pairs.count()).toBeGreaterThan(2)
      const first = pairs.first()
      expect(await first.locator('.side.left').innerText()).toContain('The viral message claiming that Malaysia')
      expect(await first.locator('.side.right').getAttribute('dir')).toBe('rtl')
      expect(await first.locator('.side.right mark.anchor').allInnerTexts()).toContain('ماليزيا')
      expect(await first.locator('.side.left mark.anchor').allInnerTexts()).toContain('Malaysia')
      // Right to left: the Arabic paragraph starts at the right edge of its column.
      const column = (await first.locator('.side.right').boundingBox())!
      const textRight = (await page.evaluate(
        `(() => { const range = document.createRange(); range.selectNodeContents(document.querySelector('section.translation .side.right')); return range.getClientRects()[0].right })()`
      )) as number
      expect(textRight).toBeGreaterThan(column.x + column.width - 24)
      await page.screenshot({path: join(ARTIFACTS, 'html-compare-translation.png'), fullPage: true})
      const arabic = await open('303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt.html', site)
      expect(await arabic.locator('li.translation a.compare').count()).toBeGreaterThan(0)
      expect(problems).toEqual([])
    })

    it('shows the translations of the Markdown report paragraph beside paragraph at GitHub’s width', async () => {
      writeFileSync(
        join(site, 'markdown-302.html'),
        asGitHubRendersIt(readFileSync(join(site, '302_thesun-viral-message-us-sanctions-fake-fahmi.txt.md'), 'utf8'))
      )
      const page = await open('markdown-302.html', site)
      await page.setViewportSize({width: 1012, height: 900})
      const table = page.locator('h3:has-text("303_samapost") + table')
      expect(await table.locator('th').allInnerTexts()).toEqual(['lines', 'this article', 'translation (ar)', 'matched'])
      const cell = table.locator('tr').filter({hasText: 'KUALA LUMPUR: The viral message'}).locator('td').nth(2)
      expect(await cell.innerText()).toContain('ماليزيا')
      const box = (await cell.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(1012)
      expect(await table.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
      await page.screenshot({path: join(ARTIFACTS, 'markdown-translations-github-width.png'), fullPage: true})
    })
  })

  describe('the shared corpus', () => {
    let corpus: string
    beforeAll(async () => {
      corpus = await buildSite(
        readdirSync('test/fixtures/corpus')
          .filter((name) => name.endsWith('.txt'))
          .map((name) => join('test/fixtures/corpus', name))
      )
    })

    it('sets the language and reads Arabic lines right to left', async () => {
      const page = await open('028_almadenah-peskov-referendum-anadolu-ar.txt.html', corpus)
      expect(await page.locator('html').getAttribute('lang')).toBe('ar')
      const lines = page.locator('ol.lines .text[dir="rtl"]')
      expect(await lines.count()).toBeGreaterThan(3)
      const box = (await lines.first().boundingBox())!
      // Where the text itself ends on the line: flush right for a right-to-left line.
      const text = (await page.evaluate(
        `(() => { const range = document.createRange(); range.selectNodeContents(document.querySelector('ol.lines .text[dir="rtl"]')); return range.getBoundingClientRect().right })()`
      )) as number
      expect(text).toBeGreaterThan(box.x + box.width - 4)
      await page.screenshot({path: join(ARTIFACTS, 'html-article-arabic.png'), fullPage: true})
      expect(problems).toEqual([])
    })

    it('marks the words an edited copy changed, beside the first text', async () => {
      const reuse = await open('reuse.html', corpus)
      const stories = await reuse.locator('a.story-link').count()
      expect(stories).toBeGreaterThan(3)
      let shown = false
      for (const href of await hrefs(reuse, 'a.story-link')) {
        const story = await context.newPage()
        await story.goto(href)
        for (const compare of await hrefs(story, 'table.story a[href*="compare/"]')) {
          const page = await context.newPage()
          await page.goto(compare)
          if ((await page.locator('.side.right ins').count()) > 0 && (await page.locator('.side.left del').count()) > 0) {
            expect(await page.locator('.side.left').count()).toBe(await page.locator('.side.right').count())
            await page.screenshot({path: join(ARTIFACTS, 'html-compare-edited.png'), fullPage: true})
            shown = true
            break
          }
        }
        if (shown) break
      }
      expect(shown).toBe(true)
      expect(problems).toEqual([])
    })
  })

  describe(`a syndicated corpus of ${(SYNDICATED_STORIES * SYNDICATED_COPIES).toLocaleString('en')} articles`, () => {
    let big: string
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wiretrace-syndicated-'))
      const {syndicated} = writeSyndicated(resolve('.'), dir, SYNDICATED_STORIES, SYNDICATED_COPIES, {wordForWord: 0.5, first: [ARABIC_STORY]})
      big = await buildSite([syndicated], 2)
    }, 1_800_000)

    it(`keeps every page under ${MAX_PAGE_BYTES / 1000} KB, however many copies a story has and however large the corpus`, () => {
      // Article, side-by-side and story pages grow with a story's copies unless folded; reuse.html with the stories; index.html with the corpus unless paged.
      const pages = htmlFiles(big).map((path) => ({path, bytes: statSync(path).size}))
      const kinds = new Map<string, Array<{path: string; bytes: number}>>()
      for (const page of pages) {
        const name = relative(big, page.path)
        const kind =
          name === 'index.html' || name === 'reuse.html' ? name : name.startsWith('story/') ? 'story' : name.startsWith('compare/') ? 'compare' : 'article'
        kinds.set(kind, [...(kinds.get(kind) ?? []), page])
      }
      expect([...kinds.keys()].sort()).toEqual(['article', 'compare', 'index.html', 'reuse.html', 'story'])
      expect(kinds.get('article')).toHaveLength(SYNDICATED_STORIES * SYNDICATED_COPIES)
      expect(kinds.get('story')!.length).toBeGreaterThan(SYNDICATED_STORIES / 2)
      expect(kinds.get('compare')!.length).toBeGreaterThan((SYNDICATED_STORIES * SYNDICATED_COPIES) / 2)
      for (const [kind, list] of kinds) {
        const heaviest = list.reduce((a, b) => (b.bytes > a.bytes ? b : a))
        expect(heaviest.bytes, `${kind}: ${heaviest.path}`).toBeLessThanOrEqual(MAX_PAGE_BYTES)
      }
      // The index page holds the first rows; the others are in data files, each as light.
      const rowFiles = existsSync(join(big, 'index-rows')) ? readdirSync(join(big, 'index-rows')) : []
      expect(rowFiles).toHaveLength(Math.ceil((SYNDICATED_STORIES * SYNDICATED_COPIES) / FILE_ROWS) - 1)
      for (const name of rowFiles) expect(statSync(join(big, 'index-rows', name)).size, name).toBeLessThanOrEqual(MAX_PAGE_BYTES)
    })

    it('shows a copy of the Arabic story right to left, its copies folded, its agency in the legend, and beside the text it copies', async () => {
      const page = await open(articlePagePath('000-005.txt'), big)
      expect(await page.locator('html').getAttribute('lang')).toBe('ar')
      expect(await page.locator('ol.lines .text[dir="rtl"]').count()).toBeGreaterThan(3)
      expect(await page.locator('.agency-legend').innerText()).toContain('Anadolu Agency')
      expect(await page.locator('li.folded').count()).toBeGreaterThan(0)
      expect(await page.locator('li.folded').first().innerText()).toMatch(/^and in \d+ other articles$/)
      expect(await page.locator('#copies h2').innerText()).toMatch(/^Printed in \d+ other articles$/)
      expect(await page.locator('#copies details').getAttribute('open')).toBeNull()
      await page.screenshot({path: join(ARTIFACTS, 'html-article-2000.png')})
      await page.locator('a.compare').first().click()
      await page.waitForURL(/compare\/[0-9a-f]{16}\.html$/)
      const passages = page.locator('section.passage')
      expect(await passages.count()).toBeGreaterThan(3)
      expect(await page.locator('.side.left').count()).toBe(await passages.count())
      expect(await page.locator('.side.right').count()).toBe(await passages.count())
      expect(await passages.first().locator('.side.left').getAttribute('dir')).toBe('rtl')
      expect(await passages.first().locator('.side.right').innerText()).toContain((await passages.first().locator('.side.left').innerText()).slice(0, 20))
      await page.screenshot({path: join(ARTIFACTS, 'html-compare-2000.png'), fullPage: true})
      expect(problems).toEqual([])
    })

    it('lists the whole corpus on index.html a page at a time, the rest read from its data files when asked for', async () => {
      const page = await open('index.html', big)
      const total = SYNDICATED_STORIES * SYNDICATED_COPIES
      expect(await page.getByRole('status').innerText()).toBe(`1\u2013100 of ${total}`)
      const last = `${String(SYNDICATED_STORIES - 1).padStart(3, '0')}-${String(SYNDICATED_COPIES - 1).padStart(3, '0')}.txt`
      await page.getByLabel('Filter').fill(last)
      await expect.poll(() => page.getByRole('status').innerText()).toBe(`1\u20131 of 1 (filtered from ${total})`)
      expect(await page.locator('table.articles tbody tr .path').innerText()).toMatch(new RegExp(`/${last.replace('.', '\\.')}$`))
      await page.screenshot({path: join(ARTIFACTS, 'html-index-2000.png')})
      expect(problems).toEqual([])
    })

    it('shows every story on reuse.html, the large ones folded, and each story’s spread with word-for-word copies in one row', async () => {
      const reuse = await open('reuse.html', big)
      // Real articles that share text with each other make one story of their copies.
      const sizes = (await reuse.locator('section.cluster h3').allInnerTexts()).map((heading) => Number(/^Story \d+: (\d+) articles/.exec(heading)![1]))
      expect(sizes.length).toBeGreaterThan(SYNDICATED_STORIES / 2)
      // Every article is in a story or counted among those sharing nothing (a shingle in more than 100 articles is too common to link on).
      const alone = Number((/; ([\d,]+) articles? shares? none/.exec(await reuse.locator('main, body').first().innerText())![1] ?? '').replace(/,/g, ''))
      expect(sizes.reduce((sum, size) => sum + size, 0) + alone).toBe(SYNDICATED_STORIES * SYNDICATED_COPIES)
      expect(alone).toBeLessThan(SYNDICATED_COPIES * 2)
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(SYNDICATED_COPIES)
      expect(await reuse.locator('section.cluster details').count()).toBe(sizes.length)
      expect(await reuse.locator('table.matrix').count()).toBe(0)
      await reuse.screenshot({path: join(ARTIFACTS, 'html-reuse-2000.png')})
      // The largest story: its word-for-word copies are one row, and one dot with their count where dates do not separate them.
      const largest = await context.newPage()
      await largest.goto((await hrefs(reuse, 'a.story-link'))[0]!)
      const exact = Number(/^(\d+) word-for-word copies$/.exec(await largest.locator('details.exact summary').innerText())![1])
      expect(exact).toBeGreaterThan(SYNDICATED_COPIES / 4)
      const labels = await largest.locator('svg.timeline text').allTextContents()
      expect(labels).toContain(`${exact} word-for-word copies`)
      expect(labels).toContain(`×${exact}`)
      await largest.screenshot({path: join(ARTIFACTS, 'html-story-2000.png'), fullPage: true})
      // The Arabic story: its copies and nothing else, credited to Anadolu Agency.
      const arabic = reuse.locator('section.cluster').filter({has: reuse.locator('a[title^="000-"]')})
      expect(await arabic.count()).toBe(1)
      expect(await arabic.locator('h3').innerText()).toMatch(new RegExp(`^Story \\d+: ${SYNDICATED_COPIES} articles`))
      await arabic.locator('a.story-link').click()
      await reuse.waitForURL(/story\/[0-9a-f]{16}\.html$/)
      expect(await reuse.locator('h1').getAttribute('dir')).toBe('auto')
      expect(await reuse.locator('.agency-legend').innerText()).toContain('Anadolu Agency')
      expect(await reuse.locator('table.story tbody tr').first().locator('td').nth(3).innerText()).toBe('credits it')
      expect(await reuse.locator('svg.timeline circle').count()).toBeGreaterThan(2)
      await reuse.screenshot({path: join(ARTIFACTS, 'html-story-arabic-2000.png'), fullPage: true})
      const firstText = (await reuse.locator('table.story tbody tr').first().locator('td a').first().getAttribute('href'))!.split('/').pop()
      // From the story, an edited copy beside the first text, right to left: the word one of them lacks is marked, dropped on the left or inserted on the right.
      await reuse.locator('table.story tr').filter({hasText: 'edited'}).locator('a', {hasText: 'side by side'}).first().click()
      await reuse.waitForURL(/compare\/[0-9a-f]{16}\.html$/)
      expect(await reuse.locator('.side.left del, .side.right ins').count()).toBeGreaterThan(0)
      expect(await reuse.locator('.side.left').first().getAttribute('dir')).toBe('rtl')
      // The side-by-side page calls the same article the first text as the story does.
      expect((await reuse.locator('.side-head').first().locator('h2 a').getAttribute('href'))!.split('/').pop()).toBe(firstText)
      await reuse.screenshot({path: join(ARTIFACTS, 'html-compare-edited-2000.png'), fullPage: true})
      expect(problems).toEqual([])
    })
  })
})

/** A Markdown report as GitHub shows a rendered file: GFM, in a 1012-pixel column whose tables scroll rather than overflow. */
function asGitHubRendersIt(markdown: string): string {
  const body = toHtml(toHast(fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]})))
  const style =
    'body { margin: 0; font: 16px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; } article { box-sizing: border-box; width: 1012px; padding: 32px; } table { display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0; border-collapse: collapse; } td, th { padding: 6px 13px; border: 1px solid #d1d9e0; }'
  return `<!doctype html><html lang="en"><meta charset="utf-8"><style>${style}</style><article>${body}</article></html>`
}

/** Every HTML file under a folder. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The absolute addresses of the links a selector finds. */
async function hrefs(page: Page, selector: string): Promise<string[]> {
  const relative = await page.locator(selector).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  return relative.map((href) => new URL(href, page.url()).href)
}

/** Runs the pipeline over `inputs` into a fresh folder and writes the HTML site there. */
async function buildSite(inputs: string[], workers = 1): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-site-'))
  const result = await runCorpus({inputs, out: dir, index: `${dir}.sqlite`, retain: false, workers})
  writeHtmlSite(
    dir,
    result.articles.filter((article) => article.written.length > 0).map((article) => article.input.relative),
    (id) => readReport(dir, id)
  )
  return dir
}
