/**
 * What a page prints around an article leaves the article's own decisions
 * alone. Scraped pages end with a copyright line more often than not, and
 * print the reporter's name between paragraphs as well as above them, and
 * a row of share buttons, a reading time or a photo's credit under the title, the page's document title, its path of
 * sections, a consent notice or an app's banner above it, a picture under the standfirst, the headline in capitals, a
 * syndication notice or a disclaimer under the text;
 * an article
 * whose stored copy was cut short ends on a paragraph without its full stop,
 * which is body only where the copy ends. Every real article of corpus2 and
 * xlang is run as it is and with such a line added, and each of its own
 * blocks must keep its role and agencies.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {reportFor} from './helpers/pipeline.ts'

const FOLDERS = ['test/fixtures/corpus2', 'test/fixtures/xlang']
const COPYRIGHT = 'Copyright © 2025 Example Media Group. All rights reserved.'
const BYLINE = 'By John Smith'
const SHARE = 'Share on Facebook Share on Twitter Share on WhatsApp'
const TAGS = 'Tags: Politics, World, Economy'
const NEWSLETTER = 'Sign up for our newsletter to get the latest news delivered to your inbox.'

const articles = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({path: join(folder, name), text: readFileSync(join(folder, name), 'utf8')}))
)

/** A page store's date stamp opens the text (" date 2024-06-18 …"): it stands on the first line or is no stamp. */
const storeStamped = (text: string) => /^ ?date \d{4}/u.test(text)

/** Each block's role, agencies and text, without the line the page added. */
const decisions = (report: Report, added: string) =>
  report.blocks.filter((block) => block.text !== added).map((block) => `${block.role} ${block.sources.map((source) => source.agency).join('+')} ${block.text}`)

/** The text with `line` on a line of its own after the block that ends at `end` (code points), or undefined when offsets are not UTF-16's. */
function withLineAfter(text: string, end: number | undefined, line: string): string | undefined {
  if (end === undefined || [...text].length !== text.length) return undefined
  return `${text.slice(0, end)}\n\n${line}\n${text.slice(end)}`
}

/** The articles whose own blocks read otherwise once `add` has changed their text. */
function differing(added: string, add: (text: string, report: Report) => string | undefined, role = 'meta'): {changed: number; differing: string[]} {
  const out: string[] = []
  let changed = 0
  for (const {path, text} of articles) {
    const alone = reportFor(text, path)
    const withLine = add(text, alone)
    if (withLine === undefined) continue
    changed++
    const report = reportFor(withLine, path)
    expect(report.blocks.find((block) => block.text === added)?.role).toBe(role)
    if (JSON.stringify(decisions(report, added)) !== JSON.stringify(decisions(alone, added))) out.push(path)
  }
  return {changed, differing: out}
}

/** The articles whose report has one title block, with that report and block. */
function withOneTitle(): Array<{path: string; text: string; alone: Report; title: Report['blocks'][number]}> {
  return articles.flatMap(({path, text}) => {
    const alone = reportFor(text, path)
    const titles = alone.blocks.filter((block) => block.role === 'title')
    return titles.length === 1 ? [{path, text, alone, title: titles[0]!}] : []
  })
}

/** End of the last block `pick` takes, or undefined when there is none. */
const endOfLast = (pick: (block: Report['blocks'][number]) => boolean) => (report: Report) => report.blocks.findLast(pick)?.end
const underTitle = endOfLast((block) => block.ruleId === 'metadata/title')
/**
 * End of the second body paragraph, when a whole paragraph follows it (under the first, the first reads as a standfirst
 * above a byline, as pages print one; above a last line cut short, that line is no longer where the copy ends).
 */
const underSecond = (report: Report) => {
  const body = report.blocks.filter((block) => block.role === 'body')
  return body.length >= 3 && body[2]!.ruleId === 'generic/paragraph' ? body[1]!.end : undefined
}

/**
 * Each line, put on a line of its own after the block `after` points at, is boilerplate and leaves every article's own
 * blocks as they were, in at least `least` articles that have such a block.
 */
