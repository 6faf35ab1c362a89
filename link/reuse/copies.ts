/**
 * Near-exact copies: a wire story printed by dozens of outlets. Aligning
 * every copy with every earlier one costs a number of alignments (and of
 * stored block links) that grows with the square of the copies: 3,160
 * alignments for 80 copies. Instead a copy whose text maps block for block
 * onto an earlier article (its root) is aligned with the root alone, and
 * its links to the root's other copies are composed through the root: a
 * block of the copy shares text with every block of another copy that is
 * linked to the same block of the root. So are its links to the articles
 * the root is linked to (another story's root that prints a passage of
 * it), and through those, two steps away, to their own copies.
 *
 * The small groups stay exact: while a root has fewer than
 * `ALIGN_EVERY_COPY_BELOW` articles, a new copy is aligned with each of them
 * as before (their links are all shown in a report, span for span); only
 * beyond, where a report folds a block's copies into a count, are links
 * composed. A pair aligned directly always keeps its own links.
 */
import type {ArticleText, BlockLink} from './align.ts'
import {byReadingOrder, type StoredLink} from './store.ts'
import {byCodeUnits} from '../../core/sorted-ids.ts'

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
 * What a folded block compares its links by (see `ArticleLinks.folded`): when the other article was published
 * (infinity when unknown), and the agencies the other block's own text credits.
 */
export interface FoldKey {
  time: number
  agencies: readonly string[]
}

/** A block's links in the order a fold reads them: earliest other article first, and likewise those crediting each agency. */
interface FoldOrder {
  earliest: number[]
  byAgency: Map<string, number[]>
}

/** A root's links (or those of any article others reach through it), with the places of each block's links among them. */
export class ThroughLinks {
  private readonly places = new Map<string, number[]>()
  /** The other articles of the links, each once, and each link's among them: compositions count by article in arrays. */
  readonly others: string[] = []
  readonly otherAt: Uint32Array
  private keys: Array<FoldKey | undefined> | undefined
  private readonly folds = new Map<string, FoldOrder>()

  constructor(readonly links: readonly StoredLink[]) {
    this.otherAt = new Uint32Array(links.length)
    const numbers = new Map<string, number>()
    for (const [at, link] of links.entries()) {
      pushTo(this.places, link.block, at)
      let number = numbers.get(link.other)
      if (number === undefined) {
        number = this.others.length
        numbers.set(link.other, number)
        this.others.push(link.other)
      }
      this.otherAt[at] = number
    }
  }

  placesOf(block: string): readonly number[] {
    return this.places.get(block) ?? NONE
  }

  /**
   * Reads each link's fold key, once for all the articles composed through these links (the copies of a story read
   * them 80 times over); a link whose other article cannot be read has none, and no fold counts it.
   */
  async readFoldKeys(keyOf: (link: StoredLink) => Promise<FoldKey | undefined>): Promise<void> {
    if (this.keys) return
    const keys: Array<FoldKey | undefined> = []
    for (const link of this.links) keys.push(await keyOf(link))
    this.keys = keys
  }

  /** The links of a block in fold order, with their keys: made once per block, once the keys are read. */
  foldOrder(block: string): {order: FoldOrder; keys: ReadonlyArray<FoldKey | undefined>} {
    const keys = this.keys
    if (!keys) throw new Error('fold keys not read')
    let order = this.folds.get(block)
    if (!order) {
      const before = (x: number, y: number) => keys[x]!.time - keys[y]!.time || byCodeUnits(this.links[x]!.other, this.links[y]!.other)
      const earliest = this.placesOf(block)
        .filter((place) => keys[place] !== undefined)
        .sort(before)
      const byAgency = new Map<string, number[]>()
      for (const place of earliest) {
        for (const agency of keys[place]!.agencies) pushTo(byAgency, agency, place)
      }
      order = {earliest, byAgency}
      this.folds.set(block, order)
    }
    return {order, keys}
  }
}

const NONE: readonly number[] = []

/**
 * The links of an article composed through one article it is linked to, kept as the pairs of links they are made of:
 * one of the article's own (or, two steps away, of its links composed through its root) and one of `through`'s.
 */
