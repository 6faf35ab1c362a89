/**
 * Finds translations between the articles of a run: body paragraphs of two
 * articles in different languages that render each other, from the anchors
 * that survive translation (link/translation/anchors.ts).
 *
 * 1. **Anchors and their rarity.** Every body paragraph's anchors become
 *    keys; each key weighs log(N / document frequency) over the corpus, so a
 *    year or the name of a country every story names counts for little.
 * 2. **Candidates from rare anchors.** Articles in different languages are
 *    compared only when they share `minSharedAnchors` keys that at most
 *    `maxDf` articles hold, and `minSharedShare` of the rare keys of the
 *    article with fewer (an inverted index, never all pairs), best first,
 *    at most `maxCandidates` per article.
 * 3. **Paragraphs aligned in order.** Only keys found in two languages or
 *    more of the corpus take part (a capitalised "Menteri" has no
 *    counterpart in English); a paragraph pair's similarity is their
 *    weighted Dice. A monotone
 *    alignment (one to one, one to two, two to one, or a paragraph left out)
 *    keeps the best chain of pairs; a pair counts when it shares
 *    `pairAnchors` keys at similarity `pairSimilarity` or more.
 * 4. **Translation or same-event page.** A page that reports the same facts
 *    in its own words shares names and numbers too, but not paragraph after
 *    paragraph in the same order: the aligned pairs must cover `minCoverage`
 *    of each article's body and number `minPairs`, and the anchors of the
 *    two whole articles must keep `minOrder` of their order.
 * 5. **Gaps.** Between two aligned pairs, paragraphs without anchors (a
 *    quote rendered in words only, a Chinese sentence with no Latin name)
 *    are linked by their place, when both gaps are equally long and their
 *    lengths keep the pair's ratio.
 * 6. **Through a third language.** Pairs of two translations of one article
 *    are linked to each other (one hop).
 * 7. **One language is not two.** Articles sharing a good part of their
 *    lower-case vocabulary are never compared, whatever the language
 *    identifier says.
 */
import type {Report, ReportBlock, ReportSource} from '../../pipeline/report-schema.ts'
import {anchorsOf, vowelsAgree, writtenWithoutSpaces, type Anchor, type AnchorVocabulary} from './anchors.ts'
import {evidenceExcerpt} from '../carry.ts'
import {hash53} from '../../core/hash53.ts'
import {codePointLength, startsWithCapital, withoutMarkup} from '../../core/text.ts'
import type {TranslationConfig} from './config.ts'

/** Evidence that a block's own text names the agency: what may travel over a translation (one hop, as over reuse). */
export const OWN_TEXT: ReadonlySet<string> = new Set(['credit', 'dateline', 'copyright', 'citation'])

/** The agencies a block's own text credits: what a paragraph that translates it may take. */
export function ownCredits(block: Pick<ReportBlock, 'sources'>): Array<Pick<ReportSource, 'agency' | 'confidence' | 'role'>> {
  return block.sources
    .filter((source) => source.evidence.some((evidence) => OWN_TEXT.has(evidence.kind)))
    .map(({agency, confidence, role}) => ({agency, confidence, role}))
}

/** Where a body paragraph stands in its article, and what a translation of it may carry: what a link needs of it. */
export interface ParagraphPlace {
  /** The block's id, lines and span in its article. */
  id: string
  lines: [number, number]
  start: number
  end: number
  /** The agencies the paragraph's own text credits, and its excerpt as evidence for a paragraph that translates it; empty for most. */
  credited: Array<Pick<ReportSource, 'agency' | 'confidence' | 'role'>>
  excerpt: string
}

/** One body paragraph as the alignment reads it: its place, its anchors and its length. */
export interface TranslationParagraph {
  place: ParagraphPlace
  anchors: Anchor[]
  /** Key to how many times the paragraph holds it. */
  counts: Map<string, number>
  characters: number
}

/**
 * What the pass keeps of every article of the run until the links are
 * found: what choosing candidate pairs, telling languages apart and patching
 * need, with anchor keys and words as ids of the run's `Interner` in typed
 * arrays. An article's paragraphs are read again from its report
 * (`readArticle`) only when it is in a candidate pair.
 */
export interface TranslationRow {
  id: string
  /** The report's language (the language stage's guess from its body), or `UNDETERMINED`. */
  language: string
  published: string | null
  /** Ids of the anchor keys its body paragraphs hold, ascending, each once. */
  keys: Uint32Array
  /** Its most frequent lower-case words, most frequent first, in turn each word's id and how many times the article writes it: its language's function words, names left out. */
  vocabulary: Uint32Array
  /** How many words the article writes in lower case: a vocabulary word's share of them is its count over this. */
  lowerCaseWords: number
}

/**
 * A row's language when its report has none (too little text to tell): never taken for the language of another row.
 * The report's language is read, not guessed again from the body here: one guess per article, from the language stage,
 * which reads up to 2,048 characters of the body where a guess of its own read 500.
 */
const UNDETERMINED = 'und'

/** An article of a candidate pair as the alignment reads it, from its report: its body paragraphs' anchors, the text left behind. */
export interface TranslationArticle {
  id: string
  paragraphs: TranslationParagraph[]
  keys: Set<string>
  characters: number
  /** Hashes of the article's word triples, sorted: enough to tell a copy of one text. */
  trigrams: Uint32Array
  /** Written mostly in a script without spaces, where a paragraph may keep a single anchor. */
  unspaced: boolean
}

/** Slots of a new `Interner`'s table: a power of two. */
const INTERNER_SLOTS = 1024

/**
 * Strings (anchor keys, words) as small integer ids, for a run, given in the order the strings are first seen: a row
 * holds ids in typed arrays, where a set of strings would cost tens of bytes each. The table keeps each string's
 * `hash53`, not the string: a map of the strings held 5.7 MB of the main thread's heap at 100,000 articles (74,493
 * strings, 2.0 MB of them the strings), and grew with every new name and number of the corpus. Two strings with the
 * same hash share an id: at a million strings, the chance that any two do is about 1 in 18,000, and such a pair
 * makes one anchor key or word of the translation pass stand for two.
 */
export class Interner {
  /** Per slot, the hash of the string it holds; open addressing, probed linearly from the hash's low bits. */
  private hashes = new Float64Array(INTERNER_SLOTS)
  /** Per slot, the id of its string plus one; 0 for an empty slot. */
  private slotIds = new Uint32Array(INTERNER_SLOTS)
  private count = 0

  /** The id of a string, given it the first time it is seen. */
  idOf(text: string): number {
    const hash = hash53(text)
    const slot = this.slotOf(hash)
    const id = this.slotIds[slot]!
    if (id !== 0) return id - 1
    this.hashes[slot] = hash
    this.slotIds[slot] = ++this.count
    // At most three slots in four are taken, so that a probe ends soon at an empty one.
    if (4 * this.count > 3 * this.slotIds.length) this.grow()
    return this.count - 1
  }

