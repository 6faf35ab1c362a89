import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fg from 'fast-glob'
import {describe, expect, it} from 'vitest'
import {EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {polynomialRisk} from '../core/rules/backtracking.ts'
import {checkRules} from '../run/rules-check.ts'
import {rulesJsonSchema} from '../core/rules/schema.ts'
import {cli} from './helpers/rules-cli.ts'

const FIXTURES = 'test/fixtures/rules'

describe('rules check', () => {
  it('passes on the built-in rules', async () => {
    const {code, stdout} = await cli(['rules', 'check'])
    expect(stdout).toMatch(/^\d+ files, \d+ rules: 0 errors, 0 warnings\n$/)
    expect(code).toBe(EXIT_OK)
  })

  it('reports every problem of every file at once, at file:line:column, with a did-you-mean for a misspelt key', async () => {
    const {code, stdout} = await cli(['rules', 'check', `${FIXTURES}/malformed`])
    expect(code).toBe(EXIT_USAGE)
    expect(stdout.split('\n')).toEqual([
      'test/fixtures/rules/malformed/bad-pattern.yaml:4:14: error invalid pattern: Invalid regular expression: /^Baca (juga:/iu: Unterminated group',
      'test/fixtures/rules/malformed/bad-rules.yaml:6:5: error rules.0: unknown key "patern"; did you mean "pattern"?',
      'test/fixtures/rules/malformed/bad-rules.yaml:11:11: error rules.1.kind: Invalid option: expected one of "block"|"span"|"end"',
      'test/fixtures/rules/malformed/bad-rules.yaml:16:5: error rules.2.examples: examples are required: lines it must match (match) and lines it must not (noMatch)',
      '2 files, 0 rules: 4 errors, 0 warnings',
      ''
    ])
  })

  it("warns, at the pattern's line and column, about two unbounded repetitions side by side that take the same characters", () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-poly-'))
    writeFileSync(
      join(dir, 'slow.yaml'),
      [
        'description: a rule slow as a power of the line',
        'rules:',
        '  - id: trailing-space',
        '    kind: block',
        '    role: boilerplate',
        '    description: spaces and more spaces',
        "    pattern: '^Baca juga:\\s*\\s*$'",
        '    examples:',
        "      match: ['Baca juga:  ']",
        "      noMatch: ['Baca juga: berita lain']",
        ''
      ].join('\n')
    )
    const {problems} = checkRules({dirs: [dir]}, (file) => file.includes('slow.yaml'))
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 7,
        column: 14,
        reason: expect.stringMatching(/^can be slow as a power of the line's length: "\\s\*" and the repetition after it at character 15/)
      })
    ])
  })

  it('tells polynomial patterns from safe ones', () => {
    for (const slow of ['\\s*\\s*$', 'a*a*a*b', '\\w+\\d*x', '.*[a-z]+$', '\\p{Lu}{2,}[\\p{Lu}&-]*$', 'x{2,}x+'])
      expect(polynomialRisk(slow), slow).toBeDefined()
    for (const safe of ['^Baca juga:\\s*', '\\s*[-–—]\\s*', '\\d+\\s+\\w+', '[A-Z]+[a-z]+', '\\s*\\S+', '(a+)(a+)', '\\p{Lu}\\p{Lu}[\\p{Lu}&-]*$', 'a{2,5}a*'])
      expect(polynomialRisk(safe), safe).toBeUndefined()
  })

  it('reports duplicate rule ids and names of rules that do not exist, with a did-you-mean', () => {
    const {problems} = checkRules({dirs: [`${FIXTURES}/duplicate-id`]}, (file) => file.startsWith(FIXTURES))
    expect(problems.map(({line, column, reason}) => `${line}:${column} ${reason}`)).toEqual([
      '1:11 cannot disable: there is no rule "common-id/read-allso"; did you mean "common-id/read-also"?',
      '9:9 duplicate rule id "sign-off"'
    ])
  })

  it('warns about rules that another rule shadows, the built-in ones too', () => {
    const {problems} = checkRules({dirs: [`${FIXTURES}/shadow`]}, (file) => file.startsWith(FIXTURES))
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 2,
        reason: expect.stringMatching(/^common-id\/read-also never gets a say on its examples: shadow\/any-teaser/)
      }),
      expect.objectContaining({
        severity: 'warning',
        line: 8,
        reason: expect.stringMatching(/^shadow\/read-also-again never gets a say on its examples: shadow\/any-teaser/)
      })
    ])
  })

  it('refuses a pattern that can backtrack catastrophically, with the reason', async () => {
    const {code, stdout} = await cli(['rules', 'check', `${FIXTURES}/catastrophic`])
    expect(code).toBe(EXIT_USAGE)
    expect(stdout).toContain(
      'test/fixtures/rules/catastrophic/evil.yaml:6:14: error can backtrack catastrophically: a group repeated without bound contains another repetition'
    )
  })

  it('refuses a catastrophic recognise pattern of an outlet too', () => {
    const {problems} = checkRules({dirs: [`${FIXTURES}/catastrophic-recognise`]}, (file) => file.startsWith(FIXTURES))
    expect(problems).toEqual([
      expect.objectContaining({severity: 'error', line: 6, column: 7, reason: expect.stringContaining('can backtrack catastrophically')})
    ])
  })

  it('checks an overlay against the built-in files it names and finds nothing wrong', async () => {
    const {code, stdout} = await cli(['rules', 'check', `${FIXTURES}/overlay`])
    expect(stdout).toBe('1 file, 1 rule: 0 errors, 0 warnings\n')
    expect(code).toBe(EXIT_OK)
  })

  it('exits 2 when the folder does not exist', async () => {
    const {code, stderr} = await cli(['rules', 'check', `${FIXTURES}/no-such-folder`])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toBe('wiretrace: no folder of rule files at test/fixtures/rules/no-such-folder\n')
  })
})

