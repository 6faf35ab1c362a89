/**
 * Finds the passages two articles share, with exact spans on both sides.
 * Seed and extend, as text-reuse systems do: shingles the two texts share
 * are the seeds; seeds close to each other on both sides are chained into a
 * passage; a word-level diff (Myers, as jsdiff runs it: word-diff.ts)
 * inside the passage pairs the words that survived the outlet's edits. Then
 * each pair of blocks the passage touches becomes a link, so merged or split
 * paragraphs link to every paragraph they came from.
 */
import {DROPPED, INSERTED, wordDiff} from './word-diff.ts'
import {SHINGLE, shingles, type BodyBlock, type Token} from './tokens.ts'

/**
 * What makes two blocks reuse of each other. Every count is of shared
 * words, a name or number shared on both sides counting `nameWeight`.
 * The values are data (`rules/reuse.yaml`).
 */
export interface ReuseThresholds {
  /** Words a pair of blocks must share to be linked on that alone: a passage this long is not met by chance. */
  minWords: number
  /** Fewer words link two blocks when they are at least `shortCoverage` of each (one sentence two short paragraphs share, the rest cut)... */
  minShortWords: number
  shortCoverage: number
  /**
   * ... or when they are a piece of a passage of `minWords` across several blocks and at least
   * `pieceCoverage` of the shorter block (a paragraph merged into a longer one, or split in two).
   */
  pieceCoverage: number
  /**
   * Two blocks that share this share of the words of each, counted plainly (and `minWords` of them),
   * are one paragraph printed twice, whatever its words: a quotation and its attribution copied whole.
   */
  wholeCoverage: number
  /** Fewest words of such a piece (or the whole shorter block, if shorter). */
  minPieceWords: number
  /** Words two seeds may stand apart, on either side, and still belong to one passage (room for edits). */
  maxGap: number
  /** Shortest run of words the diff keeps outside the seeds that counts (shorter ones are function words met by chance). */
  minRun: number
  /** What a name or number shared on both sides counts for, against 1 for any other word: independent reports of one event share names. */
  nameWeight: number
  /**
   * What a word quoted on either side counts for, unless the two articles share a passage of
   * `minWords` outside quotations (then they copy each other, and the quotations with the rest).
   */
  quoteWeight: number
  /** Most places a shingle may stand in one text and still seed a passage. */
  maxSeedRepeats: number
  /** Paraphrased paragraphs of two articles that copy one another: see `frameLinks`. */
  frame: FrameThresholds
}

/**
 * When a paragraph an outlet rewrote still keeps the frame of the one it
 * rewrote. Only between two articles that share a passage of `minWords`
 * outside quotations and passages in `storyParagraphs` paragraphs of each
 * (copies of one story), and only between paragraphs of which one has no
 * passage in the other article. The values are data (`frame:` in
 * `rules/reuse.yaml`).
 */
export interface FrameThresholds {
  /** Paragraphs of each article passages must link for the two to be copies of one story (see `isOneStory`). */
  storyParagraphs: number
  /** Letters of a word compared: the inflections an outlet changes ("dévoré", "dévoraient") share them. */
  stemLetters: number
  /** A word standing in more than this share of the two articles' body blocks (and in more than two) is a common word, whatever the language. */
  rareShare: number
  /** Fewest rare words two paragraphs must keep in common. */
  minWords: number
  /** Share of each paragraph's rare words the two keep in the same order. */
  orderedCoverage: number
  /** Share of each paragraph's rare words the two keep in any order, when they also share a run of `minRun` words: a paragraph with its clauses reordered. */
  reorderedCoverage: number
  /** Words of the shared run that anchors a reordered paragraph. */
  minRun: number
}

/** The text of one article as reuse detection needs it. */
export interface ArticleText {
  blocks: BodyBlock[]
  tokens: Token[]
}

/** Two blocks, one in each article, that share a passage. */
export interface BlockLink {
  aBlock: number
  bBlock: number
  /** Shared words over the words of the longer side. */
  similarity: number
  aSpan: [number, number]
  bSpan: [number, number]
  /** First and last word of the link in a (token positions). */
  aTokens: [number, number]
  /** Shingles shared by both texts inside the link: a link whose shingles all became common in the corpus is a stock phrase. */
  seeds: number[]
  /** What the link rests on: a passage of shared words, or a paraphrase keeping a paragraph's frame (`frameLinks`). */
  by: 'passage' | 'frame'
}

