/**
 * A corpus run: every input through the pipeline, a JSON report and its
 * Markdown twin per article under the output folder, written atomically.
 */
import {mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {VFile} from 'vfile'
import {createProcessor, loadPipelineData, type PipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {processArticle} from './article.ts'
import {DEFAULT_LIMITS, type InputLimits} from './decode.ts'
import {resolveInputs, type InputFile} from './inputs.ts'
import {renderMarkdown} from './markdown.ts'

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
export function runCorpus(options: RunOptions): RunResult {
  const data = options.data ?? loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const processor = createProcessor(data)
  const inputs = resolveInputs(options.inputs)
  const articles: ArticleResult[] = []
  for (const [index, input] of inputs.entries()) {
    const file = processArticle(processor, input, options.limits ?? DEFAULT_LIMITS)
    const report = file.data.report
    const written = report && options.out ? writeReport(options.out, input, report) : []
    const result = {input, file, report, written}
    articles.push(result)
    options.onArticle?.(result, index + 1, inputs.length)
  }
  return {articles, failed: articles.filter((article) => article.report === undefined).length}
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
