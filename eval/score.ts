/**
 * The project's scorer: a faithful port of the reference scorer
 * ../shared/eval/score.py, figure for figure. Where the two could drift
 * (blank lines, rounding, which reports count) the comments say how this
 * one keeps to Python's behaviour; a test runs both on the same folders.
 */
import {readdirSync, readFileSync, statSync, type Dirent} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {z} from 'zod'
import {expandLines, type Gold} from './gold.ts'

/** The parts of a report the scorer reads; anything else in the file is ignored. */
const nullableId = z.union([z.string(), z.number()]).nullish()
const scoredReportSchema = z.looseObject({
  article: z.looseObject({id: nullableId, path: z.string().nullish()}),
  blocks: z.array(
    z.looseObject({
      lines: z.array(z.number().int()).nullish(),
      role: z.string().nullish(),
      sources: z.array(z.looseObject({agency: z.string().optional(), confidence: z.number().nullish()})).nullish(),
      reuse: z.array(z.looseObject({article: nullableId, lines: z.array(z.number().int()).nullish()})).nullish(),
      translations: z.array(z.looseObject({article: nullableId, lines: z.array(z.number().int()).nullish()})).nullish()
    })
  )
})

export type ScoredReport = z.infer<typeof scoredReportSchema>
type ScoredBlock = ScoredReport['blocks'][number]

export interface ScoreResult {
  articles: number
  /** Gold articles with no report. */
  missing: string[]
  body: {precision: number; recall: number; f1: number; tp: number; fp: number; fn: number}
  roles: {accuracy: number; n: number}
  sources: {accuracy: number; n: number}
  /** `recall` is null when the gold has no pairs, `precision` when no link was predicted. */
  reuse: {recall: number | null; precision: number | null; gold: number; predicted: number}
  perArticle: Record<string, {body: [number, number, number]; sources: [number, number]}>
}

/** A report file that looks like a report but cannot be read as one. */
export class ReportFileError extends Error {
  override name = 'ReportFileError'
}

/**
 * Every report under a folder, keyed by the file name of the article it
 * describes. JSON files that are not reports (no `blocks` or `article`,
 * like `eval.json`) are skipped, as score.py skips them. score.py walks in
 * directory order and a later report for the same name wins; here the walk
 * is sorted so the winner does not depend on the file system.
 *
 * @throws {ReportFileError} for a report whose scored parts are malformed,
 *   named, where score.py would stop with a traceback or guess.
 */
export function loadReports(root: string): Map<string, ScoredReport> {
  const reports = new Map<string, ScoredReport>()
  for (const file of jsonFilesUnder(root)) {
    let data: unknown
    try {
      // Strict UTF-8 with the byte-order mark kept: a file Python's json.load refuses is skipped here too.
      data = JSON.parse(new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(readFileSync(file)))
    } catch {
      continue
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !('blocks' in data) || !('article' in data)) continue
    const parsed = scoredReportSchema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new ReportFileError(`${file}: not a report the scorer can read: ${issue.path.join('.')}: ${issue.message}`)
    }
    const report = parsed.data
    const path = report.article.path || report.article.id || basename(file)
    reports.set(basename(String(path)), report)
  }
  return reports
}

/** JSON files below a folder, in name order; like os.walk, a folder that cannot be listed holds nothing. */
function jsonFilesUnder(root: string): string[] {
  let entries: Dirent[]
  try {
    entries = readdirSync(root, {withFileTypes: true})
  } catch {
    return []
  }
  const files: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(root, entry.name)
    if (entry.isDirectory()) files.push(...jsonFilesUnder(path))
    else if (entry.name.endsWith('.json') && statSync(path).isFile()) files.push(path)
  }
  return files
}

/**
 * The folders score.py searches for article texts, in its order: the ones
 * given, then the gold file's folder, then `../seeds` beside it.
 */
export function textDirsFor(goldPath: string, texts: string[] = []): string[] {
  const here = dirname(resolve(goldPath))
  return [...texts, here, join(here, '..', 'seeds')]
}

/** Python's `str.isspace()` characters: what `line.strip()` removes. Zero-width characters are not among them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's isspace() counts the separators \x1c-\x1f as white space
const PYTHON_BLANK = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/u

/**
 * Lines of an article that carry no label, as score.py finds them: the
 * first text folder holding the file wins; the text is decoded with
 * replacement, a byte-order mark kept, line breaks read the way Python's
 * text mode reads them (`\r\n` and a lone `\r` end a line too).
 */
