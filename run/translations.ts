/**
 * The translation pass over a finished run: reads the reports of the run
 * (kept in memory, or from disk when the run did not keep them), finds the
 * translations between them and writes again the reports that gained links.
 * It needs every report of the run, so it runs once all are written.
 */
import {readFileSync} from 'node:fs'
import type {AgencyRegistry} from '../pipeline/agencies.ts'
import type {Report} from '../pipeline/report-schema.ts'
import type {ArticleResult} from './options.ts'
import {applyTranslations} from '../link/translation/apply.ts'
import type {TranslationConfig} from '../link/translation/config.ts'
import {findTranslations} from '../link/translation/link.ts'

export interface TranslationPassOptions {
  registry: AgencyRegistry
  config: TranslationConfig
  /** Writes a patched report where the run wrote the first one. */
  write?: (article: ArticleResult, report: Report) => string[]
}

/** Links translations among the articles of a run; returns the results with their reports patched, and how many articles gained links. */
export function linkTranslationsOfRun(articles: ArticleResult[], options: TranslationPassOptions): {articles: ArticleResult[]; linked: number} {
  const withReports = articles.flatMap((article) => {
    const report = article.report ?? readWritten(article)
    return report ? [{article, report}] : []
  })
  const run = findTranslations(
    withReports.map(({report}) => report),
    options.config
  )
  const linkedIds = new Set(run.links.keys())
  if (linkedIds.size === 0) return {articles, linked: 0}
  const patched = applyTranslations(
    withReports.map(({report}) => report),
    run,
    options.registry,
    options.config
  )
  const replaced = new Map<ArticleResult, ArticleResult>()
  for (const [index, {article}] of withReports.entries()) {
    const report = patched[index]!
    if (!linkedIds.has(report.article.id)) continue
    const written = options.write ? options.write(article, report) : article.written
    const kept = article.report !== undefined
    if (kept) article.file.data.report = report
    replaced.set(article, {...article, report: kept ? report : undefined, written})
  }
  return {articles: articles.map((article) => replaced.get(article) ?? article), linked: linkedIds.size}
}

function readWritten(article: ArticleResult): Report | undefined {
  const json = article.written.find((path) => path.endsWith('.json'))
  if (!json || article.failed) return undefined
  return JSON.parse(readFileSync(json, 'utf8')) as Report
}