interface Composition {
  through: string
  /** The article's links to `through` it composes from: some of its own, or links composed through its root, made. */
  from: readonly StoredLink[]
  /** The places in `from` by the block of the article they start from. */
  fromByBlock: Map<string, number[]>
  /** The places in `from` by the block of `through` they reach. */
  mine: Map<string, number[]>
  /** The articles whose links, counted, cover every span of this composition's (`through`, and the root before it). */
  via: readonly string[]
  links: ThroughLinks
  /** By other article of `links` (`ThroughLinks.others`): how many composed links reach it (none: it is not reached), and their highest similarity. */
  counts: Uint32Array
  similarities: Float64Array
  /** The articles its composed links reach, in the order first reached. */
  reached: number[]
  /** The first rank of its links (see `ArticleLinks.linksAt`). */
  rank: number
}

/**
 * An article's links: those stored for it, and those composed through the
 * articles it is linked to (its root, and roots whose copies it shares text
 * with). A composed link is a pair of stored links: for each link of the
 * article to a block of `through` and each link of that block to another
 * article, a link between the two outer blocks, with each side's span as
 * aligned with `through` and the lower of the two similarities. A block of
 * a story printed by 80 outlets has a composed link to each other copy, and
 * a report shows a few of them (it folds the rest into a count), so the
 * pairs are made into links only when asked for.
 *
 * A copy is not aligned with the articles its root is linked to (the
 * linker leaves them to composition), so it reaches the copies of another
 * story two steps away: through its root to that story's root, then to its
 * copies (`composeBeyond`).
 */
export class ArticleLinks {
  private readonly compositions: Composition[] = []
  /** Every article a link reaches, those of its own links first. */
  readonly reached: Set<string>
  private ownByBlock: Map<string, number[]> | undefined
  private count: number

  constructor(
    readonly id: string,
    readonly own: readonly StoredLink[]
  ) {
    this.reached = new Set(own.map((link) => link.other))
    this.count = own.length
  }

  /**
   * Adds the links composed through `through`, an article this one is linked to, to the articles `reach` accepts
   * that no link reached before (nor this article itself).
   */
  composeThrough(through: string, links: ThroughLinks, reach: (other: string) => boolean = () => true): void {
    this.compose(
      through,
      this.own.filter((link) => link.other === through),
      [through],
      links,
      reach
    )
  }

  /**
   * Adds the links composed two steps away: through `root`, already composed through (`composeThrough`), to
   * `through`, an article the root is linked to, and on through it to the articles `reach` accepts that no link
   * reached before. Each is made of this article's composed link to `through` and a link of `through`'s.
   */
  composeBeyond(root: string, through: string, links: ThroughLinks, reach: (other: string) => boolean): void {
    const first = this.compositions.find((composition) => composition.through === root && composition.via.length === 1)
    if (!first) return
    const from: StoredLink[] = []
    this.forEachComposed(
      (mine, next) => {
        if (next.other === through) from.push(this.composed(mine, next))
      },
      [first]
    )
    this.compose(through, from, [root, through], links, reach)
  }

  private compose(through: string, from: readonly StoredLink[], via: readonly string[], links: ThroughLinks, reach: (other: string) => boolean): void {
    if (from.length === 0) return
    const mine = new Map<string, number[]>()
    const fromByBlock = new Map<string, number[]>()
    for (const [at, link] of from.entries()) {
      pushTo(mine, link.otherBlock, at)
      pushTo(fromByBlock, link.block, at)
    }
    const others = links.others.length
    // By other article: 0 not yet judged, 1 accepted, 2 not.
    const judged = new Uint8Array(others)
    const counts = new Uint32Array(others)
    const similarities = new Float64Array(others)
    const reached: number[] = []
    for (let place = 0; place < links.links.length; place++) {
      const next = links.links[place]!
      const other = links.otherAt[place]!
      if (judged[other] === 0) judged[other] = next.other !== this.id && !this.reached.has(next.other) && reach(next.other) ? 1 : 2
      if (judged[other] === 2) continue
      for (const at of mine.get(next.block) ?? NONE) {
        const link = from[at]!
        if (!overlaps(link, next)) continue
        if (counts[other] === 0) reached.push(other)
        counts[other]!++
        similarities[other] = Math.max(similarities[other]!, Math.min(link.similarity, next.similarity))
      }
    }
    if (reached.length === 0) return
    for (const other of reached) {
      this.reached.add(links.others[other]!)
      this.count += counts[other]!
    }
    const last = this.compositions.at(-1)
    const rank = last ? last.rank + last.links.links.length * last.from.length : this.own.length
    this.compositions.push({through, from, fromByBlock, mine, via, links, counts, similarities, reached, rank})
  }

