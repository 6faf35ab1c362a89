/**
 * A corpus run: every input through the pipeline, a JSON report and its
 * Markdown twin per article under the output folder, written atomically.
 */
import {mkdirSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {VFile} from 'vfile'
import {createProcessor, loadPipelineData, type PipelineData} from '../pipeline/index.ts'
import {DEFAULT_MAX_DF} from '../pipeline/reuse.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {processArticle} from './article.ts'
import {countCorpusFiles} from './generic/corpus.ts'
import {DEFAULT_LIMITS, type InputLimits} from './decode.ts'
import {inShard, resolveInputs, type InputFile, type Shard} from './inputs.ts'
import {renderMarkdown} from './markdown.ts'
import type {ReuseThresholds} from './reuse/align.ts'
import {openStore} from './reuse/open.ts'
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
  /** The reuse index: an SQLite path (`:memory:` for a throwaway one) or a `postgres://` URL; omitted, no reuse detection. */
  index?: string
  /** Reuse detection settings. */
  reuse?: {thresholds?: ReuseThresholds; maxDf?: number}
  /** Process only this share of the inputs (by content hash), so several runners split a corpus with no coordinator. */
  shard?: Shard
  /**
   * Only complete existing reports: an article whose report in `out` already
   * has the links the index holds is not read again. For the end of a sharded run.
   */
  finalize?: boolean
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
  /** Inputs left alone: in another shard, or (when finalizing) already complete. */
  skipped: number
}

/**
 * Runs the pipeline over a corpus.
 *
 * @throws {UsageError} when an input matches no file.
 * @throws {DataFileError} when a rule file is malformed.
 */
export async function runCorpus(options: RunOptions): Promise<RunResult> {
  const data = options.data ?? loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const found = resolveInputs(options.inputs)
  const inputs = options.shard ? found.filter((input) => inShard(input, options.shard!)) : found
  const store = options.index === undefined ? undefined : await openStore(options.index)
  const maxDf = options.reuse?.maxDf ?? DEFAULT_MAX_DF
  try {
    const corpus = countCorpusFiles(found, options.limits ?? DEFAULT_LIMITS, data.rules.outlets)
    const processor = createProcessor(data, store ? {corpus, reuse: {store, ...options.reuse}} : {corpus})
    const process = async (input: InputFile): Promise<ArticleResult> => {
      const file = await processArticle(processor, input, options.limits ?? DEFAULT_LIMITS)
      const report = file.data.report
      const written = report && options.out ? writeReport(options.out, input, report) : []
      return {input, file, report, written}
    }
    const articles: ArticleResult[] = []
    const linksWhenReported = new Map<string, string>()
    let complete = 0
    for (const [index, input] of inputs.entries()) {
      if (options.finalize && store && options.out && (await reportIsComplete(store, options.out, input, maxDf))) {
        complete++
        continue
      }
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
    return {articles, failed: articles.filter((article) => article.report === undefined).length, skipped: found.length - inputs.length + complete}
  } finally {
    await store?.close()
  }
}

async function linkSignature(store: ReuseStore, id: string, maxDf: number): Promise<string> {
  return JSON.stringify(await store.linksOf(id, maxDf))
}

/** Whether the report already written for an input lists exactly the links the index holds now. */
async function reportIsComplete(store: ReuseStore, out: string, input: InputFile, maxDf: number): Promise<boolean> {
  let report: Report
  try {
    report = JSON.parse(readFileSync(reportPath(out, input), 'utf8')) as Report
  } catch {
    return false
  }
  const written = report.blocks.flatMap((block) => block.reuse.map((link) => JSON.stringify([block.id, link.article, link.block, link.span, link.otherSpan])))
  const indexed = (await store.linksOf(input.relative, maxDf)).map((link) => JSON.stringify([link.block, link.other, link.otherBlock, link.span, link.otherSpan]))
  return JSON.stringify(written.sort()) === JSON.stringify(indexed.sort())
}

function reportPath(out: string, input: InputFile): string {
  return `${join(out, input.relative)}.json`
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
