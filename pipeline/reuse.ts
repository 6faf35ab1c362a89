/**
 * Stage: reuse. Finds the passages of this article's body that stand again,
 * lightly edited, in other articles of the corpus, through the persisted
 * reuse index: the article's winnowed fingerprints pick candidates (never
 * every pair), a seed-and-extend alignment gives exact spans on both sides,
 * and links are stored for both articles. A paragraph that shares text with
 * a paragraph whose own text credits an agency gets that agency, with
 * evidence of kind "reuse".
 *
 * Boilerplate never counts: only body blocks, with rule-cut spans left out,
 * are indexed. Stock phrases do not count either: shingles found in more than
 * `maxDf` documents seed nothing (as in passim), and a passage must share
 * `minWords` words.
 */
import type {Paragraph, Root} from 'nlcst'
import type {Plugin} from 'unified'
import {alignArticles, DEFAULT_THRESHOLDS, type ArticleText, type ReuseThresholds} from '../lib/reuse/align.ts'
import type {IndexedArticle, IndexedBlock, OwnSource, ReuseStore, StoredLink} from '../lib/reuse/store.ts'
import {shingles, tokenize, winnow} from '../lib/reuse/tokens.ts'
import {codePointOffsets} from '../lib/text.ts'
import {blocksOf, spanOf, type BlockData} from './data.ts'
import type {ReportReuse, ReportSource} from './report-schema.ts'

export interface ReuseOptions {
  store: ReuseStore
  /** Hash of the rules and version that shaped the analysis; an article indexed under another config is indexed again. */
  config: string
  thresholds?: ReuseThresholds
  /** Shingles in more documents than this are stock phrases and seed no passage. */
  maxDf?: number
}

export const DEFAULT_MAX_DF = 100

/** How much of an agency's confidence carries over through a shared passage of similarity 1. */
const REUSE_CONFIDENCE = 0.9
const EVIDENCE_TEXT_CHARS = 160

export const wiretraceReuse: Plugin<[ReuseOptions], Root> = function (options) {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS
  const maxDf = options.maxDf ?? DEFAULT_MAX_DF
  const {store} = options
  return async function (tree, file) {
    const input = file.data.input!
    const toCodePoint = codePointOffsets(String(file.value))
    const body = blocksOf(tree).filter(({block}) => block.role === undefined || block.role === 'body')
    const article: IndexedArticle = {
      id: input.id,
      sha256: input.sha256,
      config: options.config,
      published: file.data.metadata?.published ?? file.data.publishedDate ?? null,
      blocks: body.map(({node, block}) => indexedBlock(String(file.value), node, block, toCodePoint))
    }
    const stored = await store.lookup(article.id)
    if (stored?.sha256 !== article.sha256 || stored.config !== article.config) {
      await store.transaction(() => indexAndAlign(store, article, thresholds, maxDf))
    }
    const links = await store.linksOf(article.id, maxDf)
    const others = new Map<string, IndexedArticle | undefined>()
    for (const id of new Set(links.map((link) => link.other))) others.set(id, await store.load(id))
    const byId = new Map(body.map(({block}) => [block.id, block]))
    for (const link of links) {
      const block = byId.get(link.block)
      const other = others.get(link.other)
      if (!block || !other) continue
      block.reuse = [...(block.reuse ?? []), reuseEntry(link, article.published, other.published)]
      const otherBlock = other.blocks.find((candidate) => candidate.id === link.otherBlock)
      if (otherBlock) block.sources = propagate(block.sources ?? [], otherBlock, link)
    }
    file.data.reusedShare = reusedShare(article.blocks, links)
    if (links.length > 0) {
      const partners = new Set(links.map((link) => link.other))
      file.info(`${links.length} passage link${links.length === 1 ? '' : 's'} to ${partners.size} other article${partners.size === 1 ? '' : 's'}`, {ruleId: 'reuse/shared-text', source: 'wiretrace'})
    }
  }
}

