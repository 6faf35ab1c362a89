/**
 * `npm run bench -- --syndicated 25x80` (or `tsx bench/syndicated.ts 25 80`):
 * wire copy as it is printed, N stories each printed by M outlets. The
 * stories are real articles (the seeds and the test corpora); each outlet's
 * copy carries light edits: its own title line, a word dropped from one
 * paragraph, its own sign-off line. Three runs, each in a process of its
 * own and side by side on the same machine: the syndicated corpus with the
 * index, the same with `--no-index`, and the N originals alone with the
 * index (what a report weighs when a story has no copies). Prints and
 * returns wall and CPU time, peak RSS, report bytes per article and how
 * many articles the pipeline analysed (each once: the link step patches
 * reports, it never analyses an article again).
 *
 * The one generator of syndicated corpora: the browser test builds its
 * 2,000-article site with it too, with a share of outlets that print the
 * story word for word (their own title and sign-off aside), as many do.
 * Deterministic: the same stories, outlets and options give the same files.
 */
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {random} from './generate.ts'

export interface SyndicatedRun {
  articles: number
  analysed: number
  wallSec: number
  cpuSec: number
  /** The main thread's share of `cpuSec` (null where threads' times cannot be read): the index's admission and the link step run there. */
  mainThreadCpuSec: number | null
  peakRssMb: number
  reportBytesPerArticle: number
}

export interface SyndicatedBench {
  stories: number
  outlets: number
  /** Runs with and without the index, alternating; the figures below are their medians. */
  repeat: number
  withIndex: SyndicatedRun
  noIndex: SyndicatedRun
  originals: SyndicatedRun
  /** Wall and CPU time with the index over without it: the median of the ratios of each pair of runs, taken one after the other. */
  wallRatio: number
  cpuRatio: number
  /**
   * Where the index's CPU goes, in seconds: the median over the pairs of the main thread's CPU with the index less
   * without, and of every other thread's (the workers, the report writers, V8's collector and compiler threads); null
   * where threads' times cannot be read.
   */
  addedCpuSec: {mainThread: number; otherThreads: number} | null
  /** Report bytes per article of the syndicated corpus over those of the originals alone. */
  bytesRatio: number
  /** Every run, in the order they ran. */
  runs: {noIndex: SyndicatedRun[]; withIndex: SyndicatedRun[]}
}

const STORY_FOLDERS = ['seeds', 'test/fixtures/corpus', 'test/fixtures/corpus2']

/**
 * The articles named in `first` (paths under `root`), then the longest real
 * articles, by body length: stories with enough text to be worth copying.
 */
function stories(root: string, count: number, first: readonly string[] = []): Array<{name: string; lines: string[]}> {
  const named = first.map((path) => ({name: path, lines: readFileSync(join(root, path), 'utf8').split('\n')}))
  const all = STORY_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith('.txt') && !first.includes(join(folder, name)))
      .map((name) => ({name, lines: readFileSync(join(root, folder, name), 'utf8').split('\n')}))
  )
  const longest = all.sort((a, b) => b.lines.join('').length - a.lines.join('').length || (a.name < b.name ? -1 : 1))
  const chosen = [...named, ...longest].slice(0, count)
  if (chosen.length < count) throw new Error(`only ${chosen.length} real articles to build ${count} stories from`)
  return chosen
}

export interface SyndicationOptions {
  /**
   * Share of the outlets (0 to 1) that print the story word for word, with
   * only their own title line and sign-off; the others also drop a word from
   * one paragraph. 0 by default: every copy edited, the bench's corpus.
   */
  wordForWord?: number
  /**
   * Real articles (paths under the root, such as `test/fixtures/corpus/x.txt`)
   * to print as the first stories, before the longest: a story in a language
   * or script the longest articles do not cover.
   */
  first?: string[]
}

/**
 * Writes the syndicated corpus (and the originals alone) under `dir`; returns
 * both folders. The copies of story `NNN` are `syndicated/NNN-MMM.txt`, one
 * per outlet `MMM`.
 */
export function writeSyndicated(
  root: string,
  dir: string,
  storyCount: number,
  outlets: number,
  options: SyndicationOptions = {}
): {syndicated: string; originals: string} {
  const syndicated = join(dir, 'syndicated')
  const originals = join(dir, 'originals')
  mkdirSync(originals, {recursive: true})
  const chosen = stories(root, storyCount, options.first)
  for (const [index, story] of chosen.entries()) writeFileSync(join(originals, `${String(index).padStart(3, '0')}.txt`), story.lines.join('\n'))
  writeCopies(syndicated, chosen, outlets, storyCount * 1000 + outlets, options)
  return {syndicated, originals}
}

/**
 * Writes `outlets` copies of each story into `dir` (`<story>-<outlet>.txt`),
 * each with its own title line, one word dropped from one long paragraph
 * (unless drawn to print it word for word, `wordForWord`) and its own
 * sign-off line.
 */
export function writeCopies(dir: string, stories: ReadonlyArray<{lines: string[]}>, outlets: number, seed: number, options: SyndicationOptions = {}): void {
  mkdirSync(dir, {recursive: true})
  const next = random(seed)
  const wordForWord = options.wordForWord ?? 0
  for (const [index, story] of stories.entries()) {
    for (let outlet = 0; outlet < outlets; outlet++) {
      const lines = [...story.lines]
      lines[0] = `${lines[0]} | Outlet ${outlet}`
      // Drawn only when asked for, so the bench's corpus stays what its published figures were measured on.
      const edited = wordForWord === 0 || next() >= wordForWord
      const long = lines.map((line, at) => [at, line.split(' ').length] as const).filter(([at, words]) => at > 0 && words > 20)
      if (edited && long.length > 0) {
        const [at] = long[Math.floor(next() * long.length)]!
        const words = lines[at]!.split(' ')
        words.splice(1 + Math.floor(next() * (words.length - 2)), 1)
        lines[at] = words.join(' ')
      }
      lines.push('', `(outlet${outlet}.example/red)`)
      writeFileSync(join(dir, `${String(index).padStart(3, '0')}-${String(outlet).padStart(3, '0')}.txt`), lines.join('\n'))
    }
  }
}

/** Bytes of the JSON reports in a folder, per report. */
export function reportBytesPerArticle(out: string): number {
  const reports = readdirSync(out).filter((name) => name.endsWith('.txt.json'))
  return reports.reduce((sum, name) => sum + statSync(join(out, name)).size, 0) / reports.length
}