export function blankLines(name: string, textDirs: string[]): Set<number> {
  for (const dir of textDirs) {
    const path = join(dir, name)
    if (!statSync(path, {throwIfNoEntry: false})?.isFile()) continue
    const text = new TextDecoder('utf-8', {ignoreBOM: true}).decode(readFileSync(path)).replace(/\r\n?/g, '\n')
    const blanks = new Set<number>()
    text.split('\n').forEach((line, index) => {
      if (PYTHON_BLANK.test(line)) blanks.add(index + 1)
    })
    return blanks
  }
  return new Set()
}

/**
 * Scores reports against a gold file, as score.py's `score()` does.
 *
 * @param textDirs where to find the article texts (for blank lines); see {@link textDirsFor}.
 */
export function scoreReports(gold: Gold, reports: Map<string, ScoredReport>, textDirs: string[] = []): ScoreResult {
  const idToName = new Map<string, string>()
  for (const [name, report] of reports) {
    const {id, path} = report.article
    if (id !== null && id !== undefined) idToName.set(String(id), name)
    idToName.set(name, name)
    if (path) idToName.set(path, name)
  }

  const blanks = new Map(Object.keys(gold.articles).map((name) => [name, blankLines(name, textDirs)]))
  const labelled = (name: string, spec: string) => expandLines(spec).filter((line) => !blanks.get(name)!.has(line))

  let tp = 0
  let fp = 0
  let fn = 0
  let roleOk = 0
  let roleN = 0
  let sourcesOk = 0
  let sourcesN = 0
  const missing: string[] = []
  const perArticle: ScoreResult['perArticle'] = {}
  const bodyLines = new Map<string, Set<number>>()

  for (const [name, article] of Object.entries(gold.articles)) {
    const goldBody = new Set<number>()
    for (const [spec, role] of Object.entries(article.roles)) if (role === 'body') for (const line of labelled(name, spec)) goldBody.add(line)
    bodyLines.set(name, goldBody)

    const report = reports.get(name)
    if (!report) {
      missing.push(name)
      continue
    }
    const index = lineIndex(report)
    let articleTp = 0
    let articleFp = 0
    let articleFn = 0
    for (const [spec, role] of Object.entries(article.roles)) {
      for (const line of labelled(name, spec)) {
        const predicted = index.get(line)?.role ?? null
        roleN++
        if (predicted === role) roleOk++
        // Title and dek count for roles only: whether they are "body" is a matter of taste.
        if (role === 'title' || role === 'dek') continue
        if (predicted === 'body' && role === 'body') articleTp++
        else if (predicted === 'body') articleFp++
        else if (role === 'body') articleFn++
      }
    }
    tp += articleTp
    fp += articleFp
    fn += articleFn

    let articleSourcesOk = 0
    let articleSourcesN = 0
    for (const [spec, want] of Object.entries(article.sources)) {
      const alternative = article.acceptAlso[spec]
      for (const line of labelled(name, spec)) {
        if (!goldBody.has(line)) continue
        const block = index.get(line)
        const got = block ? agenciesOf(block) : new Set<string>()
        const ok = sameSet(got, new Set(want)) || (alternative !== undefined && sameSet(got, new Set(alternative)))
        if (ok) articleSourcesOk++
        articleSourcesN++
      }
    }
    sourcesOk += articleSourcesOk
    sourcesN += articleSourcesN
    perArticle[name] = {body: [articleTp, articleFp, articleFn], sources: [articleSourcesOk, articleSourcesN]}
  }

  // Gold pairs are not filtered for blank lines: a pair is found by overlap, and blank lines hold no block.
  const pairs = gold.reuse.map((pair) => ({a: pair.a, aLines: new Set(expandLines(pair.aLines)), b: pair.b, bLines: new Set(expandLines(pair.bLines))}))
  const linksOf = (name: string) => crossLinks(name, reports.get(name), idToName, 'reuse')
  const matches = (name: string, link: CrossLink) =>
    pairs.some(
      (pair) =>
        (pair.a === name && pair.b === link.other && overlaps(link.mine, pair.aLines) && overlaps(link.theirs, pair.bLines)) ||
        (pair.b === name && pair.a === link.other && overlaps(link.mine, pair.bLines) && overlaps(link.theirs, pair.aLines))
    )
  let found = 0
  for (const pair of pairs) {
    const hit =
      linksOf(pair.a).some((link) => link.other === pair.b && overlaps(link.mine, pair.aLines) && overlaps(link.theirs, pair.bLines)) ||
      linksOf(pair.b).some((link) => link.other === pair.a && overlaps(link.mine, pair.bLines) && overlaps(link.theirs, pair.aLines))
    if (hit) found++
  }
  let predicted = 0
  let predictedOk = 0
  for (const name of Object.keys(gold.articles)) {
    for (const link of linksOf(name)) {
      if (!(link.other in gold.articles)) continue
      // Links from boilerplate (a repeated teaser, a related-links list) are not reuse claims the gold rules on.
      if (!overlaps(link.mine, bodyLines.get(name)!)) continue
      predicted++
      if (matches(name, link)) predictedOk++
    }
  }

  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return {
    articles: Object.keys(gold.articles).length,
    missing,
    body: {precision: pythonRound(precision), recall: pythonRound(recall), f1: pythonRound(f1), tp, fp, fn},
    roles: {accuracy: roleN > 0 ? pythonRound(roleOk / roleN) : 0, n: roleN},
    sources: {accuracy: sourcesN > 0 ? pythonRound(sourcesOk / sourcesN) : 0, n: sourcesN},
    reuse: {
      recall: pairs.length > 0 ? pythonRound(found / pairs.length) : null,
      precision: predicted > 0 ? pythonRound(predictedOk / predicted) : null,
      gold: pairs.length,
      predicted
    },
    perArticle
  }
}

