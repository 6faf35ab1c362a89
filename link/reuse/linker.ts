/**
 * Linker: reuse. Finds the passages of a report's body that stand again,
 * lightly edited, in other articles of the corpus, through the persisted
 * reuse index: the article's winnowed fingerprints pick candidates (never
 * every pair), a seed-and-extend alignment gives exact spans on both sides,
 * and links are stored for both articles. A paragraph that shares text with
 * a paragraph whose own text credits an agency gets that agency, with
 * evidence of kind "reuse".
 *
 * Boilerplate never counts: only body blocks, with rule-cut spans left out,
 * are indexed. Stock phrases do not count either: shingles found in more than
 * `maxDf` documents seed nothing and make no candidate (as in passim), a link
 * whose seeds all became that common is left out, and a passage must share
 * `minWords` words. The documents are counted as copy groups (an article and
 * its near-exact copies count once), so a story printed by more than `maxDf`
 * outlets still links. This linker is the one place that judges frequency.
 */
import {alignArticles, articleShingles, shingleCounts, type ArticleText, type ReuseThresholds} from './align.ts'
import {byReadingOrder, type IndexedArticle, type IndexedBlock, type OwnSource, type ReuseDraft, type ReuseStore, type StoredLink} from './store.ts'
import {fingerprintHashes, tokenize, winnow, wordForm, type WordForm} from './tokens.ts'
import {ALIGN_EVERY_COPY_BELOW, ArticleLinks, isNearExactCopy, ThroughLinks, type FoldKey} from './copies.ts'
import type {Report, ReportBlock, ReportReuse, ReportSource} from '../../pipeline/report-schema.ts'
import {codePointLength, codePointSlice} from '../../core/text.ts'
import {carryAgencies, evidenceExcerpt} from '../carry.ts'
import type {Linker} from '../index.ts'
import {isEarlier} from '../../core/dates.ts'
import {loadReuseConfig, reuseThresholds} from './config.ts'
import type {LinksRead} from './clusters.ts'
import {BatchGroups} from './batch-groups.ts'

export interface ReuseOptions {
  /** What makes two paragraphs reuse; default the built-in `rules/reuse.yaml`. */
  thresholds?: ReuseThresholds
  /** Winnowing window of the fingerprints; default the built-in `rules/reuse.yaml`. */
  window?: number
  /** How words are compared (clitics stripped); default the built-in `rules/reuse.yaml`'s `clitics`. */
  form?: WordForm
  /** Shingles in more documents than this are stock phrases and seed no passage. */
  maxDf?: number
  /**
   * Align every pair of near-exact copies instead of composing their links
   * through a root: quadratic in the copies of a story; the reference the
   * composed links are tested against.
   */
  alignEveryCopy?: boolean
}

export const DEFAULT_MAX_DF = 100

export const REUSE_RULE = 'reuse/shared-text'
/** How much of an agency's confidence carries over through a shared passage of similarity 1. */
const REUSE_CONFIDENCE = 0.9
/**
 * A block that shares text with more other articles than this has its copies
 * folded: it links to the earliest copy and to one copy per agency the
 * copies credit, and counts the rest (`copies`), so a report stays the same
 * size whether a wire story was printed twice or two hundred times.
 */
export const FOLD_FROM = 5
/** Indexed articles kept at hand while patching: the copies of one story are read again and again. */
const LOADED_CACHE = 2000
/**
 * Articles kept at hand to align new ones with, their words and shingles read: the root of a story is aligned with
 * each of its copies as they come (80 times for a story printed by 80 outlets), and was read and tokenised each time.
 * About 26 KB each for an article of 1.5 KB of text.
 */
const ALIGN_TARGET_CACHE = 32
/**
 * Articles indexed in one transaction: a commit per article was the largest
 * cost of indexing a large run; a kill loses at most a batch, which the next
 * run indexes again.
 */
const INDEX_BATCH = 100
/** Every link the index holds, whatever the document frequencies say now. */
const ALL_LINKS = Number.MAX_SAFE_INTEGER

