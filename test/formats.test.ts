import {readFileSync} from 'node:fs'
import {Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {formatGithub} from '../render/formats/github.ts'
import {formatHuman} from '../render/formats/human.ts'
import {checkRecordSchema, formatJson} from '../render/formats/json.ts'
import {createProgress, progressWanted} from '../render/formats/progress.ts'
import {formatSarif} from '../render/formats/sarif.ts'
import type {CheckedFile, Finding} from '../render/policy.ts'
import {HOMEPAGE} from '../core/version.ts'

const reuse: Finding = {
  ruleId: 'uncredited-reuse',
  severity: 'error',
  reason: 'text reused from articles/002.txt:7, whose text comes from anadolu; this article credits no agency for it',
  line: 5,
  column: 3,
  endLine: 5,
  endColumn: 120,
  related: [{article: '002.txt', path: 'articles/002.txt', block: 'b7', line: 7}],
  identity: 'uncredited-reuse\0Presiden Rusia Vladimir Putin mengatakan\u0000002.txt'
}
const outlet: Finding = {
  ruleId: 'unknown-outlet',
  severity: 'warning',
  reason: 'no outlet recognised in the text',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 40,
  related: [],
  identity: 'unknown-outlet\0no outlet recognised in the text'
}

function checked(repoPath: string, findings: Finding[]): CheckedFile {
  return {
    path: repoPath,
    repoPath,
    article: repoPath.split('/').pop()!,
    report: undefined,
    verdict: {findings, uncreditedShare: null, failed: findings.some((finding) => finding.severity === 'error')}
  }
}

describe('github format', () => {
  it('writes one workflow command per finding, at the file and lines', () => {
    expect(formatGithub([checked('articles/new.txt', [outlet, reuse]), checked('articles/clean.txt', [])])).toBe(
      [
        '::warning file=articles/new.txt,line=1,endLine=1,col=1,endColumn=40,title=wiretrace unknown-outlet::no outlet recognised in the text',
        '::error file=articles/new.txt,line=5,endLine=5,col=3,endColumn=120,title=wiretrace uncredited-reuse::text reused from articles/002.txt:7, whose text comes from anadolu; this article credits no agency for it',
        ''
      ].join('\n')
    )
  })

  it('escapes what the runner would read as syntax, and leaves columns out of a range over lines', () => {
    const tricky: Finding = {...reuse, reason: '100% copied\nline two\r', line: 3, endLine: 4}
    expect(formatGithub([checked('odd, name: here.txt', [tricky])])).toBe(
      '::error file=odd%2C name%3A here.txt,line=3,endLine=4,title=wiretrace uncredited-reuse::100%25 copied%0Aline two%0D\n'
    )
  })
})

describe('json format', () => {
  it('writes one record per file in path order, each valid against the published schema', () => {
    const lines = formatJson([checked('b.txt', [reuse]), checked('a.txt', [])])
      .trim()
      .split('\n')
    const records = lines.map((line) => checkRecordSchema.parse(JSON.parse(line)))
    expect(records.map((record) => [record.file, record.status, record.findings.length])).toEqual([
      ['a.txt', 'pass', 0],
      ['b.txt', 'fail', 1]
    ])
    expect(Object.keys(records[1]!)).toEqual([
      'version',
      'file',
      'article',
      'status',
      'title',
      'outlet',
      'published',
      'agencies',
      'credited',
      'reused',
      'uncreditedShare',
      'findings'
    ])
    const {identity: _identity, ...published} = reuse
    expect(records[1]!.findings[0]).toEqual(published)
  })
})

describe('sarif format', () => {
  it('lists each finding kind once as a rule and each finding as a result pointing into the repository', () => {
    const log = JSON.parse(formatSarif([checked('articles/new article.txt', [outlet, reuse]), checked('articles/other.txt', [reuse])]))
    expect(log.version).toBe('2.1.0')
    const [run] = log.runs
    expect(run.columnKind).toBe('unicodeCodePoints')
    expect(run.tool.driver.rules.map((rule: {id: string; defaultConfiguration: {level: string}}) => [rule.id, rule.defaultConfiguration.level])).toEqual([
      ['unknown-outlet', 'warning'],
      ['uncredited-reuse', 'error']
    ])
    expect(run.results.map((result: {ruleIndex: number; level: string}) => [result.ruleIndex, result.level])).toEqual([
      [0, 'warning'],
      [1, 'error'],
      [1, 'error']
    ])
    expect(run.results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: {uri: 'articles/new%20article.txt', uriBaseId: '%SRCROOT%'},
      region: {startLine: 5, startColumn: 3, endLine: 5, endColumn: 120}
    })
  })

  it('fingerprints a finding by what it flags, not where: lines moving here or in the other article, or a share changing, keep the alert', () => {
    const fingerprint = (finding: Finding) =>
      JSON.parse(formatSarif([checked('a.txt', [finding])])).runs[0].results[0].partialFingerprints['wiretraceFinding/v2']
    expect(fingerprint({...reuse, line: 9, endLine: 9})).toBe(fingerprint(reuse))
    expect(
      fingerprint({
        ...reuse,
        reason: 'text reused from articles/002.txt:12, whose text comes from anadolu; this article credits no agency for it',
        related: [{...reuse.related[0]!, line: 12}]
      })
    ).toBe(fingerprint(reuse))
    expect(fingerprint({...reuse, identity: 'uncredited-reuse\0Another paragraph entirely\u0000002.txt'})).not.toBe(fingerprint(reuse))
  })

  it("points at the other article's passage with relatedLocations, and gives each rule its help", () => {
    const [run] = JSON.parse(formatSarif([checked('articles/new.txt', [reuse])])).runs
    expect(run.results[0].relatedLocations).toEqual([
      {
        id: 0,
        message: {text: 'the passage in articles/002.txt'},
        physicalLocation: {artifactLocation: {uri: 'articles/002.txt', uriBaseId: '%SRCROOT%'}, region: {startLine: 7}}
      }
    ])
    expect(run.tool.driver.rules[0].help.text).toContain('wiretrace explain FILE')
  })
  it('links each finding rule to its heading in the published README (helpUri), when package.json names a homepage', () => {
    const findings = [outlet, reuse]
    const rules = (homepage: string | undefined) =>
      JSON.parse(formatSarif([checked('articles/new.txt', findings)], {homepage})).runs[0].tool.driver.rules as Array<{id: string; helpUri?: string}>
    expect(rules('https://example.org/wiretrace#readme').map((rule) => [rule.id, rule.helpUri])).toEqual([
      ['unknown-outlet', 'https://example.org/wiretrace#rule-unknown-outlet'],
      ['uncredited-reuse', 'https://example.org/wiretrace#rule-uncredited-reuse']
    ])
    expect(rules(undefined).every((rule) => rule.helpUri === undefined)).toBe(true)
    expect(JSON.parse(formatSarif([checked('a.txt', findings)])).runs[0].tool.driver.rules[0].helpUri).toBe(
      HOMEPAGE ? `${HOMEPAGE}#rule-unknown-outlet` : undefined
    )
  })

  it("points every finding's helpUri at an anchor the README has", () => {
    const readme = readFileSync('README.md', 'utf8')
    const rules = JSON.parse(formatSarif([checked('a.txt', [outlet, reuse])], {homepage: 'https://example.org/'})).runs[0].tool.driver.rules as Array<{
      helpUri: string
    }>
    for (const rule of rules) expect(readme).toContain(`<a id="${rule.helpUri.split('#')[1]}"></a>`)
  })
})

