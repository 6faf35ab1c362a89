/**
 * A corpus run: every input through the pipeline, a JSON report and its
 * Markdown twin per article under the output folder, written atomically.
 */
import {mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {VFile} from 'vfile'
import {createProcessor, loadPipelineData, type PipelineData} from '../pipeline/index.ts'
import {DEFAULT_MAX_DF} from '../pipeline/reuse.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {processArticle} from './article.ts'
import {DEFAULT_LIMITS, type InputLimits} from './decode.ts'
import {resolveInputs, type InputFile} from './inputs.ts'
import {renderMarkdown} from './markdown.ts'
import type {ReuseThresholds} from './reuse/align.ts'
import {openSqliteStore} from './reuse/sqlite-store.ts'
import type {ReuseStore} from './reuse/store.ts'

export interface RunOptions {
  /** Paths, folders or globs. */
  inputs: string[]
  /** Where reports go; omitted, nothing is written. */
  out?: string
  /** User rule folders on top of the built-in rules. */
  rules?: string[]
  /** Apply outlet rule files (default true). */
  outletRules?: boolean
  limits?: InputLimits
  /** Called after each article, for progress display. */
  onArticle?: (result: ArticleResult, done: number, total: number) => void
  /** Pipeline data already loaded (rules, calendar); loaded from `rules` when omitted. */
  data?: PipelineData
  /** Path of the reuse index (SQLite; `:memory:` for a throwaway one); omitted, no reuse detection. */
  index?: string
  /** Reuse detection settings. */
  reuse?: {thresholds?: ReuseThresholds; maxDf?: number}
}

export interface ArticleResult {
  input: InputFile
  file: VFile
  report: Report | undefined
  /** Paths of the JSON and Markdown reports written, if any. */
  written: string[]
}

export interface RunResult {
  articles: ArticleResult[]
  failed: number
}

/**
 * Runs the pipeline over a corpus.
 *
 * @throws {UsageError} when an input matches no file.
 * @throws {DataFileError} when a rule file is malformed.
 */
export async function runCorpus(options: RunOptions): Promise<RunResult> {
  const data = options.data ?? loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const inputs = resolveInputs(options.inputs)
  const store = options.index === undefined ? undefined : openSqliteStore(options.index)
  const maxDf = options.reuse?.maxDf ?? DEFAULT_MAX_DF
  try {
    const processor = createProcessor(data, store ? {reuse: {store, ...options.reuse}} : {})
    const process = async (input: InputFile): Promise<ArticleResult> => {
      const file = await processArticle(processor, input, options.limits ?? DEFAULT_LIMITS)
      const report = file.data.report
      const written = report && options.out ? writeReport(options.out, input, report) : []
      return {input, file, report, written}
    }
    const articles: ArticleResult[] = []
    const linksWhenReported = new Map<string, string>()
    for (const [index, input] of inputs.entries()) {
      const result = await process(input)
      articles.push(result)
      if (store && result.report) linksWhenReported.set(input.relative, await linkSignature(store, input.relative, maxDf))
      options.onArticle?.(result, index + 1, inputs.length)
    }
    if (store) {
      // Articles that gained links from articles indexed after them get their report again, now complete.
      for (const [index, result] of articles.entries()) {
        const id = result.input.relative
        if (linksWhenReported.has(id) && linksWhenReported.get(id) !== (await linkSignature(store, id, maxDf))) articles[index] = await process(result.input)
      }
    }
    return {articles, failed: articles.filter((article) => article.report === undefined).length}
  } finally {
    await store?.close()
  }
}

async function linkSignature(store: ReuseStore, id: string, maxDf: number): Promise<string> {
  return JSON.stringify(await store.linksOf(id, maxDf))
}

/** Writes `<out>/<relative path>.json` and `.md`, each atomically (temp file, then rename). */
export function writeReport(out: string, input: InputFile, report: Report): string[] {
  const base = join(out, input.relative)
  mkdirSync(dirname(base), {recursive: true})
  const json = `${base}.json`
  const markdown = `${base}.md`
  writeFileAtomic.sync(json, `${JSON.stringify(report, null, 2)}\n`)
  writeFileAtomic.sync(markdown, renderMarkdown(report))
  return [json, markdown]
}
