/**
 * `wiretrace check`: the corpus is every file the inputs name; the checked
 * files are all of them, or (with `changed`) only those git says were added
 * or modified. Checked files are compared with the whole corpus through
 * the reuse index: corpus files the index lacks, or holds in another
 * version, are analysed first (and only those), then the checked files are
 * analysed and judged against the policy.
 */
import {realpathSync} from 'node:fs'
import {basename, dirname, join, relative, sep} from 'node:path'
import type {PipelineData} from '../pipeline/index.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {sha256, type InputLimits} from '../core/decode.ts'
import {changedFiles, mergeBase, repositoryRoot} from './git.ts'
import {readInput, resolveInputs, type InputFile, type InputSelection} from './inputs.ts'
import {judgeArticle, type CheckedFile, type Policy} from '../render/policy.ts'
import {withStore} from '../link/reuse/open.ts'
import {runCorpus} from './run.ts'
import type {ArticleResult} from './options.ts'

export interface CheckOptions {
  /** The corpus: paths, folders or globs. */
  inputs: string[]
  /** Exclude patterns and `.gitignore`: what the inputs expand to. */
  selection?: InputSelection
  /** Check only files added or modified since `since` (default: the merge base with the default branch). */
  changed?: {since?: string}
  /** The reuse index; omitted, no reuse detection. */
  index?: string
  rules?: string[]
  outletRules?: boolean
  limits?: InputLimits
  policy: Policy
  /** Where to write the checked files' JSON and Markdown reports; omitted, none are written. */
  out?: string
  /** Write the reports' Markdown twins (default true). */
  markdown?: boolean
  onArticle?: (result: ArticleResult, done: number, total: number) => void
  /** Environment for git (GITHUB_BASE_REF names the base branch). */
  env?: NodeJS.ProcessEnv
}

export interface CheckResult {
  files: CheckedFile[]
  /** Files in the corpus. */
  corpus: number
  /** Corpus files outside the check analysed to bring the index up to date. */
  refreshed: number
  /** The commit `changed` compared with; null when checking everything. */
  since: string | null
  /** Whether any file failed the policy. */
  failed: boolean
}

/**
 * Checks a corpus, or its changed files, against a policy.
 *
 * @throws {UsageError} when an input matches no file, or git cannot answer (GitError).
 * @throws {DataFileError} when a rule file is malformed.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  // Inputs resolve against the working folder, as in runCorpus, so article ids agree with the index.
  const cwd = process.cwd()
  const data = loadPipelineData({dirs: options.rules ?? [], outletRules: options.outletRules ?? true})
  const corpus = resolveInputs(options.inputs, cwd, options.selection)
  let since: string | null = null
  let targets = corpus
  if (options.changed) {
    since = options.changed.since ?? mergeBase(cwd, options.env)
    const changed = new Set(changedFiles(since, cwd).map(realPath))
    targets = corpus.filter((input) => changed.has(realPath(input.absolute)))
  }
  const targetIds = new Set(targets.map((input) => input.relative))
  const common = {
    inputs: options.inputs,
    ...(options.selection ? {selection: options.selection} : {}),
    data,
    ...(options.index === undefined ? {} : {index: options.index}),
    ...(options.limits ? {limits: options.limits} : {}),
    ...(options.onArticle ? {onArticle: options.onArticle} : {})
  }
  const stale =
    options.index === undefined
      ? new Set<string>()
      : await staleInIndex(
          options.index,
          data,
          corpus.filter((input) => !targetIds.has(input.relative))
        )
  if (stale.size > 0) await runCorpus({...common, only: [...stale], retain: false})
  const reports = options.out ? {out: options.out, ...(options.markdown === undefined ? {} : {markdown: options.markdown})} : {}
  const articles = targets.length === 0 ? [] : (await runCorpus({...common, only: [...targetIds], ...reports})).articles
  const root = realPath(repositoryRoot(cwd) ?? cwd)
  // The folder is resolved, not a link the file itself may be: a link's target is not for the report to name.
  const repoPathOf = (input: InputFile) =>
    relative(root, join(realPath(dirname(input.absolute)), basename(input.absolute)))
      .split(sep)
      .join('/')
  const byId = new Map(corpus.map((input) => [input.relative, input]))
  const pathOf = (article: string) => {
    const input = byId.get(article)
    return input ? repoPathOf(input) : article
  }
  const files = articles.map(
    (article): CheckedFile => ({
      path: article.input.display,
      repoPath: repoPathOf(article.input),
      article: article.input.relative,
      report: article.report,
      verdict: judgeArticle(
        {
          report: article.report,
          failures: article.file.messages
            .filter((message) => message.fatal === true)
            .map((message) => ({reason: message.reason, ruleId: message.ruleId ?? null, line: message.line ?? null, column: message.column ?? null})),
          pathOf
        },
        options.policy
      )
    })
  )
  return {files, corpus: corpus.length, refreshed: stale.size, since, failed: files.some((file) => file.verdict.failed)}
}

/** Ids of the corpus files the index lacks, or holds in another version or under other rules. */
async function staleInIndex(index: string, data: PipelineData, inputs: InputFile[]): Promise<Set<string>> {
  return withStore(index, async (store) => {
    const stale = new Set<string>()
    for (const input of inputs) {
      const stored = await store.lookup(input.relative)
      if (!stored || stored.config !== data.config || stored.sha256 !== fileHash(input)) stale.add(input.relative)
    }
    return stale
  })
}

function fileHash(input: InputFile): string | undefined {
  try {
    return sha256(readInput(input))
  } catch {
    return undefined
  }
}

function realPath(path: string): string {
  try {
    return realpathSync.native(path)
  } catch {
    return path
  }
}
