/**
 * Writes the HTML reports: a page per article beside its JSON report, the
 * index of all articles and the corpus view of shared text, each file
 * written atomically. A renderer over reports, like the Markdown twin; it
 * keeps only a few facts per article between pages, never the text.
 */
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {reportSchema, type Report} from '../../pipeline/report-schema.ts'
import {renderArticlePage} from './article-page.ts'
import {indexRow, renderIndexPage, type IndexRow} from './index-page.ts'
import {articlePagePath, INDEX_PAGE, REUSE_PAGE, type SiteLinks} from './links.ts'
import {renderReusePage, reuseGroups, reuseRow, type ReuseRow} from './reuse-page.ts'

export interface HtmlSite {
  /** Path of the index page. */
  index: string
  /** Every file written. */
  written: string[]
}

/**
 * Writes the pages for the articles `ids`, loading each report once with
 * `load` and keeping only a few facts of it, so a corpus of any size fits.
 * Links to an article outside `ids` work when its page is already in `out`
 * (from an earlier run); otherwise the article is named without a link.
 */
export function writeHtmlSite(out: string, ids: string[], load: (id: string) => Report): HtmlSite {
  const inRun = new Set(ids)
  const links: SiteLinks = {
    hasPage: (id) => inRun.has(id) || existsSync(join(out, articlePagePath(id))),
    hasFile: (path) => existsSync(join(out, path))
  }
  const written: string[] = []
  const write = (path: string, text: string) => {
    const target = join(out, path)
    mkdirSync(dirname(target), {recursive: true})
    writeFileAtomic.sync(target, text)
    written.push(target)
  }
  const indexRows: IndexRow[] = []
  const reuseRows: ReuseRow[] = []
  for (const id of ids) {
    const report = load(id)
    write(articlePagePath(id), renderArticlePage(report, links))
    indexRows.push(indexRow(report))
    reuseRows.push(reuseRow(report))
  }
  write(INDEX_PAGE, renderIndexPage(indexRows, {reuseClusters: reuseGroups(reuseRows).length}))
  write(REUSE_PAGE, renderReusePage(reuseRows, links))
  return {index: join(out, INDEX_PAGE), written}
}

/**
 * Reads a JSON report written by `wiretrace run`, checked against the schema.
 *
 * @throws {ZodError} when the file is not a report of this version.
 */
export function readReport(out: string, id: string): Report {
  return reportSchema.parse(JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')))
}
