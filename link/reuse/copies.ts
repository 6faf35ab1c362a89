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
 * The links of copy `id` to the other copies of its root, composed through
 * the root: for each link of `id` to a root block and each link of that root
 * block to another copy, a link between the two copies' blocks, with each
 * side's span as aligned with the root and the lower of the two
 * similarities. Copies `id` was aligned with directly (in `own`) are left
 * out: their own links stand.
 *
 * @param own the stored links of `id`
 * @param rootLinks the stored links of the root
 * @param copies the root's copies
 */
export function composedLinks(id: string, own: readonly StoredLink[], root: string, rootLinks: readonly StoredLink[], copies: ReadonlySet<string>): StoredLink[] {
  const aligned = new Set(own.map((link) => link.other))
  const toRootBlock = new Map<string, StoredLink[]>()
  for (const link of own) {
    if (link.other !== root) continue
    const list = toRootBlock.get(link.otherBlock)
    if (list) list.push(link)
    else toRootBlock.set(link.otherBlock, [link])
  }
  const out: StoredLink[] = []
  for (const through of rootLinks) {
    if (through.other === id || aligned.has(through.other) || !copies.has(through.other)) continue
    for (const mine of toRootBlock.get(through.block) ?? []) {
      out.push({
        article: id,
        block: mine.block,
        span: mine.span,
        other: through.other,
        otherBlock: through.otherBlock,
        otherLines: through.otherLines,
        otherSpan: through.otherSpan,
        similarity: Math.min(mine.similarity, through.similarity),
        seeds: mine.seeds
      })
    }
  }
  return out
}

/** The order the index returns an article's links in: reading order, then the other article. */
export function byReadingOrder(x: StoredLink, y: StoredLink): number {
  return x.span[0] - y.span[0] || x.other.localeCompare(y.other) || x.otherSpan[0] - y.otherSpan[0]
}
