/**
 * GitHub Actions workflow commands: one `::error` or `::warning` line per
 * finding, pointing at the file and lines, so the pull request shows it
 * beside the text. Escaping follows the runner's rules (actions/toolkit
 * `command.ts`): `%`, CR and LF in the message; also `:` and `,` in
 * properties.
 */
import type {CheckedFile} from '../policy.ts'

export function formatGithub(files: CheckedFile[]): string {
  let out = ''
  for (const file of files) {
    for (const finding of file.verdict.findings) {
      const properties = [
        `file=${escapeProperty(file.repoPath)}`,
        `line=${finding.line}`,
        `endLine=${finding.endLine}`,
        // The runner uses columns only for a one-line range.
        ...(finding.line === finding.endLine ? [`col=${finding.column}`, `endColumn=${finding.endColumn}`] : []),
        `title=${escapeProperty(`wiretrace ${finding.ruleId}`)}`
      ]
      out += `::${finding.severity} ${properties.join(',')}::${escapeData(finding.reason)}\n`
    }
  }
  return out
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