/** The reuse linker, and the links it reads for an article: those stored, and those composed through a near-exact copy's root. */
export interface ReuseLinker extends Linker {
  links(store: ReuseStore, id: string): Promise<StoredLink[]>
  /** Gives `pairs` the links of each report the step goes over from now on, read once for the patch and for `reuse.json`. */
  gatherPairs(pairs: LinksRead): void
}

export function reuseLinker(options: ReuseOptions = {}): ReuseLinker {
  const builtin = options.thresholds && options.window && options.form ? undefined : loadReuseConfig()
  const thresholds = options.thresholds ?? reuseThresholds(builtin!)
  const window = options.window ?? builtin!.window
  const form = options.form ?? wordForm(builtin!.clitics)
  const maxDf = options.maxDf ?? DEFAULT_MAX_DF
  const alignBelow = options.alignEveryCopy ? Number.POSITIVE_INFINITY : ALIGN_EVERY_COPY_BELOW
  const cache = new Map<string, IndexedArticle | undefined>()
  // Most recently used last; an article is dropped from it when it is indexed again.
  const alignTargets = new Map<string, AlignTarget>()
  // A root's links and copies, read once for all its copies while patching; dropped whenever the index changes.
  const roots = new Map<string, Promise<CopyGroup>>()
  let cachedStore: ReuseStore | undefined
  const forStore = (store: ReuseStore) => {
    if (store === cachedStore) return
    cache.clear()
    roots.clear()
    alignTargets.clear()
    cachedStore = store
  }
  const alignTarget = async (store: ReuseStore, id: string): Promise<AlignTarget | undefined> => {
    const kept = alignTargets.get(id)
    if (kept) {
      alignTargets.delete(id)
      alignTargets.set(id, kept)
      return kept
    }
    const article = await store.load(id)
    if (!article) return undefined
    const text = articleText(article, form)
    const target = {article, text, fingerprinted: fingerprintHashes(winnow(articleShingles(text), window))}
    alignTargets.set(id, target)
    if (alignTargets.size > ALIGN_TARGET_CACHE) alignTargets.delete(alignTargets.keys().next().value!)
    return target
  }
  const indexing = {thresholds, window, form, maxDf, alignBelow, target: alignTarget}
  // An article kept is given at once, not through a promise: a copy's report reaches every other copy of its story, and
  // awaiting each of them (160 a report in a run of stories printed by 80 outlets) made a promise and a microtask an
  // article: 9% of what the link step allocated over 7,200 such reports.
  const loader = (store: ReuseStore, id: string): MaybeLoaded => {
    forStore(store)
    if (cache.has(id)) return cache.get(id)
    return store.load(id).then((article) => {
      if (cache.size >= LOADED_CACHE) cache.delete(cache.keys().next().value!)
      cache.set(id, article)
      return article
    })
  }
  const groupOf = (store: ReuseStore, root: string) => {
    let group = roots.get(root)
    if (!group) {
      group = readGroup(store, root, maxDf)
      roots.set(root, group)
      if (roots.size > LOADED_CACHE) roots.delete(roots.keys().next().value!)
    }
    return group
  }
  const links = async (store: ReuseStore, id: string): Promise<ArticleLinks> => {
    forStore(store)
    return linksWithCopies(store, id, maxDf, (root) => groupOf(store, root))
  }
  // Articles admitted and not yet indexed: the report is read before the batch's transaction opens, so the write lock
  // is held for indexing and aligning only.
  let batch: Array<{article: IndexedArticle; indexed: boolean}> = []
  // The links `linked` read last, for the patch that follows it.
  let lastAsked: {id: string; links: ArticleLinks} | undefined
  let gathered: LinksRead | undefined
  const flush = async (store: ReuseStore) => {
    const chosen = batch
    batch = []
    if (chosen.length === 0) return
    // The links of roots change with the batch.
    roots.clear()
    // Every report whose links change is marked pending in the index, in the transaction that changes them, and the
    // link step reads the marks: no list of them is kept here (one an article of the run, through the pipeline).
    try {
      await store.transaction(async () => {
        const all = new Set<string>()
        const groups = new BatchGroups(store)
        for (const {article, indexed} of chosen) {
          const {id} = article
          alignTargets.delete(id)
          // Partners of an earlier version lose their links to it: their reports change too.
          const before = indexed ? await partnersOf(store, id) : []
          // Copies of an earlier version lose their root with it: each is aligned again, as the new article it now is to the index.
          const orphans = indexed ? await store.copiesOf(id) : []
          // Forgetting an earlier version changes the groups as the batch's view of them does not follow.
          if (indexed) groups.forget()
          const after = await indexAndAlign(store, article, indexing, groups)
          for (const orphan of orphans) {
            const copy = await store.load(orphan)
            groups.forget()
            if (copy) after.push(orphan, ...(await indexAndAlign(store, copy, indexing, groups)))
          }
          if (indexed) groups.forget()
          cache.delete(id)
          for (const partner of [id, ...before, ...after]) all.add(partner)
        }
        await store.markPending([...all])
      })
    } catch (error) {
      // What was read inside the transaction may be gone with it.
      alignTargets.clear()
      throw error
    }
  }
  return {
    id: 'reuse',
    links: async (store, id) => (await links(store, id)).all(),
    async admit(read, context, drafts) {
      const {store} = context
      forStore(store)
      // A draft is what the report's own thread read of it, when it is one of the run's (link/drafts.ts).
      const draft = drafts?.reuse ?? readDraft(read)
      if (!draft) return
      const article: IndexedArticle = {...draft, config: context.config}
      const stored = await store.lookup(article.id)
      if (stored?.sha256 === article.sha256 && stored.config === article.config) return
      batch.push({article, indexed: stored !== undefined})
      if (batch.length >= INDEX_BATCH) await flush(store)
    },
    async update(context) {
      forStore(context.store)
      await flush(context.store)
      return []
    },
    async linked(id, context) {
      lastAsked = {id, links: await links(context.store, id)}
      gathered?.add(id, lastAsked.links)
      return lastAsked.links.reached.size > 0
    },
    async patch(report, context) {
      const id = report.article.id
      // The link step asks `linked` just before it patches: the links are read from the index once.
      const found = lastAsked?.id === id ? lastAsked.links : await links(context.store, id)
      lastAsked = undefined
      gathered?.add(id, found)
      return patchReport(report, found, (other) => loader(context.store, other))
    },
    gatherPairs(pairs) {
      gathered = pairs
    }
  }
}

