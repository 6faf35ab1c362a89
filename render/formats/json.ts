/**
 * The machine format of `wiretrace check`: JSON Lines, one object per
 * checked file in path order, each of the shape `checkRecordSchema` gives.
 * Keys and their order are part of the contract; new keys may be added,
 * none renamed or dropped within version 1.
 */
import {z} from 'zod'
import type {CheckedFile} from '../policy.ts'

const share = z.number().min(0).max(1)

export const findingSchema = z.strictObject({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']).describe('error fails the policy'),
  reason: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  related: z.array(z.strictObject({article: z.string(), path: z.string(), block: z.string(), line: z.number().int().positive()}))
})

export const checkRecordSchema = z.strictObject({
  version: z.literal(1),
  file: z.string().describe('path relative to the repository root (the working folder outside git)'),
  article: z.string().describe('article id, as in reports and the reuse index'),
  status: z.enum(['pass', 'fail']),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  agencies: z.record(z.string(), share),
  credited: z.boolean().nullable(),
  reused: share.nullable(),
  uncreditedShare: share.nullable(),
  findings: z.array(findingSchema)
})

export type CheckRecord = z.infer<typeof checkRecordSchema>

export function checkRecord(file: CheckedFile): CheckRecord {
  const {report, verdict} = file
  return {
    version: 1,
    file: file.repoPath,
    article: file.article,
    status: verdict.failed ? 'fail' : 'pass',
    title: report?.article.title ?? null,
    outlet: report?.article.outlet ?? null,
    published: report?.article.published ?? report?.article.date ?? null,
    agencies: report?.summary.agencies ?? {},
    credited: report?.summary.credited ?? null,
    reused: report?.summary.reused ?? null,
    uncreditedShare: verdict.uncreditedShare,
    findings: verdict.findings.map(({ruleId, severity, reason, line, column, endLine, endColumn, related}) => ({
      ruleId,
      severity,
      reason,
      line,
      column,
      endLine,
      endColumn,
      related
    }))
  }
}

export function formatJson(files: CheckedFile[]): string {
  return [...files]
    .sort((a, b) => (a.repoPath < b.repoPath ? -1 : a.repoPath > b.repoPath ? 1 : 0))
    .map((file) => `${JSON.stringify(checkRecord(file))}\n`)
    .join('')
}
