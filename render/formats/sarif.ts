/**
 * SARIF 2.1.0, the format code-scanning tools read (GitHub code scanning,
 * the VS Code SARIF viewer): one run, the policy findings as rules, each
 * finding a result at its file and lines. Columns count code points, as
 * the run says (`columnKind`), each result points at the other article's
 * passage (`relatedLocations`), and carries a fingerprint that survives
 * lines moving, so an alert stays one alert across pushes. Each rule's
 * `helpUri` is its row in the README's "Rule ids" table (core/rule-catalog.ts)
 * where the README is published (package.json `homepage`); without a
 * homepage there is none, and `help` says where to look.
 */
import {createHash} from 'node:crypto'
import {describeRule, RULE_CATALOG, ruleAnchor} from '../../core/rule-catalog.ts'
import type {CheckedFile, Finding} from '../policy.ts'
import {HOMEPAGE, VERSION} from '../../core/version.ts'

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

interface ReportingDescriptor {
  id: string
  name: string
  shortDescription: {text: string}
  fullDescription: {text: string}
  help: {text: string; markdown: string}
  helpUri?: string
  defaultConfiguration: {level: 'error' | 'warning'}
}

/** A repository path as a SARIF URI relative to the source root. */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

const HELP =
  'wiretrace explain FILE shows, line by line, what each rule decided and why; the README section "Run it in CI" lists the findings and the policy options.'

export interface SarifOptions {
  /** The published README that rule help links point into; default package.json `homepage`. */
  homepage?: string | undefined
}

export function formatSarif(files: CheckedFile[], options: SarifOptions = {homepage: HOMEPAGE}): string {
  const rules: ReportingDescriptor[] = []
  const ruleIndex = new Map<string, number>()
  const indexOf = (finding: Finding): number => {
    const known = ruleIndex.get(finding.ruleId)
    if (known !== undefined) return known
    const description = describeRule(finding.ruleId).meaning
    const catalogued = RULE_CATALOG.some((doc) => doc.id === finding.ruleId)
    rules.push({
      id: finding.ruleId,
      name: finding.ruleId.replace(/(^|[-/])([a-z])/g, (_, _separator: string, letter: string) => letter.toUpperCase()),
      shortDescription: {text: description},
      fullDescription: {text: description},
      help: {
        text: `${description}. ${HELP}`,
        markdown: `${description}. Run \`wiretrace explain FILE\` to see, line by line, what each rule decided and why; the README section "Run it in CI" lists the findings and the policy options.`
      },
      ...(options.homepage && catalogued ? {helpUri: `${options.homepage.replace(/#.*$/, '')}#${ruleAnchor(finding.ruleId)}`} : {}),
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
            artifactLocation: {uri: uriOf(file.repoPath), uriBaseId: '%SRCROOT%'},
            region: {startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn}
          }
        }
      ],
      ...(finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((passage, index) => ({
              id: index,
              message: {text: `the passage in ${passage.path}`},
              physicalLocation: {artifactLocation: {uri: uriOf(passage.path), uriBaseId: '%SRCROOT%'}, region: {startLine: passage.line}}
            }))
          }
        : {}),
      // The finding's identity holds no line numbers or percentages, so an alert stays one alert when unrelated lines move.
      partialFingerprints: {'wiretraceFinding/v2': createHash('sha256').update(`${file.repoPath}\0${finding.identity}`).digest('hex').slice(0, 32)}
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
