/**
 * `npm run bench`: builds corpora of 1k, 10k and 100k articles from the real
 * articles, runs the full pipeline over each (clean, attribute, reuse,
 * reports) on both cores, and prints per size articles/s, MB/s, wall time,
 * peak RSS and time per article, with the limit figures (read + parse
 * alone, read + split into words) beside them, and on the smaller corpora
 * jusText and MinHash-LSH over the same files (bench/peers.ts, where Python
 * has them). At the largest size it also
 * times 100 new articles checked against the full index, a sharded run (two
 * processes sharing one index) and, given a server, the same on PostgreSQL.
 * Writes `reports/bench.json` and `reports/bench.svg`.
 *
 * Every corpus, index and report goes to a temporary folder, removed at the
 * end. Each measurement runs in a process of its own, so its peak resident
 * set is its own.
 *
 * Exit codes: 0 done; 1 an article failed or a measurement crashed; 2 a usage error.
 */
import {execFileSync, spawn} from 'node:child_process'
import {closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, release, tmpdir, totalmem, type as osType} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import pg from 'pg'
import writeFileAtomic from 'write-file-atomic'
import {isPostgresUrl} from '../link/reuse/open.ts'
import {GENERATOR} from '../core/version.ts'
import {STAGE_TIMES_ENV} from '../core/stage-clock.ts'
import {renderChart} from './chart.ts'
import {writeCorpus, type CorpusPart} from './corpus.ts'
import {DEFAULT_GENERATE} from './generate.ts'
import type {LimitResult} from './limits.ts'
import type {MeasureResult, MeasureTask, PipelineMeasure} from './measure.ts'
import {loadSources} from './sources.ts'
import {measurePeers, type PeerRun} from './peers.ts'
import {buildLargeArticle, LARGE_ARTICLE_KINDS} from './large-article.ts'
import {reportBytesPerArticle, writeSyndicated, type SyndicatedBench, type SyndicatedRun} from './syndicated.ts'
import {formatLarge, formatReport, judgeTargets} from './table.ts'
import type {BenchReport, Incremental, LargeRun, OutputRun, SizeRun, Variant} from './report.ts'
import {DEFAULT_JSONL_BATCH} from '../run/jsonl-reports.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/**
 * Where the bench bundles what it measures (the measuring entry, the pipeline and its thread entries) into
 * JavaScript, as the installed command runs: the sources through tsx cost every thread of a measurement the
 * compiler's memory (about 100 MB more peak at 10,000 articles) and its start-up. Inside the package, as the
 * bundled code finds the rules from where it runs; one folder per bench process, removed at its end.
 */
const MEASURE_BUNDLE = join(ROOT, 'dist', `bench-${process.pid}`)
const MEASURE = join(MEASURE_BUNDLE, 'measure.js')
/** What the bundle holds: the measuring entry and every thread entry a measurement starts. */
const MEASURED_ENTRIES = ['bench/measure.ts', 'bench/limit-worker.ts', 'run/worker.ts', 'run/write-worker.ts']
const MB = 1024 * 1024

