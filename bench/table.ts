/** The benchmark's figures as Markdown: what the console shows and the README carries. */
import type {PeerRun} from './peers.ts'
import type {BenchReport, Incremental, LargeRun, OutputRun, SizeRun, Target, Variant} from './report.ts'

/** What the README's section reads of a run's figures. */
export type ReadmeBench = Pick<BenchReport, 'date' | 'command' | 'machine' | 'workers' | 'outputs' | 'targets'> & {
  runs: Array<Pick<SizeRun, 'articles' | 'indexMb'>>
}

/** The issue's throughput targets: per-article files (the CI default) and JSON Lines files (corpus builders). */
const ARTICLES_PER_SEC = 800
const JSONL_ARTICLES_PER_SEC = 2000
const SHARE_OF_PARSE = 0.4
const PER_ARTICLE_RATIO = 1.2
const PEAK_RSS_MB = 1024
/**
 * Flat memory, as a bound: the largest size's peak RSS within this factor of
 * the next smaller size's (a tenfold corpus may cost the heaps' noise, not a
 * share of its articles).
 */
const FLAT_PEAK_RATIO = 1.1
const ADDED_SECONDS = 1

export function judgeTargets(report: Pick<BenchReport, 'runs' | 'outputs' | 'perArticleRatio' | 'incremental' | 'limit'>): Target[] {
  const last = report.runs.at(-1)!
  const at = `at ${count(last.articles)}`
  const shareOfParse = last.articlesPerSec / report.limit.articlesPerSec
  const lines = report.outputs.find((run) => run.format === 'jsonl' && run.articles === last.articles)
  const targets: Target[] = [
    atLeast(
      `≥ ${count(ARTICLES_PER_SEC)} articles/s ${at}, per-article files`,
      last.articlesPerSec,
      ARTICLES_PER_SEC,
      `${count(last.articlesPerSec)} articles/s`
    ),
    ...(lines
      ? [
          atLeast(
            `≥ ${count(JSONL_ARTICLES_PER_SEC)} articles/s ${at}, --format jsonl`,
            lines.articlesPerSec,
            JSONL_ARTICLES_PER_SEC,
            `${count(lines.articlesPerSec)} articles/s`
          )
        ]
      : []),
    atLeast(
      `≥ ${SHARE_OF_PARSE * 100}% of the read + parse rate ${at}`,
      shareOfParse,
      SHARE_OF_PARSE,
      `${(shareOfParse * 100).toFixed(1)}% (${count(report.limit.articlesPerSec)} articles/s)`
    ),
    atMost(`peak RSS ≤ ${PEAK_RSS_MB / 1024} GB ${at}`, last.peakRssMb, PEAK_RSS_MB, `${count(last.peakRssMb)} MB`),
    ...flatPeak(report.runs),
    atMost(
      `${report.incremental.added} new articles against the ${count(report.incremental.indexed)}-article index in ≤ ${ADDED_SECONDS} s (one thread, in-process)`,
      report.incremental.seconds,
      ADDED_SECONDS,
      `${report.incremental.seconds.toFixed(2)} s${runsOf(report.incremental)}`
    )
  ]
  if (report.perArticleRatio !== null) {
    const first = report.runs[0]!
    targets.splice(
      lines ? 3 : 2,
      0,
      atMost(
        `per-article time ${at} within ${PER_ARTICLE_RATIO}× of ${count(first.articles)}`,
        report.perArticleRatio,
        PER_ARTICLE_RATIO,
        `${report.perArticleRatio.toFixed(2)}×`
      )
    )
  }
  return targets
}

/** The peak RSS of the largest size against the next smaller one's, when the bench ran more than one size. */
function flatPeak(runs: BenchReport['runs']): Target[] {
  if (runs.length < 2) return []
  const [smaller, largest] = [runs.at(-2)!, runs.at(-1)!]
  const ratio = round(largest.peakRssMb / smaller.peakRssMb)
  return [
    atMost(
      `peak RSS flat: at ${count(largest.articles)} within ${FLAT_PEAK_RATIO}× of ${count(smaller.articles)}`,
      ratio,
      FLAT_PEAK_RATIO,
      `${ratio.toFixed(2)}× (${count(smaller.peakRssMb)} → ${count(largest.peakRssMb)} MB)`
    )
  ]
}

function atLeast(target: string, value: number, bound: number, measured: string): Target {
  return value >= bound ? {target, measured, met: true} : {target, measured, met: false, shortBy: round(bound / value)}
}

function atMost(target: string, value: number, bound: number, measured: string): Target {
  return value <= bound ? {target, measured, met: true} : {target, measured, met: false, shortBy: round(value / bound)}
}

