import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_FAILED, EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {loadRules} from '../core/rules/load.ts'
import {testRuleSet} from '../core/rules/tester.ts'
import {cli} from './helpers/rules-cli.ts'

const FIXTURES = 'test/fixtures/rules'

describe('rules test', () => {
  it('passes on the built-in rules', async () => {
    const {code, stdout} = await cli(['rules', 'test'])
    expect(stdout).toMatch(/\n\d+ rules, \d+ outlets, \d+ exceptions?, \d+ citations, \d+ lexicons, \d+ examples: all pass\n/)
    expect(code).toBe(EXIT_OK)
  })

  it('names each failing example at its file:line:column, with what was expected, and exits 1', async () => {
    const {code, stdout} = await cli(['rules', 'test', `${FIXTURES}/failing`])
    expect(code).toBe(EXIT_FAILED)
    expect(stdout).toContain('✗ mistakes/watch-video')
    expect(stdout).toContain('test/fixtures/rules/failing/mistakes.yaml:9:11: must match, but the rule does not fire on it')
    expect(stdout).toContain('example:  "Tonton video: Banjir di Jakarta"')
    expect(stdout).toContain('test/fixtures/rules/failing/mistakes.yaml:11:11: must not match, but the rule fires on it')
    expect(stdout).toContain('actual:   "Simak video"')
    expect(stdout).toContain('3 rules, 8 examples: 5 failing examples in 3 of them')
  })

  it("runs the examples of a folder's citation phrases and lexicons, naming a failing one at its file, and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-citations-'))
    const agencies = (example: string) =>
      [
        'citations:',
        '  - id: nl-aldus',
        '    language: nl',
        "    description: 'the agency said so'",
        "    pattern: '\\baldus\\s+{agency}'",
        '    examples:',
        `      match: [{text: '${example}', agency: anp, from: hand-written example}]`,
        "      noMatch: [{text: 'ANP bestaat sinds 1934.', from: hand-written negative}]",
        ''
      ].join('\n')
    writeFileSync(join(dir, 'agencies.yaml'), agencies('Het vuur woedde urenlang, aldus ANP.'))
    const passing = await cli(['rules', 'test', dir])
    expect(passing.stdout).toContain('✓ agencies/nl-aldus (2 examples')
    expect(passing.stdout).toContain('1 citation, 2 examples: all pass')
    expect(passing.code).toBe(EXIT_OK)
    writeFileSync(join(dir, 'agencies.yaml'), agencies('Het vuur woedde urenlang, meldt ANP.'))
    const failing = await cli(['rules', 'test', dir])
    expect(failing.stdout).toContain('✗ agencies/nl-aldus')
    expect(failing.stdout).toMatch(
      /agencies\.yaml:2:5: does not credit the agency it must\n\s+example: {2}"Het vuur woedde urenlang, meldt ANP\."\n\s+expected: "anp"\n\s+actual: {3}"nothing"/
    )
    expect(failing.code).toBe(EXIT_FAILED)
  })

  it('compares the clean text of a span rule', () => {
    const [, dateline] = testRuleSet(loadRules({builtin: false, dirs: [`${FIXTURES}/failing`]}))
    expect(dateline!.failures).toContainEqual(
      expect.objectContaining({
        message: 'the line once the span is cut is not the expected clean text',
        expected: 'Presiden berkata.',
        actual: 'Presiden berkata'
      })
    )
  })

  it('treats a duplicate example and a cut-span example on a block rule as errors', () => {
    const results = testRuleSet(loadRules({builtin: false, dirs: [`${FIXTURES}/failing`]}))
    const messages = results.flatMap((result) => result.failures.map((failure) => `${result.id} ${failure.at.line}: ${failure.message}`))
    expect(messages).toContain('mistakes/site-dateline 20: duplicate example: the same line is already given under noMatch')
    expect(messages).toContain('mistakes/tags 26: clean shows a cut span: it is for span rules and end rules with keepMarker; leave it out')
  })

  it('checks what a rule captures: the value of its field and the agency of its evidence, each failure at its key', () => {
    const results = testRuleSet(loadRules({builtin: false, dirs: [`${FIXTURES}/captures`]}))
    const failures = results.flatMap((result) =>
      result.failures.map((failure) => ({
        id: result.id,
        line: failure.at.line,
        column: failure.at.column,
        message: failure.message,
        expected: failure.expected,
        actual: failure.actual
      }))
    )
    expect(results.filter((result) => result.failures.length === 0).map((result) => result.id)).toEqual(['captures/dateline', 'captures/credit'])
    expect(failures).toEqual([
      {id: 'captures/sign-off', line: 32, column: 47, message: 'the byline the rule captures is not the expected value', expected: 'Ade', actual: 'ade'},
      {
        id: 'captures/loading',
        line: 40,
        column: 38,
        message: "value is what the rule's field captures, but the rule has no field",
        expected: undefined,
        actual: undefined
      },
      {id: 'captures/wire-credit', line: 50, column: 39, message: 'the agency the rule captures is not the expected agency', expected: 'AFP', actual: 'Reuters'}
    ])
  })

  it('stops with exit 2 at the first error of a malformed file, by file:line:column', async () => {
    const {code, stderr} = await cli(['rules', 'test', `${FIXTURES}/malformed`])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/^wiretrace: test\/fixtures\/rules\/malformed\/bad-pattern\.yaml:4:14: invalid pattern/)
  })

  it('tests only the rules of the folder it is given, resolving their references to built-in files', async () => {
    const {code, stdout} = await cli(['rules', 'test', `${FIXTURES}/overlay`])
    expect(code).toBe(EXIT_OK)
    expect(stdout).toContain('✓ my-republika/reporter-editor')
    expect(stdout).toContain('✓ my-republika/exception:republika/photo-credit')
    expect(stdout).not.toContain('common-id/read-also')
    expect(stdout).toContain('1 rule, 1 exception, 4 examples: all pass')
  })

  it('exits 2 for a folder that does not exist', async () => {
    const {code, stderr} = await cli(['rules', 'test', `${FIXTURES}/no-such-folder`])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toBe('wiretrace: no folder of rule files at test/fixtures/rules/no-such-folder\n')
  })
})

