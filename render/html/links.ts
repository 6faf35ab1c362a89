/**
 * Where pages sit in the reports folder and how they link to each other:
 * an article's page is `<id>.html` beside its `<id>.json`, the site pages
 * are at the top. Links are relative, so the folder can be opened from
 * disk, moved, or served as is.
 */
import {createHash} from 'node:crypto'
import {posix} from 'node:path'

export const INDEX_PAGE = 'index.html'
export const REUSE_PAGE = 'reuse.html'

/** Path of an article's page inside the reports folder. */
export function articlePagePath(id: string): string {
  return `${id}.html`
}

/** A relative link from the page at `fromPage` to `toPath` (both inside the reports folder), each segment URL-encoded. */
export function relativeHref(fromPage: string, toPath: string, fragment?: string): string {
  const relative = posix.relative(posix.dirname(fromPage), toPath)
  return `${relative
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/')}${fragment ? `#${encodeURIComponent(fragment)}` : ''}`
}

/** What a page needs to know about the other pages. */
export interface SiteLinks {
  /** Whether the article has a page in the folder (it may be in the reuse index and not in this run). */
  hasPage(id: string): boolean
  /** Whether a file (a JSON or Markdown report) is in the folder. */
  hasFile(path: string): boolean
  /** Whether the side-by-side page of two articles is written. */
  hasCompare(a: string, b: string): boolean
  /** The story page of the group the article belongs to, if it shares text. */
  storyOf(id: string): string | null
  /** The language of an article of the site (BCP 47), null when unknown or not in the site. */
  languageOf(id: string): string | null
}

/** The side-by-side page of two articles (their shared passages, or their paragraphs and translations): one per pair, whichever of the two links to it. */
export function comparePagePath(a: string, b: string): string {
  const [first, second] = [a, b].sort()
  return `compare/${createHash('sha256').update(`${first}\0${second}`).digest('hex').slice(0, 16)}.html`
}

/** The story page of a group of articles that share text, named by its earliest or crediting article so the name holds between runs. */
export function storyPagePath(origin: string): string {
  return `story/${createHash('sha256').update(origin).digest('hex').slice(0, 16)}.html`
}