describe('rule file schema', () => {
  it('is committed, current, in schema/rules.schema.json', () => {
    expect(JSON.parse(readFileSync('schema/rules.schema.json', 'utf8'))).toEqual(rulesJsonSchema())
  })

  it('is named at the top of every built-in rule file, for editors', () => {
    const files = fg.sync('rules/**/*.yaml', {
      ignore: ['rules/calendar.yaml', 'rules/agencies.yaml', 'rules/generic.yaml', 'rules/reuse.yaml', 'rules/translation.yaml']
    })
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const depth = file.split('/').length - 1
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe(`# yaml-language-server: $schema=${'../'.repeat(depth)}schema/rules.schema.json`)
    }
  })
})

describe('rules check on the data files a run loads', () => {
  it('checks the built-in data files when given no folder, as the built-in rule files', () => {
    const {files, problems} = checkRules({})
    for (const name of ['agencies.yaml', 'generic.yaml', 'calendar.yaml', 'translation.yaml', 'reuse.yaml']) expect(files).toContain(`rules/${name}`)
    expect(problems).toEqual([])
  })

  it('reports a typo in generic.yaml or agencies.yaml with exit code 2, as run would stop at it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-data-files-'))
    writeFileSync(join(dir, 'generic.yaml'), 'thresholds:\n  shortChar: 60\n')
    writeFileSync(join(dir, 'agencies.yaml'), 'agencies:\n  - id: lusa\n    nam: Lusa\n')
    const {code, stdout} = await cli(['rules', 'check', dir])
    expect(code).toBe(EXIT_USAGE)
    const lines = stdout.trim().split('\n')
    expect(lines.at(-1)).toBe('2 files, 0 rules: 2 errors, 0 warnings')
    expect(lines[0]).toMatch(/agencies\.yaml:3:5: error .*unknown key "nam"; did you mean "name"\?/)
    expect(lines[1]).toMatch(/generic\.yaml:2:3: error .*unknown key "shortChar"; did you mean "shortChars"\?/)
  })

  it('reports a mistake in translation.yaml too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-data-files-'))
    writeFileSync(join(dir, 'translation.yaml'), 'minCoverage: 0.4\nmaxDf: -1\n')
    const {code, stdout} = await cli(['rules', 'check', dir])
    expect(code).toBe(EXIT_USAGE)
    expect(stdout).toMatch(/translation\.yaml:2:8: error maxDf: /)
    expect(stdout).toMatch(/\n1 file, 0 rules: 1 error, 0 warnings\n$/)
  })
})