interface Options {
  sizes: number[]
  workers: number
  added: number
  seed: number
  reuseShare: number
  pg?: string
  shard: boolean
  /** Run each size again with the reports as JSON Lines files. */
  jsonl: boolean
  out: string
  keep?: boolean
  /** Only the syndicated corpus: stories × outlets. */
  syndicated?: [number, number]
  repeat: number
  /** Sizes of the single large articles, in MB (10^6 bytes). */
  large: number[]
  /** Only the large articles. */
  largeOnly?: boolean
  /** The largest corpus the other tools run over (0: none). */
  peersUpTo: number
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('npm run bench --')
    .description('Benchmark the full pipeline on generated corpora of growing size.')
    .addOption(
      new Option('--sizes <list>', 'corpus sizes, in articles, comma-separated').argParser(sizeList).default([1000, 10_000, 100_000], '1000,10000,100000')
    )
    .addOption(new Option('--workers <n>', 'worker threads per pipeline run').argParser(positive).default(2))
    .addOption(new Option('--added <n>', 'new articles checked against the largest index').argParser(positive).default(100))
    .addOption(new Option('--seed <n>', 'seed of the generated corpora').argParser(positive).default(DEFAULT_GENERATE.seed))
    .addOption(
      new Option('--reuse-share <share>', 'share of articles that reuse passages of earlier ones').argParser(share).default(DEFAULT_GENERATE.reuseShare)
    )
    .addOption(
      new Option('--pg <url>', 'PostgreSQL server for the PostgreSQL runs at the largest size (each run gets a database of its own)').env('WIRETRACE_PG_URL')
    )
    .option('--no-shard', 'skip the sharded runs (two processes sharing one index) at the largest size')
    .option('--no-jsonl', 'skip the second run of each size with the reports as JSON Lines files (run --format jsonl)')
    .option('-o, --out <dir>', 'where bench.json and bench.svg go', 'reports')
    .option('--keep', "keep the temporary folder (each size's corpus, new articles, index and reports) and print where it is")
    .addOption(
      new Option('--repeat <n>', 'with --syndicated: runs with and without the index, alternating, n times each (figures are medians)')
        .argParser(positive)
        .default(1)
    )
    .addOption(
      new Option('--large <list>', 'sizes of the single large articles, in MB, comma-separated').argParser(megabyteList).default([0.5, 1, 2, 5], '0.5,1,2,5')
    )
    .option('--large-only', 'only the large articles: one article of each size, each kind, through a whole run')
    .addOption(
      new Option('--peers-up-to <n>', 'time jusText and MinHash-LSH (Python, one thread each) on the corpora of up to n articles; 0 for none')
        .argParser(wholeNumber)
        .default(10_000)
    )
    .addOption(
      new Option('--syndicated <NxM>', 'only the syndicated corpus: N real stories each printed by M outlets, with the index and without').argParser(
        storiesByOutlets
      )
    )
    .exitOverride()
  try {
    program.parse(argv, {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    throw error
  }
  const options = program.opts<Options>()
  const work = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'))
  const cleanUp = () => {
    rmSync(MEASURE_BUNDLE, {recursive: true, force: true})
    if (!options.keep) rmSync(work, {recursive: true, force: true})
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp()
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15))
    })
  }
  try {
    // Run as a program, as the build runs it: the bench reads nothing of the maintainers' scripts.
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/bundle.ts'), MEASURE_BUNDLE, ...MEASURED_ENTRIES.map((entry) => join(ROOT, entry))],
      {
        stdio: 'inherit'
      }
    )
  } catch (error) {
    cleanUp()
    throw error
  }
  if (options.syndicated) {
    try {
      const loadBefore = loadavg()
      const figures = await benchSyndicated(options.syndicated, options.workers, options.repeat, work)
      mkdirSync(options.out, {recursive: true})
      writeFileAtomic.sync(
        join(options.out, 'bench-syndicated.json'),
        `${JSON.stringify({generator: GENERATOR, date: new Date().toISOString(), machine: machine(loadBefore), workers: options.workers, ...figures}, null, 2)}\n`
      )
      return figures.withIndex.analysed === figures.withIndex.articles ? 0 : 1
    } finally {
      cleanUp()
    }
  }
  if (options.largeOnly) {
    try {
      const large = await benchLarge(options.large, work)
      process.stdout.write(`\n${formatLarge(large).join('\n')}\n`)
      mkdirSync(options.out, {recursive: true})
      writeFileAtomic.sync(
        join(options.out, 'bench-large.json'),
        `${JSON.stringify({generator: GENERATOR, date: new Date().toISOString(), machine: machine(loadavg()), large}, null, 2)}\n`
      )
      return large.some((run) => run.failed > 0) ? 1 : 0
    } finally {
      cleanUp()
    }
  }
  try {
    const report: BenchReport = {...(await bench(options, work)), command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ')}
    const failed = [...report.runs, ...report.large].reduce((sum, run) => sum + run.failed, 0)
    process.stdout.write(`\n${formatReport(report)}\n`)
    const out = resolve(options.out)
    mkdirSync(out, {recursive: true})
    writeFileAtomic.sync(join(out, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`)
    writeFileAtomic.sync(
      join(out, 'bench.svg'),
      renderChart(report.runs, `${GENERATOR}, ${report.workers} workers, ${report.machine.cores} cores (${report.machine.cpu}), ${report.date.slice(0, 10)}`)
    )
    writeFileAtomic.sync(join(out, 'bench.md'), `# Benchmark, ${report.date.slice(0, 10)}\n\n${formatReport(report)}\n`)
    process.stderr.write(`wrote ${join(options.out, 'bench.json')}, bench.md and bench.svg\n`)
    if (failed > 0) process.stderr.write(`bench: ${failed} article(s) failed; the figures do not cover a clean run\n`)
    return failed > 0 ? 1 : 0
  } finally {
    if (options.keep) process.stderr.write(`kept ${work}\n`)
    cleanUp()
  }
}

async function bench(options: Options, work: string): Promise<BenchReport> {
  const sources = loadSources(ROOT)
  const generate = {seed: options.seed, reuseShare: options.reuseShare}
  const loadBefore = loadavg()
  const sizes = [...options.sizes].sort((a, b) => a - b)
  const largest = sizes.at(-1)!
  const runs: SizeRun[] = []
  const outputs: OutputRun[] = []
  let incremental: Incremental | undefined
  const variants: Variant[] = []
  for (const size of sizes) {
    const dir = join(work, `n${size}`)
    log(`${size} articles: generating`)
    const [corpus, added] = writeCorpus(sources, generate, [
      {dir: join(dir, 'corpus'), articles: size},
      {dir: join(dir, 'added'), articles: size === largest ? options.added : 0}
    ]) as [CorpusPart, CorpusPart]
    log(`${size} articles: ${(corpus.bytes / MB).toFixed(1)} MB, ${corpus.reusing} reusing; limits`)
    const parse = await limit(corpus.dir, 'parse', options.workers)
    const words = await limit(corpus.dir, 'words', options.workers)
    const peers = size <= options.peersUpTo ? await timedPeers(corpus.dir, size) : undefined
    log(`${size} articles: pipeline, ${options.workers} workers`)
    const index = join(dir, 'index.sqlite')
    const run = await pipeline({inputs: [corpus.dir], index, out: join(dir, 'reports'), workers: options.workers, label: `${size}`})
    runs.push({...sizeRun(corpus, run, parse, words, await indexSizeMb(index)), ...(peers ? {peers} : {})})
    outputs.push(outputRun(corpus, run, 'json'))
    log(
      `${size} articles: ${run.wallSec.toFixed(1)} s, ${(size / run.wallSec).toFixed(0)} articles/s, peak RSS ${run.peakRssMb.toFixed(0)} MB (${run.pipelinePeakRssMb.toFixed(0)} MB before the link step)`
    )
    if (options.jsonl) {
      log(`${size} articles: pipeline, ${options.workers} workers, --format jsonl`)
      const out = join(dir, 'reports-jsonl')
      const lines = await pipeline({
        inputs: [corpus.dir],
        index: join(dir, 'index-jsonl.sqlite'),
        out,
        workers: options.workers,
        jsonlBatch: DEFAULT_JSONL_BATCH,
        label: `${size} jsonl`
      })
      outputs.push(outputRun(corpus, lines, 'jsonl'))
      rmSync(out, {recursive: true, force: true})
      log(
        `${size} articles, --format jsonl: ${lines.wallSec.toFixed(1)} s, ${(size / lines.wallSec).toFixed(0)} articles/s, peak RSS ${lines.peakRssMb.toFixed(0)} MB`
      )
    }
    if (size === largest) {
      incremental = await addArticles(added, size, {index, out: join(dir, 'reports')})
      log(`${options.added} new articles against ${size}: ${incremental.seconds.toFixed(2)} s`)
      if (!options.keep) rmSync(join(dir, 'reports'), {recursive: true, force: true})
      if (options.shard) variants.push(await sharded('sqlite', corpus, added, (name) => join(dir, `${name}.sqlite`), dir))
      if (options.pg) {
        variants.push(await withDatabase(options.pg, 'single', (url) => single(corpus, added, url, options.workers, dir)))
        if (options.shard) variants.push(await withDatabase(options.pg, 'sharded', (url) => sharded('postgres', corpus, added, () => url, dir)))
      }
    }
    if (!options.keep) rmSync(dir, {recursive: true, force: true})
  }
  const first = runs[0]!
  const last = runs.at(-1)!
  const figures = {
    runs,
    outputs,
    perArticleRatio: runs.length > 1 ? round(last.perArticleMs / first.perArticleMs, 2) : null,
    incremental: incremental!,
    limit: {articles: last.articles, threads: options.workers, ...last.limit}
  }
  return {
    generator: GENERATOR,
    date: new Date().toISOString(),
    machine: machine(loadBefore),
    corpus: {...generate, sources: sources.length},
    workers: options.workers,
    ...figures,
    variants,
    large: await benchLarge(options.large, work),
    targets: judgeTargets(figures)
  }
}

/**
 * One article of each size and kind through a whole run on one worker
 * (analysis, reports, the index and the link step), each in a fresh process
 * so its peak resident set is its own. The cost per MB should stay flat as
 * the article grows: a step that is not linear in the article shows here.
 */
async function benchLarge(sizes: number[], work: string): Promise<LargeRun[]> {
  const sources = loadSources(ROOT)
  const runs: LargeRun[] = []
  for (const kind of LARGE_ARTICLE_KINDS) {
    for (const megabytes of [...sizes].sort((a, b) => a - b)) {
      const dir = join(work, `large-${kind}-${megabytes}`)
      mkdirSync(join(dir, 'input'), {recursive: true})
      const text = buildLargeArticle(sources, kind, Math.round(megabytes * 1_000_000))
      writeFileSync(join(dir, 'input', 'article.txt'), text)
      log(`large article, ${kind}, ${megabytes} MB`)
      const run = await pipeline({
        inputs: [join(dir, 'input')],
        index: join(dir, 'index.sqlite'),
        out: join(dir, 'reports'),
        workers: 1,
        label: `large ${kind} ${megabytes} MB`
      })
      const actual = Buffer.byteLength(text, 'utf8') / 1_000_000
      runs.push({
        kind,
        megabytes: round(actual, 2),
        lines: text.split('\n').length - 1,
        wallSec: round(run.wallSec, 1),
        cpuSec: round(run.cpuSec, 1),
        cpuSecPerMb: round(run.cpuSec / actual, 1),
        peakRssMb: Math.round(run.peakRssMb),
        failed: run.failed
      })
      log(
        `large article, ${kind}, ${megabytes} MB: ${run.wallSec.toFixed(1)} s wall, ${run.cpuSec.toFixed(1)} s CPU, peak RSS ${run.peakRssMb.toFixed(0)} MB${run.failed > 0 ? ', FAILED' : ''}`
      )
      rmSync(dir, {recursive: true, force: true})
    }
  }
  return runs
}

function outputRun(corpus: CorpusPart, run: PipelineMeasure, format: OutputRun['format']): OutputRun {
  return {...measured(corpus, run), format}
}

/** What every run of a corpus through the pipeline reports, whatever its output. */
function measured(corpus: CorpusPart, run: PipelineMeasure): Omit<OutputRun, 'format'> {
  return {
    articles: corpus.articles,
    articlesPerSec: round(corpus.articles / run.wallSec, 0),
    wallSec: round(run.wallSec, 2),
    cpuMsPerArticle: round((run.cpuSec * 1000) / corpus.articles, 3),
    peakRssMb: round(run.peakRssMb, 0),
    stages: Object.fromEntries(Object.entries(run.stages).map(([name, {ms}]) => [name, round(ms / corpus.articles, 3)]))
  }
}

function sizeRun(corpus: CorpusPart, run: PipelineMeasure, parse: LimitResult, words: LimitResult, indexMb: number): SizeRun {
  return {
    ...measured(corpus, run),
    mbPerSec: round(corpus.bytes / MB / run.wallSec, 2),
    pipelinePeakRssMb: round(run.pipelinePeakRssMb, 0),
    perArticleMs: round((run.wallSec * 1000) / corpus.articles, 3),
    megabytes: round(corpus.bytes / MB, 1),
    indexMb,
    reusing: corpus.reusing,
    failed: run.failed,
    limit: {articlesPerSec: round(parse.articlesPerSec, 0), tokenizeArticlesPerSec: round(words.articlesPerSec, 0)}
  }
}

/**
 * Runs of the new articles, each against a fresh copy of the index and reports the full run left: the figure is their
 * median, as one run of it moved by up to 1.1 s from one bench to the next (2.16, 3.28 and 3.12 s in three benches at
 * 100,000 articles, bench/HISTORY.md).
 */
const ADDED_RUNS = 3

/**
 * The new articles checked against the index of `indexed` articles: read, cleaned, compared, indexed, reported. On
 * one thread: for a hundred articles, starting worker threads costs more than they save. Each run gets a copy of the
 * SQLite index and a copy of the folder of reports whose files are links to the full run's (a report the run patches
 * is replaced, never written in place), so each starts where the full run ended; a PostgreSQL database is run against
 * once, as it stands.
 */
async function addArticles(added: CorpusPart, indexed: number, target: {index: string; out: string}): Promise<Incremental> {
  const seconds: number[] = []
  if (isPostgresUrl(target.index)) seconds.push((await pipeline({inputs: [added.dir], ...target, workers: 1, label: 'added'})).wallSec)
  else {
    flushIndex(target.index)
    for (let attempt = 1; attempt <= ADDED_RUNS; attempt++) {
      const copy = {index: `${target.index}.added`, out: `${target.out}.added`}
      for (const suffix of ['', '-wal'].filter((suffix) => existsSync(`${target.index}${suffix}`)))
        copyFileSync(`${target.index}${suffix}`, `${copy.index}${suffix}`)
      linkTree(target.out, copy.out)
      flushIndex(copy.index)
      seconds.push((await pipeline({inputs: [added.dir], ...copy, workers: 1, label: `added, run ${attempt} of ${ADDED_RUNS}`})).wallSec)
      removeSqliteFile(copy.index)
      rmSync(copy.out, {recursive: true, force: true})
    }
  }
  return {indexed, added: added.articles, seconds: round(median(seconds), 2), runs: seconds.map((run) => round(run, 2))}
}

/** A copy of a folder whose files are hard links to the folder's own. */
function linkTree(from: string, to: string): void {
  mkdirSync(to)
  for (const entry of readdirSync(from, {withFileTypes: true})) {
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name))
    else linkSync(join(from, entry.name), join(to, entry.name))
  }
}