describe('human format', () => {
  it('prints the vfile-reporter layout, without colour unless asked, leaving out files without findings', () => {
    const text = formatHuman([checked('articles/new.txt', [outlet, reuse]), checked('articles/clean.txt', [])], {color: false, quiet: false})
    expect(text).toMatch(
      /^articles\/new\.txt\n\s*1:1-1:40\s+warning\s+no outlet recognised in the text\s+unknown-outlet\s+wiretrace\n\s*5:3-5:120\s+error\s+text reused from articles\/002\.txt:7/
    )
    expect(text).not.toContain('clean.txt')
    expect(text).not.toContain('\u001b[')
    expect(formatHuman([checked('a.txt', [reuse])], {color: true, quiet: false})).toContain('\u001b[')
  })

  it('shows only failing findings with --quiet, and nothing when all is clean', () => {
    const quiet = formatHuman([checked('articles/new.txt', [outlet, reuse])], {color: false, quiet: true})
    expect(quiet).toContain('uncredited-reuse')
    expect(quiet).not.toContain('unknown-outlet')
    expect(formatHuman([checked('a.txt', [])], {color: false, quiet: false})).toBe('')
  })
})

describe('progress bar', () => {
  it('is drawn only for a person at a terminal: not piped, not in CI, not with --quiet', () => {
    expect(progressWanted({isTTY: true}, {})).toBe(true)
    expect(progressWanted({isTTY: false}, {})).toBe(false)
    expect(progressWanted({}, {})).toBe(false)
    expect(progressWanted({isTTY: true}, {CI: 'true'})).toBe(false)
    expect(progressWanted({isTTY: true}, {CI: '1'})).toBe(false)
    expect(progressWanted({isTTY: true}, {CI: 'false'})).toBe(true)
    expect(progressWanted({isTTY: true}, {}, true)).toBe(false)
  })

  it('writes nothing to a pipe, and draws on a terminal', () => {
    const sink = () => {
      const chunks: string[] = []
      const stream = new Writable({
        write(chunk, _encoding, done) {
          chunks.push(String(chunk))
          done()
        }
      }) as unknown as NodeJS.WriteStream
      return {stream, chunks}
    }
    const pipe = sink()
    const quietBar = createProgress(pipe.stream, {})
    quietBar.update(1, 2)
    quietBar.stop()
    expect(pipe.chunks).toEqual([])
    const terminal = sink()
    Object.assign(terminal.stream, {isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true})
    const bar = createProgress(terminal.stream, {})
    bar.update(1, 4)
    bar.update(4, 4)
    bar.stop()
    expect(terminal.chunks.join('')).toContain('4/4 articles')
  })
})