/** Every article whose links involve `id`, stored or composed, stock phrases included. */
async function partnersOf(store: ReuseStore, id: string): Promise<string[]> {
  const links = await linksWithCopies(store, id, ALL_LINKS, (root) => readGroup(store, root, ALL_LINKS))
  return [...links.reached]
}

/**
 * An article's stored links, without those whose seeds all stand in more than `maxDf` copy groups now (stock phrases).
 * A link stays as soon as one of its seeds is not common, so the first seed of each link is judged first and the
 * others only for links whose first seed is common: the same links for a fraction of the index's probes (the links
 * of a 100,000-article run hold 5 seeds each on average).
 */
async function storedLinks(store: ReuseStore, id: string, maxDf: number): Promise<StoredLink[]> {
  const links = await store.linksOf(id)
  if (maxDf === ALL_LINKS || links.length === 0) return links
  const firstCommon = await store.commonHashes(
    links.flatMap((link) => link.seeds.slice(0, 1)),
    maxDf
  )
  if (firstCommon.size === 0) return links
  const undecided = links.filter((link) => link.seeds.length > 0 && firstCommon.has(link.seeds[0]!))
  const rest = undecided.flatMap((link) => link.seeds.slice(1))
  const common = rest.length === 0 ? new Set<number>() : await store.commonHashes(rest, maxDf)
  const dropped = new Set(undecided.filter((link) => link.seeds.every((hash, at) => at === 0 || common.has(hash))))
  return dropped.size === 0 ? links : links.filter((link) => !dropped.has(link))
}