/**
 * Writes out what the run that built an SQLite index left of it in the kernel's page cache. Closing the index ends
 * with a checkpoint that syncs the file, and that sync would otherwise write the building run's pages inside the
 * time of the new articles (0.43 s measured after copying a 595 MB index).
 */
function flushIndex(index: string): void {
  const started = performance.now()
  for (const file of [index, `${index}-wal`].filter((path) => !isPostgresUrl(index) && existsSync(path))) {
    const descriptor = openSync(file, 'r')
    try {
      fsyncSync(descriptor)
    } finally {
      closeSync(descriptor)
    }
  }
  log(`index written out before the new articles: ${((performance.now() - started) / 1000).toFixed(2)} s`)
}

/** One process with worker threads over the whole corpus, then the new articles. */
async function single(corpus: CorpusPart, added: CorpusPart, index: string, workers: number, dir: string): Promise<Variant> {
  log(`${corpus.articles} articles on postgres: pipeline, ${workers} workers`)
  const out = join(dir, 'reports-postgres')
  const run = await pipeline({inputs: [corpus.dir], index, out, workers, label: 'postgres'})
  const indexMb = await indexSizeMb(index)
  const incremental = await addArticles(added, corpus.articles, {index, out})
  rmSync(out, {recursive: true, force: true})
  log(`${corpus.articles} articles on postgres: ${run.wallSec.toFixed(1)} s; ${added.articles} new: ${incremental.seconds.toFixed(2)} s`)
  return {
    name: 'postgres',
    engine: 'postgres',
    processes: 1,
    workers,
    articles: corpus.articles,
    articlesPerSec: round(corpus.articles / run.wallSec, 0),
    wallSec: round(run.wallSec, 2),
    peakRssMb: [round(run.peakRssMb, 0)],
    indexMb,
    incremental
  }
}

