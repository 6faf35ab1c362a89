/**
 * Text a reader cannot tell apart gets the same decisions. Scraped pages and
 * files saved on other systems differ from the text an outlet printed in
 * ways no reader sees: Windows line ends, a byte-order mark, spaces at the
 * ends of lines, no-break spaces, zero-width spaces and word joiners between
 * words, soft hyphens inside long words, the narrow no-break space French
 * typography puts before a colon, letters stored decomposed ("ö" as "o" and
 * a combining diaeresis, as a Mac or a PDF export may give them), and the
 * HTML character references a scraper left undecoded (`&quot;`, `&nbsp;`), the marks of Markdown a scraper wrote
 * around links and strong text, which a Markdown reader shows as the words alone, and the HTML tags a feed's text or a
 * careless scraper keeps (`<p>`, `<a href=…>`), which a browser does not show, and mojibake, a file's UTF-8 read as
 * Windows-1252 somewhere before it was stored ("Ã©" for "é", "â€”" for "—"). Each real article of corpus2 and xlang is
 * run as it is and in each of these forms, and every block must keep its
 * role and the agencies it is credited to, and the article its outlets. The
 * report still rebuilds each form byte for byte (its own test).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {reportFor} from './helpers/pipeline.ts'

const FOLDERS = ['test/fixtures/corpus2', 'test/fixtures/xlang']

const FORMS: Record<string, (text: string) => string> = {
  'Windows line ends': (text) => text.replace(/\n/g, '\r\n'),
  'a byte-order mark': (text) => `\uFEFF${text}`,
  'spaces at the ends of lines': (text) => text.replace(/\n/g, '  \n'),
  'no-break spaces': (text) => text.replace(/ /g, '\u00A0'),
  'a zero-width space before every word': (text) => text.replace(/(\S) (\S)/g, '$1 \u200B$2'),
  'a word joiner after every space': (text) => text.replace(/ /g, ' \u2060'),
  'soft hyphens inside long words': (text) => text.replace(/(\p{L}{4})(\p{L}{4,})/gu, '$1\u00AD$2'),
  'narrow no-break spaces before colons and marks': (text) => text.replace(/ ([:;!?])/g, '\u202F$1'),
  'letters stored decomposed': (text) => text.normalize('NFD'),
  'HTML character references a scraper left': (text) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/ - /g, ' &#45; ').replace(/ \(/g, '&nbsp;('),
  // A capitalised word inside a sentence, linked wherever it stands, as a page links names to its tag pages.
  'Markdown links around names': (text) => text.replace(/(?<=\p{Ll},? )(\p{Lu}\p{Ll}{3,})(?= \p{Ll})/gu, '[$1](https://example.com/topic/$1)'),
  'strong emphasis around the first sentence of each paragraph': (text) => text.replace(/^(?=.{100})(\S.{20,}?[.!?])(?=\s)/gmu, '**$1**'),
  'mojibake: the file stored as UTF-8 and read as Windows-1252': (text) => new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8')),
  'HTML tags around each line and the names in it': (text) =>
    text.replace(/(?<=\p{Ll},? )(\p{Lu}\p{Ll}{3,})(?= \p{Ll})/gu, '<a href="https://example.com/topic/$1">$1</a>').replace(/^(?=.*\S)(.+)$/gmu, '<p> $1 </p>')
}

/** Fewest articles a form must change for its case to say something (French typography is in a few of them). */
const MIN_CHANGED = 3

/** What a reader would call the same reading: each block's role and credited agencies, and the outlets. */
function reading(report: Report): {outlets: string[]; blocks: string[]} {
  return {
    outlets: report.article.outlets.map((outlet) => outlet.id),
    blocks: report.blocks.map((block) => `${block.role} ${block.sources.map((source) => `${source.agency}:${source.role}`).join('+')}`)
  }
}

const articles = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({name, text: readFileSync(join(folder, name), 'utf8')}))
)

describe('text a reader cannot tell apart gets the same decisions', () => {
  it('reads the real articles of corpus2 and xlang', () => {
    expect(articles.length).toBeGreaterThanOrEqual(80)
  })

  for (const [form, change] of Object.entries(FORMS)) {
    it(`with ${form}`, () => {
      const differing: string[] = []
      let changedArticles = 0
      for (const {name, text} of articles) {
        const changed = change(text)
        if (changed === text) continue
        changedArticles++
        if (JSON.stringify(reading(reportFor(changed, name))) !== JSON.stringify(reading(reportFor(text, name)))) differing.push(name)
      }
      expect(changedArticles).toBeGreaterThanOrEqual(MIN_CHANGED)
      expect(differing).toEqual([])
    })
  }
})