interface CopyGroup {
  links: ThroughLinks
  copies: Set<string>
}

/** A root's copies, and its links when it has any. */
async function readGroup(store: ReuseStore, root: string, maxDf: number): Promise<CopyGroup> {
  const copies = new Set(await store.copiesOf(root))
  return {links: new ThroughLinks(copies.size === 0 ? [] : await storedLinks(store, root, maxDf)), copies}
}

/** An article's stored links, and those composed through the roots of near-exact copies (see copies.ts). */
async function linksWithCopies(store: ReuseStore, id: string, maxDf: number, groupOf: (root: string) => Promise<CopyGroup>): Promise<ArticleLinks> {
  const own = await storedLinks(store, id, maxDf)
  const links = new ArticleLinks(id, own)
  // A copy shares what its root shares: every article linked to the root.
  const root = await store.copyOf(id)
  const ofRoot = root === undefined ? undefined : await groupOf(root)
  if (root !== undefined && ofRoot) links.composeThrough(root, ofRoot.links)
  // An article linked to a root shares that text with the root's copies.
  for (const partner of new Set(own.map((link) => link.other))) {
    // Its own root's copies were reached above, through the same links.
    if (partner === root) continue
    const group = await groupOf(partner)
    if (group.copies.size === 0) continue
    links.composeThrough(partner, group.links, (other) => group.copies.has(other))
  }
  // A copy is not aligned with the articles its root is linked to (`indexAndAlign`): it shares their text through the
  // root, and that of their copies two steps away.
  if (root !== undefined && ofRoot) {
    for (const partner of ofRoot.links.others) {
      if (partner === id || ofRoot.copies.has(partner)) continue
      const group = await groupOf(partner)
      if (group.copies.size === 0) continue
      links.composeBeyond(root, partner, group.links, (other) => group.copies.has(other))
    }
  }
  return links
}

function readDraft(read: () => Report | undefined): ReuseDraft | undefined {
  const report = read()
  return report && reuseDraft(report)
}

/** What the index keeps of a report: its body blocks, as the text reads with rule cuts marked, and their own sources. */
export function reuseDraft(report: Report): ReuseDraft {
  // Grouped once: a search of every removed span for each block grows with the square of a long article.
  const cutsByBlock = new Map<string, Report['removed']>()
  for (const span of report.removed) {
    if (span.block === null) continue
    const list = cutsByBlock.get(span.block)
    if (list) list.push(span)
    else cutsByBlock.set(span.block, [span])
  }
  return {
    id: report.article.id,
    sha256: report.article.sha256,
    published: report.article.published ?? report.article.date,
    blocks: report.blocks.filter((block) => block.role === 'body').map((block) => indexedBlock(block, cutsByBlock.get(block.id) ?? []))
  }
}

function indexedBlock(block: ReportBlock, cuts: Report['removed']): IndexedBlock {
  return {
    id: block.id,
    lines: block.lines,
    start: block.start,
    text: block.text,
    cuts: cuts.map((span) => [span.start - block.start, span.end - block.start]),
    sources: ownSources(block.sources, block.id)
  }
}

/**
 * The agencies a block's own text credits: not those that came through
 * reuse, not those only a photo credit names (a photo credit speaks for
 * the picture, so it must not travel to another article's text), and not
 * a citation of another paragraph carried over to this one (a guess that
 * must not become another article's evidence).
 */
function ownSources(sources: ReportSource[], blockId: string): OwnSource[] {
  const own = (evidence: ReportSource['evidence'][number]) =>
    evidence.kind !== 'reuse' && evidence.kind !== 'photo-credit' && (evidence.kind !== 'citation' || evidence.block === blockId)
  return sources.filter((source) => source.evidence.some(own)).map(({agency, confidence, role}) => ({agency, confidence, role}))
}