/**
 * Two runner processes, each taking its shard of the corpus (by content
 * hash) into one shared index, then the finalize pass that completes the
 * links each runner could not yet see; the new articles the same way.
 */
async function sharded(engine: Variant['engine'], corpus: CorpusPart, added: CorpusPart, indexFor: (name: string) => string, dir: string): Promise<Variant> {
  const index = indexFor('index-sharded')
  const out = join(dir, `reports-sharded-${engine}`)
  const pass = async (inputs: string, label: string) => {
    const runners = await Promise.all(
      [1, 2].map((shard) => pipeline({inputs: [inputs], index, out, workers: 1, shard: {index: shard, count: 2}, label: `${label} shard ${shard}/2`}))
    )
    const finalize = await pipeline({inputs: [inputs], index, out, workers: 1, finalize: true, label: `${label} finalize`})
    const runnersSec = (Math.max(...runners.map((run) => run.endedAt)) - Math.min(...runners.map((run) => run.startedAt))) / 1000
    return {runners, finalizeSec: finalize.wallSec, wallSec: runnersSec + finalize.wallSec}
  }
  log(`${corpus.articles} articles, sharded on ${engine}: 2 processes`)
  const full = await pass(corpus.dir, `sharded ${engine}`)
  const indexMb = await indexSizeMb(index)
  const next = await pass(added.dir, `sharded ${engine} added`)
  rmSync(out, {recursive: true, force: true})
  log(
    `${corpus.articles} articles, sharded on ${engine}: ${full.wallSec.toFixed(1)} s (finalize ${full.finalizeSec.toFixed(1)} s); ${added.articles} new: ${next.wallSec.toFixed(2)} s`
  )
  return {
    name: `sharded-${engine}`,
    engine,
    processes: 2,
    workers: 1,
    articles: corpus.articles,
    articlesPerSec: round(corpus.articles / full.wallSec, 0),
    wallSec: round(full.wallSec, 2),
    finalizeSec: round(full.finalizeSec, 2),
    peakRssMb: full.runners.map((run) => round(run.peakRssMb, 0)),
    indexMb,
    incremental: {indexed: corpus.articles, added: added.articles, seconds: round(next.wallSec, 2), runs: [round(next.wallSec, 2)]}
  }
}