export function formatReport(report: BenchReport): string {
  const {machine} = report
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}; load average ${machine.loadBefore[0]} before, ${machine.loadAfter[0]} after.`,
    `Corpus: generated from ${report.corpus.sources} real articles (seed ${report.corpus.seed}), ${Math.round(report.corpus.reuseShare * 100)}% of articles reusing passages of earlier ones; pipeline on ${report.workers} worker threads.`,
    '',
    '| articles | MB | wall (s) | articles/s | MB/s | ms/article | CPU ms/article | peak RSS (MB) | before the link step (MB) | index (MB) | read + parse (articles/s) | read + split words (articles/s) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.runs.map(
      (run) =>
        `| ${count(run.articles)} | ${run.megabytes} | ${run.wallSec.toFixed(1)} | ${count(run.articlesPerSec)} | ${run.mbPerSec.toFixed(2)} | ${run.perArticleMs.toFixed(2)} | ${run.cpuMsPerArticle.toFixed(2)} | ${count(run.peakRssMb)} | ${count(run.pipelinePeakRssMb)} | ${count(run.indexMb)} | ${count(run.limit.articlesPerSec)} | ${count(run.limit.tokenizeArticlesPerSec)} |`
    ),
    '',
    ...formatOutputs(report.outputs),
    '',
    ...formatPeers(report),
    ...formatStages(report),
    ''
  ]
  if (report.perArticleRatio !== null) {
    const [first, last] = [report.runs[0]!, report.runs.at(-1)!]
    lines.push(`Per-article time at ${count(last.articles)} over ${count(first.articles)}: ${report.perArticleRatio.toFixed(2)}×.`)
    for (const [from, to] of report.runs.slice(1).map((run, at) => [report.runs[at]!, run] as const)) {
      lines.push(
        `Peak RSS from ${count(from.articles)} to ${count(to.articles)} articles: ${(((to.peakRssMb - from.peakRssMb) * 1024) / (to.articles - from.articles)).toFixed(1)} KB per article.`
      )
    }
  }
  lines.push(
    `${report.incremental.added} new articles checked against the ${count(report.incremental.indexed)}-article index: ${report.incremental.seconds.toFixed(2)} s${runsOf(report.incremental)}.`,
    ''
  )
  if (report.variants.length > 0) lines.push(...formatVariants(report), '')
  if (report.large.length > 0) lines.push(...formatLarge(report.large), '')
  lines.push(...formatTargets(judgeTargets(report)))
  return lines.join('\n')
}

/**
 * What the README carries of the latest run: the machine, each size per output mode with the index it left, the chart
 * and the targets. `npm run docs` copies it there from `reports/bench.json`, so the README never shows older figures.
 */
export function formatReadmeSection(report: ReadmeBench): string[] {
  const {machine} = report
  const sizes = report.runs.map((run) => count(run.articles))
  return [
    `${report.command ? `\`${report.command}\`: sizes` : 'Sizes'} ${sizes.join(', ')}, measured ${report.date.slice(0, 10)} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, load average ${machine.loadBefore[0]} before and ${machine.loadAfter[0]} after; pipeline on ${report.workers} worker threads; whole runs (pipeline, link step, reports):`,
    '',
    ...outputTable(report.outputs, new Map(report.runs.map((run) => [run.articles, run.indexMb]))),
    '',
    '![time and memory against corpus size](reports/bench.svg)',
    '',
    ...formatTargets(report.targets)
  ]
}

/** The targets, each with what was measured and whether it was met. */
function formatTargets(targets: readonly Target[]): string[] {
  return [
    '| target (2 cores) | measured | met |',
    '|---|---:|---|',
    ...targets.map((target) => `| ${target.target} | ${target.measured} | ${target.met ? 'yes' : `no (off by ${target.shortBy}×)`} |`)
  ]
}

/** Each size with per-article files beside JSON Lines files, same corpus, same bench run. */
function formatOutputs(runs: readonly OutputRun[]): string[] {
  return runs.some((run) => run.format === 'jsonl') ? outputTable(runs) : []
}

/** A row per size and output mode; with `indexMb` (by size), the index each size's per-article run left. */
function outputTable(runs: readonly OutputRun[], indexMb?: ReadonlyMap<number, number>): string[] {
  const mode = (run: OutputRun) => (run.format === 'jsonl' ? '--format jsonl' : 'per-article files')
  const index = (run: OutputRun) => (!indexMb ? '' : ` ${run.format === 'json' ? count(indexMb.get(run.articles) ?? 0) : ''} |`)
  return [
    `| articles | output | wall (s) | articles/s | CPU ms/article | peak RSS (MB) |${indexMb ? ' index (MB) |' : ''}`,
    `|---:|---|---:|---:|---:|---:|${indexMb ? '---:|' : ''}`,
    ...runs.map(
      (run) =>
        `| ${count(run.articles)} | ${mode(run)} | ${run.wallSec.toFixed(1)} | ${count(run.articlesPerSec)} | ${run.cpuMsPerArticle.toFixed(2)} | ${count(run.peakRssMb)} |${index(run)}`
    )
  ]
}

const PEER_NAMES: Record<PeerRun['tool'], string> = {
  justext: 'jusText (boilerplate only)',
  minhash: 'MinHash-LSH, datasketch (reuse only)'
}

/**
 * The pipeline beside the other tools, at each size they ran on: wiretrace's runs (its four jobs, on the bench's
 * threads), then jusText and MinHash-LSH on one thread each, or why one did not run. Nothing when no size had them.
 */
function formatPeers(report: BenchReport): string[] {
  const rows = report.runs.flatMap(({articles, peers}) => {
    if (!peers) return []
    return [
      ...report.outputs
        .filter((output) => output.articles === articles)
        .map(
          (output) =>
            `| ${count(articles)} | wiretrace, ${output.format === 'jsonl' ? '--format jsonl' : 'per-article files'} (all four jobs) | ${report.workers} | ${count(output.articlesPerSec)} | ${output.cpuMsPerArticle.toFixed(2)} | ${count(output.peakRssMb)} |`
        ),
      ...peers.map((peer) =>
        'skipped' in peer
          ? `| ${count(articles)} | ${PEER_NAMES[peer.tool]} | 1 | skipped: ${peer.skipped} | | |`
          : `| ${count(articles)} | ${PEER_NAMES[peer.tool]} | 1 | ${count(peer.articlesPerSec)} | ${peer.cpuMsPerArticle.toFixed(2)} | ${count(peer.peakRssMb)} |`
      )
    ]
  })
  if (rows.length === 0) return []
  return ['| articles | tool | threads | articles/s | CPU ms/article | peak RSS (MB) |', '|---:|---|---:|---:|---:|---:|', ...rows, '']
}

/** Thread time per article of each stage and run step, one column per size, largest first. */
function formatStages(report: BenchReport): string[] {
  const names = [...new Set(report.runs.flatMap((run) => Object.keys(run.stages)))]
  if (names.length === 0) return []
  const largest = report.runs.at(-1)!
  names.sort((a, b) => (largest.stages[b] ?? 0) - (largest.stages[a] ?? 0))
  return [
    `| stage or step (thread ms/article) | ${report.runs.map((run) => count(run.articles)).join(' | ')} |`,
    `|---|${report.runs.map(() => '---:').join('|')}|`,
    ...names.map((name) => `| ${name} | ${report.runs.map((run) => (run.stages[name] ?? 0).toFixed(3)).join(' | ')} |`)
  ]
}

/** One large article per size and kind: time and memory against its size, and the CPU cost per MB (flat when linear). */
export function formatLarge(runs: readonly LargeRun[]): string[] {
  return [
    'One article of growing size, a whole run on one worker (reports, index and link step included):',
    '',
    '| article | MB | lines | wall (s) | CPU (s) | CPU s/MB | peak RSS (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (run) =>
        `| ${run.kind}${run.failed > 0 ? ' (failed)' : ''} | ${run.megabytes} | ${count(run.lines)} | ${run.wallSec.toFixed(1)} | ${run.cpuSec.toFixed(1)} | ${run.cpuSecPerMb.toFixed(1)} | ${count(run.peakRssMb)} |`
    )
  ]
}

/** SQLite in one process beside the other engines and layouts, at the largest size. */
function formatVariants(report: BenchReport): string[] {
  const last = report.runs.at(-1)!
  const base: Variant = {
    name: 'sqlite',
    engine: 'sqlite',
    processes: 1,
    workers: report.workers,
    articles: last.articles,
    articlesPerSec: last.articlesPerSec,
    wallSec: last.wallSec,
    peakRssMb: [last.peakRssMb],
    indexMb: last.indexMb,
    incremental: report.incremental
  }
  const columns = [base, ...report.variants]
  const title = (variant: Variant) =>
    `${variant.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${variant.processes === 1 ? `1 process × ${variant.workers} workers` : `${variant.processes} processes (sharded)`}`
  const row = (label: string, cell: (variant: Variant) => string) => `| ${label} | ${columns.map(cell).join(' | ')} |`
  return [
    `| ${count(last.articles)} articles | ${columns.map(title).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    row('articles/s', (variant) => count(variant.articlesPerSec)),
    row('wall (s)', (variant) => `${variant.wallSec.toFixed(1)}${variant.finalizeSec !== undefined ? ` (finalize ${variant.finalizeSec.toFixed(1)})` : ''}`),
    row('peak RSS (MB)', (variant) => variant.peakRssMb.map(count).join(' + ')),
    row('index (MB)', (variant) => count(variant.indexMb)),
    row(`${report.incremental.added} new articles (s)`, (variant) => variant.incremental.seconds.toFixed(2))
  ]
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en')
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/** The runs a median of new articles' times was taken over, when there were several. */
function runsOf(incremental: Incremental): string {
  const runs = incremental.runs ?? []
  return runs.length > 1 ? ` (median of ${runs.length} runs: ${runs.map((run) => run.toFixed(2)).join(', ')} s)` : ''
}