/**
 * Indexes the article and aligns it with its candidates; runs inside one
 * transaction. A near-exact copy of a candidate's root (the best
 * candidate's first) joins that root's copies and, once the root has
 * `alignBelow` articles, is aligned with the root alone (see copies.ts):
 * not with the root's other copies, nor with the articles the root is
 * linked to, whose links, and those of their copies, it shares through it.
 * The article is added to the index once it is aligned, as the copy it
 * turned out to be or not: a copy's postings of the hashes its root holds,
 * most of its own, are then never written (and deleted again). Returns the
 * articles whose links changed with it.
 */
async function indexAndAlign(
  store: ReuseStore,
  article: IndexedArticle,
  {thresholds, window, form, maxDf, alignBelow, target: alignTarget}: Indexing,
  indexGroups: BatchGroups
): Promise<string[]> {
  const text = articleText(article, form)
  const hashes = articleShingles(text)
  const fingerprints = winnow(hashes, window)
  await store.remove(article.id)
  // Only fingerprints pick candidates, so their frequencies are read first; a shingle only seeds where both articles
  // hold it, so the others' are read for the shingles the article shares with the articles it is aligned with, not
  // for every shingle it has (a probe of the postings each, most of them for shingles no other article holds). The
  // article, not yet in the index, is one more document holding each of its fingerprints.
  const common = await store.commonHashes(
    fingerprints.map((fingerprint) => fingerprint.hash),
    maxDf - 1
  )
  const fingerprinted = fingerprintHashes(fingerprints)
  const partners = new Set<string>()
  // Each aligned article's links with this one, stored once this one is in the index.
  const found: Array<{other: string; links: StoredLink[]}> = []
  const align = async ({article: other, text: otherText, fingerprinted: otherFingerprinted}: AlignTarget): Promise<boolean> => {
    // Align in a fixed order so the links do not depend on which article arrived first.
    const [first, second] = article.id < other.id ? [article, other] : [other, article]
    const [firstText, secondText] = first === article ? [text, otherText] : [otherText, text]
    const links = alignArticles(firstText, secondText, thresholds, common)
    // Only fingerprints have a document frequency in the index; they are what judges a link later.
    const indexed = (hash: number) => fingerprinted.has(hash) || otherFingerprinted.has(hash)
    const stored: StoredLink[] = []
    for (const raw of links) {
      const link = {...raw, seeds: raw.seeds.filter(indexed)}
      const a = first.blocks[link.aBlock]!
      const b = second.blocks[link.bBlock]!
      stored.push(
        {
          article: first.id,
          block: a.id,
          span: link.aSpan,
          other: second.id,
          otherBlock: b.id,
          otherLines: b.lines,
          otherSpan: link.bSpan,
          similarity: link.similarity,
          seeds: link.seeds
        },
        {
          article: second.id,
          block: b.id,
          span: link.bSpan,
          other: first.id,
          otherBlock: a.id,
          otherLines: a.lines,
          otherSpan: link.aSpan,
          similarity: link.similarity,
          seeds: link.seeds
        }
      )
    }
    if (stored.length > 0) {
      found.push({other: other.id, links: stored})
      partners.add(other.id)
    }
    // A paraphrased paragraph says the two are copies of one story, not that one is the other printed again.
    return isNearExactCopy(
      links.filter((link) => link.by === 'passage'),
      firstText,
      secondText
    )
  }
  const candidates = await store.candidates(
    fingerprints.filter((fingerprint) => !common.has(fingerprint.hash)),
    article.id
  )
  // Per root: its copies, and whether they are too many to align one by one (then the root stands for them).
  const groups = new Map<string, {copies: readonly string[]; large: boolean}>()
  // Each candidate's root and the articles it is aligned through (itself; the root of a large group; a root of a small
  // one and its copies, which the root stands for in the postings), read before this article joins a group: groups are
  // sized without it, and frequencies count it apart from its root.
  const plan: Array<{root: string; group: {copies: readonly string[]; large: boolean}; through: string[]}> = []
  // One query for every candidate's root: a copy of a story shares a few fingerprints with the other stories' copies,
  // so an article can have a hundred candidates and more, each a query of its own until now (a round trip on PostgreSQL).
  const rootOf = await indexGroups.rootsOf(candidates.map((candidate) => candidate.article))
  for (const candidate of candidates) {
    const root = rootOf.get(candidate.article) ?? candidate.article
    let group = groups.get(root)
    if (!group) {
      const copies = await indexGroups.copiesOf(root)
      group = {copies, large: copies.length + 1 >= alignBelow}
      groups.set(root, group)
    }
    const through = group.large ? [root] : candidate.article === root ? [root, ...group.copies] : [candidate.article]
    plan.push({root, group, through})
  }
  // The root of the best candidate is aligned first: the article may be a copy of it.
  const bestRoot = plan[0]?.root
  const targets = new Map<string, AlignTarget | undefined>(bestRoot === undefined ? [] : [[bestRoot, undefined]])
  for (const {through} of plan) for (const target of through) targets.set(target, undefined)
  // The article's shingles that are not fingerprints, read from the counts its alignments use too.
  const mine = shingleCounts(hashes)
  const judged = new Set<number>()
  // Reads the targets not yet read, and judges the shingles the article shares with them: for the best candidate's
  // root first, whose alignment may spare the others.
  const read = async (ids: Iterable<string>) => {
    const shared: number[] = []
    for (const id of ids) {
      if (targets.get(id)) continue
      const target = await alignTarget(store, id)
      if (!target) continue
      targets.set(id, target)
      for (const hash of articleShingles(target.text)) {
        if (mine.has(hash) && !fingerprinted.has(hash) && !judged.has(hash)) {
          judged.add(hash)
          shared.push(hash)
        }
      }
    }
    if (shared.length > 0) for (const hash of await store.commonHashes(shared, maxDf)) common.add(hash)
  }
  const done = new Set<string>()
  // The article becomes a copy of the first root it is a near-exact copy of. The best candidate is not always the
  // story's root: a root stands in the postings for its copies, so another printing of the story that is not a copy
  // of it (more heavily edited) may share as many fingerprints.
  let copyOf: string | null = null
  // Once the article is a copy of a large group's root, the articles that root is linked to share its text through
  // the root, and their copies through them (composed, `linksWithCopies`): they are not aligned with it. A fifth of
  // a syndicated run's alignments were of these.
  let reachedThroughRoot = new Set<string>()
  const alignWith = async (id: string) => {
    if (done.has(id)) return
    done.add(id)
    if (reachedThroughRoot.has(id)) return void partners.add(id)
    const other = targets.get(id)
    if (!other) return
    const copy = await align(other)
    if (copy && copyOf === null && groups.has(id)) {
      copyOf = id
      if (groups.get(id)!.large) {
        reachedThroughRoot = await store.linkedAmong(
          id,
          [...targets.keys()].filter((target) => !done.has(target))
        )
      }
    }
  }
  if (bestRoot !== undefined) {
    await read([bestRoot])
    await alignWith(bestRoot)
  }
  await read([...targets.keys()].filter((id) => !done.has(id) && !reachedThroughRoot.has(id)))
  for (const {root, group, through} of plan) {
    for (const target of through) await alignWith(target)
    // The copies of a root this article is linked to (or is a copy of) gain composed links to it.
    if (group.large && partners.has(root)) for (const copy of group.copies) partners.add(copy)
  }
  await store.add(article, fingerprints, copyOf)
  indexGroups.added(article.id, copyOf)
  for (const {other, links} of found) await store.recordLinks(article.id, other, links)
  return [...partners]
}