/** The reuse index's size on disk: the SQLite file and its write-ahead log, or the PostgreSQL database. */
async function indexSizeMb(index: string): Promise<number> {
  if (isPostgresUrl(index)) {
    const client = new pg.Client({connectionString: index})
    await client.connect()
    try {
      const {rows} = await client.query<{size: string}>('SELECT pg_database_size(current_database()) AS size')
      return round(Number(rows[0]!.size) / MB, 1)
    } finally {
      await client.end()
    }
  }
  const bytes = ['', '-wal'].reduce((sum, suffix) => sum + (statSync(`${index}${suffix}`, {throwIfNoEntry: false})?.size ?? 0), 0)
  return round(bytes / MB, 1)
}

/** Runs `work` against a database of its own on the server, created for it and dropped after, so no existing table is touched. */
async function withDatabase<T>(serverUrl: string, name: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = `wiretrace_bench_${process.pid}_${name}`
  const admin = new pg.Client({connectionString: serverUrl})
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${database}`)
    const url = new URL(serverUrl)
    url.pathname = `/${database}`
    try {
      return await work(url.href)
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
}

/**
 * The syndicated corpus with the index, without it, and the originals alone, one process each. The first two
 * alternate `repeat` times, side by side in time on a machine whose load varies: the figures are medians, and the
 * ratios the medians of each pair's (a run without the index and the run with it just after). The ratio of the two
 * medians mixed runs from different loads: in one bench at 45c17d8 the pairs gave 1.81, 2.16 and 1.86, the medians
 * 13.6 s over 6.3 s, 2.16.
 */
async function benchSyndicated([stories, outlets]: [number, number], workers: number, repeat: number, work: string): Promise<SyndicatedBench> {
  const {syndicated, originals} = writeSyndicated(ROOT, join(work, 'corpus'), stories, outlets)
  const run = async (label: string, inputs: string, index: boolean): Promise<SyndicatedRun> => {
    const out = join(work, `out-${label}`)
    const location = join(work, `${label}.sqlite`)
    rmSync(out, {recursive: true, force: true})
    removeSqliteFile(location)
    const result = await pipeline({inputs: [inputs], ...(index ? {index: location} : {}), out, workers, label})
    const figures = {
      articles: result.articles,
      analysed: result.analysed,
      wallSec: round(result.wallSec, 1),
      cpuSec: round(result.cpuSec, 1),
      mainThreadCpuSec: result.mainThreadCpuSec === null ? null : round(result.mainThreadCpuSec, 1),
      peakRssMb: Math.round(result.peakRssMb),
      reportBytesPerArticle: Math.round(reportBytesPerArticle(out))
    }
    log(`${label}: ${JSON.stringify(figures)}`)
    return figures
  }
  const noIndexRuns: SyndicatedRun[] = []
  const withIndexRuns: SyndicatedRun[] = []
  for (let time = 0; time < repeat; time++) {
    noIndexRuns.push(await run('no-index', syndicated, false))
    withIndexRuns.push(await run('index', syndicated, true))
  }
  const noIndex = medianRun(noIndexRuns)
  const withIndex = medianRun(withIndexRuns)
  const alone = await run('originals', originals, true)
  const bench: SyndicatedBench = {
    stories,
    outlets,
    repeat,
    withIndex,
    noIndex,
    originals: alone,
    wallRatio: pairedRatio(withIndexRuns, noIndexRuns, (run) => run.wallSec),
    cpuRatio: pairedRatio(withIndexRuns, noIndexRuns, (run) => run.cpuSec),
    addedCpuSec: addedCpu(withIndexRuns, noIndexRuns),
    bytesRatio: round(withIndex.reportBytesPerArticle / alone.reportBytesPerArticle, 2),
    runs: {noIndex: noIndexRuns, withIndex: withIndexRuns}
  }
  const added = bench.addedCpuSec
    ? `; CPU added by the index ${bench.addedCpuSec.mainThread} s on the main thread, ${bench.addedCpuSec.otherThreads} s on the others`
    : ''
  log(
    `${stories} stories x ${outlets} outlets: wall with index / without ${bench.wallRatio}, CPU ${bench.cpuRatio}${added}; report bytes / originals' ${bench.bytesRatio}; analysed ${withIndex.analysed} of ${withIndex.articles}`
  )
  return bench
}

