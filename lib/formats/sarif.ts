/**
 * SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning,
 * the VS Code SARIF viewer): one run, the policy findings as rules, each
 * finding a result at its file and lines. Columns count code points, as
 * the run says (`columnKind`), and each result carries a fingerprint that
 * survives lines moving, so an alert stays one alert across pushes.
 */
import {createHash} from 'node:crypto'
import {FINDING_DESCRIPTIONS, type CheckedFile, type Finding} from '../policy.ts'
import {VERSION} from '../version.ts'

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

interface ReportingDescriptor {
  id: string
  name: string
  shortDescription: {text: string}
  fullDescription: {text: string}
  defaultConfiguration: {level: 'error' | 'warning'}
}

export function formatSarif(files: CheckedFile[]): string {
  const rules: ReportingDescriptor[] = []
  const ruleIndex = new Map<string, number>()
  const indexOf = (finding: Finding): number => {
    const known = ruleIndex.get(finding.ruleId)
    if (known !== undefined) return known
    const description = FINDING_DESCRIPTIONS[finding.ruleId as keyof typeof FINDING_DESCRIPTIONS] ?? `wiretrace message ${finding.ruleId}`
    rules.push({
      id: finding.ruleId,
      name: finding.ruleId.replace(/(^|[-/])([a-z])/g, (_, _separator: string, letter: string) => letter.toUpperCase()),
      shortDescription: {text: description},
      fullDescription: {text: description},
      defaultConfiguration: {level: finding.severity}
    })
    ruleIndex.set(finding.ruleId, rules.length - 1)
    return rules.length - 1
  }
  const results = files.flatMap((file) =>
    file.verdict.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ruleIndex: indexOf(finding),
      level: finding.severity,
      message: {text: finding.reason},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: file.repoPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%'},
            region: {startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn}
          }
        }
      ],
      partialFingerprints: {'wiretraceFinding/v1': createHash('sha256').update(`${finding.ruleId}\0${file.article}\0${finding.reason}`).digest('hex').slice(0, 32)}
    }))
  )
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'wiretrace', version: VERSION, semanticVersion: VERSION, rules}},
        columnKind: 'unicodeCodePoints',
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