/** Each token list's shingles, hashed once: an article is aligned with several others, and its root with every copy. */
const shinglesOfTokens = new WeakMap<readonly Token[], readonly number[]>()

/** Each shingle list's hashes with how often each stands in it, counted once: a root is aligned with every copy of its story. */
const countsOfShingles = new WeakMap<readonly number[], ReadonlyMap<number, number>>()

/** How often each hash stands in a shingle list (`articleShingles`), counted once per list; read only. */
export function shingleCounts(hashes: readonly number[]): ReadonlyMap<number, number> {
  let counts = countsOfShingles.get(hashes)
  if (!counts) {
    const made = new Map<number, number>()
    for (const hash of hashes) made.set(hash, (made.get(hash) ?? 0) + 1)
    countsOfShingles.set(hashes, made)
    counts = made
  }
  return counts
}

/** An article's shingles (`shingles` of its tokens), computed once for its token list; read only. */
export function articleShingles(text: ArticleText): readonly number[] {
  let hashes = shinglesOfTokens.get(text.tokens)
  if (!hashes) {
    hashes = shingles(text.tokens)
    shinglesOfTokens.set(text.tokens, hashes)
  }
  return hashes
}

/**
 * Links between the blocks of two articles. A diff can pair ambiguous words
 * differently depending on which side comes first, so callers that need the
 * same answer whatever order articles arrive in align in a fixed order
 * (the reuse stage orders by article id).
 *
 * @param common shingle hashes too frequent in the corpus to seed a passage (stock phrases)
 */
export function alignArticles(a: ArticleText, b: ArticleText, thresholds: ReuseThresholds, common: ReadonlySet<number> = new Set()): BlockLink[] {
  const aShingles = articleShingles(a)
  const bShingles = articleShingles(b)
  const inBoth = shingleCounts(bShingles)
  const links: BlockLink[] = []
  const passages = chainSeeds(seeds(aShingles, bShingles, common, thresholds.maxSeedRepeats), thresholds.maxGap)
  widen(passages, a.tokens, b.tokens)
  const matches = passages.map((passage) => matchWords(a.tokens, b.tokens, passage, thresholds.minRun))
  // Two articles that share a full passage outside quotations copy one another: their shared quotations are part of the copy.
  const copies = matches.some((matched) => evidenceWeight(a.tokens, b.tokens, matched, thresholds) >= thresholds.minWords)
  const weights = copies ? {...thresholds, quoteWeight: 1} : thresholds
  const weight = (pairs: Array<[number, number]>) => evidenceWeight(a.tokens, b.tokens, pairs, weights)
  // Each block's words, plain and weighed, counted once per article pair rather than once per link (long articles have many).
  const plainWords = {a: blockSums(a.tokens, () => 1), b: blockSums(b.tokens, () => 1)}
  const weighedWords = {a: blockSums(a.tokens, (token) => tokenWeight(token, weights)), b: blockSums(b.tokens, (token) => tokenWeight(token, weights))}
  for (const matched of matches) {
    const full = weight(matched) >= thresholds.minWords
    // Keyed by the pair of blocks as one number, not by a string made for every word pair.
    const byBlocks = new Map<number, Array<[number, number]>>()
    for (const pair of matched) {
      const key = a.tokens[pair[0]]!.block * b.blocks.length + b.tokens[pair[1]]!.block
      const pairs = byBlocks.get(key)
      if (pairs) pairs.push(pair)
      else byBlocks.set(key, [pair])
    }
    for (const pairs of byBlocks.values()) {
      const aBlock = a.tokens[pairs[0]![0]]!.block
      const bBlock = b.tokens[pairs[0]![1]]!.block
      const weighed = {shared: weight(pairs), a: weighedWords.a[aBlock]!, b: weighedWords.b[bBlock]!}
      const plain = {shared: pairs.length, a: plainWords.a[aBlock]!, b: plainWords.b[bBlock]!}
      if (!isReuse(weighed, plain, full, thresholds)) continue
      const link = blockLink(a, b, pairs)
      links.push({...link, seeds: seedHashes(aShingles, inBoth, link.aTokens), by: 'passage'})
    }
  }
  const passageLinks = distinct(links)
  const frames = copies && isOneStory(passageLinks, thresholds.frame) ? frameLinks(a, b, passageLinks, thresholds.frame) : []
  return [...passageLinks, ...frames].sort((x, y) => x.aBlock - y.aBlock || x.aSpan[0] - y.aSpan[0] || x.bBlock - y.bBlock)
}