/** Each figure's median over the runs. */
function medianRun(runs: SyndicatedRun[]): SyndicatedRun {
  const of = (pick: (run: SyndicatedRun) => number) => median(runs.map(pick))
  return {
    articles: runs[0]!.articles,
    analysed: Math.max(...runs.map((run) => run.analysed)),
    wallSec: of((run) => run.wallSec),
    cpuSec: of((run) => run.cpuSec),
    mainThreadCpuSec: runs.some((run) => run.mainThreadCpuSec === null) ? null : of((run) => run.mainThreadCpuSec!),
    peakRssMb: of((run) => run.peakRssMb),
    reportBytesPerArticle: of((run) => run.reportBytesPerArticle)
  }
}

/** The median over the pairs of runs (the `at`-th of each list) of one figure's ratio. */
function pairedRatio(runs: SyndicatedRun[], baselines: SyndicatedRun[], figure: (run: SyndicatedRun) => number): number {
  return round(median(runs.map((run, at) => figure(run) / figure(baselines[at]!))), 2)
}

/** The CPU seconds the index adds, on the main thread and on the others: medians over the pairs of runs. */
function addedCpu(runs: SyndicatedRun[], baselines: SyndicatedRun[]): SyndicatedBench['addedCpuSec'] {
  const main = (run: SyndicatedRun) => run.mainThreadCpuSec
  if ([...runs, ...baselines].some((run) => main(run) === null)) return null
  const added = (figure: (run: SyndicatedRun) => number) => round(median(runs.map((run, at) => figure(run) - figure(baselines[at]!))), 1)
  return {mainThread: added((run) => main(run)!), otherThreads: added((run) => run.cpuSec - main(run)!)}
}