  /** The id of a string seen already, or undefined. */
  find(text: string): number | undefined {
    const id = this.slotIds[this.slotOf(hash53(text))]!
    return id === 0 ? undefined : id - 1
  }

  /** How many strings have an id: every id is below. */
  get size(): number {
    return this.count
  }

  /** The slot that holds `hash`, or the empty slot where it would go. */
  private slotOf(hash: number): number {
    const mask = this.slotIds.length - 1
    let slot = hash & mask
    while (this.slotIds[slot] !== 0 && this.hashes[slot] !== hash) slot = (slot + 1) & mask
    return slot
  }

  private grow(): void {
    const {hashes, slotIds} = this
    this.hashes = new Float64Array(2 * hashes.length)
    this.slotIds = new Uint32Array(2 * slotIds.length)
    for (let slot = 0; slot < slotIds.length; slot++) {
      if (slotIds[slot] === 0) continue
      const empty = this.slotOf(hashes[slot]!)
      this.hashes[empty] = hashes[slot]!
      this.slotIds[empty] = slotIds[slot]!
    }
  }
}

type Row = TranslationRow
type Article = TranslationArticle
type Paragraph = TranslationParagraph

/** A matched anchor: the key, and how each side writes it. */
export interface MatchedAnchor {
  kind: Anchor['kind']
  text: string
  otherText: string
}

/** A translation link from a paragraph of one article to one of another. */
export interface TranslationLink {
  article: string
  block: string
  otherBlock: string
  otherLines: [number, number]
  span: [number, number]
  otherSpan: [number, number]
  /** 0–1: the anchor similarity of the pair, or for a pair linked by its place, half its neighbours'. */
  score: number
  anchors: MatchedAnchor[]
  /**
   * How the pair was found: its anchors, its place between anchored pairs, through a translation in a third language, or
   * carried from a same-language copy's translation (link/translation/copies.ts).
   */
  by: 'anchors' | 'sequence' | 'pivot' | 'copy'
  /** For `pivot`: the article in the third language; for `copy`: the copy whose translation the link was carried from. */
  via?: string
  /** For `copy`: the copy's paragraph, which shares its text with this one's and is linked to the other. */
  viaBlock?: string
  /** What the other paragraph's own text credits, and its excerpt: what the link may carry to this one. */
  otherCredited: ParagraphPlace['credited']
  otherExcerpt: string
}

/** Links by article id. */
export type TranslationLinks = Map<string, TranslationLink[]>

export interface TranslationRun {
  links: TranslationLinks
  /** Article pairs aligned, for the cost figures. */
  compared: number
  /** Whether two articles were found to be translations by their own anchors (kept, or dropped as another original's). */
  judged: (a: string, b: string) => boolean
}

/**
 * Links found by the pair's own anchors or by its place between anchored pairs: the only ones an agency travels over,
 * and the only ones carried through a same-language copy (a pair through a third language or from a copy is a guess on
 * a guess).
 */
export const FOUND_DIRECTLY: ReadonlySet<TranslationLink['by']> = new Set(['anchors', 'sequence'])

/** A step of the alignment: how many paragraphs of each side it takes. */
const STEPS: Array<[number, number]> = [
  [1, 1],
  [1, 2],
  [2, 1]
]

/**
 * The translation links among `rows`, the run's articles. An article of a
 * candidate pair is read by `load` (undefined when its report is gone: it
 * links nothing); at most `CACHED_ARTICLES` of them are held at once, and of
 * an article found to be a translation only its word triples and the places
 * of its linked paragraphs are kept.
 */
export function findTranslations(
  rows: TranslationRowSource,
  interner: Interner,
  load: (row: TranslationRow) => TranslationArticle | undefined,
  config: TranslationConfig
): TranslationRun {
  const df = new Uint32Array(interner.size)
  // Only anchors found in two languages or more take part in a comparison: a capitalised "Menteri" has no counterpart in English.
  const languageIds = new Map<string, number>()
  const firstLanguage = new Int32Array(interner.size).fill(-1)
  const portable = new Uint8Array(interner.size)
  for (let index = 0; index < rows.size; index++) {
    const row = rows.at(index)
    if (!languageIds.has(row.language)) languageIds.set(row.language, languageIds.size)
    const language = languageIds.get(row.language)!
    for (const key of row.keys) {
      df[key]!++
      if (firstLanguage[key] === -1) firstLanguage[key] = language
      else if (firstLanguage[key] !== language) portable[key] = 1
    }
  }
  // A key no row holds reads as id -1, where a typed array reads undefined.
  const idOf = (key: string) => interner.find(key) ?? -1
  const weight = (key: string) => Math.log((rows.size + 1) / (df[idOf(key)] || 1))
  const both = (key: string) => portable[idOf(key)] === 1
  // The rows of candidate pairs, each kept as a copy of its own: a row of the source may be a view of a larger block.
  const paired = new Map<number, Row>()
  const pairedRow = (index: number) => {
    if (!paired.has(index)) paired.set(index, ownRow(rows.at(index)))
    return paired.get(index)!
  }
  const links: TranslationLinks = new Map()
  const aligned = new Map<Row, Map<Row, Alignment>>()
  const trigrams = new Map<Row, Uint32Array>()
  const articles = new ArticleCache(load)
  let compared = 0
  for (const [first, second] of candidatePairs(rows, df, interner.find('q'), config)) {
    compared++
    const a = pairedRow(first)
    const b = pairedRow(second)
    const firstArticle = articles.of(a)
    const secondArticle = articles.of(b)
    if (!firstArticle || !secondArticle) continue
    const {alignment} = alignArticles(firstArticle, secondArticle, both, weight, config)
    if (!alignment) continue
    trigrams.set(a, firstArticle.trigrams)
    trigrams.set(b, secondArticle.trigrams)
    record(aligned, a, b, alignment)
    record(aligned, b, a, {...alignment, pairs: alignment.pairs.map(swap)})
  }
  // Asked only of an article whose partner has a stronger partner in a third language: a few pairs, aligned again.
  const unrendered = (a: Row, c: Row) => {
    const first = articles.of(a)
    const third = articles.of(c)
    return first !== undefined && third !== undefined && alignArticles(first, third, both, weight, config).covered[0] < config.minCoverage
  }
  const direct = new Map(
    [...oneOriginal(aligned, new CopyJudge(trigrams), unrendered, config)].map(([row, partners]) => [
      row,
      new Map([...partners].map(([other, alignment]) => [other, alignment.pairs]))
    ])
  )
  for (const [a, partners] of direct) for (const [b, pairs] of partners) for (const pair of pairs) addLink(links, a, b, pair)
  for (const [a, b, pairs] of pivotPairs(direct, (a, c) => aligned.get(a)?.has(c) === true)) for (const pair of pairs) addLink(links, a, b, pair)
  // Only articles of candidate pairs can have been judged.
  const byId = new Map([...paired.values()].map((row) => [row.id, row]))
  const judged = (a: string, b: string) => {
    const first = byId.get(a)
    const second = byId.get(b)
    return first !== undefined && second !== undefined && aligned.get(first)?.has(second) === true
  }
  return {links, compared, judged}
}

