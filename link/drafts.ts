/**
 * What the linkers read of one report alone (link/index.ts, `LinkDrafts`), computed on the thread that made the report:
 * a worker thread reads its own reports' translation rows (their anchors, language and vocabulary) while the main
 * thread, which admits every report of the run to the link step, only interns what it is sent.
 */
import type {Calendar} from '../core/dates.ts'
import type {Report} from '../pipeline/report-schema.ts'
import type {LinkDrafts} from './index.ts'
import {anchorVocabulary, loadTranslationConfig} from './translation/config.ts'
import {draftRow} from './translation/link.ts'

/** The drafts of a report, with the settings of the rule folders `rules` (as the link step's linkers read them). */
export function linkDrafter(rules: string[], calendar: Pick<Calendar, 'months' | 'weekdays'>): (report: Report) => LinkDrafts {
  const vocabulary = anchorVocabulary(loadTranslationConfig(rules), calendar)
  return (report) => ({translation: draftRow(report, vocabulary)})
}
