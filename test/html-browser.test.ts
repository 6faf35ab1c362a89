/**
 * The HTML reports in a real browser: Debian's Chromium, headless, driven
 * by playwright-core. Pages open from disk (file://) with no server; the
 * test reads what a reader sees, follows a reuse link, sorts and filters
 * the index, and saves screenshots to test/.artifacts/ for a person to look
 * at. Outside CI it is skipped when /usr/bin/chromium is missing; in CI
 * (CI=true) it must run.
 */
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type BrowserContext, type Page} from 'playwright-core'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {renderIndexPage, type IndexRow} from '../lib/html/index-page.ts'
import {readReport, writeHtmlSite} from '../lib/html/site.ts'
import {runCorpus} from '../lib/run.ts'
import {HOSTILE, HOSTILE_NAME} from './html-hostile.ts'

const CHROMIUM = '/usr/bin/chromium'
const ARTIFACTS = resolve('test/.artifacts')
const mustRun = process.env.CI === 'true'
const available = existsSync(CHROMIUM)
if (!available && !mustRun) console.warn(`html-browser: skipped, ${CHROMIUM} is missing (apt-get install chromium); with CI=true this test runs and fails instead`)

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
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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

  async function open(path: string): Promise<Page> {
    const page = await context.newPage()
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      return dialog.dismiss()
    })
    await page.goto(pathToFileURL(join(out, path)).href)
    return page
  }

  it('shows every article in the index, sorts it and filters it, with no console errors', async () => {
    const page = await open('index.html')
    await expect(page.getByRole('heading', {level: 1}).textContent()).resolves.toBe('Where the text comes from')
    const rows = page.locator('table.articles tbody tr')
    expect(await rows.count()).toBe(6)
    expect(await rows.first().locator('td').first().innerText()).toContain('Dmitry Peskov: Kunjungan Presiden Rusia')
    await page.screenshot({path: join(ARTIFACTS, 'html-index.png'), fullPage: true})

    const reused = page.getByRole('button', {name: 'Reused'})
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

  it('pages through a large index a hundred rows at a time', async () => {
    const many = Array.from({length: 250}, (_, index): IndexRow => ({
      id: `corpus/${String(index).padStart(3, '0')}.txt`,
      path: `corpus/${String(index).padStart(3, '0')}.txt`,
      title: `Artikel nomor ${index}`,
      outlet: `Outlet ${index % 7}`,
      published: null,
      agencies: index % 2 ? {anadolu: 1} : {},
      credited: index % 2 ? false : null,
      reused: index / 250,
      uncredited: null
    }))
    writeFileSync(join(out, 'many.html'), renderIndexPage(many, {reuseClusters: 0}))
    const page = await open('many.html')
    expect(await page.getByRole('status').innerText()).toBe('1\u2013100 of 250')
    expect(await page.locator('table.articles tbody tr').count()).toBe(100)
    await page.getByRole('button', {name: 'Next 100'}).click()
    await page.getByRole('button', {name: 'Next 100'}).click()
    expect(await page.getByRole('status').innerText()).toBe('201\u2013250 of 250')
    expect(await page.getByRole('button', {name: 'Next 100'}).isDisabled()).toBe(true)
    await page.getByRole('button', {name: 'Reused'}).click()
    await page.getByRole('button', {name: 'Reused'}).click()
    expect(await page.locator('table.articles tbody tr').first().locator('td').first().innerText()).toContain('Artikel nomor 249')
    expect(problems).toEqual([])
  })

  it('shows an article: boilerplate struck through, agencies named, reuse highlighted and linked to the paragraph it came from', async () => {
    const page = await open('000_0ff0c87b60d874fd.txt.html')
    expect(await page.locator('del').filter({hasText: 'Baca Juga: Mesra dengan Xi Jinping'}).isVisible()).toBe(true)
    expect(await page.locator('#b4 .notes').innerText()).toMatch(/uncredited reuse\s+anadolu origin/)
    expect(await page.locator('mark').count()).toBeGreaterThan(5)
    expect(await page.locator('.facts').innerText()).toContain('not credited')
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
    expect(await page.locator('.cluster h3').innerText()).toBe('Group 1: 2 articles from 2 outlets')
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
})
