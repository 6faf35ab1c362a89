/**
 * Linker: translations. Links body paragraphs of the run's articles to
 * their translations in the run's other articles (link/translation/: anchors that
 * survive translation, aligned in order). Each report is read into a compact
 * row (`readRow`: the ids of its anchor keys, its language and vocabulary;
 * for a report of the run, its thread read it already, `draftRow`, and the
 * row interns what it read),
 * kept in columns (link/translation/rows.ts), and let go; candidates come
 * from the rows' rare anchors, never from all pairs, and only the articles
 * of candidate pairs are read again from their reports, with their
 * paragraphs (`readArticle`), while they are aligned.
 *
 * Given the reuse links (the reuse linker runs first), a paragraph that
 * reprints the text of a translated paragraph in its language is linked to
 * that translation too (link/translation/copies.ts).
 *
 * What it stores lives for the run: translations are found among the
 * articles of one run (one shard, one `check --changed`), not against the
 * whole index, and a report outside the run keeps the translation links it
 * has.
 */
import type {AnchorVocabulary} from './anchors.ts'
import {patchTranslations} from './apply.ts'
import type {TranslationConfig} from './config.ts'
import {withCarriedLinks, type CopyLink} from './copies.ts'
import {
  findTranslations,
  internRow,
  Interner,
  readArticle,
  readPlaces,
  readRow,
  type ParagraphPlace,
  type TranslationLinks,
  type TranslationRow
} from './link.ts'
import {TranslationRows} from './rows.ts'
import type {Linker} from '../index.ts'

export interface TranslationLinkerOptions {
  config: TranslationConfig
  /** Number words, months and weekdays read as anchors. */
  vocabulary: AnchorVocabulary
  /** An article's same-language reuse links, read once the reuse linker has stored the run's: translations are carried over them. */
  copies?: (id: string) => Promise<readonly CopyLink[]>
}

export function translationLinker(options: TranslationLinkerOptions): Linker {
  const rows = new TranslationRows()
  const interner = new Interner()
  let links: TranslationLinks = new Map()
  return {
    id: 'translation',
    async admit(read, _context, drafts) {
      // A draft is the row the report's own thread read, when it is one of the run's (link/drafts.ts).
      const draft = drafts?.translation
      if (draft) return void rows.set(internRow(draft, interner))
      const report = read()
      if (report) rows.set(readRow(report, interner, options.vocabulary))
    },
    async update(context) {
      const before = links
      const load = (row: TranslationRow) => {
        const report = context.shelf?.read(row.id)
        return report && readArticle(report, options.vocabulary)
      }
      const run = findTranslations(rows.source(), interner, load, options.config)
      links = run.links
      if (options.copies) {
        // Only articles with translation links can pass one on: only their reuse links are read.
        const copies = new Map<string, readonly CopyLink[]>()
        for (const id of links.keys()) copies.set(id, await options.copies(id))
        const places = new Map<string, readonly ParagraphPlace[] | undefined>()
        const placesOf = (id: string) => {
          if (!places.has(id)) {
            const report = rows.has(id) ? context.shelf?.read(id) : undefined
            places.set(id, report && readPlaces(report))
          }
          return places.get(id)
        }
        links = withCarriedLinks(links, {rows, copies, places: placesOf, judged: run.judged}, options.config)
      }
      // Patching reads the dates of linked articles only: the chunks read back are let go before the reports are written.
      rows.forgetReadBack()
      // Reports that gained or lost links; the run's own reports are patched anyway.
      return new Set([...before.keys(), ...links.keys()])
    },
    async linked(id) {
      return (links.get(id)?.length ?? 0) > 0
    },
    async patch(report) {
      if (!rows.has(report.article.id)) return report
      return patchTranslations(report, links.get(report.article.id) ?? [], {get: (id) => rows.publication(id)}, options.config)
    },
    close() {
      rows.close()
    }
  }
}
