/**
 * The terminal format of `wiretrace check`: the vfile-reporter layout every
 * unified tool prints (file, then `line:column  severity  reason  rule`),
 * in colour only when asked (on a terminal).
 */
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import type {CheckedFile} from '../policy.ts'
import {printable} from '../../core/exit-codes.ts'

export interface HumanOptions {
  color: boolean
  /** Failing findings only. */
  quiet: boolean
}

/** Files without findings are left out; returns '' when there is nothing to show. */
export function formatHuman(files: CheckedFile[], options: HumanOptions): string {
  const shown = files.map((checked) => {
    // A file name is the PR author's: printed raw it could start a line the CI runner reads as a command.
    const file = new VFile({path: printable(checked.path)})
    for (const finding of checked.verdict.findings) {
      const start = {line: finding.line, column: finding.column}
      const point = finding.endLine === finding.line && finding.endColumn === finding.column
      const message = file.message(finding.reason, {
        place: point ? start : {start, end: {line: finding.endLine, column: finding.endColumn}},
        ruleId: finding.ruleId,
        source: 'wiretrace'
      })
      message.fatal = finding.severity === 'error'
    }
    return file
  })
  const text = reporter(shown, {color: options.color, quiet: true, silent: options.quiet})
  return text ? `${text}\n` : ''
}
