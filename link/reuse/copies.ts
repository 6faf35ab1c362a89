/**
 * Near-exact copies: a wire story printed by dozens of outlets. Aligning
 * every copy with every earlier one costs a number of alignments (and of
 * stored block links) that grows with the square of the copies: 3,160
 * alignments for 80 copies. Instead a copy whose text maps block for block
 * onto an earlier article (its root) is aligned with the root alone, and
 * its links to the root's other copies are composed through the root: a
 * block of the copy shares text with every block of another copy that is
 * linked to the same block of the root.
 *
 * The small groups stay exact: while a root has fewer than
 * `ALIGN_EVERY_COPY_BELOW` articles, a new copy is aligned with each of them
 * as before (their links are all shown in a report, span for span); only
 * beyond, where a report folds a block's copies into a count, are links
 * composed. A pair aligned directly always keeps its own links.
 */
import type {ArticleText, BlockLink} from './align.ts'
import type {StoredLink} from './store.ts'

/** Fewest similarity of every block pair of a near-exact copy (one dropped word in a 10-word paragraph is 0.9). */
export const COPY_SIMILARITY = 0.9
/** Fewest share of each side's words that stand in linked blocks. */
export const COPY_COVERAGE = 0.95
/**
 * Groups this small (root and copies) are aligned pair by pair: a report
 * folds a block's links only beyond five copies (`FOLD_FROM`), so below
 * that every link is shown and comes from an alignment of its own.
 */
export const ALIGN_EVERY_COPY_BELOW = 6

/**
 * True when two articles' alignment maps their body blocks one to one with
 * near-identical text: each block in at most one link, every link of high
 * similarity, and the linked blocks holding nearly all the words of both.
 */
export function isNearExactCopy(links: readonly BlockLink[], a: ArticleText, b: ArticleText): boolean {
  if (links.length === 0) return false
  const aBlocks = new Set<number>()
  const bBlocks = new Set<number>()
  for (const link of links) {
    if (link.similarity < COPY_SIMILARITY || aBlocks.has(link.aBlock) || bBlocks.has(link.bBlock)) return false
    aBlocks.add(link.aBlock)
    bBlocks.add(link.bBlock)
  }
  return coverage(a, aBlocks) >= COPY_COVERAGE && coverage(b, bBlocks) >= COPY_COVERAGE
}

function coverage(text: ArticleText, blocks: ReadonlySet<number>): number {
  if (text.tokens.length === 0) return 0
  let inLinked = 0
  for (const token of text.tokens) if (blocks.has(token.block)) inLinked++
  return inLinked / text.tokens.length
}

/**
 * Links of `id` composed through `through`, an article it is linked to: for
 * each link of `id` to a block of `through` and each link of that block to
 * an article `reach` accepts, a link between the two outer blocks, with each
 * side's span as aligned with `through` and the lower of the two
 * similarities. `through` is either the root `id` is a copy of (then `id`
 * shares whatever the root shares) or a root whose copies `id` shares text
 * with through it.
 *
 * @param own the stored links of `id`
 * @param throughLinks the stored links of `through`
 */
export function composedLinks(
  id: string,
  own: readonly StoredLink[],
  through: string,
  throughLinks: readonly StoredLink[],
  reach: (other: string) => boolean
): StoredLink[] {
  const toBlock = new Map<string, StoredLink[]>()
  for (const link of own) {
    if (link.other !== through) continue
    const list = toBlock.get(link.otherBlock)
    if (list) list.push(link)
    else toBlock.set(link.otherBlock, [link])
  }
  const out: StoredLink[] = []
  if (toBlock.size === 0) return out
  const accepted = new Map<string, boolean>()
  for (const next of throughLinks) {
    let ok = accepted.get(next.other)
    if (ok === undefined) {
      ok = reach(next.other)
      accepted.set(next.other, ok)
    }
    if (!ok) continue
    for (const mine of toBlock.get(next.block) ?? []) {
      // The text of `through` both links cover, carried to each outer side by its distance from either end.
      const from = Math.max(mine.otherSpan[0], next.span[0])
      const to = Math.min(mine.otherSpan[1], next.span[1])
      if (from >= to) continue
      out.push({
        article: id,
        block: mine.block,
        span: narrowed(mine.span, mine.otherSpan, from, to),
        other: next.other,
        otherBlock: next.otherBlock,
        otherLines: next.otherLines,
        otherSpan: narrowed(next.otherSpan, next.span, from, to),
        similarity: Math.min(mine.similarity, next.similarity),
        seeds: mine.seeds
      })
    }
  }
  return out
}

/** The part of `span` that faces [from, to) of its aligned `facing` span. */
function narrowed(span: [number, number], facing: [number, number], from: number, to: number): [number, number] {
  const start = Math.min(span[1], span[0] + (from - facing[0]))
  const end = Math.max(start, span[1] - (facing[1] - to))
  return [start, end]
}
