import {copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_POLICY, judgeArticle, type Policy} from '../render/policy.ts'
import {uncreditedReuse, uncreditedShare} from '../render/uncredited.ts'
import {runCorpus} from '../run/run.ts'
import type {Report} from '../pipeline/report-schema.ts'

const seed = (name: string) => readFileSync(join('seeds', name), 'utf8').split('\n')
const SEED_002 = seed('002_756809b8681f022c.txt')
const SEED_003 = seed('003_1d1aa39e3ef4d986.txt')

/** An article of our own: a title, then paragraphs, one a line with blank lines between. */
const article = (title: string, ...paragraphs: string[]) => [title, '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n')

let reports: Record<string, Report>

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-policy-'))
  for (const name of readdirSync('seeds')) copyFileSync(join('seeds', name), join(dir, name))
  // Seed 002 lines 7 and 13: ANTARA's translation of Anadolu copy; 002 credits both in its own text.
  writeFileSync(
    join(dir, 'copied.txt'),
    article(
      'Rusia ingin dialog dengan semua negara',
      'Jakarta - Hubungan Rusia dan Amerika Serikat terus menjadi sorotan para pengamat sepanjang pekan ini.',
      SEED_002[6]!,
      SEED_002[12]!
    )
  )
  writeFileSync(
    join(dir, 'credited.txt'),
    article(
      'Rusia ingin dialog, kata Kremlin',
      'Bandung - Para diplomat kedua negara kembali bertemu setelah jeda panjang tahun lalu di Eropa.',
      SEED_002[6]!,
      SEED_002[12]!,
      'Sumber: Anadolu'
    )
  )
  // Seed 003 names no agency: sharing its text shares no agency.
  writeFileSync(
    join(dir, 'from-003.txt'),
    article(
      'Lavrov soal Korea Utara',
      'Surabaya - Sikap Moskow terhadap semenanjung Korea kembali ditegaskan oleh menterinya pekan ini.',
      SEED_003[2]!,
      SEED_003[3]!
    )
  )
  writeFileSync(join(dir, 'empty.txt'), '')
  const result = await runCorpus({inputs: [dir], index: join(dir, '..', `${dir.split('/').pop()}.sqlite`)})
  reports = Object.fromEntries(result.articles.map((entry) => [entry.input.relative, entry.report!]))
})

const policy = (changes: Partial<Policy>): Policy => ({...DEFAULT_POLICY, ...changes})