/**
 * Whether two articles' passages make them copies of one story rather than
 * two stories sharing a paragraph: an agency repeats its background
 * paragraph in every story on a subject, so passages must stand in
 * `storyParagraphs` paragraphs of each article.
 */
function isOneStory(passages: readonly BlockLink[], thresholds: FrameThresholds): boolean {
  const aBlocks = new Set(passages.map((link) => link.aBlock))
  const bBlocks = new Set(passages.map((link) => link.bBlock))
  return aBlocks.size >= thresholds.storyParagraphs && bBlocks.size >= thresholds.storyParagraphs
}

/**
 * Most rare words a paragraph may hold to be compared by its frame: the
 * alignment costs the product of the two counts, and a paragraph this long
 * is not a rewritten paragraph but a page with no paragraph breaks.
 */
const MAX_FRAME_WORDS = 1000

/** A rare word of a block: its place among the article's tokens and its compared stem. */
interface RareWord {
  at: number
  stem: string
}

/**
 * Links between paragraphs of two copies of one story that an outlet
 * paraphrased: the words changed, the frame kept. What survives such a
 * rewrite is the paragraph's rare words (its content words), mostly in their
 * order; what two paragraphs of one story share by chance is a few of them.
 * Only pairs in which one paragraph has no passage in the other article are
 * compared: a paragraph linked on both sides has found its text there.
 * A word is rare when it stands in few of the two articles' body blocks, so
 * no word list is needed for any language; names and numbers do not count
 * (independent reports of one event share them). Two paragraphs are linked
 * when they keep `minWords` rare words in common and these cover, on both
 * sides, `orderedCoverage` of the paragraph's rare words in order, or
 * `reorderedCoverage` in any order when the paragraphs also share a run of
 * `minRun` words (a rewrite that swapped two clauses around a kept phrase).
 */
function frameLinks(a: ArticleText, b: ArticleText, passages: readonly BlockLink[], thresholds: FrameThresholds): BlockLink[] {
  // Paragraphs a passage links to the other article have found their text there; only a pair with a paragraph left alone is compared.
  const aLinked = new Set(passages.map((link) => link.aBlock))
  const bLinked = new Set(passages.map((link) => link.bBlock))
  if (aLinked.size === a.blocks.length && bLinked.size === b.blocks.length) return []
  const stemOf = (token: Token) => (token.norm.length <= thresholds.stemLetters ? token.norm : [...token.norm].slice(0, thresholds.stemLetters).join(''))
  const aStems = a.tokens.map(stemOf)
  const bStems = b.tokens.map(stemOf)
  const blockFrequency = new Map<string, number>()
  const countBlocks = (tokens: Token[], stems: string[]) => {
    // Tokens come block after block: one set of the current block's stems is enough.
    let seen = new Set<string>()
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at]!
      if (at > 0 && tokens[at - 1]!.block !== token.block) seen = new Set()
      const stem = stems[at]!
      if (seen.has(stem)) continue
      seen.add(stem)
      blockFrequency.set(stem, (blockFrequency.get(stem) ?? 0) + 1)
    }
  }
  countBlocks(a.tokens, aStems)
  countBlocks(b.tokens, bStems)
  const common = Math.max(2, thresholds.rareShare * (a.blocks.length + b.blocks.length))
  const rareWords = (tokens: Token[], stems: string[]) => {
    const byBlock = new Map<number, RareWord[]>()
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at]!
      const stem = stems[at]!
      if (token.name || blockFrequency.get(stem)! > common) continue
      const list = byBlock.get(token.block)
      if (list) list.push({at, stem})
      else byBlock.set(token.block, [{at, stem}])
    }
    return byBlock
  }
  const aRare = rareWords(a.tokens, aStems)
  const bRare = rareWords(b.tokens, bStems)
  // Blocks of b by the rare stems they hold: only pairs sharing `minWords` of them are compared.
  const blocksOfStem = new Map<string, Set<number>>()
  for (const [block, words] of bRare) {
    for (const {stem: word} of words) {
      const blocks = blocksOfStem.get(word)
      if (blocks) blocks.add(block)
      else blocksOfStem.set(word, new Set([block]))
    }
  }
  const out: BlockLink[] = []
  for (const [aBlock, aWords] of aRare) {
    const shared = new Map<number, number>()
    for (const word of new Set(aWords.map((rare) => rare.stem)))
      for (const block of blocksOfStem.get(word) ?? []) shared.set(block, (shared.get(block) ?? 0) + 1)
    for (const [bBlock, count] of shared) {
      if (count < thresholds.minWords || (aLinked.has(aBlock) && bLinked.has(bBlock))) continue
      const bWords = bRare.get(bBlock)!
      if (aWords.length > MAX_FRAME_WORDS || bWords.length > MAX_FRAME_WORDS) continue
      const pairs = framePairs(a.tokens, b.tokens, aWords, bWords, thresholds)
      if (pairs) out.push({...blockLink(a, b, pairs), seeds: [], by: 'frame'})
    }
  }
  return out
}