/** The median of some figures: the upper middle of an even count. */
function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

/** An SQLite file with its write-ahead log and shared-memory index, where they exist. */
function removeSqliteFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, {force: true})
}

function megabyteList(value: string): number[] {
  const sizes = value.split(',').map(Number)
  if (sizes.some((size) => !Number.isFinite(size) || size <= 0)) throw new InvalidArgumentError('give sizes in MB, e.g. 0.5,1,2,5')
  return sizes
}

function storiesByOutlets(value: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(value)
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new InvalidArgumentError('give stories x outlets, e.g. 25x80')
  return [Number(match[1]), Number(match[2])]
}

async function pipeline(task: Omit<Extract<MeasureTask, {kind: 'pipeline'}>, 'kind'>): Promise<PipelineMeasure> {
  const result = await measure({kind: 'pipeline', ...task})
  if (result.kind !== 'pipeline') throw new Error('a pipeline measurement returned something else')
  return result
}

/** jusText and MinHash-LSH over the corpus, each on one thread; a tool that cannot run here is logged as skipped. */
async function timedPeers(dir: string, size: number): Promise<PeerRun[]> {
  log(`${size} articles: jusText and MinHash-LSH, one thread each`)
  const peers = await measurePeers(dir)
  for (const peer of peers)
    log(
      'skipped' in peer
        ? `${peer.tool}: skipped, ${peer.skipped}`
        : `${peer.tool}: ${peer.articlesPerSec} articles/s, ${peer.cpuMsPerArticle} ms CPU an article, peak RSS ${peer.peakRssMb} MB`
    )
  return peers
}

