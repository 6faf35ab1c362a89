/**
 * What the linkers read of one report alone (link/index.ts, `LinkDrafts`), computed on the thread that made the report,
 * from the report still in its memory: a worker thread reads its own reports' translation rows (their anchors, language
 * and vocabulary) and what the reuse index keeps of them (their body blocks), and the main thread, which admits every
 * report of the run to the link step, takes these in without reading the report back from disk.
 */
import type {Report} from '../pipeline/report-schema.ts'
import type {LinkDrafts} from './index.ts'
import type {AnchorVocabulary} from './translation/anchors.ts'
import {draftRow} from './translation/link.ts'
import {reuseDraft} from './reuse/linker.ts'

/**
 * What a thread needs to draft reports: the translation linker's own anchor vocabulary, made once on the main thread
 * and sent to each worker. Made again in each worker thread, from the CLDR's country names through ICU, it cost about
 * 20 MB of resident memory a thread.
 */
export interface LinkDraftSettings {
  vocabulary: AnchorVocabulary
  /** Whether the step has a reuse index to admit the report to. */
  reuse: boolean
}

/** The drafts of a report. */
export function linkDrafter(settings: LinkDraftSettings): (report: Report) => LinkDrafts {
  return (report) => ({translation: draftRow(report, settings.vocabulary), ...(settings.reuse ? {reuse: reuseDraft(report)} : {})})
}
