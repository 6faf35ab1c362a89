/** The shape of reports/bench.json: what one benchmark run measured, and the targets it was judged by. */
import type {LargeArticleKind} from './large-article.ts'
import type {PeerRun} from './peers.ts'

/** The targets for a 2-core machine, judged at the largest size run. */
export interface Target {
  target: string
  measured: string
  met: boolean
  /** How far off a missed target is, as a factor (measured over target, or target over measured). */
  shortBy?: number
}

/** One corpus size: the pipeline's figures and the limits on the same corpus. */
export interface SizeRun {
  articles: number
  articlesPerSec: number
  mbPerSec: number
  wallSec: number
  peakRssMb: number
  /** Peak RSS up to the end of the pipeline, before the link step. */
  pipelinePeakRssMb: number
  perArticleMs: number
  /** CPU time of the run's process (every thread) per article: what the machine's load does not inflate. */
  cpuMsPerArticle: number
  /** Thread time per article of each pipeline stage and run step (the stage clock), summed over threads. */
  stages: Record<string, number>
  megabytes: number
  /** Size of the reuse index after the run. */
  indexMb: number
  reusing: number
  failed: number
  /** The limit figures on the same corpus: read + parse, read + split into words. */
  limit: {articlesPerSec: number; tokenizeArticlesPerSec: number}
  /** Other tools over the same corpus, each on one thread (absent from runs before December 2026, and above `--peers-up-to`). */
  peers?: PeerRun[]
}

/** One corpus size through the pipeline with one output mode: per-article files (`json`) or JSON Lines files (`jsonl`). */
export interface OutputRun {
  articles: number
  format: 'json' | 'jsonl'
  articlesPerSec: number
  wallSec: number
  cpuMsPerArticle: number
  peakRssMb: number
  /** Thread time per article of each stage and run step. */
  stages: Record<string, number>
}

export interface Incremental {
  indexed: number
  added: number
  /** The median of `runs`. */
  seconds: number
  /** Each run's wall time, in the order run; a bench before December 2026 ran them once and wrote none. */
  runs?: number[]
}

/** A run at the largest size on another engine or layout than one process on SQLite. */
export interface Variant {
  name: string
  engine: 'sqlite' | 'postgres'
  processes: number
  workers: number
  articles: number
  articlesPerSec: number
  wallSec: number
  /** For sharded runs: the `reuse --finalize` pass after the runners, included in `wallSec`. */
  finalizeSec?: number
  /** One figure per process. */
  peakRssMb: number[]
  indexMb: number
  incremental: Incremental
}

/** One article of one size through the whole run (reports and index included), in a process of its own. */
export interface LargeRun {
  kind: LargeArticleKind
  megabytes: number
  lines: number
  wallSec: number
  cpuSec: number
  /** CPU seconds per MB: flat when the cost grows linearly with the article. */
  cpuSecPerMb: number
  peakRssMb: number
  failed: number
}

export interface BenchReport {
  generator: string
  date: string
  /** The command line the run was started with (absent from runs before it was recorded). */
  command?: string
  machine: {cpu: string; cores: number; memoryGb: number; os: string; node: string; loadBefore: number[]; loadAfter: number[]}
  corpus: {seed: number; reuseShare: number; sources: number}
  workers: number
  runs: SizeRun[]
  /** Each size with per-article files (the run in `runs`) and, unless `--no-jsonl`, with `--format jsonl`, on the same corpus. */
  outputs: OutputRun[]
  /** Per-article time at the largest size over that at the smallest. */
  perArticleRatio: number | null
  incremental: Incremental
  limit: {articles: number; threads: number; articlesPerSec: number; tokenizeArticlesPerSec: number}
  variants: Variant[]
  /** Single articles of growing size: time and memory against the article's size. */
  large: LargeRun[]
  /** The targets, judged at the largest size. */
  targets: Target[]
}