/**
 * The rows of a translation pass, by position. The pass reads them in order a few times, and a candidate's partner by
 * its position, and keeps only the rows of candidate pairs: a source need not hold every row at once.
 */
export interface TranslationRowSource {
  readonly size: number
  /** The row at `index`, 0 ≤ index < size. */
  at(index: number): TranslationRow
}

/** Rows held in a list, as a source. */
export function rowsInList(rows: readonly TranslationRow[]): TranslationRowSource {
  return {size: rows.length, at: (index) => rows[index]!}
}

/** A row whose arrays are its own: a view of a larger block would keep the whole block alive. */
function ownRow(row: TranslationRow): TranslationRow {
  const own = (values: Uint32Array) => (values.byteLength === values.buffer.byteLength ? values : values.slice())
  return {
    id: row.id,
    language: row.language,
    published: row.published,
    keys: own(row.keys),
    vocabulary: own(row.vocabulary),
    lowerCaseWords: row.lowerCaseWords
  }
}

/** Articles of candidate pairs held at once: pairs come by their first article, whose partners are often each other's. */
const CACHED_ARTICLES = 64

/** The articles of candidate pairs as read by `load`, the most recently used kept. */
class ArticleCache {
  private readonly held = new Map<Row, Article | undefined>()

  constructor(private readonly load: (row: Row) => Article | undefined) {}

  of(row: Row): Article | undefined {
    if (this.held.has(row)) {
      const article = this.held.get(row)
      this.held.delete(row)
      this.held.set(row, article)
      return article
    }
    const article = this.load(row)
    this.held.set(row, article)
    if (this.held.size > CACHED_ARTICLES) this.held.delete(this.held.keys().next().value!)
    return article
  }
}

/** The key of an ordered article pair. */
function pairKey(a: Row, b: Row): string {
  return `${a.id}\u0000${b.id}`
}

function record<T>(found: Map<Row, Map<Row, T>>, a: Row, b: Row, value: T): void {
  const partners = found.get(a) ?? new Map<Row, T>()
  partners.set(b, value)
  found.set(a, partners)
}

/**
 * A paragraph renders one original text. Two pages that each render the same
 * release, or a translation and another outlet's report of the same event,
 * align with it too, as retellings of the same facts in the same order: what
 * tells them apart is that the true original aligns much better, and that
 * two texts descended from different originals are not each other's
 * translations.
 *
 * 1. *The best original per language*: of an article's partners in one
 *    language that are not copies of each other, one whose alignment is
 *    weaker than `rivalStrength` of the best one's is dropped (a text
 *    translated into two versions in one language keeps both: they align
 *    about equally well).
 * 2. *The original rendered too*: a text that renders B renders what B
 *    renders. When B has a partner C in a third language that it aligns
 *    with more strongly than with A (C is B's original, or B's), and A
 *    aligns with C over less than `minCoverage` of its own body, A is
 *    another outlet's page on the event, not a rendering of B's text, and
 *    its link to B is dropped (RI News Portal's page on the Shenzhou landing
 *    aligns with Xinhua's Spanish text, but not with the English text that
 *    one translates).
 * 3. *One family*: two articles whose partners in a third language are
 *    different texts (not copies), and neither of them, descend from
 *    different originals, and their link is dropped.
 *
 * @param unrendered whether two articles align over less than `minCoverage` of the first one's body
 */
function oneOriginal(
  aligned: Map<Row, Map<Row, Alignment>>,
  copies: CopyJudge,
  unrendered: (a: Row, c: Row) => boolean,
  config: TranslationConfig
): Map<Row, Map<Row, Alignment>> {
  const dropped = new Set<string>()
  const drop = (a: Row, b: Row) => {
    dropped.add(pairKey(a, b))
    dropped.add(pairKey(b, a))
  }
  const isDropped = (a: Row, b: Row) => dropped.has(pairKey(a, b))
  for (const [article, partners] of aligned) {
    for (const group of byLanguage(partners.keys())) {
      const best = group.reduce((top, other) => (partners.get(other)!.strength > partners.get(top)!.strength ? other : top))
      for (const other of group) {
        if (other === best || copies.of(other, best)) continue
        if (partners.get(other)!.strength < config.rivalStrength * partners.get(best)!.strength) drop(article, other)
      }
    }
  }
  const elsewhere: Array<[Row, Row]> = []
  for (const [article, partners] of aligned) {
    for (const [other, alignment] of partners) {
      if (isDropped(article, other)) continue
      const original = [...aligned.get(other)!].some(
        ([third, stronger]) =>
          third !== article &&
          !isDropped(other, third) &&
          stronger.strength > alignment.strength &&
          differentLanguages(third, article) &&
          unrendered(article, third)
      )
      if (original) elsewhere.push([article, other])
    }
  }
  for (const [article, other] of elsewhere) drop(article, other)
  const kept = (article: Row) => [...(aligned.get(article) ?? new Map<Row, Alignment>()).keys()].filter((other) => !isDropped(article, other))
  for (const [article, partners] of aligned) {
    for (const other of partners.keys()) {
      if (isDropped(article, other) || article.id > other.id) continue
      const mine = kept(article).filter((third) => third !== other)
      const theirs = kept(other).filter((third) => third !== article)
      const apart = mine.some(
        (third) =>
          theirs.some((fourth) => fourth !== third && fourth !== article && third !== other && sameLanguage(third, fourth) && !copies.of(third, fourth)) &&
          !theirs.includes(third)
      )
      if (apart) drop(article, other)
    }
  }
  const out = new Map<Row, Map<Row, Alignment>>()
  for (const [article, partners] of aligned) {
    for (const [other, alignment] of partners) if (!isDropped(article, other)) record(out, article, other, alignment)
  }
  return out
}

function byLanguage(articles: Iterable<Row>): Row[][] {
  const groups: Row[][] = []
  for (const article of articles) {
    const group = groups.find((candidates) => sameLanguage(candidates[0]!, article))
    if (group) group.push(article)
    else groups.push([article])
  }
  return groups.filter((group) => group.length > 1)
}

function sameLanguage(a: Row, b: Row): boolean {
  return !differentLanguages(a, b)
}

/**
 * Share of the word triples of the shorter text found in the longer one from
 * which two texts in one language are copies of one text. Two renderings of
 * one release in one language share many word pairs ("the return capsule"),
 * a reprint nearly every triple.
 */
const COPY_CONTAINMENT = 0.5

/** Whether two articles in one language are copies of one text (a wire story printed twice), from the word triples they share; remembered. */
class CopyJudge {
  private readonly judged = new Map<string, boolean>()

