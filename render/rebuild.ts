/**
 * Gives back the exact bytes of an article from its report: the blocks and
 * the removed spans between them tile the input, and the SHA-256 in the
 * report proves the result is the original.
 */
import {sha256} from '../core/decode.ts'
import {reportSchema, SCHEMA_VERSION, type Report} from '../pipeline/report-schema.ts'

export class RebuildError extends Error {
  override name = 'RebuildError'
}

/**
 * Rebuilds the original bytes.
 *
 * @throws {RebuildError} when the report does not cover the input exactly
 *   once, or the result does not hash to `article.sha256`.
 */
export function rebuildOriginal(data: unknown): Uint8Array {
  const parsed = reportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new RebuildError(`not a version-${SCHEMA_VERSION} wiretrace report: ${issue.path.join('.')}: ${issue.message}`)
  }
  const report: Report = parsed.data
  const pieces = [
    ...report.blocks.map((block) => ({start: block.start, end: block.end, text: block.text})),
    ...report.removed.filter((span) => span.block === null).map((span) => ({start: span.start, end: span.end, text: span.text}))
  ].sort((a, b) => a.start - b.start)
  let cursor = 0
  let text = ''
  for (const piece of pieces) {
    if (piece.start !== cursor) {
      throw new RebuildError(`the report ${piece.start > cursor ? 'leaves a gap' : 'overlaps itself'} at code point ${Math.min(cursor, piece.start)}`)
    }
    if ([...piece.text].length !== piece.end - piece.start) {
      throw new RebuildError(`the text of the piece at ${piece.start}-${piece.end} has the wrong length`)
    }
    text += piece.text
    cursor = piece.end
  }
  const bytes = new TextEncoder().encode(text)
  if (sha256(bytes) !== report.article.sha256) {
    throw new RebuildError('the rebuilt text does not match the SHA-256 of the original')
  }
  return bytes
}
