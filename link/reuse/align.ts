/**
 * Finds the passages two articles share, with exact spans on both sides.
 * Seed and extend, as text-reuse systems do: shingles the two texts share
 * are the seeds; seeds close to each other on both sides are chained into a
 * passage; a word-level diff (Myers, from jsdiff) inside the passage pairs
 * the words that survived the outlet's edits. Then each pair of blocks the
 * passage touches becomes a link, so merged or split paragraphs link to
 * every paragraph they came from.
 */
import {diffArrays} from 'diff'
import {SHINGLE, shingles, type BodyBlock, type Token} from './tokens.ts'

export interface ReuseThresholds {
  /** Fewest words a passage must share to count as reuse (a quote of this length counts; a stock phrase shorter does not). */
  minWords: number
  /** Words two seeds may stand apart, on either side, and still belong to one passage (room for edits). */
  maxGap: number
  /** Fewest shared words for one pair of blocks inside a passage to be linked. */
  minBlockWords: number
}

export const DEFAULT_THRESHOLDS: ReuseThresholds = {minWords: 12, maxGap: 30, minBlockWords: 8}

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
}

/**
 * Links between the blocks of two articles. A diff can pair ambiguous words
 * differently depending on which side comes first, so callers that need the
 * same answer whatever order articles arrive in align in a fixed order
 * (the reuse stage orders by article id).
 *
 * @param common shingle hashes too frequent in the corpus to seed a passage (stock phrases)
 */
export function alignArticles(a: ArticleText, b: ArticleText, thresholds: ReuseThresholds = DEFAULT_THRESHOLDS, common: ReadonlySet<number> = new Set()): BlockLink[] {
  const aShingles = shingles(a.tokens)
  const bShingles = shingles(b.tokens)
  const inBoth = new Set(bShingles)
  const words = {a: wordsPerBlock(a.tokens), b: wordsPerBlock(b.tokens)}
  const links: BlockLink[] = []
  for (const passage of chainSeeds(seeds(aShingles, bShingles, common), thresholds.maxGap)) {
    const matched = matchWords(a.tokens, b.tokens, passage)
    if (matched.length < thresholds.minWords) continue
    const byBlocks = new Map<string, Array<[number, number]>>()
    for (const pair of matched) {
      const key = `${a.tokens[pair[0]]!.block}:${b.tokens[pair[1]]!.block}`
      const pairs = byBlocks.get(key)
      if (pairs) pairs.push(pair)
      else byBlocks.set(key, [pair])
    }
    for (const pairs of byBlocks.values()) {
      const link = blockLink(a, b, words, pairs, thresholds)
      if (link) links.push({...link, seeds: seedHashes(aShingles, inBoth, link.aTokens)})
    }
  }
  return links.sort((x, y) => x.aBlock - y.aBlock || x.aSpan[0] - y.aSpan[0] || x.bBlock - y.bBlock)
}

/** A link for the words of one passage that fall in one block on each side, if there are enough of them. */
function blockLink(a: ArticleText, b: ArticleText, words: {a: number[]; b: number[]}, pairs: Array<[number, number]>, thresholds: ReuseThresholds): Omit<BlockLink, 'seeds'> | undefined {
  const aBlock = a.tokens[pairs[0]![0]]!.block
  const bBlock = b.tokens[pairs[0]![1]]!.block
  const shortest = Math.min(words.a[aBlock]!, words.b[bBlock]!)
  if (pairs.length < Math.min(thresholds.minBlockWords, shortest)) return undefined
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
function seedHashes(aShingles: number[], inBoth: ReadonlySet<number>, [first, last]: [number, number]): number[] {
  const out = new Set<number>()
  for (let at = first; at + SHINGLE - 1 <= last; at++) if (inBoth.has(aShingles[at]!)) out.add(aShingles[at]!)
  return [...out].sort((x, y) => x - y)
}

interface Passage {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
  /** The last seed chained, on each side. */
  lastI: number
  lastJ: number
}

/** Positions (i in a, j in b) where the same shingle starts; shingles repeated within a text are too ambiguous to seed. */
function seeds(hashesA: number[], hashesB: number[], common: ReadonlySet<number>): Array<[number, number]> {
  const inB = new Map<number, number[]>()
  for (const [j, hash] of hashesB.entries()) {
    if (common.has(hash)) continue
    const list = inB.get(hash) ?? []
    list.push(j)
    inB.set(hash, list)
  }
  const countA = new Map<number, number>()
  for (const hash of hashesA) countA.set(hash, (countA.get(hash) ?? 0) + 1)
  const out: Array<[number, number]> = []
  for (const [i, hash] of hashesA.entries()) {
    const js = inB.get(hash)
    if (js && js.length === 1 && countA.get(hash) === 1) out.push([i, js[0]!])
  }
  return out
}

/** Chains seeds that follow each other closely, in the same order, on both sides into passages. */
function chainSeeds(seedList: Array<[number, number]>, maxGap: number): Passage[] {
  const passages: Passage[] = []
  // Seeds come in order of i: a passage whose last seed is more than maxGap words behind can take no more, so only the
  // few still in reach are searched (in the order they were opened), however many passages two long articles share.
  let open: Passage[] = []
  for (const [i, j] of seedList) {
    open = open.filter((p) => i - p.lastI <= maxGap)
    const passage = open.find((p) => i > p.lastI && j > p.lastJ && j - p.lastJ <= maxGap)
    if (passage) {
      passage.aEnd = i + SHINGLE
      passage.bEnd = Math.max(passage.bEnd, j + SHINGLE)
      passage.lastI = i
      passage.lastJ = j
    } else {
      const opened = {aStart: i, aEnd: i + SHINGLE, bStart: j, bEnd: j + SHINGLE, lastI: i, lastJ: j}
      passages.push(opened)
      open.push(opened)
    }
  }
  return passages
}

/** Word pairs (i, j) that a diff of the two passages keeps in common. */
function matchWords(a: Token[], b: Token[], passage: Passage): Array<[number, number]> {
  const aWords = a.slice(passage.aStart, passage.aEnd).map((token) => token.norm)
  const bWords = b.slice(passage.bStart, passage.bEnd).map((token) => token.norm)
  const out: Array<[number, number]> = []
  let i = passage.aStart
  let j = passage.bStart
  for (const change of diffArrays(aWords, bWords)) {
    const count = change.count ?? change.value.length
    if (change.added) j += count
    else if (change.removed) i += count
    else {
      for (let k = 0; k < count; k++) out.push([i + k, j + k])
      i += count
      j += count
    }
  }
  return out
}

/** Words in each block, by block index: counted once per article, not once per link. */
function wordsPerBlock(tokens: Token[]): number[] {
  const counts: number[] = []
  for (const token of tokens) counts[token.block] = (counts[token.block] ?? 0) + 1
  return counts
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
