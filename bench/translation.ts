/**
 * `npx tsx bench/translation.ts [--size N] [--translated SHARE] [--workers N] [--keep]`:
 * the cost of the translation pass (link/translation) against the whole run.
 *
 * The corpus is the bench's generated one (bench/generate.ts), plus
 * syndicated copies in other languages: for a share of the articles, one or
 * two copies whose every line keeps what survives translation (numbers,
 * capitalised names inside a sentence) and takes its other words from the
 * vocabulary of another language of the real articles. The run is timed end
 * to end (its link step holds the translation linker), then the linker's
 * work is timed alone over the finished reports: each report read into its
 * row, the links found (the articles of candidate pairs read again), the links carried through same-language copies
 * (the reuse links of every article with a translation read from the run's index), each report patched. It prints the time per article of both,
 * their ratio, and how many of the copies the pass linked, in wall time and in CPU time (the
 * process's, every thread; the pass runs on the main thread alone), the steadier figure on a
 * shared machine.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import fg from 'fast-glob'
import {loadPipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {runCorpus} from '../run/run.ts'
import {patchTranslations} from '../link/translation/apply.ts'
import {anchorVocabulary, loadTranslationConfig} from '../link/translation/config.ts'
import {withCarriedLinks, type CopyLink} from '../link/translation/copies.ts'
import {findTranslations, Interner, readArticle, readPlaces, readRow, rowsInList, type TranslationRow} from '../link/translation/link.ts'
import {openStore} from '../link/reuse/open.ts'
import {reuseLinker} from '../link/reuse/linker.ts'
import {DEFAULT_GENERATE, generateArticles} from './generate.ts'
import {loadSources, type SourceArticle} from './sources.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}

const size = option('size', 10_000)
const translatedShare = option('translated', 0.05)
const workers = option('workers', 2)
const keep = process.argv.includes('--keep')

/** Lower-case words of the real articles' body lines, by language: what a copy's other words are drawn from. */
function vocabularies(sources: readonly SourceArticle[]): Map<string, string[]> {
  const words = new Map<string, Set<string>>()
  for (const source of sources) {
    const set = words.get(source.language) ?? new Set<string>()
    for (const line of source.lines) if (line.role === 'body') for (const [word] of line.text.matchAll(/(?<![\p{L}\d])\p{Ll}+(?![\p{L}\d])/gu)) set.add(word)
    words.set(source.language, set)
  }
  return new Map([...words].filter(([, set]) => set.size >= 200).map(([language, set]) => [language, [...set].sort()]))
}

/** A line as another language would print it: the anchors kept in place, every other word drawn from `vocabulary`. */
function renderIn(line: string, vocabulary: string[], seed: number): string {
  let state = seed
  return line.replace(/[\p{L}\p{M}]+/gu, (word, offset: number) => {
    const insideSentence = offset > 0 && !/[.!?:"“]\s*$/u.test(line.slice(0, offset))
    if (/^\p{Lu}/u.test(word) && insideSentence) return word
    state = (state * 1103515245 + 12345) % 2 ** 31
    return vocabulary[state % vocabulary.length]!
  })
}

/** User and system CPU time in ms (the process's, every thread: the run's workers included). */
function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000
}

const work = mkdtempSync(join(tmpdir(), 'wiretrace-bench-xlang-'))
try {
  const sources = loadSources(ROOT)
  const byLanguage = vocabularies(sources)
  const languages = [...byLanguage.keys()].sort()
  const corpus = join(work, 'corpus')
  const stream = generateArticles(sources, DEFAULT_GENERATE)
  let copies = 0
  const every = Math.max(1, Math.round(1 / translatedShare))
  for (let index = 0; index < size; index++) {
    const article = stream.next().value!
    const path = join(corpus, article.id)
    mkdirSync(dirname(path), {recursive: true})
    writeFileSync(path, `${article.text}\n`)
    if (index % every !== 0) continue
    const own = sources.find((source) => source.name === article.template)?.language
    const targets = languages.filter((language) => language !== own).slice(index % 3, (index % 3) + 1 + (index % 2))
    for (const language of targets) {
      const copy = article.text
        .split('\n')
        .map((line: string, number: number) => renderIn(line, byLanguage.get(language)!, index * 131 + number))
        .join('\n')
      writeFileSync(path.replace(/\.txt$/, `.${language}.txt`), `${copy}\n`)
      copies++
    }
  }
  const articles = size + copies
  process.stderr.write(`${size} articles and ${copies} copies in other languages; running the pipeline on ${workers} workers\n`)
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  await runCorpus({inputs: [corpus], out: join(work, 'reports'), index: join(work, 'index.sqlite'), workers, retain: false})
  const runMs = performance.now() - started
  const runCpuMs = cpuMs(process.cpuUsage(cpuStarted))

  const files = fg.sync('**/*.json', {cwd: join(work, 'reports'), absolute: true})
  const read = (file: string) => {
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report
    return 'blocks' in report ? report : undefined
  }
  const config = loadTranslationConfig()
  const vocabulary = anchorVocabulary(config, loadPipelineData({}).calendar)
  const passStarted = performance.now()
  const passCpuStarted = process.cpuUsage()
  const interner = new Interner()
  const fileOf = new Map<string, string>()
  const rows = new Map(
    files.flatMap((file) => {
      const report = read(file)
      if (report) fileOf.set(report.article.id, file)
      return report ? [[report.article.id, readRow(report, interner, vocabulary)] as const] : []
    })
  )
  const load = (row: TranslationRow) => {
    const report = read(fileOf.get(row.id)!)
    return report && readArticle(report, vocabulary)
  }
  const run = findTranslations(rowsInList([...rows.values()]), interner, load, config)
  const store = await openStore(join(work, 'index.sqlite'))
  const reuse = reuseLinker()
  const copyLinks = new Map<string, readonly CopyLink[]>()
  for (const id of run.links.keys()) copyLinks.set(id, await reuse.links(store, id))
  const places = (id: string) => {
    const report = fileOf.has(id) ? read(fileOf.get(id)!) : undefined
    return report && readPlaces(report)
  }
  const links = withCarriedLinks(run.links, {rows, copies: copyLinks, places, judged: run.judged}, config)
  await store.close()
  for (const file of files) {
    const report = read(file)
    if (report && links.has(report.article.id)) patchTranslations(report, links.get(report.article.id)!, rows, config)
  }
  const passMs = performance.now() - passStarted
  const passCpuMs = cpuMs(process.cpuUsage(passCpuStarted))
  const linkedCopies = [...run.links.keys()].filter((id) => /\.[a-z]{2,3}\.txt$/.test(id)).length
  const carried = [...links.values()].reduce((sum, list) => sum + list.filter((link) => link.by === 'copy').length, 0)
  const result = {
    articles,
    copies,
    linkedCopies,
    carried,
    compared: run.compared,
    runMsPerArticle: runMs / articles,
    passMsPerArticle: passMs / articles,
    passShare: passMs / runMs,
    runCpuMsPerArticle: runCpuMs / articles,
    passCpuMsPerArticle: passCpuMs / articles,
    passCpuShare: passCpuMs / runCpuMs
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
} finally {
  if (keep) process.stderr.write(`kept ${work}\n`)
  else rmSync(work, {recursive: true, force: true})
}