/** How `indexAndAlign` compares, and where it reads the articles it aligns with. */
interface Indexing {
  thresholds: ReuseThresholds
  window: number
  form: WordForm
  maxDf: number
  alignBelow: number
  target(store: ReuseStore, id: string): Promise<AlignTarget | undefined>
}

/** An indexed article to align a new one with, its words and fingerprints read once (its shingles with its words, `articleShingles`). */
interface AlignTarget {
  article: IndexedArticle
  text: ArticleText
  /** The hashes of its fingerprints: a link's seeds are kept where either article has them as fingerprints. */
  fingerprinted: ReadonlySet<number>
}

function articleText(article: IndexedArticle, form: WordForm): ArticleText {
  return {blocks: article.blocks, tokens: tokenize(article.blocks, form)}
}

/** An indexed article, or the promise of it when it has to be read from the index. */
type MaybeLoaded = IndexedArticle | undefined | Promise<IndexedArticle | undefined>

/** The report with its reuse links, the sources they carry, the reused share and the reuse message rewritten from `links`. */
async function patchReport(report: Report, links: ArticleLinks, load: (id: string) => MaybeLoaded): Promise<Report> {
  const others = new Map<string, IndexedArticle | undefined>()
  for (const id of links.reached) {
    const article = load(id)
    others.set(id, article instanceof Promise ? await article : article)
  }
  const loaded = (id: string) => others.get(id) !== undefined
  await links.readFoldKeys(async (link) => {
    const article = await load(link.other)
    return article && foldKey(article, link)
  })
  const published = report.article.published ?? report.article.date
  const lastBlockOf = new Map<string, number>()
  const blocks = report.blocks.map((block, at): ReportBlock => {
    let sources = withoutReuse(block.sources)
    const reuse: ReportReuse[] = []
    // The articles this block's links reach, each marked with the last block that reached it: one map for the report
    // rather than a set for each block, which holds 80 articles and more in a story printed by 80 outlets.
    let copies = 0
    if (block.role === 'body')
      links.forEachOtherAt(block.id, (other) => {
        if (lastBlockOf.get(other) === at || !loaded(other)) return
        lastBlockOf.set(other, at)
        copies++
      })
    const folded =
      copies > FOLD_FROM
        ? links.folded(
            block.id,
            (link) => {
              const article = others.get(link.other)
              return article && foldKey(article, link)
            },
            loaded
          )
        : undefined
    if ((folded?.size ?? copies) > 0) {
      const shown = links.linksAt(block.id, folded ? (other) => folded.has(other) : (other) => lastBlockOf.get(other) === at)
      for (const {link} of shown.sort((x, y) => byReadingOrder(x.link, y.link) || x.rank - y.rank)) {
        const other = others.get(link.other)!
        reuse.push(reuseEntry(link, published, other.published))
        const otherBlock = blockOf(other, link.otherBlock)
        if (otherBlock) sources = propagate(sources, otherBlock, link)
      }
    }
    return {...block, sources, reuse, copies}
  })
  const partners = [...links.reached].filter(loaded).length
  let linked = links.length
  // Links to an article the index cannot give are left out of the count, as they are of the blocks.
  if (partners < links.reached.size) {
    linked = 0
    links.forEachPartner((other, count) => {
      if (loaded(other)) linked += count
    })
  }
  const messages = report.messages.filter((message) => message.ruleId !== REUSE_RULE)
  if (linked > 0) {
    messages.push({
      severity: 'info',
      reason: `${linked} passage link${linked === 1 ? '' : 's'} to ${partners} other article${partners === 1 ? '' : 's'}`,
      ruleId: REUSE_RULE,
      source: 'wiretrace',
      line: null,
      column: null,
      endLine: null,
      endColumn: null
    })
  }
  return {...report, blocks, messages, summary: {...report.summary, reused: reusedShare(blocks, links.spans(loaded))}}
}