/** The rare words two paragraphs keep in common as word pairs (i, j), when they keep their frame; undefined when not. */
function framePairs(a: Token[], b: Token[], aWords: RareWord[], bWords: RareWord[], thresholds: FrameThresholds): Array<[number, number]> | undefined {
  const covers = (count: number, share: number) => count >= thresholds.minWords && count >= share * aWords.length && count >= share * bWords.length
  const ordered = commonSubsequence(aWords, bWords)
  if (covers(ordered.length, thresholds.orderedCoverage)) return ordered
  const unordered = commonWords(aWords, bWords)
  if (!covers(unordered.length, thresholds.reorderedCoverage)) return undefined
  return longestCommonRun(a, b, aWords[0]!.at, bWords[0]!.at) >= thresholds.minRun ? unordered : undefined
}

/** The longest common subsequence of two paragraphs' rare words, as word pairs in order. */
function commonSubsequence(aWords: RareWord[], bWords: RareWord[]): Array<[number, number]> {
  const width = bWords.length + 1
  const table = new Uint16Array((aWords.length + 1) * width)
  for (let i = aWords.length - 1; i >= 0; i--) {
    for (let j = bWords.length - 1; j >= 0; j--) {
      table[i * width + j] =
        aWords[i]!.stem === bWords[j]!.stem ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!)
    }
  }
  const pairs: Array<[number, number]> = []
  for (let i = 0, j = 0; i < aWords.length && j < bWords.length; ) {
    if (aWords[i]!.stem === bWords[j]!.stem) pairs.push([aWords[i++]!.at, bWords[j++]!.at])
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++
    else j++
  }
  return pairs
}

/** Rare words two paragraphs share in any order, each word of b paired once, as word pairs in the order of a. */
function commonWords(aWords: RareWord[], bWords: RareWord[]): Array<[number, number]> {
  const free = new Map<string, number[]>()
  for (const word of bWords) {
    const places = free.get(word.stem)
    if (places) places.push(word.at)
    else free.set(word.stem, [word.at])
  }
  const pairs: Array<[number, number]> = []
  for (const word of aWords) {
    const j = free.get(word.stem)?.shift()
    if (j !== undefined) pairs.push([word.at, j])
  }
  return pairs
}

/** Words of the longest run two blocks share word for word, every word counted; the blocks are given by one token of each. */
function longestCommonRun(a: Token[], b: Token[], aAt: number, bAt: number): number {
  const words = (tokens: Token[], at: number) => {
    let first = at
    while (first > 0 && tokens[first - 1]!.block === tokens[at]!.block) first--
    let last = at
    while (last + 1 < tokens.length && tokens[last + 1]!.block === tokens[at]!.block) last++
    return tokens.slice(first, last + 1).map((token) => token.norm)
  }
  const aWords = words(a, aAt)
  const bWords = words(b, bAt)
  let best = 0
  let previous = new Uint16Array(bWords.length + 1)
  for (const word of aWords) {
    const current = new Uint16Array(bWords.length + 1)
    for (let j = 0; j < bWords.length; j++) {
      if (word !== bWords[j]) continue
      current[j + 1] = previous[j]! + 1
      if (current[j + 1]! > best) best = current[j + 1]!
    }
    previous = current
  }
  return best
}

