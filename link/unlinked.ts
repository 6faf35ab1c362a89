import type {AgencyRegistry} from '../pipeline/agencies.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {summariseReport} from '../pipeline/summary.ts'
import {reusedShare} from './reuse/linker.ts'
import {translatedShare} from './translation/apply.ts'

/**
 * A report of the run as the link step leaves it when no linker links it: the reused share (with the reuse index) and
 * the translated share of text with no link, and the summary as a patch recomputes it. The pipeline writes a run's
 * reports so, and the step reads back only those that gained links; a report with no link has the bytes it would
 * have had if the step had patched it.
 *
 * @param reuse whether the run links reuse (it has an index)
 */
export function unlinkedReport(report: Report, registry: AgencyRegistry, reuse: boolean): Report {
  const summary = {...report.summary, ...(reuse ? {reused: reusedShare(report.blocks, [])} : {}), translated: translatedShare(report.blocks)}
  return summariseReport({...report, summary}, registry)
}