/** Each indexed article's blocks by id, made on first use: a long article is looked up once per link. */
const blocksById = new WeakMap<IndexedArticle, Map<string, IndexedBlock>>()

function blockOf(article: IndexedArticle, id: string): IndexedBlock | undefined {
  let byId = blocksById.get(article)
  if (!byId) {
    byId = new Map(article.blocks.map((block) => [block.id, block]))
    blocksById.set(article, byId)
  }
  return byId.get(id)
}

/** What a folded block compares a link by: its other article's publication and the agencies its other block credits. */
function foldKey(other: IndexedArticle, link: StoredLink): FoldKey {
  return {time: publicationTime(other), agencies: (blockOf(other, link.otherBlock)?.sources ?? []).map((source) => source.agency)}
}

/** Each indexed article's publication time, parsed once (infinity when it has none): the fold compares copies by it. */
const publicationTimes = new WeakMap<IndexedArticle, number>()

function publicationTime(article: IndexedArticle): number {
  let time = publicationTimes.get(article)
  if (time === undefined) {
    const parsed = article.published ? Date.parse(article.published) : Number.NaN
    time = Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed
    publicationTimes.set(article, time)
  }
  return time
}

/** Sources without what earlier links carried: those are rewritten from the links the index holds now. */
function withoutReuse(sources: ReportSource[]): ReportSource[] {
  return sources
    .map((source) => ({...source, evidence: source.evidence.filter((evidence) => evidence.kind !== 'reuse')}))
    .filter((source) => source.evidence.length > 0)
}

