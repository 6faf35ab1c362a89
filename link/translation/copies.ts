/**
 * Translations carried through same-language copies. A wire story reaches
 * a language once, through one translation, and is then reprinted there:
 * outlets run the translated text (or the original, before a desk
 * translates it) with their own cuts and edits. A reprint often keeps too
 * few anchors of its own to be aligned with the other language (a rewrite
 * drops a number, a name opens a sentence), while the reuse linker sees
 * plainly that it prints its source's text. So when paragraph p of A prints
 * the text of paragraph q of B (a reuse link, same language) and q is
 * linked as a translation of paragraph r of C (another language), p renders
 * r too, and the pass links them (`by: "copy"`, `via` B, `viaBlock` q).
 *
 * Only copies of one text carry: the passages A and B share must cover
 * `copyCoverage` of both bodies and of both paragraphs (two outlets' own
 * stories that share one paragraph of a release are not copies, and one
 * sentence a paragraph shares with another is not its text). One hop, from
 * pairs found by their own anchors or their place (not through a third
 * language, nor carried already), and never into an article pair the
 * anchors judged already, kept or dropped as another original's family.
 */
import type {TranslationConfig} from './config.ts'
import {differentLanguages, FOUND_DIRECTLY, type ParagraphPlace, type TranslationLink, type TranslationLinks, type TranslationRow} from './link.ts'

/** A same-language reuse link from a paragraph of an article, as the reuse linker reads it. */
export interface CopyLink {
  block: string
  span: [number, number]
  other: string
  otherBlock: string
  otherSpan: [number, number]
  similarity: number
}

/** What carrying reads: the run's rows, the reuse links of the articles that have translations, the places of paragraphs. */
export interface CopySources {
  rows: Pick<ReadonlyMap<string, TranslationRow>, 'get'>
  /** The reuse links of an article with translation links. */
  copies: ReadonlyMap<string, readonly CopyLink[]>
  /** The body paragraphs of an article of the run, in reading order; undefined when its report is gone. */
  places: (id: string) => readonly ParagraphPlace[] | undefined
  /** Whether two articles were judged by their own anchors (see `TranslationRun.judged`). */
  judged: (a: string, b: string) => boolean
}

/**
 * `links` with the links carried through same-language copies added, on
 * both sides. Each carried pair once: when several copies carry it, the
 * strongest, then the first copy by id. The input is not modified.
 */
export function withCarriedLinks(links: TranslationLinks, sources: CopySources, config: TranslationConfig): TranslationLinks {
  const carried = new Map<string, {self: string; paragraph: ParagraphPlace; link: TranslationLink}>()
  for (const source of [...sources.copies.keys()].sort()) {
    const translations = (links.get(source) ?? []).filter((link) => FOUND_DIRECTLY.has(link.by))
    if (translations.length === 0) continue
    for (const [copy, shared] of byOtherArticle(sources.copies.get(source) ?? [], source)) {
      const copyRow = sources.rows.get(copy)
      if (!copyRow) continue
      const copied = copiedParagraphs(shared, sources.places(source), sources.places(copy), config)
      if (!copied) continue
      for (const translation of translations) {
        const target = sources.rows.get(translation.article)
        if (!target || target.id === copy || !differentLanguages(copyRow, target) || sources.judged(copy, target.id)) continue
        for (const [paragraph, similarity] of copied.get(translation.block) ?? []) {
          const link: TranslationLink = {
            ...translation,
            block: paragraph.id,
            span: [paragraph.start, paragraph.end],
            // Carried links are as strong as the weaker of the two links they rest on, and name no anchor of their own.
            score: Math.min(similarity, translation.score),
            anchors: [],
            by: 'copy',
            via: source,
            viaBlock: translation.block
          }
          const key = `${copy}\u0000${paragraph.id}\u0000${target.id}\u0000${translation.otherBlock}`
          const held = carried.get(key)
          if (!held || link.score > held.link.score) carried.set(key, {self: copy, paragraph, link})
        }
      }
    }
  }
  if (carried.size === 0) return links
  const out: TranslationLinks = new Map([...links].map(([id, list]) => [id, [...list]]))
  const linked = new Set([...links].flatMap(([id, list]) => list.map((link) => `${id}\u0000${link.block}\u0000${link.article}\u0000${link.otherBlock}`)))
  const add = (self: string, link: TranslationLink) => {
    const key = `${self}\u0000${link.block}\u0000${link.article}\u0000${link.otherBlock}`
    if (linked.has(key)) return
    linked.add(key)
    out.set(self, [...(out.get(self) ?? []), link])
  }
  for (const {self, paragraph, link} of carried.values()) {
    add(self, link)
    add(link.article, reversed(self, paragraph, link))
  }
  return out
}

