/**
 * The eval harness: finds the articles of a gold set and their languages,
 * runs the pipeline (with and without outlet rules) and the baseline over
 * them into a folder of reports, and scores that folder for the whole set
 * and for each language.
 */
import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {basename, join, relative, resolve, sep} from 'node:path'
import type {Root} from 'nlcst'
import {unified, type Processor} from 'unified'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {wiretraceBaseline} from './baseline.ts'
import {wiretraceDecode} from '../pipeline/decode.ts'
import {wiretraceParse} from '../pipeline/parse.ts'
import {wiretraceReport} from '../pipeline/report.ts'
import {processArticle} from '../run/article.ts'
import {resolveInputs} from '../run/inputs.ts'
import {runCorpus, writeReport} from '../run/run.ts'
import type {Fingerprint} from './floors.ts'
import {expandLines, loadGold, type Gold} from './gold.ts'
import type {GateScore} from './floors.ts'
import {blankLines, loadReports, scoreReports, scoreTranslations, textDirsFor} from './score.ts'

/**
 * What the gate measures: the full pipeline, the pipeline with outlet rules
 * off (how well it does on outlets it has never seen), and the jusText-style
 * baseline (what a general-purpose cleaner does without any rule).
 */
export const RUNS = ['rules', 'no-outlet-rules', 'baseline'] as const
export type RunName = (typeof RUNS)[number]

/** The scope of the figures over every article of a set; the other scopes are languages. */
export const ALL = 'all'
/** BCP 47 "undetermined": an article whose language nobody wrote down. */
const UNKNOWN_LANGUAGE = 'und'
/** The table beside the texts that gives each article's language (and URL, outlet…), as in the shared corpus. */
const LANGUAGE_TABLE = 'sources.tsv'

/** Where a gold set's texts are and what language they are in, when the conventions do not say. */
export interface GoldSetConfig {
  /** Folder of the texts, from the project root; `test/fixtures/<set>` by default. */
  texts?: string
  /** Language of the articles the language table does not list. */
  language?: string
}

export interface GoldSet {
  /** The gold file's name without `.gold.json`. */
  name: string
  goldPath: string
  gold: Gold
  textsDir: string
  /** Article file name to the absolute path of its text. */
  texts: Map<string, string>
  /** Article file name to its language. */
  languages: Map<string, string>
  /** The language table read, if the texts folder has one. */
  languageTable: string | undefined
}

/** A gold set the harness cannot run: a text missing, a malformed language table. */
export class GoldSetError extends Error {
  override name = 'GoldSetError'
}

export function goldSetName(goldPath: string): string {
  return basename(goldPath).replace(/\.gold\.json$/, '')
}

/**
 * Loads a gold file and finds its texts and languages.
 *
 * @throws {DataFileError} when the gold file is malformed.
 * @throws {GoldSetError} when an article's text is missing or the language table is malformed.
 */
export function loadGoldSet(goldPath: string, config: GoldSetConfig, root: string): GoldSet {
  const name = goldSetName(goldPath)
  const gold = loadGold(goldPath, fromRoot(root, goldPath))
  const textsDir = resolve(root, config.texts ?? join('test', 'fixtures', name))
  const texts = new Map<string, string>()
  for (const article of Object.keys(gold.articles)) {
    const path = join(textsDir, article)
    if (!statSync(path, {throwIfNoEntry: false})?.isFile()) {
      throw new GoldSetError(`${fromRoot(root, goldPath)}: no text for "${article}" in ${fromRoot(root, textsDir)}/`)
    }
    texts.set(article, path)
  }
  const tablePath = join(textsDir, LANGUAGE_TABLE)
  const languageTable = statSync(tablePath, {throwIfNoEntry: false})?.isFile() ? tablePath : undefined
  const listed = languageTable ? readLanguageTable(languageTable, fromRoot(root, languageTable)) : new Map<string, string>()
  const languages = new Map([...texts.keys()].map((article) => [article, listed.get(article) ?? config.language ?? UNKNOWN_LANGUAGE]))
  return {name, goldPath, gold, textsDir, texts, languages, languageTable}
}

const languageRow = z.object({
  file: z.string().min(1, 'empty file name'),
  language: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'expected a language code such as "id" or "pt-BR"')
})

/** Reads the `file` and `language` columns of a tab-separated table with a header row. */
function readLanguageTable(path: string, displayPath: string): Map<string, string> {
  const [header = '', ...rows] = readFileSync(path, 'utf8').split(/\r?\n/)
  const columns = header.split('\t')
  const fileColumn = columns.indexOf('file')
  const languageColumn = columns.indexOf('language')
  if (fileColumn === -1 || languageColumn === -1) throw new GoldSetError(`${displayPath}:1: the header needs a "file" and a "language" column`)
  const languages = new Map<string, string>()
  for (const [index, row] of rows.entries()) {
    if (row.trim() === '') continue
    const cells = row.split('\t')
    const parsed = languageRow.safeParse({file: cells[fileColumn], language: cells[languageColumn]})
    if (!parsed.success) throw new GoldSetError(`${displayPath}:${index + 2}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`)
    languages.set(parsed.data.file, parsed.data.language)
  }
  return languages
}