/**
 * What the words two passages keep are worth as evidence of copying: a
 * name or number on both sides counts `nameWeight`, a word quoted on either
 * side `quoteWeight` (what a speaker said, reports print alike without
 * copying each other), both at once the product.
 */
function evidenceWeight(a: Token[], b: Token[], pairs: Array<[number, number]>, thresholds: ReuseThresholds): number {
  let sum = 0
  for (const [i, j] of pairs) sum += (a[i]!.name && b[j]!.name ? thresholds.nameWeight : 1) * (a[i]!.quoted || b[j]!.quoted ? thresholds.quoteWeight : 1)
  return sum
}

/** One link per pair of blocks and span: passages widened to the same blocks read the same words. */
function distinct(links: BlockLink[]): BlockLink[] {
  const byKey = new Map<string, BlockLink>()
  for (const link of links) byKey.set(`${link.aBlock}:${link.bBlock}:${link.aSpan.join(':')}:${link.bSpan.join(':')}`, link)
  return [...byKey.values()]
}

/** Words two blocks share, and the words of each. */
interface Overlap {
  shared: number
  a: number
  b: number
}

/**
 * Whether a pair of blocks is reuse, judged by how much of both blocks the
 * shared words cover and what they are worth, not by one shared window: one
 * quoted sentence or a string of names two independent reports both print
 * is not enough, while the short paragraph an outlet kept of a wire story
 * is.
 *
 * @param weighed the overlap with names and quotations weighed (`evidenceWeight`)
 * @param plain the overlap in words, counted plainly
 * @param full whether the passage these words belong to is worth `minWords` in all
 */
function isReuse(weighed: Overlap, plain: Overlap, full: boolean, thresholds: ReuseThresholds): boolean {
  if (weighed.shared >= thresholds.minWords) return true
  if (weighed.shared >= thresholds.minShortWords && weighed.shared >= thresholds.shortCoverage * Math.max(weighed.a, weighed.b)) return true
  if (plain.shared >= thresholds.minWords && plain.shared >= thresholds.wholeCoverage * Math.max(plain.a, plain.b)) return true
  const shorter = Math.min(weighed.a, weighed.b)
  return full && weighed.shared >= Math.min(thresholds.minPieceWords, shorter) && weighed.shared >= thresholds.pieceCoverage * shorter
}

/** The link for the words of one passage that fall in one block on each side. */
function blockLink(a: ArticleText, b: ArticleText, pairs: Array<[number, number]>): Omit<BlockLink, 'seeds' | 'by'> {
  const aBlock = a.tokens[pairs[0]![0]]!.block
  const bBlock = b.tokens[pairs[0]![1]]!.block
  const iFirst = pairs[0]![0]
  const iLast = pairs.at(-1)![0]
  // A loop, not Math.min(...): a passage through a very long paragraph has more pairs than a call takes arguments.
  let jFirst = pairs[0]![1]
  let jLast = jFirst
  for (const [, j] of pairs) {
    if (j < jFirst) jFirst = j
    if (j > jLast) jLast = j
  }
  return {
    aBlock,
    bBlock,
    similarity: round(pairs.length / Math.max(iLast - iFirst + 1, jLast - jFirst + 1)),
    aSpan: [a.tokens[iFirst]!.start, a.tokens[iLast]!.end],
    bSpan: [b.tokens[jFirst]!.start, b.tokens[jLast]!.end],
    aTokens: [iFirst, iLast]
  }
}

/** Shingles both texts share inside a span of a: the evidence that lets the corpus frequency judge the link later. */
function seedHashes(aShingles: readonly number[], inBoth: ReadonlyMap<number, number>, [first, last]: [number, number]): number[] {
  const out = new Set<number>()
  for (let at = first; at + SHINGLE - 1 <= last; at++) if (inBoth.has(aShingles[at]!)) out.add(aShingles[at]!)
  return [...out].sort((x, y) => x - y)
}