  /** @param trigrams the word triples of every article found to be a translation */
  constructor(private readonly trigrams: ReadonlyMap<Row, Uint32Array>) {}

  of(a: Row, b: Row): boolean {
    const key = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`
    let judged = this.judged.get(key)
    if (judged === undefined) {
      const [left, right] = [this.trigrams.get(a)!, this.trigrams.get(b)!]
      const smaller = Math.min(left.length, right.length)
      judged = smaller > 0 && sharedSorted(left, right) / smaller >= COPY_CONTAINMENT
      this.judged.set(key, judged)
    }
    return judged
  }
}

/** How many values two sorted arrays of distinct values share. */
function sharedSorted(a: Uint32Array, b: Uint32Array): number {
  let shared = 0
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++
    else if (a[i]! > b[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  return shared
}

function swap(pair: AlignedPair): AlignedPair {
  return {...pair, a: pair.b, b: pair.a, anchors: pair.anchors.map((anchor) => ({...anchor, text: anchor.otherText, otherText: anchor.text}))}
}

/**
 * Translations through a third language: when B translates A and C
 * translates B (BERNAMA's Malay, its English version, an Arabic site's
 * rendering of the English), A and C render each other paragraph by
 * paragraph too, even where their own anchors are too few to show it
 * (Arabic loses what Malay and English share in spelling). One hop, from
 * pairs found directly, between articles in different languages whose own
 * alignment was not judged already (found, or dropped as another
 * original's family by `oneOriginal`).
 */
function pivotPairs(direct: Map<Row, Map<Row, AlignedPair[]>>, judged: (a: Row, c: Row) => boolean): Array<[Row, Row, AlignedPair[]]> {
  const found = new Map<string, [Row, Row, AlignedPair[]]>()
  for (const [pivot, partners] of direct) {
    for (const [a, toA] of partners) {
      for (const [c, toC] of partners) {
        if (a === c || a.id > c.id || judged(a, c) || !differentLanguages(a, c)) continue
        const key = `${a.id}\u0000${c.id}`
        const pairs = found.get(key)?.[2] ?? []
        for (const left of toA) {
          for (const right of toC) {
            if (left.a.id !== right.a.id) continue
            if (pairs.some((pair) => pair.a.id === left.b.id && pair.b.id === right.b.id)) continue
            // Composed links are as strong as the weaker of the two, halved: they rest on no anchor of their own.
            pairs.push({a: left.b, b: right.b, score: round(Math.min(left.score, right.score) / 2), anchors: [], by: 'pivot', via: pivot.id})
          }
        }
        if (pairs.length > 0) found.set(key, [a, c, pairs])
      }
    }
  }
  return [...found.values()].flatMap(([a, c, pairs]) => [[a, c, pairs] as [Row, Row, AlignedPair[]], [c, a, pairs.map(swap)] as [Row, Row, AlignedPair[]]])
}

/**
 * What a resident row holds of a report, its strings not yet interned: computed from the report alone, so the thread
 * that made the report computes it (`draftRow`), and the link step's thread only interns its strings (`internRow`).
 */
export interface TranslationRowDraft {
  id: string
  language: string
  published: string | null
  /** The anchor keys its body paragraphs hold, each once, in the order first met. */
  keys: string[]
  /** Its most frequent lower-case words, most frequent first, and how many times the article writes each. */
  words: string[]
  counts: number[]
  lowerCaseWords: number
}

/** The pass's resident row for a report: the ids of its anchor keys, its language, its vocabulary, the text and paragraphs left behind. */
export function readRow(report: Report, interner: Interner, vocabulary?: AnchorVocabulary): TranslationRow {
  return internRow(draftRow(report, vocabulary), interner)
}

/** A report's row with its strings as they are: what `internRow` turns into a resident row. */
export function draftRow(report: Report, vocabulary?: AnchorVocabulary): TranslationRowDraft {
  const body = bodyOf(report).map(readable)
  const keys = new Set<string>()
  for (const text of body) for (const anchor of anchorsOf(text, vocabulary)) keys.add(anchor.key)
  const {frequent, total} = vocabularyOf(body)
  return {
    id: report.article.id,
    language: report.article.language ?? UNDETERMINED,
    published: report.article.published ?? report.article.date,
    keys: [...keys],
    words: frequent.map(([word]) => word),
    counts: frequent.map(([, count]) => count),
    lowerCaseWords: total
  }
}

/** The resident row of a draft: its keys and words as ids of the run's interner, keys first, in the order the draft holds them. */
export function internRow(draft: TranslationRowDraft, interner: Interner): TranslationRow {
  const keys = new Uint32Array(draft.keys.length)
  for (const [index, key] of draft.keys.entries()) keys[index] = interner.idOf(key)
  const vocabulary = new Uint32Array(2 * draft.words.length)
  for (const [index, word] of draft.words.entries()) {
    vocabulary[2 * index] = interner.idOf(word)
    vocabulary[2 * index + 1] = draft.counts[index]!
  }
  return {id: draft.id, language: draft.language, published: draft.published, keys: keys.sort(), vocabulary, lowerCaseWords: draft.lowerCaseWords}
}

/** What the alignment reads of a report: its body paragraphs' places and anchors, and its word triples, the text left behind. */
export function readArticle(report: Report, vocabulary?: AnchorVocabulary): TranslationArticle {
  const body = bodyOf(report)
  const texts = body.map(readable)
  const paragraphs = body.map((block, index): Paragraph => {
    const anchors = anchorsOf(texts[index]!, vocabulary)
    return {place: placeOf(block), anchors, counts: countKeys(anchors), characters: codePointLength(texts[index]!)}
  })
  return {
    id: report.article.id,
    paragraphs,
    keys: keysOf(paragraphs),
    characters: paragraphs.reduce((sum, paragraph) => sum + paragraph.characters, 0),
    trigrams: trigramHashes(texts),
    unspaced: writtenWithoutSpaces(texts.join('\n'))
  }
}

/** The places of a report's body paragraphs, in reading order: what a link carried to it needs. */
export function readPlaces(report: Report): ParagraphPlace[] {
  return bodyOf(report).map(placeOf)
}

function placeOf(block: ReportBlock): ParagraphPlace {
  const credited = ownCredits(block)
  return {
    id: block.id,
    lines: block.lines,
    start: block.start,
    end: block.end,
    credited,
    excerpt: credited.length > 0 ? evidenceExcerpt(block.clean) : ''
  }
}

function bodyOf(report: Report): ReportBlock[] {
  return report.blocks.filter((block) => block.role === 'body')
}

/**
 * A body block's text as its words read: a link's address or an HTML tag a scraper left holds no anchor and no word of
 * it, nor do strong-emphasis marks (one of a pair is left alone where a rule cut the dateline they opened on).
 */
function readable(block: ReportBlock): string {
  const text = withoutMarkup(block.clean).replace(STRONG_MARKS, ' ')
  return text === block.clean ? text : text.replace(/\s+/gu, ' ').trim()
}

const STRONG_MARKS = /\*\*|__/g

/** The distinct hashes of a text's word triples, sorted. */
function trigramHashes(paragraphs: string[]): Uint32Array {
  const hashes = new Set<number>()
  for (const paragraph of paragraphs) {
    const words = paragraph.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
    for (let index = 2; index < words.length; index++) hashes.add(fnv1a(`${words[index - 2]} ${words[index - 1]} ${words[index]}`))
  }
  return Uint32Array.from(hashes).sort()
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
  return hash >>> 0
}

/** Article pairs in different languages sharing enough rare anchors, by their rows' positions, each pair once, best partners first. */
function candidatePairs(rows: TranslationRowSource, df: Uint32Array, quote: number | undefined, config: TranslationConfig): Array<[number, number]> {
  const rare = (key: number) => key !== quote && df[key]! <= config.maxDf
  // Which rows hold each rare key, ascending, as one list: the rows of key k are holders[start[k]] to holders[start[k + 1]].
  const start = new Uint32Array(df.length + 1)
  const rareCounts = new Uint32Array(rows.size)
  for (let index = 0; index < rows.size; index++) {
    for (const key of rows.at(index).keys) {
      if (!rare(key)) continue
      start[key + 1]!++
      rareCounts[index]!++
    }
  }
  for (let key = 0; key < df.length; key++) start[key + 1]! += start[key]!
  const holders = new Uint32Array(start[df.length]!)
  const filled = start.slice(0, df.length)
  for (let index = 0; index < rows.size; index++) for (const key of rows.at(index).keys) if (rare(key)) holders[filled[key]!++] = index
  const pairs: Array<[number, number]> = []
  // Rare keys each later row shares with this one, by row, and the rows met, in the order met: counted in place and
  // cleared row by row, where a map made per row took five times as long (2,000 bench articles: 315 against 56 ms).
  const shared = new Uint32Array(rows.size)
  const met: number[] = []
  for (let index = 0; index < rows.size; index++) {
    const row = rows.at(index)
    for (const key of row.keys) {
      for (let at = start[key]!; at < start[key + 1]!; at++) {
        const other = holders[at]!
        if (other > index && shared[other]!++ === 0) met.push(other)
      }
    }
    const partners = met
      .map((other): [number, number] => [other, shared[other]!])
      .filter(
        ([other, count]) =>
          count >= config.minSharedAnchors &&
          count >= config.minSharedShare * Math.min(rareCounts[index]!, rareCounts[other]!) &&
          differentLanguages(row, rows.at(other))
      )
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, config.maxCandidates)
    for (const [other] of partners) pairs.push([index, other])
    for (const other of met) shared[other] = 0
    met.length = 0
  }
  return pairs
}

/**
 * Share of their vocabulary two articles in one language share whatever their
 * subject (function words, common verbs): a language identifier's slip
 * (Indonesian read as Malay) does not make two articles translations.
 */
const SAME_LANGUAGE_OVERLAP = 0.1

/** Whether two articles are in different languages: told apart by the identifier, and sharing little of their lower-case vocabulary. */
export function differentLanguages(a: Row, b: Row): boolean {
  if (a.language === b.language && a.language !== UNDETERMINED) return false
  const shareInB = b.vocabulary.length <= 2 * VOCABULARY_WORDS ? vocabularyShares(b) : undefined
  let shared = 0
  for (let index = 0; index < a.vocabulary.length; index += 2) {
    const word = a.vocabulary[index]!
    const other = shareInB ? shareInB(word) : shareScanned(b, word)
    shared += Math.min(a.vocabulary[index + 1]! / a.lowerCaseWords, other)
  }
  return shared < SAME_LANGUAGE_OVERLAP
}

/**
 * A word's share of `b`'s lower-case words, 0 when `b` does not keep it, looked up in a table of `b`'s words made for
 * the pair: judging a pair compared each word of one article with each of the other's (64 × 64), for every pair of
 * articles sharing enough anchors, and took seven times as long (2,000 bench articles: 409 against 58 ms). One table,
 * of a fixed size, serves every pair: a slot is read only when stamped with the current pair's number.
 */
function vocabularyShares(b: Row): (word: number) => number {
  shareTable.pair = (shareTable.pair + 1) >>> 0
  if (shareTable.pair === 0) {
    shareTable.stamps.fill(0)
    shareTable.pair = 1
  }
  const {words, stamps, shares, pair} = shareTable
  for (let at = 0; at < b.vocabulary.length; at += 2) {
    const word = b.vocabulary[at]!
    let slot = slotOf(word)
    while (stamps[slot] === pair && words[slot] !== word) slot = (slot + 1) & SHARE_SLOT_MASK
    // A word listed twice counts once, with its first count, as the scan read it.
    if (stamps[slot] === pair) continue
    stamps[slot] = pair
    words[slot] = word
    shares[slot] = b.vocabulary[at + 1]! / b.lowerCaseWords
  }
  return (word) => {
    for (let slot = slotOf(word); stamps[slot] === pair; slot = (slot + 1) & SHARE_SLOT_MASK) if (words[slot] === word) return shares[slot]!
    return 0
  }
}

/** A word's share of `b`'s lower-case words by reading `b`'s list: for a row longer than the table is made for. */
function shareScanned(b: Row, word: number): number {
  for (let at = 0; at < b.vocabulary.length; at += 2) if (b.vocabulary[at] === word) return b.vocabulary[at + 1]! / b.lowerCaseWords
  return 0
}

/** Slots of the pair's table: four for each word an article keeps, so probes stay short. */
const SHARE_SLOT_BITS = 8
const SHARE_SLOTS = 1 << SHARE_SLOT_BITS
const SHARE_SLOT_MASK = SHARE_SLOTS - 1
const shareTable = {words: new Uint32Array(SHARE_SLOTS), stamps: new Uint32Array(SHARE_SLOTS), shares: new Float64Array(SHARE_SLOTS), pair: 0}

function slotOf(word: number): number {
  return Math.imul(word, 0x9e3779b1) >>> (32 - SHARE_SLOT_BITS)
}

/** Lower-case words kept per article: the most frequent, a language's function words, say what the language is. */
const VOCABULARY_WORDS = 64

const LETTER_RUN = /\p{L}+/gu

/**
 * The most frequent words written in lower case (names are not) in the paragraphs, each with its count, and how many
 * words are written in lower case. Read paragraph by paragraph, not joined: a paragraph held one byte a character is
 * searched faster than the same text inside a two-byte whole (`narrowed` in core/text.ts).
 */
function vocabularyOf(paragraphs: readonly string[]): {frequent: Array<[string, number]>; total: number} {
  const counts = new Map<string, number>()
  let total = 0
  for (const paragraph of paragraphs)
    for (const word of paragraph.match(LETTER_RUN) ?? []) {
      if (startsWithCapital(word)) continue
      counts.set(word, (counts.get(word) ?? 0) + 1)
      total++
    }
  const frequent = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, VOCABULARY_WORDS)
  return {frequent, total}
}

interface AlignedPair {
  a: ParagraphPlace
  b: ParagraphPlace
  score: number
  anchors: MatchedAnchor[]
  by: TranslationLink['by']
  /** For a pair found through a third article: its id. */
  via?: string
}

/** Two articles found to be translations: their paragraph pairs and how strongly they align. */
interface Alignment {
  pairs: AlignedPair[]
  /** Mean coverage of the two articles by the anchored pairs times their mean similarity: how well one renders the other. */
  strength: number
}

interface Step {
  /** Paragraph ranges [from, to) on each side. */
  a: [number, number]
  b: [number, number]
  similarity: number
  shared: number
  anchors: MatchedAnchor[]
}

/** The translated paragraph pairs of two articles, or none when they are not translations of each other. */
function alignArticles(
  first: Article,
  second: Article,
  both: (key: string) => boolean,
  weight: (key: string) => number,
  config: TranslationConfig
): {alignment?: Alignment; covered: [number, number]} {
  const a = withAgreeingVowels(first, second)
  const b = withAgreeingVowels(second, a)
  // Against a script without spaces, where a translated paragraph may keep a single name, a paragraph is compared by the anchors
  // the other article could match (the other side's names it cannot spell weigh nothing), and a pair needs every such anchor of
  // its poorer side rather than `pairAnchors`.
  const sparse = a.unspaced || b.unspaced
  const mutual = sparse ? (key: string) => both(key) && a.keys.has(key) && b.keys.has(key) : both
  const sides: Sides = {
    a,
    b,
    left: a.paragraphs.map((paragraph) => mergeCounts([paragraph], mutual)),
    right: b.paragraphs.map((paragraph) => mergeCounts([paragraph], mutual)),
    keep: mutual,
    both,
    weight,
    sparse,
    quotesShared: false
  }
  const steps = alignRange(sides, [0, a.paragraphs.length], [0, b.paragraphs.length], config.pairAnchors, config)
  const covered: [number, number] = [
    coverage(
      a,
      steps.map((step) => step.a)
    ),
    coverage(
      b,
      steps.map((step) => step.b)
    )
  ]
  if (!isTranslation(a, b, steps, covered, config) || anchorOrder(a, b, both) < config.minOrder) return {covered}
  const meanSimilarity = steps.reduce((sum, step) => sum + step.similarity, 0) / steps.length
  // Inside two articles found to be translations, the place of a paragraph between two aligned pairs says most of what its anchors
  // must: there one rare anchor shared (204 days, 204 hari), or quoted speech in both, is enough. These pairs come after the article's verdict and its strength.
  // Anchors only one of the two articles holds cannot tell which paragraph renders which: there, they are left out.
  // Nor can the story's subject, an anchor most paragraphs of either article name (Semeru in a story on Semeru).
  const subject = subjectAnchors(a, config.subjectShare)
  for (const key of subjectAnchors(b, config.subjectShare)) subject.add(key)
  const held = (key: string) => both(key) && a.keys.has(key) && b.keys.has(key) && !subject.has(key)
  const inGapSides: Sides = {
    ...sides,
    left: a.paragraphs.map((paragraph) => mergeCounts([paragraph], held)),
    right: b.paragraphs.map((paragraph) => mergeCounts([paragraph], held)),
    keep: held,
    quotesShared: true
  }
  const inGaps = gapsBetween(steps, a.paragraphs.length, b.paragraphs.length).flatMap(([aRange, bRange]) => alignRange(inGapSides, aRange, bRange, 1, config))
  const all = [...steps, ...inGaps].sort((x, y) => x.a[0] - y.a[0])
  return {alignment: {pairs: [...stepsToPairs(a, b, all), ...fillGaps(a, b, all, config)], strength: ((covered[0] + covered[1]) / 2) * meanSimilarity}, covered}
}

/** The anchors held by more than `share` of an article's paragraphs. */
function subjectAnchors(article: Article, share: number): Set<string> {
  const holding = new Map<string, number>()
  for (const paragraph of article.paragraphs) for (const key of paragraph.counts.keys()) holding.set(key, (holding.get(key) ?? 0) + 1)
  return new Set([...holding].filter(([key, count]) => key !== 'q' && count > share * article.paragraphs.length).map(([key]) => key))
}

/** The two articles of an alignment as compared: their paragraphs' anchor counts and how anchors weigh. */
interface Sides {
  a: Article
  b: Article
  left: Array<Map<string, number>>
  right: Array<Map<string, number>>
  /** Which anchors of a paragraph are compared. */
  keep: (key: string) => boolean
  /** Which anchors are reported as matched. */
  both: (key: string) => boolean
  weight: (key: string) => number
  /** Against a script without spaces: a pair needs every compared anchor of its poorer side, up to `minShared`. */
  sparse: boolean
  /** Whether quoted speech both paragraphs hold counts as one shared anchor (between aligned pairs only: quotes are everywhere). */
  quotesShared: boolean
}

/** The unaligned stretches of both articles between aligned steps (and before the first, after the last) where both sides hold paragraphs. */
function gapsBetween(steps: Step[], n: number, m: number): Array<[[number, number], [number, number]]> {
  const gaps: Array<[[number, number], [number, number]]> = []
  for (let index = 0; index <= steps.length; index++) {
    const aFrom = steps[index - 1]?.a[1] ?? 0
    const bFrom = steps[index - 1]?.b[1] ?? 0
    const aTo = steps[index]?.a[0] ?? n
    const bTo = steps[index]?.b[0] ?? m
    if (aTo > aFrom && bTo > bFrom)
      gaps.push([
        [aFrom, aTo],
        [bFrom, bTo]
      ])
  }
  return gaps
}

/**
 * The best monotone chain of paragraph pairs over paragraphs [from, to) of
 * each side: one to one, one to two, two to one, or a paragraph left out;
 * a pair counts when it shares `minShared` anchors at `pairSimilarity` or more.
 */
function alignRange(sides: Sides, aRange: [number, number], bRange: [number, number], minShared: number, config: TranslationConfig): Step[] {
  const {a, b, left, right, keep, weight, sparse} = sides
  const [a0, n] = [aRange[0], aRange[1] - aRange[0]]
  const [b0, m] = [bRange[0], bRange[1] - bRange[0]]
  // What each one-to-one pair shares: most pairs share nothing, and a merged step is worth comparing only where both of its one-to-one pairs share something.
  const sharesAny = Array.from({length: n}, (_, x) => Array.from({length: m}, (_, y) => [...left[a0 + x]!.keys()].some((key) => right[b0 + y]!.has(key))))
  const best = Array.from({length: n + 1}, () => new Float64Array(m + 1))
  const from: Array<Array<Step | 'skip-a' | 'skip-b' | undefined>> = Array.from({length: n + 1}, () => new Array(m + 1))
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      let value = -Infinity
      let step: Step | 'skip-a' | 'skip-b' | undefined
      if (i > 0 && best[i - 1]![j]! > value) [value, step] = [best[i - 1]![j]!, 'skip-a']
      if (j > 0 && best[i]![j - 1]! > value) [value, step] = [best[i]![j - 1]!, 'skip-b']
      for (const [da, db] of STEPS) {
        if (i < da || j < db) continue
        let worth = true
        for (let x = i - da; x < i; x++) for (let y = j - db; y < j; y++) if (!sharesAny[x]![y]) worth = false
        if (!worth) continue
        const candidate = similarity(
          da === 1 ? left[a0 + i - 1]! : mergeCounts(a.paragraphs.slice(a0 + i - da, a0 + i), keep),
          db === 1 ? right[b0 + j - 1]! : mergeCounts(b.paragraphs.slice(b0 + j - db, b0 + j), keep),
          weight
        )
        const shared = candidate.shared + (sides.quotesShared && candidate.quoted ? 1 : 0)
        if (shared < (sparse ? Math.min(minShared, candidate.fewest) : minShared) || candidate.similarity < config.pairSimilarity) continue
        const total = best[i - da]![j - db]! + candidate.similarity
        if (total > value) [value, step] = [total, {...candidate, anchors: [], a: [a0 + i - da, a0 + i], b: [b0 + j - db, b0 + j]}]
      }
      best[i]![j] = value
      from[i]![j] = step
    }
  }
  const steps: Step[] = []
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const step = from[i]![j]!
    if (step === 'skip-a') i--
    else if (step === 'skip-b') j--
    else {
      steps.unshift({...step, anchors: matchedAnchors(a.paragraphs.slice(...step.a), b.paragraphs.slice(...step.b), sides.both)})
      i = step.a[0] - a0
      j = step.b[0] - b0
    }
  }
  return steps
}

/**
 * The article as compared with `other`: its names written in an abjad
 * (Arabic) left out where `other` writes a name of the same consonants with
 * no vowel where the abjad writes one (كانوا "they were" is not COEN): a
 * chance meeting of consonants, not a transliteration. Every word of an
 * uncased script is a name candidate, so such meetings are many.
 */
function withAgreeingVowels(article: Article, other: Article): Article {
  if (!article.paragraphs.some((paragraph) => paragraph.anchors.some((anchor) => anchor.abjad))) return article
  const spellings = new Map<string, string[]>()
  for (const paragraph of other.paragraphs)
    for (const anchor of paragraph.anchors) if (anchor.vowels && !anchor.abjad) spellings.set(anchor.key, [...(spellings.get(anchor.key) ?? []), anchor.vowels])
  const agrees = (anchor: Anchor) => {
    if (!anchor.abjad) return true
    const written = spellings.get(anchor.key)
    return written === undefined || written.some((vowels) => vowelsAgree(anchor.vowels!, vowels))
  }
  const paragraphs = article.paragraphs.map((paragraph) => {
    const anchors = paragraph.anchors.filter(agrees)
    if (anchors.length === paragraph.anchors.length) return paragraph
    return {...paragraph, anchors, counts: countKeys(anchors)}
  })
  return {...article, paragraphs, keys: keysOf(paragraphs)}
}

/** How many times each anchor key stands among `anchors`. */
function countKeys(anchors: readonly Anchor[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const anchor of anchors) counts.set(anchor.key, (counts.get(anchor.key) ?? 0) + 1)
  return counts
}

/** The anchor keys the paragraphs hold, each once. */
function keysOf(paragraphs: readonly Paragraph[]): Set<string> {
  return new Set(paragraphs.flatMap((paragraph) => [...paragraph.counts.keys()]))
}

/** Weighted Dice of two bags of anchor keys, and how many anchors (quotation marks aside) they share. */
function similarity(
  leftCounts: Map<string, number>,
  rightCounts: Map<string, number>,
  weight: (key: string) => number
): {similarity: number; shared: number; fewest: number; quoted: boolean} {
  let shared = 0
  let leftWeight = 0
  let rightWeight = 0
  let sharedCount = 0
  for (const [key, count] of leftCounts) leftWeight += count * weight(key)
  for (const [key, count] of rightCounts) rightWeight += count * weight(key)
  for (const [key, count] of leftCounts) {
    const common = Math.min(count, rightCounts.get(key) ?? 0)
    shared += common * weight(key)
    if (key !== 'q') sharedCount += common
  }
  const anchors = (counts: Map<string, number>) => [...counts].reduce((sum, [key, count]) => sum + (key === 'q' ? 0 : count), 0)
  return {
    similarity: leftWeight + rightWeight > 0 ? (2 * shared) / (leftWeight + rightWeight) : 0,
    shared: sharedCount,
    quoted: leftCounts.has('q') && rightCounts.has('q'),
    fewest: Math.max(1, Math.min(anchors(leftCounts), anchors(rightCounts)))
  }
}

function mergeCounts(paragraphs: Paragraph[], keep: (key: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>()
  for (const paragraph of paragraphs) for (const [key, count] of paragraph.counts) if (keep(key)) counts.set(key, (counts.get(key) ?? 0) + count)
  return counts
}

/** The anchors two sides share, each as both write it, in the order of the first side. */
function matchedAnchors(left: Paragraph[], right: Paragraph[], both: (key: string) => boolean): MatchedAnchor[] {
  const rightByKey = new Map<string, Anchor[]>()
  for (const anchor of right.flatMap((paragraph) => paragraph.anchors))
    if (both(anchor.key)) rightByKey.set(anchor.key, [...(rightByKey.get(anchor.key) ?? []), anchor])
  const matched: MatchedAnchor[] = []
  for (const anchor of left.flatMap((paragraph) => paragraph.anchors)) {
    const other = rightByKey.get(anchor.key)?.shift()
    if (other) matched.push({kind: anchor.kind, text: anchor.text, otherText: other.text})
  }
  return matched
}

/** Whether the aligned pairs cover enough of both articles, in enough pairs, to be a translation rather than a page on the same event. */
function isTranslation(a: Article, b: Article, steps: Step[], covered: [number, number], config: TranslationConfig): boolean {
  const minPairs = Math.min(config.minPairs, a.paragraphs.length, b.paragraphs.length)
  if (steps.length === 0 || steps.length < minPairs) return false
  return covered[0] >= config.minCoverage && covered[1] >= config.minCoverage
}

/**
 * How much of the two articles' anchor sequences, read through the whole text,
 * stand in the same order: the longest common subsequence of their anchor
 * keys over each sequence's length (geometric mean). A translation keeps the
 * order of what it renders; a page on the same event retells it in its own.
 */
function anchorOrder(a: Article, b: Article, portable: (key: string) => boolean): number {
  const sequence = (article: Article) =>
    article.paragraphs.flatMap((paragraph) => paragraph.anchors.map((anchor) => anchor.key).filter((key) => key !== 'q' && portable(key)))
  const left = sequence(a)
  const right = sequence(b)
  if (left.length === 0 || right.length === 0) return 0
  let previous = new Uint32Array(right.length + 1)
  for (const key of left) {
    const row = new Uint32Array(right.length + 1)
    for (let j = 1; j <= right.length; j++) row[j] = key === right[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!)
    previous = row
  }
  const common = previous[right.length]!
  return Math.sqrt((common / left.length) * (common / right.length))
}

function coverage(article: Article, ranges: Array<[number, number]>): number {
  if (article.characters === 0) return 0
  return ranges.reduce((covered, range) => covered + charactersOf(article, range), 0) / article.characters
}

function stepsToPairs(a: Article, b: Article, steps: Step[]): AlignedPair[] {
  return steps.flatMap((step) => rangePairs(a, b, step, {score: round(step.similarity), anchors: step.anchors, by: 'anchors'}))
}

/** Every paragraph pair of a step or bead (a range of each article), linked alike. */
function rangePairs(a: Article, b: Article, ranges: Bead, link: Pick<AlignedPair, 'score' | 'anchors' | 'by'>): AlignedPair[] {
  const pairs: AlignedPair[] = []
  for (let i = ranges.a[0]; i < ranges.a[1]; i++) {
    for (let j = ranges.b[0]; j < ranges.b[1]; j++) pairs.push({a: a.paragraphs[i]!.place, b: b.paragraphs[j]!.place, ...link})
  }
  return pairs
}

/**
 * Pairs linked by their place, between two aligned steps (or before the first, after the last), by their lengths: a
 * translator joins two paragraphs or splits one, so the paragraphs of a gap between two steps are read as beads of one
 * to one, two to one or one to two paragraphs (as Gale and Church align sentences by length), every bead's lengths
 * keeping the pair's ratio within `lengthTolerance`, the fewest merges first, then the closest lengths; a gap at an edge
 * only one to one. The side with fewer paragraphs holds at most `maxGap`; a gap no such reading takes whole links nothing.
 */
function fillGaps(a: Article, b: Article, steps: Step[], config: TranslationConfig): AlignedPair[] {
  const ratio = lengthRatio(a, b, steps)
  const misfit = (aRange: [number, number], bRange: [number, number]) =>
    Math.abs(Math.log(charactersOf(a, aRange) / Math.max(1, charactersOf(b, bRange)) / ratio))
  const tolerance = Math.log(config.lengthTolerance)
  const pairs: AlignedPair[] = []
  const bounds: Array<[Step | undefined, Step | undefined]> = steps.map((step, index) => [steps[index - 1], step])
  bounds.push([steps.at(-1), undefined])
  for (const [before, after] of bounds) {
    const aGap: [number, number] = [before?.a[1] ?? 0, after?.a[0] ?? a.paragraphs.length]
    const bGap: [number, number] = [before?.b[1] ?? 0, after?.b[0] ?? b.paragraphs.length]
    const aCount = aGap[1] - aGap[0]
    const bCount = bGap[1] - bGap[0]
    if (aCount === 0 || bCount === 0 || Math.min(aCount, bCount) > config.maxGap) continue
    // A gap at an edge is filled only against the aligned side: the paragraphs next to an anchored pair.
    const neighbours = [before, after].filter((step): step is Step => step !== undefined)
    const score = round(neighbours.reduce((sum, step) => sum + step.similarity, 0) / neighbours.length / 2)
    // At an edge a paragraph with no counterpart (an update's added end, a text cut off in the store) is likelier than a merge.
    for (const bead of lengthBeads(aGap, bGap, misfit, tolerance, before !== undefined && after !== undefined))
      pairs.push(...rangePairs(a, b, bead, {score, anchors: [], by: 'sequence'}))
  }
  return pairs
}

interface Bead {
  a: [number, number]
  b: [number, number]
}

/**
 * The beads (one to one, two to one, one to two paragraphs) that take in every paragraph of both ranges, each within
 * `tolerance` of the pair's length ratio, with the fewest merges and then the smallest summed misfit; none when no such
 * reading exists.
 */
function lengthBeads(
  aRange: [number, number],
  bRange: [number, number],
  misfit: (a: [number, number], b: [number, number]) => number,
  tolerance: number,
  merging: boolean
): Bead[] {
  const n = aRange[1] - aRange[0]
  const m = bRange[1] - bRange[0]
  type Cell = {merges: number; misfit: number; bead?: Bead; from?: [number, number]}
  const table: Array<Array<Cell | undefined>> = Array.from({length: n + 1}, () => new Array<Cell | undefined>(m + 1))
  table[0]![0] = {merges: 0, misfit: 0}
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      for (const [da, db] of merging ? STEPS : STEPS.slice(0, 1)) {
        const previous = i >= da && j >= db ? table[i - da]![j - db] : undefined
        if (!previous) continue
        const bead: Bead = {a: [aRange[0] + i - da, aRange[0] + i], b: [bRange[0] + j - db, bRange[0] + j]}
        const cost = misfit(bead.a, bead.b)
        if (cost > tolerance) continue
        const merges = previous.merges + (da + db > 2 ? 1 : 0)
        const current = table[i]![j]
        if (current && (current.merges < merges || (current.merges === merges && current.misfit <= previous.misfit + cost))) continue
        table[i]![j] = {merges, misfit: previous.misfit + cost, bead, from: [i - da, j - db]}
      }
    }
  }
  const beads: Bead[] = []
  for (let cell = table[n]![m]; cell?.bead && cell.from; cell = table[cell.from[0]]![cell.from[1]]) beads.unshift(cell.bead)
  return beads
}

function charactersOf(article: Article, range: [number, number]): number {
  return article.paragraphs.slice(...range).reduce((total, paragraph) => total + paragraph.characters, 0)
}

/** Characters of a per character of b over the aligned pairs: how much longer one language writes the same text. */
function lengthRatio(a: Article, b: Article, steps: Step[]): number {
  const aChars = steps.reduce((sum, step) => sum + charactersOf(a, step.a), 0)
  const bChars = steps.reduce((sum, step) => sum + charactersOf(b, step.b), 0)
  return aChars / Math.max(1, bChars)
}

function addLink(links: TranslationLinks, self: Pick<Row, 'id'>, other: Pick<Row, 'id'>, pair: AlignedPair): void {
  const list = links.get(self.id) ?? []
  list.push({
    article: other.id,
    block: pair.a.id,
    otherBlock: pair.b.id,
    otherLines: pair.b.lines,
    span: [pair.a.start, pair.a.end],
    otherSpan: [pair.b.start, pair.b.end],
    score: pair.score,
    anchors: pair.anchors,
    by: pair.by,
    ...(pair.via ? {via: pair.via} : {}),
    otherCredited: pair.b.credited,
    otherExcerpt: pair.b.excerpt
  })
  links.set(self.id, list)
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