describe('rules schema', () => {
  it('prints the JSON Schema of the rule format', async () => {
    const {code, stdout} = await cli(['rules', 'schema'])
    expect(code).toBe(EXIT_OK)
    const schema = JSON.parse(stdout)
    expect(schema.title).toBe('wiretrace cleaning rule file')
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['extends', 'outlet', 'disable', 'exceptions', 'rules']))
  })
})

describe('an outlet with caseSensitive: true', () => {
  const file = (caseSensitive: boolean) =>
    [
      'description: Contoh, whose datelines are a city in capitals.',
      'outlet:',
      '  id: contoh',
      '  name: Contoh',
      `  caseSensitive: ${caseSensitive}`,
      "  recognise: ['^\\p{Lu}+ \\(Contoh\\) -']",
      '  examples:',
      "    match: ['JAKARTA (Contoh) - Presiden berbicara.']",
      "    noMatch: ['jakarta (contoh) - kata dia.']",
      'rules: []',
      ''
    ].join('\n')

  it('matches letter case exactly in its recognise patterns; without it they ignore case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-case-'))
    writeFileSync(join(dir, 'contoh.yaml'), file(true))
    expect((await cli(['rules', 'test', dir, '--no-config'])).code).toBe(0)
    writeFileSync(join(dir, 'contoh.yaml'), file(false))
    const ignoring = await cli(['rules', 'test', dir, '--no-config'])
    expect(ignoring.code).toBe(1)
    expect(ignoring.stdout).toContain('must not be recognised as Contoh')
  })
})

describe('rules test --rule and --json', () => {
  it('tests only the rules asked for, by full id or file, prints JSON, and refuses an id that names nothing', async () => {
    const dir = 'test/fixtures/user-repo/rules/local'
    const one = await cli(['rules', 'test', dir, '--no-config', '--rule', 'contoh/sign-off', '--json'])
    expect(one.code).toBe(0)
    expect(JSON.parse(one.stdout).map((result: {id: string; failures: unknown[]}) => [result.id, result.failures.length])).toEqual([['contoh/sign-off', 0]])
    const file = await cli(['rules', 'test', dir, '--no-config', '--rule', 'contoh'])
    expect(file.stdout).toContain('1 rule, 1 outlet, 4 examples: all pass')
    const unknown = await cli(['rules', 'test', dir, '--no-config', '--rule', 'contoh/sign-of'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe('wiretrace: --rule "contoh/sign-of" names no rule, outlet, file or fixture tested here\n')
  })
})