export interface Passage {
  /** Words the diff reads, on each side: the seeds' span widened to the blocks around it. */
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
  /** The span the seeds cover in a: every word the diff keeps in it counts; outside it, only runs of `minRun` words. */
  aCoreStart: number
  aCoreEnd: number
  /** The last seed chained, on each side. */
  lastI: number
  lastJ: number
}

/**
 * Positions (i in a, j in b) where the same shingle starts. A shingle
 * repeated within a text (a name, a refrain) seeds too, up to `maxRepeats`
 * times a side; `unique` says whether it stands once on each side, the
 * only kind that may open a passage on its own.
 */
function seeds(hashesA: readonly number[], hashesB: readonly number[], common: ReadonlySet<number>, maxRepeats: number): Seed[] {
  // Indexed loops, not `entries()`, whose iterator makes an object per shingle: this runs for every copy of a story.
  const inB = new Map<number, number[]>()
  for (let j = 0; j < hashesB.length; j++) {
    const hash = hashesB[j]!
    if (common.has(hash)) continue
    const list = inB.get(hash)
    if (list) list.push(j)
    else inB.set(hash, [j])
  }
  const countA = shingleCounts(hashesA)
  const out: Seed[] = []
  for (let i = 0; i < hashesA.length; i++) {
    const hash = hashesA[i]!
    const js = inB.get(hash)
    const inA = countA.get(hash)!
    if (!js || js.length > maxRepeats || inA > maxRepeats) continue
    for (const j of js) out.push({i, j, unique: js.length === 1 && inA === 1})
  }
  return out
}

export interface Seed {
  i: number
  j: number
  unique: boolean
}

/**
 * Chains seeds that follow each other closely, in the same order, on both
 * sides into passages. A seed continues every passage it follows closely
 * (a sentence an article printed twice is linked to both places), each at
 * the place of a repeated shingle nearest its diagonal; a repeated shingle
 * that continues none opens nothing. Seeds come in order of i, so a passage
 * whose last seed is more than `maxGap` words behind can take no more: only
 * the few still in reach are searched, and the work grows with the seeds,
 * not with the seeds times the passages two long articles share.
 */
export function chainSeeds(seedList: readonly Seed[], maxGap: number): Passage[] {
  const passages: Passage[] = []
  const inReach: Passage[] = []
  const extend = (passage: Passage, i: number, j: number) => {
    passage.aEnd = i + SHINGLE
    passage.aCoreEnd = i + SHINGLE
    passage.bEnd = Math.max(passage.bEnd, j + SHINGLE)
    passage.lastI = i
    passage.lastJ = j
  }
  // Nothing is made per seed (no group of seeds, no list of passages in reach, no best pair): a seed stands at nearly
  // every word of two copies of one story, and these were a fifth of what an alignment allocated.
  for (let at = 0; at < seedList.length; ) {
    const i = seedList[at]!.i
    // The seeds at i are seedList[first] to seedList[at - 1].
    const first = at
    while (at < seedList.length && seedList[at]!.i === i) at++
    let kept = 0
    for (let index = 0; index < inReach.length; index++) {
      const passage = inReach[index]!
      if (i - passage.lastI <= maxGap) inReach[kept++] = passage
    }
    inReach.length = kept
    let continued = false
    for (let index = 0; index < inReach.length; index++) {
      const passage = inReach[index]!
      let bestJ = -1
      let bestShift = 0
      for (let seed = first; seed < at; seed++) {
        const j = seedList[seed]!.j
        if (!(i > passage.lastI && j > passage.lastJ && j - passage.lastJ <= maxGap)) continue
        const shift = Math.abs(i - passage.lastI - (j - passage.lastJ))
        if (bestJ === -1 || shift < bestShift) {
          bestJ = j
          bestShift = shift
        }
      }
      if (bestJ === -1) continue
      extend(passage, i, bestJ)
      continued = true
    }
    if (continued) continue
    if (at - first === 1 && seedList[first]!.unique) {
      const j = seedList[first]!.j
      const opened = {aStart: i, aEnd: i + SHINGLE, bStart: j, bEnd: j + SHINGLE, aCoreStart: i, aCoreEnd: i + SHINGLE, lastI: i, lastJ: j}
      passages.push(opened)
      inReach.push(opened)
    }
  }
  return passages
}

