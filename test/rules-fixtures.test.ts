import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_FAILED, EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {cli} from './helpers/rules-cli.ts'

const FIXTURE = 'test/fixtures/rules/fixture'
const ARTICLE = `${FIXTURE}/tests/arrahmah.txt`

/** A copy of the fixture folder whose expected decisions are rewritten by `edit`. */
function withExpected(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-fixture-'))
  cpSync(FIXTURE, dir, {recursive: true})
  const expected = join(dir, 'tests', 'arrahmah.expected.yaml')
  writeFileSync(expected, edit(readFileSync(expected, 'utf8')))
  return dir
}

describe('whole-file fixtures (NAME.txt beside NAME.expected.yaml), run by rules test', () => {
  it('pass when every line gets the role, rule, cuts and captures its expected file says', async () => {
    const {code, stdout} = await cli(['rules', 'test', FIXTURE])
    expect(stdout).toContain('✓ fixture:test/fixtures/rules/fixture/tests/arrahmah.txt (9 lines, test/fixtures/rules/fixture/tests/arrahmah.expected.yaml:1)')
    expect(stdout).toContain('3 rules, 1 outlet, 9 examples, 1 fixture: all pass')
    expect(code).toBe(EXIT_OK)
  })

  it('name each line that comes out otherwise at its place in the expected file, and exit 1', async () => {
    const dir = withExpected((text) =>
      text
        .replace('outlet: arrahmah', 'outlet: detik')
        .replace('1: { role: boilerplate, rule: arrahmah/loading }', '1: { role: meta, rule: arrahmah/loading }')
        .replace('cut: [ "ANKARA (Arrahmah.com) - " ]', 'cut: [ "ANKARA - " ]')
        .replace('captured: { byline: fath }', 'captured: { byline: Fath }')
        .replace(/^ {2}12: .*\n/m, '')
    )
    const {code, stdout} = await cli(['rules', 'test', dir, '--json'])
    expect(code).toBe(EXIT_FAILED)
    const fixture = (
      JSON.parse(stdout) as Array<{what: string; failures: Array<{at: {line: number}; message: string; expected?: string; actual?: string}>}>
    ).find((result) => result.what === 'fixture')!
    expect(fixture.failures.map(({at, message, expected, actual}) => ({line: at.line, message, expected, actual}))).toEqual([
      {line: 3, message: 'the article is not recognised as the expected outlet', expected: 'detik', actual: 'arrahmah'},
      {
        line: 4,
        message: 'line 12 is not listed: it gets the role body (by generic/paragraph); list every line with text',
        expected: undefined,
        actual: undefined
      },
      {line: 5, message: 'the line gets the role boilerplate (by arrahmah/loading)', expected: 'meta', actual: 'boilerplate'},
      {line: 11, message: 'the spans cut from the line are not the expected ones', expected: '["ANKARA - "]', actual: '["ANKARA (Arrahmah.com) - "]'},
      {line: 12, message: 'the fields captured from the line are not the expected ones', expected: '{"byline":"Fath"}', actual: '{"byline":"fath"}'}
    ])
  })

  it('run only the fixture --rule names, by its id', async () => {
    const {stdout} = await cli(['rules', 'test', FIXTURE, '--rule', `fixture:${ARTICLE}`])
    expect(stdout).toContain('1 fixture: all pass')
    expect(stdout).not.toContain('arrahmah/dateline')
  })

  it('stop with exit 2 on a malformed expected file, at its line and column', async () => {
    const dir = withExpected((text) => text.replace('3: { role: title }', '3: { role: headline }'))
    const {code, stderr} = await cli(['rules', 'test', dir])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toMatch(
      /tests\/arrahmah\.expected\.yaml:6:6: lines\.3: give the line's role \(title, dek, meta, body, boilerplate\) or \{role, rule, cut, captured\}\n$/
    )
  })

  it('are checked by rules check too: their schema, and the article beside them', async () => {
    const dir = withExpected((text) => text.replace('3: { role: title }', '3: { role: headline }'))
    rmSync(join(dir, 'tests', 'arrahmah.txt'))
    const {code, stdout} = await cli(['rules', 'check', dir])
    expect(code).toBe(EXIT_USAGE)
    expect(stdout).toContain("tests/arrahmah.expected.yaml:1:1: error a fixture's article is the .txt file of the same name beside it; there is no ")
    expect(stdout).toMatch(/tests\/arrahmah\.expected\.yaml:6:6: error lines\.3: give the line's role/)
    expect(stdout).toMatch(/\n2 files, 3 rules: 2 errors, 0 warnings\n$/)
  })
})

describe('rules new OUTLET --from ARTICLE', () => {
  it('writes a rule file and a fixture from the article that pass rules test and rules check at once', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wiretrace-new-')), 'my-rules')
    const made = await cli(['rules', 'new', 'arrahmah', '--from', ARTICLE, '--dir', dir, '--name', 'Arrahmah', '--domain', 'arrahmah.id', '--no-config'])
    expect(made.code).toBe(EXIT_OK)
    const ruleFile = readFileSync(join(dir, 'arrahmah.yaml'), 'utf8')
    expect(ruleFile).toMatch(/^# yaml-language-server: \$schema=\S+\/schema\/rules\.schema\.json\n/)
    // Recognised where the article names it in a dateline; the one boilerplate line the generic stage had to guess becomes a rule.
    expect(ruleFile).toContain('(?<![\\p{L}\\p{N}])Arrahmah\\.com(?![\\p{L}\\p{N}])')
    expect(ruleFile).toContain('pattern: ^Memuat\\.\\.\\.$')
    expect(readFileSync(join(dir, 'tests', 'arrahmah.txt'), 'utf8')).toBe(readFileSync(ARTICLE, 'utf8'))
    expect(readFileSync(join(dir, 'tests', 'arrahmah.expected.yaml'), 'utf8')).toContain(
      '1: { role: boilerplate, rule: arrahmah/boilerplate-line } # Memuat...'
    )
    const tested = await cli(['rules', 'test', dir, '--no-config'])
    expect(tested.stdout).toContain('1 rule, 1 outlet, 4 examples, 1 fixture: all pass')
    expect(tested.code).toBe(EXIT_OK)
    const checked = await cli(['rules', 'check', dir, '--no-config'])
    expect(checked.stdout).toBe('2 files, 1 rule: 0 errors, 0 warnings\n')
    const again = await cli(['rules', 'new', 'arrahmah', '--from', ARTICLE, '--dir', dir, '--no-config'])
    expect(again.code).toBe(EXIT_USAGE)
    expect(again.stderr).toMatch(/arrahmah\.yaml exists; rules new never overwrites a file\n$/)
  })

  it('refuses an article that never names the outlet, saying what to give', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wiretrace-new-')), 'my-rules')
    const {code, stderr} = await cli(['rules', 'new', 'contoh', '--from', ARTICLE, '--dir', dir, '--no-config'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toBe(`wiretrace: no line of ${ARTICLE} names "contoh"; give the name the site prints (--name), or start from an article that prints it\n`)
  })
})

describe('the README walkthrough', () => {
  it('writes the rule file this folder holds, so its examples and fixture test the README', () => {
    const readme = readFileSync('README.md', 'utf8')
    const block = /```yaml\n(# yaml-language-server: \$schema=\.\/rules\.schema\.json\ndescription: Arrahmah[\s\S]*?)```/.exec(readme)![1]!
    expect(readFileSync(`${FIXTURE}/arrahmah.yaml`, 'utf8')).toBe(block.replace('$schema=./rules.schema.json', '$schema=../../../../schema/rules.schema.json'))
  })
})
