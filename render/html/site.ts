/**
 * Writes the HTML reports: a page per article beside its JSON report, the
 * index of all articles, the corpus view of shared text, a story page per
 * group of articles that share text, and side-by-side pages: an article
 * beside the article it is best compared with, and beside its few closest
 * translations, each file written atomically.
 * A renderer over reports, like the Markdown twin. It reads the reports
 * twice (once for the facts every page needs, the agencies, stories and
 * comparisons; once to draw each article) and keeps only a few facts per
 * article between pages, never the text, so a corpus of any size fits.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {reportSchema, type Report} from '../../pipeline/report-schema.ts'
import {loadAgencies, type AgencyRegistry} from '../../pipeline/agencies.ts'
import {renderArticlePage} from './article-page.ts'
import {agencyStyle} from './colors.ts'
import {renderComparePage} from './compare-page.ts'
import {leadPartner, SHOWN_LINKS, translationPartners} from './fold.ts'
import {INDEX_ROWS_FOLDER, indexRow, renderIndexPages, type IndexRow} from './index-page.ts'
import {articlePagePath, comparePagePath, INDEX_PAGE, REUSE_PAGE, storyPagePath, type SiteLinks} from './links.ts'
import {renderReusePage, reuseGroups, reuseRow, type ReuseRow} from './reuse-page.ts'
import {renderStoryPage} from './story-page.ts'

export interface HtmlSite {
  /** Path of the index page. */
  index: string
  /** Every file written. */
  written: string[]
}

export interface HtmlSiteOptions {
  /** The registry the run used: its order gives the agencies their colours, its names label them (the built-in one by default). */
  registry?: Pick<AgencyRegistry, 'agencies'>
}

/** Reports kept while the side-by-side pages are drawn: a story's first text is compared with each of its copies in turn. */
const CACHED_REPORTS = 16

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`
}

/**
 * Writes the pages for the articles `ids`, loading each report with `load`.
 * Links to an article outside `ids` work when its page is already in `out`
 * (from an earlier run); otherwise the article is named without a link.
 */
export function writeHtmlSite(out: string, ids: readonly string[], load: (id: string) => Report, options: HtmlSiteOptions = {}): HtmlSite {
  const inRun = new Set(ids)
  const indexRows: IndexRow[] = []
  const reuseRows: ReuseRow[] = []
  const agencies = new Set<string>()
  const languages = new Map<string, string | null>()
  /** Side-by-side pages: [first text, copy], the copy's lead partner on the left; a translation's likely original on the left. */
  const pairs = new Map<string, [string, string]>()
  for (const id of ids) {
    const report = load(id)
    indexRows.push(indexRow(report))
    reuseRows.push(reuseRow(report))
    languages.set(id, report.article.language)
    for (const agency of Object.keys(report.summary.agencies)) agencies.add(agency)
    const lead = leadPartner(report)
    if (lead && inRun.has(lead) && !pairs.has(pairKey(id, lead))) pairs.set(pairKey(id, lead), [lead, id])
    for (const partner of translationPartners(report, SHOWN_LINKS)) {
      if (!inRun.has(partner) || pairs.has(pairKey(id, partner))) continue
      const earlier = report.blocks.flatMap((block) => block.translations).find((link) => link.article === partner && link.earlier !== null)?.earlier
      pairs.set(pairKey(id, partner), earlier === true || (earlier === undefined && partner < id) ? [partner, id] : [id, partner])
    }
  }
  const groups = reuseGroups(reuseRows)
  const stories = new Map<string, string>()
  /** Each article's place in its story, whose order (crediting, then earliest) also says which of two copies is the first text. */
  const rank = new Map<string, number>()
  for (const group of groups) {
    for (const [index, id] of group.entries()) {
      stories.set(id, storyPagePath(group[0]!))
      rank.set(id, index)
    }
  }
  for (const [key, [left, right]] of pairs) {
    if (stories.get(left) !== undefined && stories.get(left) === stories.get(right) && rank.get(right)! < rank.get(left)!) pairs.set(key, [right, left])
  }
  const style = agencyStyle(options.registry ?? builtinRegistry(), agencies)
  const links: SiteLinks = {
    hasPage: (id) => inRun.has(id) || existsSync(join(out, articlePagePath(id))),
    hasFile: (path) => existsSync(join(out, path)),
    hasCompare: (a, b) => pairs.has(pairKey(a, b)),
    storyOf: (id) => stories.get(id) ?? null,
    languageOf: (id) => languages.get(id) ?? null
  }
  const written: string[] = []
  const write = (path: string, text: string) => {
    const target = join(out, path)
    mkdirSync(dirname(target), {recursive: true})
    // Atomic but not fsynced, as the reports are: a reader never sees half a page, and a page lost to a power cut is
    // written again by the next run; an fsync per page took a 2,000-article site from 50 s to 94 s on a busy machine.
    writeFileAtomic.sync(target, text, {fsync: false})
    written.push(target)
  }
  for (const id of ids) write(articlePagePath(id), renderArticlePage(load(id), links, style))
  const cache = new Map<string, Report>()
  const cached = (id: string): Report => {
    const known = cache.get(id)
    if (known) {
      cache.delete(id)
      cache.set(id, known)
      return known
    }
    const report = load(id)
    cache.set(id, report)
    if (cache.size > CACHED_REPORTS) cache.delete(cache.keys().next().value!)
    return report
  }
  for (const [left, right] of [...pairs.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    write(comparePagePath(left, right), renderComparePage(cached(left), cached(right), links, style))
  }
  const byId = new Map(reuseRows.map((row) => [row.id, row]))
  for (const group of groups) write(storyPagePath(group[0]!), renderStoryPage(group, byId, links, style))
  const indexFiles = renderIndexPages(indexRows, {reuseClusters: groups.length, style})
  for (const file of indexFiles) write(file.path, file.text)
  removeStaleRowFiles(out, new Set(indexFiles.map((file) => file.path)))
  write(REUSE_PAGE, renderReusePage(groups, reuseRows, links, style))
  return {index: join(out, INDEX_PAGE), written}
}

/**
 * Removes the index's data files an earlier, larger run left: the page reads
 * only its own, but a stale one would still hold other articles' rows.
 * Only the names the index writes (`index-rows/N.js`) are touched.
 */
function removeStaleRowFiles(out: string, current: ReadonlySet<string>): void {
  const folder = join(out, INDEX_ROWS_FOLDER)
  if (!existsSync(folder)) return
  for (const name of readdirSync(folder)) {
    const path = `${INDEX_ROWS_FOLDER}/${name}`
    if (/^\d+\.js$/.test(name) && !current.has(path)) rmSync(join(folder, name))
  }
}

let builtin: AgencyRegistry | undefined
function builtinRegistry(): AgencyRegistry {
  builtin ??= loadAgencies()
  return builtin
}

/**
 * Reads a JSON report written by `wiretrace run`, checked against the schema.
 *
 * @throws {ZodError} when the file is not a report of this version.
 */
export function readReport(out: string, id: string): Report {
  return reportSchema.parse(JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')))
}
