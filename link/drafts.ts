/**
 * What the linkers read of one report alone (link/index.ts, `LinkDrafts`), computed on the thread that made the report:
 * a worker thread reads its own reports' translation rows (their anchors, language and vocabulary) while the main
 * thread, which admits every report of the run to the link step, only interns what it is sent.
 */
import type {Report} from '../pipeline/report-schema.ts'
import type {LinkDrafts} from './index.ts'
import type {AnchorVocabulary} from './translation/anchors.ts'
import {draftRow} from './translation/link.ts'

/**
 * What a thread needs to draft reports: the translation linker's own anchor vocabulary, made once on the main thread
 * and sent to each worker. Made again in each worker thread, from the CLDR's country names through ICU, it cost about
 * 20 MB of resident memory a thread.
 */
export interface LinkDraftSettings {
  vocabulary: AnchorVocabulary
}

/** The drafts of a report. */
export function linkDrafter(settings: LinkDraftSettings): (report: Report) => LinkDrafts {
  return (report) => ({translation: draftRow(report, settings.vocabulary)})
}