describe('uncredited reuse', () => {
  it('flags each paragraph copied from agency copy without credit, at the shared passage, pointing at the source', () => {
    const flagged = uncreditedReuse(reports['copied.txt']!)
    expect(flagged.map(({block}) => block.lines[0])).toEqual([5, 7])
    expect(flagged.map(({agencies}) => agencies)).toEqual([
      ['anadolu', 'antara'],
      ['anadolu', 'antara']
    ])
    const verdict = judgeArticle({report: reports['copied.txt']!, failures: []}, policy({failOn: ['uncredited-reuse']}))
    const findings = verdict.findings.filter((finding) => finding.ruleId === 'uncredited-reuse')
    expect(findings.map((finding) => [finding.severity, finding.line, finding.column])).toEqual([
      ['error', 5, 1],
      ['error', 7, 1]
    ])
    // The same paragraphs also stand in credited.txt, which credits Anadolu: both are named.
    expect(findings[0]!.related).toEqual([
      {article: '002_756809b8681f022c.txt', path: '002_756809b8681f022c.txt', block: 'b7', line: 7},
      {article: 'credited.txt', path: 'credited.txt', block: 'b5', line: 5}
    ])
    expect(findings[0]!.reason).toBe(
      'text reused from 002_756809b8681f022c.txt:7, credited.txt:5, whose text comes from anadolu, antara; this article credits no agency for it'
    )
    expect(verdict.failed).toBe(true)
  })

  it('is only a warning unless the policy fails on it', () => {
    const verdict = judgeArticle({report: reports['copied.txt']!, failures: []}, DEFAULT_POLICY)
    expect(verdict.findings.filter((finding) => finding.ruleId === 'uncredited-reuse').map((finding) => finding.severity)).toEqual(['warning', 'warning'])
    expect(verdict.failed).toBe(false)
  })

  it('does not flag an article that credits an agency for the copied text in its own words', () => {
    expect(reports['credited.txt']!.summary.agencies).toHaveProperty('anadolu')
    expect(uncreditedReuse(reports['credited.txt']!)).toEqual([])
    expect(uncreditedShare(reports['credited.txt']!)).toBe(0)
  })

  it('does not flag text shared with an article that names no agency', () => {
    expect(reports['from-003.txt']!.summary.reused).toBeGreaterThan(0.5)
    expect(uncreditedReuse(reports['from-003.txt']!)).toEqual([])
  })

  it('flags the seed that prints Anadolu copy credited only in another seed (gold: 000 is uncredited Anadolu copy)', () => {
    expect(uncreditedReuse(reports['000_0ff0c87b60d874fd.txt']!).length).toBeGreaterThan(5)
    expect(uncreditedReuse(reports['001_fbe5a5956e437734.txt']!)).toEqual([])
    expect(uncreditedReuse(reports['002_756809b8681f022c.txt']!)).toEqual([])
  })

  it('measures the uncredited share as part of the reused share, and fails over the threshold', () => {
    const report = reports['copied.txt']!
    const share = uncreditedShare(report)!
    expect(share).toBeGreaterThan(0.5)
    expect(share).toBeLessThanOrEqual(report.summary.reused!)
    const over = judgeArticle({report, failures: []}, policy({maxUncreditedShare: 0.5}))
    expect(over.findings.find((finding) => finding.ruleId === 'uncredited-share')).toMatchObject({severity: 'error', line: 1})
    expect(over.failed).toBe(true)
    const under = judgeArticle({report, failures: []}, policy({maxUncreditedShare: 0.95}))
    expect(under.findings.map((finding) => finding.ruleId)).not.toContain('uncredited-share')
    expect(under.failed).toBe(false)
  })
})

describe('other findings', () => {
  it('names an article with no recognised outlet, and one outside the allowed outlets', () => {
    const unknown = judgeArticle({report: reports['copied.txt']!, failures: []}, policy({failOn: ['unknown-outlet']}))
    expect(unknown.findings.find((finding) => finding.ruleId === 'unknown-outlet')).toMatchObject({
      severity: 'error',
      reason: 'no outlet recognised in the text',
      line: 1
    })
    const known = reports['002_756809b8681f022c.txt']!
    expect(judgeArticle({report: known, failures: []}, policy({failOn: ['unknown-outlet']})).failed).toBe(false)
    const outside = judgeArticle({report: known, failures: []}, policy({failOn: ['unknown-outlet'], allowedOutlets: ['antaranews']}))
    expect(outside.findings[0]).toMatchObject({ruleId: 'unknown-outlet', reason: 'outlet "rakyatnews" is not one of the allowed outlets (antaranews)'})
  })

  it('fails a broken file by default, as an input error, and passes it with --fail-on none', () => {
    expect(reports['empty.txt']).toBeUndefined()
    const failures = [{reason: 'file is empty', ruleId: 'input/empty', line: null, column: null}]
    const verdict = judgeArticle({report: undefined, failures}, DEFAULT_POLICY)
    expect(verdict.findings).toEqual([
      {
        ruleId: 'input-error',
        severity: 'error',
        reason: 'file is empty (input/empty)',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        related: [],
        identity: 'input-error\u0000file is empty (input/empty)'
      }
    ])
    expect(verdict.failed).toBe(true)
    expect(judgeArticle({report: undefined, failures}, policy({failOn: []})).failed).toBe(false)
    const slow = judgeArticle(
      {report: undefined, failures: [{reason: 'the rules took too long', ruleId: 'rules/time-budget', line: null, column: null}]},
      DEFAULT_POLICY
    )
    expect(slow.findings[0]!.ruleId).toBe('rule-error')
  })

  it('passes a clean seed under the default policy', () => {
    const verdict = judgeArticle({report: reports['002_756809b8681f022c.txt']!, failures: []}, DEFAULT_POLICY)
    expect(verdict).toEqual({findings: [], uncreditedShare: 0, failed: false})
  })
})