/** What score_xlang.py prints with --json, key for key. */
export interface TranslationScore {
  articles: number
  missing: string[]
  translations: {recall: number | null; precision: number | null; gold: number; found: number; predicted: number; correct: number}
  missedPairs: Array<{a: string; aLines: number[]; b: string; bLines: number[]}>
  recallByLanguagePair?: Record<string, {recall: number; found: number; gold: number}>
}

/**
 * Translation links against the gold's `translations` pairs, as the
 * reference scorer score_xlang.py counts them: recall over gold pairs (a
 * link either way whose two sides overlap the pair's), precision over links
 * from blocks on a gold body line to another gold article; recall per
 * language pair when `languages` is given.
 */
export function scoreTranslations(
  gold: Gold,
  reports: Map<string, ScoredReport>,
  textDirs: string[] = [],
  languages?: ReadonlyMap<string, string>
): TranslationScore {
  const idToName = new Map<string, string>()
  for (const [name, report] of reports) {
    const {id, path} = report.article
    if (id !== null && id !== undefined) idToName.set(String(id), name)
    if (path) idToName.set(path, name)
    idToName.set(name, name)
  }
  const body = new Map<string, Set<number>>()
  for (const [name, article] of Object.entries(gold.articles)) {
    const blanks = blankLines(name, textDirs)
    const lines = new Set<number>()
    for (const [spec, role] of Object.entries(article.roles)) if (role === 'body') for (const line of expandLines(spec)) if (!blanks.has(line)) lines.add(line)
    body.set(name, lines)
  }
  const pairs = gold.translations.map((pair) => ({a: pair.a, aLines: new Set(expandLines(pair.aLines)), b: pair.b, bLines: new Set(expandLines(pair.bLines))}))
  // score_xlang.py falls back to the link's base name for an article no report names.
  const links = new Map(Object.keys(gold.articles).map((name) => [name, crossLinks(name, reports.get(name), idToName, 'translations', true)]))
  const hit = (a: string, aLines: Set<number>, b: string, bLines: Set<number>) =>
    (links.get(a) ?? []).some((link) => link.other === b && overlaps(link.mine, aLines) && overlaps(link.theirs, bLines)) ||
    (links.get(b) ?? []).some((link) => link.other === a && overlaps(link.mine, bLines) && overlaps(link.theirs, aLines))
  let found = 0
  const missed: TranslationScore['missedPairs'] = []
  const byPair = new Map<string, [number, number]>()
  for (const pair of pairs) {
    const ok = hit(pair.a, pair.aLines, pair.b, pair.bLines)
    if (ok) found++
    else missed.push({a: pair.a, aLines: [...pair.aLines].sort((x, y) => x - y), b: pair.b, bLines: [...pair.bLines].sort((x, y) => x - y)})
    if (languages && languages.size > 0) {
      const key = [languages.get(pair.a) ?? '?', languages.get(pair.b) ?? '?'].sort().join('-')
      const tally = byPair.get(key) ?? [0, 0]
      byPair.set(key, [tally[0] + (ok ? 1 : 0), tally[1] + 1])
    }
  }
  let predicted = 0
  let correct = 0
  for (const name of Object.keys(gold.articles)) {
    for (const link of links.get(name)!) {
      if (!(link.other in gold.articles)) continue
      if (!overlaps(link.mine, body.get(name)!)) continue
      predicted++
      if (
        pairs.some(
          (pair) =>
            (pair.a === name && pair.b === link.other && overlaps(link.mine, pair.aLines) && overlaps(link.theirs, pair.bLines)) ||
            (pair.b === name && pair.a === link.other && overlaps(link.mine, pair.bLines) && overlaps(link.theirs, pair.aLines))
        )
      )
        correct++
    }
  }
  const result: TranslationScore = {
    articles: Object.keys(gold.articles).length,
    missing: Object.keys(gold.articles)
      .filter((name) => !reports.has(name))
      .sort(),
    translations: {
      recall: pairs.length > 0 ? pythonRound(found / pairs.length) : null,
      precision: predicted > 0 ? pythonRound(correct / predicted) : null,
      gold: pairs.length,
      found,
      predicted,
      correct
    },
    missedPairs: missed
  }
  if (byPair.size > 0) {
    result.recallByLanguagePair = Object.fromEntries(
      [...byPair].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, [ok, total]]) => [key, {recall: pythonRound(ok / total), found: ok, gold: total}])
    )
  }
  return result
}