/**
 * Widens each passage to the start of the block its first word stands in
 * and the end of the block its last word stands in, on both sides: words an
 * edit left before the first seed or after the last one (a changed name
 * ahead of a kept sentence) are then read by the diff too. A passage stops
 * at the seeds of another passage between the same two blocks, so that
 * sentences an outlet reordered inside a paragraph stay two passages.
 */
function widen(passages: Passage[], a: Token[], b: Token[]): void {
  const aBounds = blockBounds(a)
  const bBounds = blockBounds(b)
  const cores = passages.map((passage) => ({...passage}))
  // Each passage is compared with those that reach into its blocks of a, found through the blocks they touch, not with
  // every other passage: two long articles share thousands.
  const byBlock = new Map<number, Passage[]>()
  for (const core of cores) {
    for (let block = a[core.aStart]!.block; block <= a[core.aEnd - 1]!.block; block++) {
      const list = byBlock.get(block)
      if (list) list.push(core)
      else byBlock.set(block, [core])
    }
  }
  for (const [index, passage] of passages.entries()) {
    const core = cores[index]!
    let aLow = aBounds.start[a[core.aStart]!.block]!
    let aHigh = aBounds.end[a[core.aEnd - 1]!.block]!
    let bLow = bBounds.start[b[core.bStart]!.block]!
    let bHigh = bBounds.end[b[core.bEnd - 1]!.block]!
    const near = new Set<Passage>()
    for (let block = a[core.aStart]!.block; block <= a[core.aEnd - 1]!.block; block++) for (const other of byBlock.get(block) ?? []) near.add(other)
    for (const other of near) {
      if (other === core) continue
      const sameBlocks = other.aEnd > aLow && other.aStart < aHigh && other.bEnd > bLow && other.bStart < bHigh
      if (!sameBlocks) continue
      if (other.aEnd <= core.aStart) aLow = Math.max(aLow, other.aEnd)
      if (other.aStart >= core.aEnd) aHigh = Math.min(aHigh, other.aStart)
      if (other.bEnd <= core.bStart) bLow = Math.max(bLow, other.bEnd)
      if (other.bStart >= core.bEnd) bHigh = Math.min(bHigh, other.bStart)
    }
    passage.aStart = aLow
    passage.aEnd = aHigh
    passage.bStart = bLow
    passage.bEnd = bHigh
  }
}

/** Where each block's tokens start and end (exclusive), by block index. */
function blockBounds(tokens: Token[]): {start: number[]; end: number[]} {
  const start: number[] = []
  const end: number[] = []
  for (let at = 0; at < tokens.length; at++) {
    const {block} = tokens[at]!
    start[block] ??= at
    end[block] = at + 1
  }
  return {start, end}
}

/**
 * Word pairs (i, j) that a diff of the two passages keeps in common: every
 * pair between the seeds, and outside them only runs of at least `minRun`
 * words, so that the widened margins add kept phrases, not the odd "the".
 */
function matchWords(a: Token[], b: Token[], passage: Passage, minRun: number): Array<[number, number]> {
  const aWords = a.slice(passage.aStart, passage.aEnd).map((token) => token.norm)
  const bWords = b.slice(passage.bStart, passage.bEnd).map((token) => token.norm)
  const out: Array<[number, number]> = []
  let i = passage.aStart
  let j = passage.bStart
  const runs = wordDiff(aWords, bWords)
  for (let at = 0; at < runs.length; at += 2) {
    const count = runs[at + 1]!
    if (runs[at] === INSERTED) j += count
    else if (runs[at] === DROPPED) i += count
    else {
      for (let k = 0; k < count; k++) {
        const inCore = i + k >= passage.aCoreStart && i + k < passage.aCoreEnd
        if (inCore || count >= minRun) out.push([i + k, j + k])
      }
      i += count
      j += count
    }
  }
  return out
}

/** A sum over each block's tokens, by block index. */
function blockSums(tokens: Token[], value: (token: Token) => number): number[] {
  const sums: number[] = []
  for (const token of tokens) sums[token.block] = (sums[token.block] ?? 0) + value(token)
  return sums
}

/** A word of a block weighed as shared words are: what a link's coverage is measured against. */
function tokenWeight(token: Token, thresholds: ReuseThresholds): number {
  return (token.name ? thresholds.nameWeight : 1) * (token.quoted ? thresholds.quoteWeight : 1)
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