function expectPassedOver(lines: readonly string[], after: (report: Report) => number | undefined, least: number): void {
  for (const line of lines) {
    const {changed, differing: found} = differing(line, (text, report) => withLineAfter(text, after(report), line), 'boilerplate')
    expect(changed).toBeGreaterThanOrEqual(least)
    expect(found).toEqual([])
  }
}

describe('page furniture leaves the article alone', () => {
  it('with a copyright line at the end of the page', () => {
    const {changed, differing: found} = differing(COPYRIGHT, (text) => `${text.trimEnd()}\n\n${COPYRIGHT}\n`)
    expect(changed).toBe(articles.length)
    expect(found).toEqual([])
  })

  it("with the site's note about its copy under the text: a syndication notice, a disclaimer, an editor's note", () => {
    expectPassedOver(
      [
        '(This story has not been edited by our staff and is auto-generated from a syndicated feed.)',
        'This story has been published from a wire agency feed without modifications to the text.',
        'Disclaimer: The views expressed in this article are those of the author and do not necessarily reflect the views of this publication.',
        "Editor's note: This article has been updated with the latest figures.",
        'This article was originally published by Example News.',
        'More to follow...',
        'Leer noticia completa en El Diario de Ejemplo.',
        'Weitere Infos folgen'
      ],
      endOfLast((block) => block.role === 'body'),
      80
    )
  })

  it('with a line of tags or a newsletter prompt at the end of the page', () => {
    for (const line of [TAGS, NEWSLETTER]) {
      const {changed, differing: found} = differing(line, (text) => `${text.trimEnd()}\n\n${line}\n`, 'boilerplate')
      expect(changed).toBe(articles.length)
      expect(found).toEqual([])
    }
  })

  it("with the reporter's name between two paragraphs", () => {
    const {changed, differing: found} = differing(BYLINE, (text, report) => withLineAfter(text, underSecond(report), BYLINE))
    expect(changed).toBeGreaterThanOrEqual(60)
    expect(found).toEqual([])
  })

  it('with an advertisement label, a prompt to read on, a player or a gallery counter between two paragraphs, in several languages', () => {
    expectPassedOver(
      [
        'Anzeige',
        'Publicidad',
        'Реклама',
        'إعلان',
        'Story continues below advertisement',
        'Lire la suite après cette publicité',
        'Weiterlesen nach der Anzeige',
        'Scroll untuk melanjutkan membaca',
        'Video Player is loading.',
        'Photo 3 of 12'
      ],
      underSecond,
      60
    )
  })

  it('with a link to another story under a kicker between two paragraphs, in several languages and in capitals', () => {
    expectPassedOver(
      [
        'WATCH: Firefighters battle the blaze at the cathedral',
        'READ: Markets rally as central bank holds rates steady',
        'Mehr dazu: Bundesregierung beschließt neues Klimapaket',
        'LEIA MAIS: Governo anuncia novas medidas',
        'İLGİLİ HABER: Ankara’da kar yağışı etkili oluyor'
      ],
      underSecond,
      60
    )
  })

  it('with links to the previous and next articles or a comment prompt after the text', () => {
    expectPassedOver(
      [
        '« Previous article: Storm forces thousands to evacuate coastal towns',
        'Artikel selanjutnya: Harga beras naik menjelang akhir tahun',
        'Posted in World News | Tagged Paris, fire, cathedral | Leave a comment',
        'Deja un comentario'
      ],
      endOfLast((block) => block.role === 'body'),
      80
    )
  })

  it('with the agency dateline set on a line of its own above the lead', () => {
    // "Paris (dpa) - Feuerkatastrophe …" printed as "Paris (dpa) -" and the text on the next line, as pages that set the
    // dateline in a span of its own come out scraped.
    const dateline = /^(\p{Lu}[\p{L} .,'’-]{1,40}\s*\([^()\n]{2,30}\)\s*(?:-{1,2}|–|—))[ \t]+(?=\S)/mu
    // Each block's role and agencies, the dateline's own line left out.
    const reading = (report: Report) =>
      report.blocks
        .filter((block) => block.role === 'body' || !dateline.test(`${block.text} …`))
        .map((block) => `${block.role} ${block.sources.map((source) => source.agency).join('+')}`)
    let changed = 0
    const found: string[] = []
    for (const {path, text} of articles) {
      const apart = text.replace(dateline, '$1\n')
      if (apart === text) continue
      changed++
      if (JSON.stringify(reading(reportFor(apart, path))) !== JSON.stringify(reading(reportFor(text, path)))) found.push(path)
    }
    expect(changed).toBeGreaterThanOrEqual(5)
    expect(found).toEqual([])
  })

  it('with a type-size control in words above the page', () => {
    // Not above a page store's date stamp, which its rule reads on the first line only.
    const above = (line: string) => (text: string) => (text.startsWith(' date ') ? undefined : `${line}\n\n${text}`)
    for (const line of ['Text size', 'حجم النص', 'Schriftgröße']) {
      const {changed, differing: found} = differing(line, above(line), 'boilerplate')
      expect(changed).toBeGreaterThanOrEqual(60)
      expect(found).toEqual([])
    }
  })

  it("with a reading time, a photo's credit or caption, or the font-size buttons under the title", () => {
    expectPassedOver(
      [
        '3 min read',
        'Illustration photo. (Shutterstock)',
        'Firefighters work to contain the blaze on Monday evening. (Photo: AFP)',
        'Firefighters work to contain the blaze on Monday evening. (Gambar Bernama)',
        'A A A'
      ],
      underTitle,
      20
    )
  })

  it("with the page's document title above it, the headline and the site's name", () => {
    // A scrape that keeps the page's <title> prints the headline twice: "… | Example News" first, then the heading.
    const titled = withOneTitle()
    const found: string[] = []
    for (const {path, text, alone, title} of titled) {
      const documentTitle = `${title.text} | Example News`
      const report = reportFor(`${documentTitle}\n\n${text}`, path)
      expect(report.blocks[0]).toMatchObject({role: 'title', text: documentTitle})
      // The heading is now the headline's second printing; every other block reads as it did.
      const reading = (blocks: Report['blocks']) =>
        blocks.map((block) => `${block.text === title.text ? 'boilerplate' : block.role} ${block.sources.map((source) => source.agency).join('+')}`)
      const before = reading(alone.blocks).map((line, index) => (alone.blocks[index] === title ? 'boilerplate ' : line))
      if (JSON.stringify(reading(report.blocks.slice(1))) !== JSON.stringify(before)) found.push(path)
    }
    expect(titled.length).toBeGreaterThanOrEqual(25)
    expect(found).toEqual([])
  })

  it("with the page's path of sections above it, in any script", () => {
    for (const path of [
      'Home › World › Asia Pacific',
      'Accueil > Monde > Europe',
      'Beranda » Internasional',
      'Startseite / Politik / Ausland',
      '首页 > 国际 > 亚洲'
    ]) {
      const {changed, differing: found} = differing(path, (text) => (storeStamped(text) ? undefined : `${path}\n\n${text}`), 'boilerplate')
      expect(changed).toBeGreaterThanOrEqual(60)
      expect(found).toEqual([])
    }
  })

  it('with a headline set in capitals', () => {
    // A path in capitals ("HOME NEWS INTERNATIONAL") opens with the home page's name; a headline has as many words.
    const titled = withOneTitle().filter(({text}) => [...text].length === text.length)
    const found: string[] = []
    for (const {path, text, title} of titled) {
      const report = reportFor(text.slice(0, title.start) + title.text.toUpperCase() + text.slice(title.end), path)
      if (report.blocks.find((block) => block.start === title.start)?.role !== 'title') found.push(path)
    }
    expect(titled.length).toBeGreaterThanOrEqual(25)
    expect(found).toEqual([])
  })

  it("with a site's consent notice above it, or an app's banner above its title", () => {
    // The consent notice is xlang 310's own, printed there at the end of the page.
    const consent = [readFileSync('test/fixtures/xlang/310_srnnews-peru-landslide-boats-reuters.txt', 'utf8').split('\n')[27]!, 'Accept all cookies']
    const banner = ['Get the latest news delivered straight to your phone. Download our free app today and never miss a story.', 'Open in app']
    const titles = (blocks: Report['blocks']) => blocks.filter((block) => block.role === 'title').map((block) => block.text)
    const own = (blocks: Report['blocks']) =>
      blocks.filter((block) => block.role !== 'title').map((block) => `${block.role} ${block.sources.map((source) => source.agency).join('+')} ${block.text}`)
    const titleLost: string[] = []
    for (const lines of [consent, banner]) {
      let changed = 0
      for (const {path, text} of articles) {
        const alone = reportFor(text, path)
        // A banner no rule knows is read past only when a headline stands under it: over an article without one it is the
        // lead, and so it is over a headline that ends like a sentence, which is the title only as the page's first line
        // ("… espionaje de EE. UU.").
        const firstLineTitle = titles(alone.blocks).some((title) => /\.["'”’]?$/u.test(title.trim()))
        if (storeStamped(text) || (lines === banner && (titles(alone.blocks).length === 0 || firstLineTitle))) continue
        const report = reportFor(`${lines.join('\n\n')}\n\n${text}`, path)
        changed++
        expect(report.blocks.slice(0, 2).map((block) => block.role)).toEqual(['boilerplate', 'boilerplate'])
        const lost = JSON.stringify(titles(report.blocks)) !== JSON.stringify(titles(alone.blocks))
        if (lost) titleLost.push(`${lines[1]}: ${path}`)
        const headline = new Set(titles(alone.blocks))
        expect(own(report.blocks.slice(2).filter((block) => !lost || !headline.has(block.text))), path).toEqual(own(alone.blocks))
      }
      expect(changed).toBeGreaterThanOrEqual(25)
    }
    // An English banner over an English article shares two content words with its text ("news", "deliver") and reads as its lead.
    expect(titleLost).toEqual(['Open in app: test/fixtures/xlang/310_srnnews-peru-landslide-boats-reuters.txt'])
  })

  it('with a picture under the title or between the standfirst and the text', () => {
    const picture = '![Firefighters at the scene](https://example.com/images/photo-123.jpg)'
    expectPassedOver([picture], underTitle, 20)
    expectPassedOver(
      [picture],
      endOfLast((block) => block.role === 'dek'),
      1
    )
  })

  it('with its lead printed a sentence a paragraph', () => {
    // Outlets that print a paragraph a sentence set the lead's first sentence apart; it stays the text's first line. A
    // citation speaks for its own paragraph, so only the roles and the article's agencies are compared.
    let changed = 0
    const found: string[] = []
    const roles = (report: Report) => report.blocks.map((block) => block.role)
    const agencies = (report: Report) => [...new Set(report.blocks.flatMap((block) => block.sources.map((source) => source.agency)))].sort()
    for (const {path, text} of articles) {
      const alone = reportFor(text, path)
      const lead = alone.blocks.find((block) => block.role === 'body')
      const [first, ...rest] = lead?.text.split(/(?<=\p{Ll}[.!?]["”’]?) (?=["“]?\p{Lu}\p{Ll})/u) ?? []
      if (!lead || !first || rest.length === 0 || first.split(' ').length < 6 || [...text].length !== text.length || storeStamped(text)) continue
      changed++
      const report = reportFor(`${text.slice(0, lead.start)}${first}\n\n${rest.join(' ')}${text.slice(lead.end)}`, path)
      const expected = roles(alone)
      expected.splice(alone.blocks.indexOf(lead), 0, 'body')
      if (JSON.stringify(roles(report)) !== JSON.stringify(expected) || JSON.stringify(agencies(report)) !== JSON.stringify(agencies(alone))) found.push(path)
    }
    expect(changed).toBeGreaterThanOrEqual(10)
    expect(found).toEqual([])
  })

  it('with a row of share buttons under the title', () => {
    expectPassedOver([SHARE], underTitle, 20)
  })
})
