/**
 * Where an article was published, given from outside its text: an outlet
 * that never names itself in its text can still be recognised from the
 * address of the page it came from. Two ways to say it:
 *
 * - a `sources.tsv` beside the articles: tab-separated, a header line with
 *   (at least) the columns `file` (the article's path relative to that
 *   folder) and `url` (the page it was read from); other columns are ignored,
 *   so the file a crawler writes can be used as it is;
 * - the config's `sources:` list: `{files: GLOB, url: URL}` or
 *   `{files: GLOB, outlet: ID}`, the globs relative to the config file; the
 *   first entry that matches wins.
 *
 * A `sources.tsv` row names one file, so it beats a config glob.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import fg from 'fast-glob'
import {DataFileError} from '../../core/rules/yaml-file.ts'

/** The name of the sidecar table beside the articles. */
export const SOURCES_TABLE = 'sources.tsv'

/** What is known of an article's publisher from outside its text. */
export interface ArticleSource {
  /** The address of the page the article was read from. */
  url?: string
  /** The outlet id a config entry gives. */
  outlet?: string
  /** Where it was given (`sources.tsv:12`, `wiretrace.config.yaml`), for messages. */
  from: string
}

/** A config `sources:` entry, its glob made absolute. */
export interface SourceRule {
  /** Absolute glob (forward slashes). */
  files: string
  url?: string
  outlet?: string
  /** The config file, as messages show it. */
  from: string
}

/** Whether a string is an http(s) address. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * The rows of a `sources.tsv`, keyed by absolute article path.
 *
 * @throws {DataFileError} naming the file, line and column of a missing column or a cell that is not a web address.
 */
export function readSourcesTable(path: string, display: string): Map<string, ArticleSource> {
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
  const header = lines[0]!.split('\t')
  const fileColumn = header.indexOf('file')
  const urlColumn = header.indexOf('url')
  if (fileColumn === -1 || urlColumn === -1)
    throw new DataFileError(
      display,
      1,
      1,
      `the header line needs the tab-separated columns "file" and "url" (it has: ${header.map((name) => `"${name}"`).join(', ')})`
    )
  const folder = dirname(path)
  const rows = new Map<string, ArticleSource>()
  for (const [index, line] of lines.entries()) {
    if (index === 0 || line.trim() === '') continue
    const cells = line.split('\t')
    const file = cells[fileColumn]?.trim() ?? ''
    const url = cells[urlColumn]?.trim() ?? ''
    const column = (at: number) => cells.slice(0, at).reduce((sum, cell) => sum + cell.length + 1, 1)
    if (file === '')
      throw new DataFileError(display, index + 1, column(fileColumn), 'the "file" cell is empty: give the article\'s path relative to this folder')
    if (url === '') continue
    if (!isWebAddress(url)) throw new DataFileError(display, index + 1, column(urlColumn), `"${url}" is not an http(s) address`)
    rows.set(join(folder, file), {url, from: `${display}:${index + 1}`})
  }
  return rows
}

/**
 * The source of each article: its folder's `sources.tsv` row, else the first
 * config entry whose glob matches it.
 *
 * @throws {DataFileError} for a malformed `sources.tsv`.
 */
export function sourcesOf(articles: readonly string[], rules: readonly SourceRule[] = [], cwd = process.cwd()): Map<string, ArticleSource> {
  const tables = new Map<string, Map<string, ArticleSource>>()
  // Each glob is expanded once: the corpus is read from disk anyway.
  const matchers = rules.map((rule) => ({rule, files: new Set(fg.sync(rule.files, {absolute: true, onlyFiles: true}).map((file) => resolve(file)))}))
  const found = new Map<string, ArticleSource>()
  for (const article of articles) {
    const folder = dirname(article)
    let table = tables.get(folder)
    if (!table) {
      const path = join(folder, SOURCES_TABLE)
      const shown = relative(cwd, path)
      table = existsSync(path) ? readSourcesTable(path, shown.startsWith('..') ? path : shown) : new Map()
      tables.set(folder, table)
    }
    const listed = table.get(article)
    const configured = matchers.find(({files}) => files.has(article))?.rule
    const source =
      listed ??
      (configured && {...(configured.url ? {url: configured.url} : {}), ...(configured.outlet ? {outlet: configured.outlet} : {}), from: configured.from})
    if (source) found.set(article, source)
  }
  return found
}

/** The host of a web address, lower case, without a trailing dot. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/\.$/, '')
}

/** Whether `host` is `domain` or one of its subdomains (`news.detik.com` is under `detik.com`). */
function hostUnder(host: string, domain: string): boolean {
  const wanted = domain
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '')
  return host === wanted || host.endsWith(`.${wanted}`)
}

/**
 * Of domains and what each belongs to, the entry whose domain is the longest that holds `host` (the first of them
 * listed, when two are as long): a section's own subdomain is more precise than its parent site.
 */
export function longestDomainHolding<T extends {domain: string}>(host: string, entries: readonly T[]): T | undefined {
  let best: T | undefined
  for (const entry of entries) if (hostUnder(host, entry.domain) && (!best || entry.domain.length > best.domain.length)) best = entry
  return best
}