/** The reuse links of `source` grouped by the other article, links inside the article itself left out. */
function byOtherArticle(links: readonly CopyLink[], source: string): Map<string, CopyLink[]> {
  const grouped = new Map<string, CopyLink[]>()
  for (const link of links) {
    if (link.other === source) continue
    grouped.set(link.other, [...(grouped.get(link.other) ?? []), link])
  }
  return grouped
}

/**
 * For two articles that are copies of one text, each paragraph of the
 * source with the copy's paragraphs that print its text, and the passage's
 * similarity; undefined when the shared passages cover too little of
 * either body to make the two articles copies.
 */
function copiedParagraphs(
  shared: readonly CopyLink[],
  sourcePlaces: readonly ParagraphPlace[] | undefined,
  copyPlaces: readonly ParagraphPlace[] | undefined,
  config: TranslationConfig
): Map<string, Array<[ParagraphPlace, number]>> | undefined {
  if (!sourcePlaces || !copyPlaces) return undefined
  const sourceCover = coverOf(
    sourcePlaces,
    shared.map((link) => link.span)
  )
  const copyCover = coverOf(
    copyPlaces,
    shared.map((link) => link.otherSpan)
  )
  if (sourceCover.article < config.copyCoverage || copyCover.article < config.copyCoverage) return undefined
  const copyById = new Map(copyPlaces.map((place) => [place.id, place]))
  const copied = new Map<string, Array<[ParagraphPlace, number]>>()
  for (const link of shared) {
    const paragraph = copyById.get(link.otherBlock)
    if (!paragraph) continue
    if ((sourceCover.paragraphs.get(link.block) ?? 0) < config.copyCoverage || (copyCover.paragraphs.get(link.otherBlock) ?? 0) < config.copyCoverage) continue
    const list = copied.get(link.block) ?? []
    const known = list.find(([place]) => place.id === paragraph.id)
    if (known) known[1] = Math.max(known[1], link.similarity)
    else list.push([paragraph, link.similarity])
    copied.set(link.block, list)
  }
  return copied
}

/** How much of each paragraph and of the whole body the spans cover (each offset counted once). */
function coverOf(places: readonly ParagraphPlace[], spans: ReadonlyArray<[number, number]>): {article: number; paragraphs: Map<string, number>} {
  const paragraphs = new Map<string, number>()
  let covered = 0
  let total = 0
  for (const place of places) {
    const length = place.end - place.start
    total += length
    const inside = spans
      .map(([start, end]): [number, number] => [Math.max(start, place.start), Math.min(end, place.end)])
      .filter(([start, end]) => end > start)
      .sort((x, y) => x[0] - y[0])
    let reached = place.start
    let mine = 0
    for (const [start, end] of inside) {
      mine += Math.max(0, end - Math.max(start, reached))
      reached = Math.max(reached, end)
    }
    covered += mine
    paragraphs.set(place.id, length > 0 ? mine / length : 0)
  }
  return {article: total > 0 ? covered / total : 0, paragraphs}
}

/** The carried link as the other article reads it. */
function reversed(self: string, paragraph: ParagraphPlace, link: TranslationLink): TranslationLink {
  return {
    ...link,
    article: self,
    block: link.otherBlock,
    otherBlock: paragraph.id,
    otherLines: paragraph.lines,
    span: link.otherSpan,
    otherSpan: link.span,
    otherCredited: paragraph.credited,
    otherExcerpt: paragraph.excerpt
  }
}