function indexedBlock(text: string, node: Paragraph, block: BlockData, toCodePoint: (offset: number) => number): IndexedBlock {
  const {start, end} = spanOf(node)
  const startCp = toCodePoint(start)
  return {
    id: block.id,
    lines: [node.position!.start.line, node.position!.end.line],
    start: startCp,
    text: text.slice(start, end),
    cuts: block.removed.map((span) => [toCodePoint(span.start) - startCp, toCodePoint(span.end) - startCp]),
    sources: ownSources(block.sources ?? [], block.id)
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
  return sources
    .filter((source) => source.evidence.some(own))
    .map(({agency, confidence, role}) => ({agency, confidence, role}))
}

/** Indexes the article and aligns it with every candidate; runs inside one transaction. */
async function indexAndAlign(store: ReuseStore, article: IndexedArticle, thresholds: ReuseThresholds, maxDf: number): Promise<void> {
  const text = articleText(article)
  const hashes = shingles(text.tokens)
  const fingerprints = winnow(hashes)
  await store.add(article, fingerprints)
  const common = await store.commonHashes(hashes, maxDf)
  for (const candidate of await store.candidates(fingerprints, article.id, maxDf)) {
    const other = await store.load(candidate.article)
    if (!other) continue
    // Align in a fixed order so the links do not depend on which article arrived first.
    const [first, second] = article.id < other.id ? [article, other] : [other, article]
    const firstText = first === article ? text : articleText(first)
    const secondText = second === article ? text : articleText(second)
    const links = alignArticles(firstText, secondText, thresholds, common)
    // Only fingerprints have a document frequency in the index; they are what judges a link later.
    const indexed = new Set([...fingerprints, ...winnow(shingles(other === first ? firstText.tokens : secondText.tokens))].map((fingerprint) => fingerprint.hash))
    const stored: StoredLink[] = []
    for (const raw of links) {
      const link = {...raw, seeds: raw.seeds.filter((hash) => indexed.has(hash))}
      const a = first.blocks[link.aBlock]!
      const b = second.blocks[link.bBlock]!
      stored.push(
        {article: first.id, block: a.id, span: link.aSpan, other: second.id, otherBlock: b.id, otherLines: b.lines, otherSpan: link.bSpan, similarity: link.similarity, seeds: link.seeds},
        {article: second.id, block: b.id, span: link.bSpan, other: first.id, otherBlock: a.id, otherLines: a.lines, otherSpan: link.aSpan, similarity: link.similarity, seeds: link.seeds}
      )
    }
    await store.recordLinks(article.id, other.id, stored)
  }
}

function articleText(article: IndexedArticle): ArticleText {
  return {blocks: article.blocks, tokens: tokenize(article.blocks)}
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

/** True when `other` was published before `self`; null when either date is unknown or they are the same. */
function isEarlier(other: string | null, self: string | null): boolean | null {
  if (!other || !self) return null
  const a = Date.parse(other)
  const b = Date.parse(self)
  if (Number.isNaN(a) || Number.isNaN(b) || a === b) return null
  return a < b
}

/** Adds the agencies of the other block's own text to this block, with the shared passage as evidence; they replace a photo credit's guess. */
function propagate(sources: ReportSource[], otherBlock: IndexedBlock, link: StoredLink): ReportSource[] {
  const out = sources.map((source) => ({...source, evidence: [...source.evidence]}))
  for (const own of otherBlock.sources) {
    const evidence = {
      kind: 'reuse' as const,
      position: 'shared-text' as const,
      ruleId: 'reuse/shared-text',
      block: link.otherBlock,
      article: link.other,
      start: link.otherSpan[0],
      end: link.otherSpan[1],
      text: passageText(otherBlock, link.otherSpan)
    }
    const existing = out.find((source) => source.agency === own.agency)
    if (existing) {
      if (existing.evidence.every((item) => item.kind === 'reuse')) existing.evidence.push(evidence)
      continue
    }
    out.push({agency: own.agency, confidence: Math.round(own.confidence * link.similarity * REUSE_CONFIDENCE * 100) / 100, role: own.role, evidence: [evidence]})
  }
  // A photo credit stands for the text only when nothing else names an agency; text shared with credited copy does.
  if (otherBlock.sources.length === 0) return out
  return out.filter((source) => !source.evidence.every((item) => item.kind === 'photo-credit'))
}

function passageText(block: IndexedBlock, span: [number, number]): string {
  const text = [...block.text].slice(span[0] - block.start, span[1] - block.start).join('')
  return text.length > EVIDENCE_TEXT_CHARS ? `${text.slice(0, EVIDENCE_TEXT_CHARS - 1)}…` : text
}

/** Share of the body's code points inside a linked passage. */
function reusedShare(blocks: IndexedBlock[], links: StoredLink[]): number | null {
  const total = blocks.reduce((sum, block) => sum + [...block.text].length, 0)
  if (total === 0) return null
  const spans = links.map((link) => link.span).sort((a, b) => a[0] - b[0])
  let covered = 0
  let end = -1
  for (const [start, stop] of spans) {
    if (stop <= end) continue
    covered += stop - Math.max(start, end)
    end = stop
  }
  return Math.min(1, Math.round((covered / total) * 1000) / 1000)
}