/** The gold set as it is now: counts, and the SHA-256 of every file its figures depend on. */
export function fingerprintGoldSet(set: GoldSet, root: string): Fingerprint {
  const paths = [set.goldPath, ...set.texts.values(), ...(set.languageTable ? [set.languageTable] : [])]
  const files = Object.fromEntries(
    paths.map((path) => [fromRoot(root, path), createHash('sha256').update(readFileSync(path)).digest('hex')] as const).sort(([a], [b]) => (a < b ? -1 : 1))
  )
  let lines = 0
  for (const [article, labels] of Object.entries(set.gold.articles)) {
    const blanks = blankLines(article, [set.textsDir])
    for (const spec of Object.keys(labels.roles)) lines += expandLines(spec).filter((line) => !blanks.has(line)).length
  }
  return {articles: set.texts.size, lines, reusePairs: set.gold.reuse.length, files}
}

/**
 * Runs one configuration over the set's articles, writing a report per
 * article into `outDir`. Resolves to the articles that failed, with the reason.
 */
export async function runGoldSet(set: GoldSet, run: RunName, outDir: string): Promise<string[]> {
  const inputs = [...set.texts.values()]
  // A fresh reuse index per run, beside its reports: links are found among the set's articles only, whatever a local index has seen.
  const files =
    run === 'baseline'
      ? await runBaseline(inputs, outDir)
      : (await runCorpus({inputs, out: outDir, outletRules: run === 'rules', index: `${outDir}.index.sqlite`})).articles.map((article) => article.file)
  return files
    .filter((file) => file.data.report === undefined)
    .map((file) => `${file.path}: ${file.messages.find((message) => message.fatal)?.reason ?? 'no report'}`)
}

/** Like `runCorpus`, with every rule-driven stage replaced by the jusText-style baseline. */
async function runBaseline(inputs: string[], outDir: string): Promise<VFile[]> {
  const processor = unified().use(wiretraceDecode).use(wiretraceParse).use(wiretraceBaseline).use(wiretraceReport).freeze() as unknown as Processor<
    Root,
    Root,
    Root
  >
  const files: VFile[] = []
  for (const input of resolveInputs(inputs)) {
    const file = processArticle(processor, input)
    if (file.data.report) writeReport(outDir, input, file.data.report)
    files.push(file)
  }
  return files
}

/**
 * Scores a folder of reports against the set: the whole set under {@link ALL},
 * then each language, then (for a set with translation pairs) each pair of
 * languages the pairs join, as `ar-en`: the articles of both languages, scored
 * together, so translation recall shows per language pair.
 */
export function scoreGoldSet(set: GoldSet, reportsDir: string): Record<string, GateScore> {
  const reports = loadReports(reportsDir)
  const textDirs = textDirsFor(set.goldPath, [set.textsDir])
  const score = (gold: Gold): GateScore => {
    const result: GateScore = scoreReports(gold, reports, textDirs)
    if (set.gold.translations.length > 0) result.translations = scoreTranslations(gold, reports, textDirs).translations
    return result
  }
  const scores: Record<string, GateScore> = {[ALL]: score(set.gold)}
  const articlesIn = (...languages: string[]) => new Set([...set.languages].filter(([, value]) => languages.includes(value)).map(([article]) => article))
  for (const language of [...new Set(set.languages.values())].sort()) scores[language] = score(restrictGold(set.gold, articlesIn(language)))
  const languagePairs = new Set(set.gold.translations.map((pair) => languagePair(set.languages, pair.a, pair.b)))
  for (const key of [...languagePairs].sort()) scores[key] = score(restrictGold(set.gold, articlesIn(...key.split('-'))))
  return scores
}

/** Two languages joined in alphabetical order (`ar-en`), as score_xlang.py names a language pair. */
export function languagePair(languages: ReadonlyMap<string, string>, a: string, b: string): string {
  return [languages.get(a) ?? '?', languages.get(b) ?? '?'].sort().join('-')
}

/** The gold for some of its articles; a reuse or translation pair stays when both of its articles do. */
function restrictGold(gold: Gold, articles: ReadonlySet<string>): Gold {
  return {
    ...gold,
    articles: Object.fromEntries(Object.entries(gold.articles).filter(([name]) => articles.has(name))),
    reuse: gold.reuse.filter((pair) => articles.has(pair.a) && articles.has(pair.b)),
    translations: gold.translations.filter((pair) => articles.has(pair.a) && articles.has(pair.b))
  }
}

/** A path as the floors file and messages show it: from the project root, with forward slashes. */
export function fromRoot(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}
