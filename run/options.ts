/** What a run is asked for and what it gives back: shared by the runner and its worker threads. */
import type {VFile} from 'vfile'
import type {InputLimits} from '../core/decode.ts'
import type {ReuseOptions} from '../link/reuse/linker.ts'
import type {PipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import type {InputFile, InputSelection, Shard} from './inputs.ts'
import type {HeldRoom} from './held-reports.ts'

export interface RunOptions {
  /** Paths, folders or globs; `!PATTERN` leaves files out, `-` is standard input. */
  inputs: string[]
  /** Exclude patterns, `.gitignore`, standard input: what the inputs expand to. */
  selection?: InputSelection
  /** Where reports go; omitted, nothing is written. */
  out?: string
  /**
   * Write the reports to `out` as JSON Lines, `batch` articles per file (`reports-00001.jsonl`, …, in input order), no
   * Markdown; omitted, a JSON report and its Markdown twin per article. Not for sharded or finalizing runs.
   */
  jsonl?: {batch: number}
  /**
   * Write each per-article report's Markdown twin (default true). False: the JSON report alone, and a twin an earlier
   * run left is removed; the link step then reads back and rewrites only the reports it patches.
   */
  markdown?: boolean
  /** User rule folders on top of the built-in rules. */
  rules?: string[]
  /** Apply outlet rule files (default true). */
  outletRules?: boolean
  limits?: InputLimits
  /** Called after each article, for progress display. */
  onArticle?: (result: ArticleResult, done: number, total: number) => void
  /** When finalizing: called after each report the link step takes in (and indexes, if the index does not hold it yet), for progress display. */
  onAdmitted?: (done: number, total: number) => void
  /** Pipeline data already loaded (rules, calendar); loaded from `rules` when omitted. */
  data?: PipelineData
  /** The reuse index: an SQLite path (`:memory:` for a throwaway one) or a `postgres://` URL; omitted, no reuse detection. */
  index?: string
  /** Reuse detection settings. */
  reuse?: ReuseOptions
  /**
   * Process only this share of the inputs (by content hash), so several runners split a corpus with no coordinator.
   * A sharded run counts its articles into the index's corpus counts but does not link them by reuse: `finalize`
   * does, over the whole corpus in input order, as one process would.
   */
  shard?: Shard
  /** Process only the inputs with these article ids (default all); the others still count as the corpus the generic stage learns from. */
  only?: string[]
  /**
   * Analyse nothing: run the link step over the reports already in `out`
   * (after sharded runs), patching those whose links the index has changed.
   */
  finalize?: boolean
  /**
   * Keep each article's text and report in the result (default true). A
   * large run turns it off and keeps only messages: the reports are on disk.
   */
  retain?: boolean
  /**
   * The articles whose results the run returns in `articles`: 'every' one (default), or only the 'noteworthy' ones,
   * those that failed or carry a message. The `wiretrace` command asks for the noteworthy ones: a result kept for every
   * article of a large run was about 85 bytes an article of the main thread's heap until the run ended, for a list
   * of counts and of the few messages a user must see. `reported` names the others.
   */
  results?: 'every' | 'noteworthy'
  /**
   * The messages each result's file carries: 'problems' (default: warnings
   * and errors, the messages a user must see), or 'all' (each decision as
   * well, as a vfile message, for printing them: `run -v`). The decisions
   * are plain records in the report's `messages` either way; as vfile
   * messages, ~30 per article, they cost time and memory a run need not pay.
   */
  messages?: 'all' | 'problems'
  /**
   * Bytes of per-article reports the run holds in memory for its link step, which then writes each once (default
   * `HELD_REPORT_BYTES`, 64 MiB); past them, the pipeline writes its reports as it makes them. 0 holds none.
   */
  heldReportBytes?: number
  /**
   * Worker threads to spread the articles over (default 1: this thread). `'auto'` (the CLI's default) takes one per
   * `ARTICLES_PER_WORKER` inputs, up to the number of cores: a thread that starts costs more than it saves on a few articles.
   */
  workers?: number | 'auto'
}

export interface ArticleResult {
  input: InputFile
  /** The processed file: its messages, and (with `retain`) its text and report in `data.report`. */
  file: VFile
  report: Report | undefined
  failed: boolean
  /**
   * Whether `file` holds a message, asked without making the file: a result from a worker thread makes its file only
   * when asked for, and a run that made one for each of its articles to show the messages of a few made 100,000 files
   * at its end.
   */
  readonly hasMessages: boolean
  /** Paths of the JSON and Markdown reports written, if any (the JSON alone with `markdown: false`; with `jsonl`, the file holding the article's line). */
  written: string[]
}

export interface RunResult {
  /** The articles' results in input order: each article's, or with `results: 'noteworthy'` only those that failed or carry a message. */
  articles: ArticleResult[]
  /** The ids of the reports the run wrote, or would write with an output folder, in input order: every article analysed and not failed; when finalizing, those patched or analysed again. */
  reported: readonly string[]
  /** The JSON Lines files holding the run's reports, when it writes JSON Lines. */
  jsonlFiles?: number
  failed: number
  /** Inputs left alone: in another shard, not selected, or (when finalizing) whose report did not change. */
  skipped: number
  /** When finalizing: the articles analysed again because the corpus counts their reports were made with changed. */
  reanalysed?: number
  /** When finalizing: every report of the inputs the link step went over, in input order (what an HTML site over them lists). */
  linked?: readonly string[]
  /** When finalizing: the inputs whose report is in the folder but could not be read (not valid JSON, or not a report): not linked. */
  unreadable?: readonly string[]
  /** When finalizing: the inputs with no report in the folder (a runner not finished, or an article that failed): not linked. */
  unreported?: number
}

/** Whether a run with these options returns this article's result in `articles` (`RunOptions.results`). */
export function returnsResult(options: Pick<RunOptions, 'results'>, result: Pick<ArticleResult, 'failed' | 'hasMessages'>): boolean {
  return options.results !== 'noteworthy' || result.failed || result.hasMessages
}

/** What one thread's share of a run returns. */
export interface PartialRun {
  /** In input order, as `RunResult.articles`: each article's result, or only the noteworthy ones (`RunOptions.results`). */
  articles: ArticleResult[]
}

/** How a run's pipeline writes its per-article reports, when the link step that follows writes part of them. */
export interface PipelineWrites {
  /** Each JSON report alone: the link step writes its Markdown twin once its links are known. */
  twinsLater?: boolean
  /** Each report held for the link step to write, while this budget has room (run/held-reports.ts). */
  room?: HeldRoom
}