function reuseEntry(link: StoredLink, published: string | null, otherPublished: string | null): ReportReuse {
  return {
    article: link.other,
    block: link.otherBlock,
    lines: link.otherLines,
    similarity: link.similarity,
    span: link.span,
    otherSpan: link.otherSpan,
    earlier: isEarlier(otherPublished, published)
  }
}

/**
 * Adds the agencies of the other block's own text to this block, with the
 * shared passage as evidence; they replace a photo credit's guess. A block
 * whose own article already credits an agency for it keeps that credit: the
 * shared text confirms an agency it names, it adds none (a wire story two
 * agencies both moved is credited by the outlet to the one it took it from).
 */
function propagate(sources: ReportSource[], otherBlock: IndexedBlock, link: StoredLink): ReportSource[] {
  const credited = sources.some((source) => source.evidence.some((evidence) => !NOT_A_CREDIT.has(evidence.kind)))
  const out = carryAgencies(sources, otherBlock.sources, {
    evidence: {
      kind: 'reuse',
      position: 'shared-text',
      ruleId: REUSE_RULE,
      block: link.otherBlock,
      article: link.other,
      start: link.otherSpan[0],
      end: link.otherSpan[1],
      text: passageText(otherBlock, link.otherSpan)
    },
    confidenceOf: (own) => Math.round(own.confidence * link.similarity * REUSE_CONFIDENCE * 100) / 100,
    addNew: !credited
  })
  // A photo credit stands for the text only when nothing else names an agency; text shared with credited copy does.
  if (otherBlock.sources.length === 0) return out
  return out.filter((source) => !source.evidence.every((item) => item.kind === 'photo-credit'))
}

/** Evidence that does not credit the text itself: carried from elsewhere, or about a picture. */
const NOT_A_CREDIT = new Set<string>(['reuse', 'translation', 'photo-credit'])

function passageText(block: IndexedBlock, span: [number, number]): string {
  return evidenceExcerpt(codePointSlice(block.text, span[0] - block.start, span[1] - block.start))
}

/** Share of the body's code points inside a linked passage; null without body text. */
export function reusedShare(blocks: ReportBlock[], linkSpans: ReadonlyArray<readonly [number, number]>): number | null {
  const total = blocks.filter((block) => block.role === 'body').reduce((sum, block) => sum + codePointLength(block.text), 0)
  if (total === 0) return null
  const spans = [...linkSpans].sort((a, b) => a[0] - b[0])
  let covered = 0
  let end = -1
  for (const [start, stop] of spans) {
    if (stop <= end) continue
    covered += stop - Math.max(start, end)
    end = stop
  }
  return Math.min(1, Math.round((covered / total) * 1000) / 1000)
}
