/**
 * Rule files are data from users, and a user folder may come from anyone:
 * each of these hostile files must be refused with a reason (or, for a slow
 * pattern the analyser cannot see, stopped by the time budget) and nothing
 * else may happen.
 */
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {EXIT_USAGE} from '../cli/wiretrace.ts'
import {TIME_BUDGET_RULE} from '../pipeline/boilerplate.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {backtrackingRisk} from '../core/rules/backtracking.ts'
import {BUDGET_CHARS, scaledBudgetMs} from '../core/rules/budget.ts'
import {collectRules, loadRules} from '../core/rules/load.ts'
import {MAX_DATA_FILE_BYTES} from '../core/rules/yaml-file.ts'
import {runCorpus} from '../run/run.ts'
import {cli} from './helpers/rules-cli.ts'

const FIXTURES = 'test/fixtures/rules'
let work: string

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'wiretrace-rules-'))
})

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted
})

/** The first error loading a folder of rules on top of the built-in ones, as `run` would stop with it. */
function refusal(dir: string): string {
  try {
    loadRules({dirs: [dir]})
  } catch (error) {
    return (error as Error).message
  }
  return 'loaded'
}

describe('a hostile rule file', () => {
  it('with a catastrophic pattern is refused by run, with the reason, before any article is read', async () => {
    const {code, stderr} = await cli(['run', 'seeds', '--rules', `${FIXTURES}/catastrophic`, '--out', join(work, 'out'), '--no-index'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/^wiretrace: test\/fixtures\/rules\/catastrophic\/evil\.yaml:6:14: can backtrack catastrophically/)
  })

  it('with a pattern too slow for the analyser to see fails only the file it stalls on, and the run goes on', async () => {
    const corpus = join(work, 'corpus')
    mkdirSync(corpus)
    writeFileSync(join(corpus, 'a-stalls.txt'), `Judul berita\n${'a'.repeat(5000)}!\n`)
    writeFileSync(join(corpus, 'b-fine.txt'), 'Judul berita lain\nIsi berita yang biasa saja, tanpa huruf berulang.\n')
    const data = loadPipelineData({dirs: [`${FIXTURES}/slow`], timeBudgetMs: 2000})
    const result = await runCorpus({inputs: [corpus], data})
    const [stalled, fine] = result.articles
    expect(stalled!.file.messages).toContainEqual(
      expect.objectContaining({fatal: true, ruleId: TIME_BUDGET_RULE, reason: expect.stringContaining('the rules took longer than 2000 ms on this file')})
    )
    expect(stalled!.failed).toBe(true)
    expect(stalled!.report).toBeUndefined()
    expect(result.failed).toBe(1)
    expect(fine!.report?.blocks.map((block) => block.role)).toEqual(['title', 'body'])
    expect(fine!.file.messages.filter((message) => message.fatal)).toEqual([])
  })

  it('stops the article it stalls on in the middle of a batch, and keeps the articles before and after it', async () => {
    const corpus = join(work, 'batch')
    mkdirSync(corpus)
    const fine = 'Isi berita yang biasa saja, tanpa huruf berulang.\n'
    writeFileSync(join(corpus, 'a-fine.txt'), `Judul berita pertama\n${fine}`)
    writeFileSync(join(corpus, 'b-stalls.txt'), `Judul berita\n${'a'.repeat(5000)}!\n`)
    writeFileSync(join(corpus, 'c-fine.txt'), `Judul berita ketiga\n${fine}`)
    const data = loadPipelineData({dirs: [`${FIXTURES}/slow`], timeBudgetMs: 5000})
    const result = await runCorpus({inputs: [corpus], data})
    expect(result.articles.map((article) => [article.input.relative, article.failed])).toEqual([
      ['a-fine.txt', false],
      ['b-stalls.txt', true],
      ['c-fine.txt', false]
    ])
    expect(result.articles[1]!.file.messages.map((message) => message.ruleId)).toEqual([TIME_BUDGET_RULE])
    expect(result.articles[0]!.report?.blocks.map((block) => block.role)).toEqual(['title', 'body'])
  })

  it('gets a budget as large as the article: one per started block of characters, so a large file is not failed for its size', async () => {
    expect(scaledBudgetMs(2000, 0)).toBe(2000)
    expect(scaledBudgetMs(2000, BUDGET_CHARS)).toBe(2000)
    expect(scaledBudgetMs(2000, BUDGET_CHARS + 1)).toBe(4000)
    expect(scaledBudgetMs(10_000, 5 * 1024 * 1024)).toBe(200_000)
    // The same stalling line in an article just over one block: the budget that stops it is twice the base.
    const corpus = join(work, 'long')
    mkdirSync(corpus)
    const filler = 'Isi berita yang biasa saja, tanpa huruf berulang, ditulis sebagai paragraf yang cukup panjang.\n'
    writeFileSync(join(corpus, 'long-stalls.txt'), `Judul berita\n${'a'.repeat(5000)}!\n${filler.repeat(Math.ceil(BUDGET_CHARS / filler.length))}`)
    const data = loadPipelineData({dirs: [`${FIXTURES}/slow`], timeBudgetMs: 1000})
    const [stalled] = (await runCorpus({inputs: [corpus], data})).articles
    expect(stalled!.file.messages).toContainEqual(
      expect.objectContaining({fatal: true, ruleId: TIME_BUDGET_RULE, reason: expect.stringContaining('the rules took longer than 2000 ms on this file')})
    )
  })

  it('that expands aliases without end ("billion laughs") is refused', () => {
    expect(refusal(`${FIXTURES}/laughs`)).toBe(
      'test/fixtures/rules/laughs/laughs.yaml:1:1: cannot expand the file: Excessive alias count indicates a resource exhaustion attack'
    )
  })

  it('with a tag that other loaders turn into code is refused', () => {
    expect(refusal(`${FIXTURES}/tagged`)).toBe(
      'test/fixtures/rules/tagged/tagged.yaml:2:14: Unresolved tag: tag:yaml.org,2002:js/function; data files hold plain values, without tags'
    )
  })

  it('with a __proto__ key is refused and pollutes nothing', () => {
    expect(refusal(`${FIXTURES}/proto`)).toBe('test/fixtures/rules/proto/proto.yaml:2:1: unknown key "__proto__"')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('whose extends names a path is refused: extends takes a rule file name', () => {
    expect(refusal(`${FIXTURES}/extends-path`)).toBe(
      'test/fixtures/rules/extends-path/escape.yaml:2:10: extends: use lower-case letters, digits and dashes (e.g. "read-also")'
    )
  })

  it('that is a link leading outside its folder is refused, not read', () => {
    const outside = join(work, 'outside')
    const dir = join(work, 'rules')
    mkdirSync(outside)
    mkdirSync(dir)
    writeFileSync(join(outside, 'secret.yaml'), 'rules: []\n')
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'secret.yaml'))
    // The target is not named: its path may itself be what a hostile pull request wants to learn.
    expect(refusal(dir)).toMatch(/secret\.yaml:1:1: is a link that leads outside its rules folder; rule files must live in the folder$/)
  })

  it('that is larger than a hand-written file can be is refused unread', () => {
    const dir = join(work, 'big')
    mkdirSync(dir)
    writeFileSync(join(dir, 'big.yaml'), `description: "${'x'.repeat(MAX_DATA_FILE_BYTES)}"\n`)
    expect(refusal(dir)).toMatch(/big\.yaml:1:1: file is \d+ bytes; data files are limited to 1048576$/)
  })

  it('nested deeper than the parser can follow is refused, not a crash', () => {
    const dir = join(work, 'deep')
    mkdirSync(dir)
    writeFileSync(join(dir, 'deep.yaml'), `rules: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)
    expect(refusal(dir)).toMatch(/deep\.yaml:\d+:\d+: Maximum call stack size exceeded$/)
  })

  it('with a pattern longer than any rule needs is refused', () => {
    const dir = join(work, 'long')
    mkdirSync(dir)
    writeFileSync(
      join(dir, 'long.yaml'),
      `rules:\n  - id: long\n    kind: block\n    pattern: '${'a'.repeat(1001)}'\n    examples: {match: [a], noMatch: [b]}\n`
    )
    expect(refusal(dir)).toBe(`${join(dir, 'long.yaml')}:4:14: rules.0.pattern: a pattern is limited to 1000 characters`)
  })

  it('loads nothing from a folder with errors: the whole folder is refused, not half of it', () => {
    const {set, problems} = collectRules({dirs: [`${FIXTURES}/catastrophic`]})
    expect(problems.filter((problem) => problem.severity === 'error')).toHaveLength(1)
    expect(set.rules.some((rule) => rule.id.startsWith('evil/'))).toBe(false)
  })
})

describe('the backtracking analyser', () => {
  it.each(['(a+)+$', '(?:\\s*\\w+)*EVIL$', '(?<v>x+)*', '(?:a{0,25}){2,}', '((a+)+)?', '(?<=x)(?:a+)+'])('refuses %s', (pattern) => {
    expect(backtrackingRisk(pattern)).toMatch(/^can backtrack catastrophically/)
  })

  it.each([
    '^(?:Foto\\s*:\\s*)?[\\p{L} .]{2,40}/[\\p{L} .]{2,40}$',
    '/\\s*(?<agency>\\p{Lu}[\\p{L}.-]*(?:\\s\\p{Lu}[\\p{L}.-]*){0,2})\\.?$',
    '^(?<=x)a+',
    '\\(a+\\)+',
    '[(]a+[)]+'
  ])('lets %s through: optional and bounded groups cannot blow up exponentially', (pattern) => {
    expect(backtrackingRisk(pattern)).toBeUndefined()
  })
})

describe('malformed user rule file in a run', () => {
  it('stops the run with exit 2 and file:line:column: what is wrong', async () => {
    const {code, stderr} = await cli(['run', 'seeds', '--rules', `${FIXTURES}/malformed`, '--out', join(work, 'out'), '--no-index'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toBe(
      'wiretrace: test/fixtures/rules/malformed/bad-pattern.yaml:4:14: invalid pattern: Invalid regular expression: /^Baca (juga:/iu: Unterminated group\n'
    )
  })

  it('names the misspelt key and suggests the right one', async () => {
    const dir = join(work, 'typo')
    mkdirSync(dir)
    writeFileSync(
      join(dir, 'typo.yaml'),
      "rules:\n  - id: teaser\n    kind: block\n    pattern: '^Simak juga:'\n    exampels: {match: ['Simak juga: x'], noMatch: ['y']}\n"
    )
    const {code, stderr} = await cli(['run', 'seeds', '--rules', dir, '--out', join(work, 'out'), '--no-index'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toContain('typo.yaml:5:5: rules.0: unknown key "exampels"; did you mean "examples"?\n')
    expect(collectRules({dirs: [dir]}).problems).toHaveLength(1)
  })
})
