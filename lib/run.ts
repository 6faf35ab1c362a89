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
import {countCorpusFiles, type CorpusLines} from './generic/corpus.ts'
import {DEFAULT_LIMITS, type InputLimits} from './decode.ts'
import {inShard, resolveInputs, UsageError, type InputFile, type InputSelection, type Shard} from './inputs.ts'
import {renderMarkdown, type MarkdownOptions} from './markdown.ts'
import type {ReuseThresholds} from './reuse/align.ts'
import {reuseClusters, writeReuseFile} from './reuse/clusters.ts'
import {openStore} from './reuse/open.ts'
import type {ReuseStore} from './reuse/store.ts'
import {runInWorkers} from './workers.ts'

export interface RunOptions {
  /** Paths, folders or globs; `!PATTERN` leaves files out, `-` is standard input. */
  inputs: string[]
  /** Exclude patterns, `.gitignore`, standard input: what the inputs expand to. */
  selection?: InputSelection
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
  /** Process only the inputs with these article ids (default all); the others still count as the corpus the generic stage learns from. */
  only?: string[]
  /**
   * Only complete existing reports: an article whose report in `out` already
   * has the links the index holds is not read again. For the end of a sharded run.
   */
  finalize?: boolean
  /**
   * Keep each article's text and report in the result (default true). A
   * large run turns it off and keeps only messages: the reports are on disk.
   */
  retain?: boolean
  /** Worker threads to spread the articles over (default 1: this thread). */
  workers?: number
}

export interface ArticleResult {
  input: InputFile
  /** The processed file: its messages, and (with `retain`) its text and report in `data.report`. */
  file: VFile
  report: Report | undefined
  failed: boolean
  /** Paths of the JSON and Markdown reports written, if any. */
  written: string[]
}

export interface RunResult {
  articles: ArticleResult[]
  failed: number
  /** Inputs left alone: in another shard, not selected, or (when finalizing) already complete. */
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
  const found = resolveInputs(options.inputs, process.cwd(), options.selection)
  const only = options.only && new Set(options.only)
  const inputs = found.filter((input) => (!options.shard || inShard(input, options.shard)) && (!only || only.has(input.relative)))
  const corpus = countCorpusFiles(found, options.limits ?? DEFAULT_LIMITS, data.rules.outlets)
  const workers = Math.min(options.workers ?? 1, inputs.length)
  if (workers > 1 && options.index === ':memory:') throw new UsageError('an in-memory index cannot be shared by worker threads; give --index a file or a postgres:// URL')
  const store = options.index === undefined ? undefined : await openStore(options.index)
  try {
    const first = workers > 1 ? await runInWorkers(options, inputs, corpus, workers) : await processAll(options, data, inputs, corpus, store)
    const skipped = found.length - inputs.length + first.skipped
    // Without the index there are no late links; with neither `out` nor `retain` a complete report would have nowhere to go.
    if (!store || (!options.out && options.retain === false)) return {articles: first.articles, failed: first.articles.filter((article) => article.failed).length, skipped}
    const maxDf = options.reuse?.maxDf ?? DEFAULT_MAX_DF
    // Articles that gained links from articles indexed after their report was written get it again, now complete.
    const stale = await staleReports(store, first.reported, maxDf)
    // Every article reused later is stale by now, a fair share of a large run: the workers take them too.
    const again = workers > 1 && stale.length > 1 ? await runInWorkers(options, stale, corpus, Math.min(workers, stale.length)) : await processAll(options, data, stale, corpus, store)
    const replaced = new Map(again.articles.map((article) => [article.input.relative, article]))
    const articles = first.articles.map((article) => replaced.get(article.input.relative) ?? article)
    if (options.out) writeReuseFile(options.out, await reuseClusters(store, inputs.map((input) => input.relative), maxDf))
    return {articles, failed: articles.filter((article) => article.failed).length, skipped}
  } finally {
    await store?.close()
  }
}

/** What one thread's share of a run returns: results, and the links each report was written with. */
export interface PartialRun {
  articles: ArticleResult[]
  skipped: number
  reported: ReportedLinks[]
}

/** The links an article's report was written with, to tell later whether the index has more. */
export interface ReportedLinks {
  input: InputFile
  signature: string
}

/** Inputs whose report lists other links than the index now holds for them. */
async function staleReports(store: ReuseStore, reported: ReportedLinks[], maxDf: number): Promise<InputFile[]> {
  const stale: InputFile[] = []
  for (const {input, signature} of reported) if (signature !== (await linkSignature(store, input.relative, maxDf))) stale.push(input)
  return stale
}

/** Runs the pipeline over some inputs in this thread, with the reuse index given (if any). */
export async function processAll(options: RunOptions, data: PipelineData, inputs: InputFile[], corpus: CorpusLines, store: ReuseStore | undefined): Promise<PartialRun> {
  const maxDf = options.reuse?.maxDf ?? DEFAULT_MAX_DF
  const processor = createProcessor(data, store ? {corpus, reuse: {store, ...options.reuse}} : {corpus})
  const articles: ArticleResult[] = []
  const reported: ReportedLinks[] = []
  const names = new Map(data.agencies.agencies.map((agency) => [agency.id, agency.name]))
  const markdown: MarkdownOptions = {agencyName: (agency) => names.get(agency) ?? agency}
  let skipped = 0
  for (const [index, input] of inputs.entries()) {
    if (options.finalize && store && options.out && (await reportIsComplete(store, options.out, input, maxDf))) {
      skipped++
      continue
    }
    const file = await processArticle(processor, input, options.limits ?? DEFAULT_LIMITS)
    const report = file.data.report
    const written = report && options.out ? writeReport(options.out, input, report, markdown) : []
    if (store && report) reported.push({input, signature: await linkSignature(store, input.relative, maxDf)})
    const result: ArticleResult = {input, file, report, failed: report === undefined, written}
    options.onArticle?.(result, index + 1, inputs.length)
    if (options.retain === false) {
      file.value = ''
      file.data = {}
      result.report = undefined
    }
    articles.push(result)
  }
  return {articles, skipped, reported}
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

/** Writes `<out>/<relative path>.json` and `.md` (agencies named as the run's registry names them), each atomically (temp file, then rename). */
export function writeReport(out: string, input: InputFile, report: Report, markdownOptions: MarkdownOptions = {}): string[] {
  const base = join(out, input.relative)
  mkdirSync(dirname(base), {recursive: true})
  const json = `${base}.json`
  const markdown = `${base}.md`
  // Atomic (temp file, then rename) but not fsynced: a reader never sees half a report, and a report lost to a
  // power cut is written again by the next run; two fsyncs per article cost more than the whole analysis.
  writeFileAtomic.sync(json, `${JSON.stringify(report, null, 2)}\n`, {fsync: false})
  writeFileAtomic.sync(markdown, renderMarkdown(report, markdownOptions), {fsync: false})
  return [json, markdown]
}
