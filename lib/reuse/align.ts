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
  const passages = chainSeeds(seeds(a.tokens, b.tokens, common), thresholds.maxGap)
  const pairs = new Map<string, Array<[number, number]>>()
  for (const passage of passages) {
    const matched = matchWords(a.tokens, b.tokens, passage)
    if (matched.length < thresholds.minWords) continue
    for (const [i, j] of matched) {
      const key = `${a.tokens[i]!.block}:${b.tokens[j]!.block}`
      const list = pairs.get(key) ?? []
      list.push([i, j])
      pairs.set(key, list)
    }
  }
  const links: BlockLink[] = []
  for (const matched of pairs.values()) {
    const [i0, j0] = matched[0]!
    const aBlock = a.tokens[i0]!.block
    const bBlock = b.tokens[j0]!.block
    const shortest = Math.min(wordsIn(a.tokens, aBlock), wordsIn(b.tokens, bBlock))
    if (matched.length < Math.min(thresholds.minBlockWords, shortest)) continue
    const is = matched.map(([i]) => i)
    const js = matched.map(([, j]) => j)
    const iFirst = Math.min(...is)
    const iLast = Math.max(...is)
    const jFirst = Math.min(...js)
    const jLast = Math.max(...js)
    links.push({
      aBlock,
      bBlock,
      similarity: round(matched.length / Math.max(iLast - iFirst + 1, jLast - jFirst + 1)),
      aSpan: [a.tokens[iFirst]!.start, a.tokens[iLast]!.end],
      bSpan: [b.tokens[jFirst]!.start, b.tokens[jLast]!.end]
    })
  }
  return links.sort((x, y) => x.aBlock - y.aBlock || x.bBlock - y.bBlock)
}

interface Passage {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

/** Positions (i in a, j in b) where the same shingle starts; shingles repeated within a text are too ambiguous to seed. */
function seeds(a: Token[], b: Token[], common: ReadonlySet<number>): Array<[number, number]> {
  const inB = new Map<number, number[]>()
  for (const [j, hash] of shingles(b).entries()) {
    if (common.has(hash)) continue
    const list = inB.get(hash) ?? []
    list.push(j)
    inB.set(hash, list)
  }
  const hashesA = shingles(a)
  const countA = new Map<number, number>()
  for (const hash of hashesA) countA.set(hash, (countA.get(hash) ?? 0) + 1)
  const out: Array<[number, number]> = []
  for (const [i, hash] of hashesA.entries()) {
    const js = inB.get(hash)
    if (js && js.length === 1 && countA.get(hash) === 1) out.push([i, js[0]!])
  }
  return out
}

/** Chains seeds that follow each other closely on both sides into passages. */
function chainSeeds(seedList: Array<[number, number]>, maxGap: number): Passage[] {
  const passages: Passage[] = []
  for (const [i, j] of seedList) {
    const open = passages.find((p) => i - (p.aEnd - SHINGLE) <= maxGap && i >= p.aStart && j >= p.bStart - maxGap && j - (p.bEnd - SHINGLE) <= maxGap)
    if (open) {
      open.aEnd = Math.max(open.aEnd, i + SHINGLE)
      open.bStart = Math.min(open.bStart, j)
      open.bEnd = Math.max(open.bEnd, j + SHINGLE)
    } else {
      passages.push({aStart: i, aEnd: i + SHINGLE, bStart: j, bEnd: j + SHINGLE})
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

function wordsIn(tokens: Token[], block: number): number {
  let count = 0
  for (const token of tokens) if (token.block === block) count++
  return count
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