/** Line number to the block on it; a later block on the same line wins, as in score.py. */
function lineIndex(report: ScoredReport): Map<number, ScoredBlock> {
  const index = new Map<number, ScoredBlock>()
  for (const block of report.blocks) {
    const lines = block.lines ?? []
    if (lines.length !== 2) continue
    for (let line = lines[0]!; line <= lines[1]!; line++) index.set(line, block)
  }
  return index
}

/** Agency ids of a block, lower-cased; a source without a confidence counts as certain, one below zero not at all. */
function agenciesOf(block: ScoredBlock): Set<string> {
  const sources = (block.sources ?? []).filter((source) => (source.confidence ?? 1) >= 0)
  return new Set(sources.map((source) => (source.agency ?? '').toLowerCase()))
}

interface CrossLink {
  mine: Set<number>
  other: string
  theirs: Set<number>
}

/**
 * Reuse or translation links from one article to another article of the run
 * (self-links left out). An article no report names is left out too, or with
 * `byBaseName` taken by the base name of the link's target, as score_xlang.py does.
 */
function crossLinks(
  name: string,
  report: ScoredReport | undefined,
  idToName: Map<string, string>,
  kind: 'reuse' | 'translations',
  byBaseName = false
): CrossLink[] {
  if (!report) return []
  const links: CrossLink[] = []
  for (const block of report.blocks) {
    for (const link of block[kind] ?? []) {
      const named = link.article === null || link.article === undefined ? undefined : idToName.get(String(link.article))
      // Python's str(None) is "None": a link with no article still counts as a link to an unknown one.
      const other = named ?? (byBaseName ? basename(link.article === null || link.article === undefined ? 'None' : String(link.article)) : undefined)
      if (other === undefined || other === name) continue
      const lines = block.lines ?? []
      const otherLines = link.lines ?? []
      links.push({
        mine: lineSet(lines),
        other,
        theirs: otherLines.length === 2 ? lineSet(otherLines) : new Set()
      })
    }
  }
  return links
}

function lineSet(lines: number[]): Set<number> {
  const set = new Set<number>()
  for (let line = lines[0]!; line <= lines[1]!; line++) set.add(line)
  return set
}

function overlaps(a: Set<number>, b: Set<number>): boolean {
  for (const value of a) if (b.has(value)) return true
  return false
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((value) => b.has(value))
}

/**
 * Python's `round(x, digits)`: the exact binary value of `x` rounded half
 * to even. `Math.round(x * 10 ** digits)` differs on exact ties (1/32 is
 * 0.03125: Python gives 0.0312) and on products that round up in floating
 * point, and the figures must match score.py to the last digit.
 */
export function pythonRound(x: number, digits = 4): number {
  if (!Number.isFinite(x) || x === 0) return x
  const {mantissa, exponent} = decompose(Math.abs(x))
  let numerator = mantissa * 10n ** BigInt(digits)
  let denominator = 1n
  if (exponent >= 0) numerator <<= BigInt(exponent)
  else denominator <<= BigInt(-exponent)
  let quotient = numerator / denominator
  const twiceRemainder = 2n * (numerator - quotient * denominator)
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient++
  return (Math.sign(x) * Number(quotient)) / 10 ** digits
}

/** A positive finite double as an exact `mantissa * 2 ** exponent`. */
function decompose(x: number): {mantissa: bigint; exponent: number} {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const biased = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  return biased === 0 ? {mantissa: fraction, exponent: -1074} : {mantissa: fraction | (1n << 52n), exponent: biased - 1075}
}