  /** How many links there are, own and composed. */
  get length(): number {
    return this.count
  }

  /**
   * Each article the links reach, in the order first reached, with how many links reach it and their highest
   * similarity: what the clusters read of them.
   */
  forEachPartner(visit: (other: string, links: number, similarity: number) => void): void {
    const own = new Map<string, {links: number; similarity: number}>()
    for (const link of this.own) {
      const partner = own.get(link.other)
      if (partner) {
        partner.links++
        partner.similarity = Math.max(partner.similarity, link.similarity)
      } else own.set(link.other, {links: 1, similarity: link.similarity})
    }
    for (const [other, {links, similarity}] of own) visit(other, links, similarity)
    for (const {links, counts, similarities, reached} of this.compositions) {
      for (const other of reached) visit(links.others[other]!, counts[other]!, similarities[other]!)
    }
  }

  /** The other article of each of a block's links, own and composed (an article as often as links reach it). */
  forEachOtherAt(block: string, visit: (other: string) => void): void {
    for (const at of this.placesOf(block)) visit(this.own[at]!.other)
    this.forEachComposedAt(block, (composition, _at, place) => visit(composition.links.links[place]!.other))
  }

  /**
   * A block's links to the articles `keep` accepts, made, each with a `rank` that orders links that read alike as the
   * list of every link (`all`) does: own links first, then the composed ones as they were composed. Only the links
   * kept are made: a block of a story printed by 80 outlets goes over 80 links and more, and shows a few.
   */
  linksAt(block: string, keep: (other: string) => boolean): Array<{link: StoredLink; rank: number}> {
    const out: Array<{link: StoredLink; rank: number}> = []
    for (const at of this.placesOf(block)) {
      const link = this.own[at]!
      if (keep(link.other)) out.push({link, rank: at})
    }
    this.forEachComposedAt(block, (composition, at, place) => {
      const next = composition.links.links[place]!
      if (keep(next.other)) out.push({link: this.composed(composition.from[at]!, next), rank: composition.rank + place * composition.from.length + at})
    })
    return out
  }

  /**
   * The composed links of a block, each as the composition, the place in its `from` of the block's link it is made
   * of and that of the link of `through`, in the order they were composed.
   */
  private forEachComposedAt(block: string, visit: (composition: Composition, at: number, place: number) => void): void {
    for (const composition of this.compositions) {
      for (const at of composition.fromByBlock.get(block) ?? NONE) {
        const theirs = composition.links.placesOf(composition.from[at]!.otherBlock)
        for (let index = 0; index < theirs.length; index++) {
          const place = theirs[index]!
          if (composes(composition, composition.from[at]!, place)) visit(composition, at, place)
        }
      }
    }
  }

  /**
   * The articles a folded block still links to: the earliest (by publication, then id), and for each agency some
   * other block's own text credits, the earliest crediting it. Own links are read one by one; composed ones in the
   * fold order of the links they go through (`ThroughLinks.foldOrder`, once `readFoldKeys` has been awaited), where
   * the first that reaches an article counts: a block of a story printed by 80 outlets has a link to each copy.
   *
   * @param keyOf the fold key of an own link, undefined when its other article cannot be read
   * @param loaded whether an article can be read
   */
  folded(block: string, keyOf: (link: StoredLink) => FoldKey | undefined, loaded: (id: string) => boolean): Set<string> {
    let earliest: {time: number; other: string} | undefined
    const crediting = new Map<string, {time: number; other: string}>()
    const before = (time: number, other: string, than: {time: number; other: string} | undefined) =>
      !than || time < than.time || (time === than.time && byCodeUnits(other, than.other) < 0)
    for (const at of this.placesOf(block)) {
      const link = this.own[at]!
      const key = keyOf(link)
      if (!key) continue
      if (before(key.time, link.other, earliest)) earliest = {time: key.time, other: link.other}
      for (const agency of key.agencies) {
        if (before(key.time, link.other, crediting.get(agency))) crediting.set(agency, {time: key.time, other: link.other})
      }
    }
    for (const composition of this.compositions) {
      for (const at of composition.fromByBlock.get(block) ?? NONE) {
        const mine = composition.from[at]!
        const {order, keys} = composition.links.foldOrder(mine.otherBlock)
        // The first of a list that is a link of this block: a link to the article itself, or not composed, is not.
        const first = (list: readonly number[]): {time: number; other: string} | undefined => {
          for (const place of list) {
            const other = composition.links.links[place]!.other
            if (composes(composition, mine, place) && loaded(other)) return {time: keys[place]!.time, other}
          }
          return undefined
        }
        const found = first(order.earliest)
        if (!found) continue
        if (before(found.time, found.other, earliest)) earliest = found
        for (const [agency, list] of order.byAgency) {
          const by = first(list)
          if (by && before(by.time, by.other, crediting.get(agency))) crediting.set(agency, by)
        }
      }
    }
    return new Set(earliest ? [earliest.other, ...[...crediting.values()].map((first) => first.other)] : [])
  }