async function limit(dir: string, mode: LimitResult['mode'], threads: number): Promise<LimitResult> {
  const result = await measure({kind: 'limit', dir, mode, threads})
  if (result.kind !== 'limit') throw new Error('a limit measurement returned something else')
  return result
}

/** Runs one measurement in a fresh Node process, on the bundle, and reads its result. */
function measure(task: MeasureTask): Promise<MeasureResult> {
  return new Promise((resolvePromise, reject) => {
    // The stage clock costs two clock reads per stage and article: every measurement keeps it.
    const child = spawn(process.execPath, [MEASURE, JSON.stringify(task)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {...process.env, [STAGE_TIMES_ENV]: '1'}
    })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`a measurement (${task.kind}) exited with code ${code}`))
      resolvePromise(JSON.parse(stdout.trim().split('\n').at(-1)!) as MeasureResult)
    })
  })
}

function machine(loadBefore: number[]): BenchReport['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    os: `${osType()} ${release()}`,
    node: process.version,
    loadBefore: loadBefore.map((load) => round(load, 2)),
    loadAfter: loadavg().map((load) => round(load, 2))
  }
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

function sizeList(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()))
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new InvalidArgumentError('expected whole numbers of articles, comma-separated, as in 1000,10000')
  return sizes
}

/** An option's parser for whole numbers of `least` or more. */
function wholeNumberFrom(least: number): (text: string) => number {
  return (text) => {
    const value = Number(text)
    if (!Number.isInteger(value) || value < least) throw new InvalidArgumentError(`expected a whole number, ${least} or more`)
    return value
  }
}

const positive = wholeNumberFrom(1)
const wholeNumber = wholeNumberFrom(0)

function share(text: string): number {
  const value = Number(text)
  if (!(value >= 0 && value <= 1)) throw new InvalidArgumentError('expected a share between 0 and 1')
  return value
}

process.exitCode = await main(process.argv.slice(2))