  /** Waits for the fold keys of every link composed through (`ThroughLinks.readFoldKeys`). */
  async readFoldKeys(keyOf: (link: StoredLink) => Promise<FoldKey | undefined>): Promise<void> {
    for (const composition of this.compositions) await composition.links.readFoldKeys(keyOf)
  }

  /**
   * The spans of the links to the articles `loaded` accepts. A composed link's span lies inside that of the link it
   * is made from, so composed spans count only where no link they go through does (none of `via` loaded).
   */
  spans(loaded: (id: string) => boolean): Array<readonly [number, number]> {
    const spans: Array<readonly [number, number]> = this.own.filter((link) => loaded(link.other)).map((link) => link.span)
    for (const composition of this.compositions) {
      if (composition.via.some(loaded)) continue
      this.forEachComposed(
        (mine, next) => {
          if (loaded(next.other)) spans.push(this.composed(mine, next).span)
        },
        [composition]
      )
    }
    return spans
  }

  /** Every link, made, in reading order. */
  all(): StoredLink[] {
    if (this.compositions.length === 0) return [...this.own]
    const out = [...this.own]
    this.forEachComposed((mine, next) => out.push(this.composed(mine, next)))
    return out.sort(byReadingOrder)
  }

  private placesOf(block: string): readonly number[] {
    if (!this.ownByBlock) {
      this.ownByBlock = new Map()
      for (const [at, link] of this.own.entries()) pushTo(this.ownByBlock, link.block, at)
    }
    return this.ownByBlock.get(block) ?? NONE
  }

  /** Visits the composed links' pairs in the order they are composed in: by `through`'s link, then by the article's own. */
  private forEachComposed(visit: (mine: StoredLink, next: StoredLink) => void, compositions: readonly Composition[] = this.compositions): void {
    for (const composition of compositions) {
      const {links} = composition.links
      for (let place = 0; place < links.length; place++) {
        const next = links[place]!
        for (const at of composition.mine.get(next.block) ?? NONE) {
          const mine = composition.from[at]!
          if (composes(composition, mine, place)) visit(mine, next)
        }
      }
    }
  }

  private composed(mine: StoredLink, next: StoredLink): StoredLink {
    // The text of `through` both links cover, carried to each outer side by its distance from either end.
    const from = Math.max(mine.otherSpan[0], next.span[0])
    const to = Math.min(mine.otherSpan[1], next.span[1])
    return {
      article: this.id,
      block: mine.block,
      span: narrowed(mine.span, mine.otherSpan, from, to),
      other: next.other,
      otherBlock: next.otherBlock,
      otherLines: next.otherLines,
      otherSpan: narrowed(next.otherSpan, next.span, from, to),
      similarity: Math.min(mine.similarity, next.similarity),
      seeds: mine.seeds
    }
  }
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Whether a link of `from` and the link at `place` of `through`'s make a composed link: the other article reached, and the two covering some of the same text of `through`. */
function composes(composition: Composition, mine: StoredLink, place: number): boolean {
  return composition.counts[composition.links.otherAt[place]!]! > 0 && overlaps(mine, composition.links.links[place]!)
}

/** Whether two links, one to a block of `through` and one from it, cover some of the same text of it. */
function overlaps(mine: StoredLink, next: StoredLink): boolean {
  return Math.max(mine.otherSpan[0], next.span[0]) < Math.min(mine.otherSpan[1], next.span[1])
}

/** The part of `span` that faces [from, to) of its aligned `facing` span. */
function narrowed(span: [number, number], facing: [number, number], from: number, to: number): [number, number] {
  const start = Math.min(span[1], span[0] + (from - facing[0]))
  const end = Math.max(start, span[1] - (facing[1] - to))
  return [start, end]
}
