/**
 * A user folder overlays the built-in rules without copying them:
 * `extends` adds rules to a built-in outlet file's scope, `disable` switches
 * built-in rules off, `exceptions` keep a built-in rule off some lines.
 * Real Republika text from the shared corpus (069, 068).
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {processBytes} from '../run/article.ts'
import {collectRules, loadRules} from '../core/rules/load.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'

const OVERLAY = 'test/fixtures/rules/overlay'
const republika = readFileSync('test/fixtures/corpus/069_republika-setnov-media-asing.txt', 'utf8')

async function report(text: string, dirs: string[]): Promise<Report> {
  const processor = createProcessor(loadPipelineData({dirs}))
  const file = await processBytes(processor, new TextEncoder().encode(text), {relative: 'a.txt', display: 'a.txt'})
  return file.data.report!
}

const onLine = (result: Report, line: number) => result.blocks.find((block) => block.lines[0] === line)!

describe('a rule file that extends a built-in outlet file', () => {
  it('adds its rules to that outlet, under its own name', async () => {
    const before = onLine(await report(republika, []), 5)
    const after = onLine(await report(republika, [OVERLAY]), 5)
    expect(before.ruleId).not.toBe('my-republika/reporter-editor')
    expect(after).toMatchObject({role: 'meta', ruleId: 'my-republika/reporter-editor'})
  })

  it('applies them only to articles of that outlet', async () => {
    const elsewhere = 'Judul berita di situs lain\nRep: Rizkyan Adiyudha/ Red: Teguh Firmansyah\nIsi berita yang panjang dan biasa.\n'
    expect(onLine(await report(elsewhere, [OVERLAY]), 2).ruleId).not.toBe('my-republika/reporter-editor')
  })

  it('gives the user rules the first say over the built-in rules of the same scope', () => {
    const {rules} = loadRules({dirs: [OVERLAY]})
    const ids = rules.map((rule) => rule.id)
    expect(ids.indexOf('my-republika/reporter-editor')).toBeLessThan(ids.indexOf('republika/dateline'))
    expect(rules.find((rule) => rule.id === 'my-republika/reporter-editor')!.outlet).toBe('republika')
  })
})

describe('exceptions and disable', () => {
  it('keep a built-in rule off the lines the exception matches, and only those', async () => {
    const text = readFileSync('test/fixtures/corpus/068_republika-setnov-media-malaysia.txt', 'utf8')
    expect(onLine(await report(text, []), 6).ruleId).toBe('republika/photo-credit')
    expect(onLine(await report(text, [OVERLAY]), 6).ruleId).not.toBe('republika/photo-credit')
    expect(onLine(await report(republika, [OVERLAY]), 7).ruleId).toBe('republika/photo-credit')
  })

  it('switch a built-in rule off by its full id', async () => {
    const text = 'Judul berita yang cukup panjang\n21 jam lalu\nIsi berita yang panjang dan biasa saja.\n'
    expect(onLine(await report(text, []), 2).ruleId).toBe('common/relative-time')
    expect(onLine(await report(text, [OVERLAY]), 2).ruleId).not.toBe('common/relative-time')
  })

  it('must name a rule that exists', () => {
    const {problems} = collectRules({dirs: ['test/fixtures/rules/duplicate-id']})
    expect(problems[0]!.reason).toBe('cannot disable: there is no rule "common-id/read-allso"; did you mean "common-id/read-also"?')
  })
})

describe('mistakes in an overlay', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-overlay-'))
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
    return dir
  }
  const reasons = (dir: string) => collectRules({dirs: [dir]}).problems.map((problem) => `${problem.line}:${problem.column} ${problem.reason}`)

  it('extending a file that does not exist is an error with a did-you-mean', () => {
    expect(reasons(folder({'mine.yaml': 'extends: republik\n'}))).toEqual([
      '1:10 extends "republik", but there is no rule file of that name; did you mean "republika"? (name a file without folder or extension)'
    ])
  })

  it('two files extending each other is an error', () => {
    const dir = folder({'one.yaml': 'extends: two\n', 'two.yaml': 'extends: one\n'})
    expect(reasons(dir)).toEqual([
      '1:10 extends "two", which extends this file back; a chain of extends must end at a file that does not extend another',
      '1:10 extends "one", which extends this file back; a chain of extends must end at a file that does not extend another'
    ])
  })

  it('describing a built-in outlet again, instead of extending it, is an error that says how to extend', () => {
    const dir = folder({
      'republika-mine.yaml':
        "outlet:\n  id: republika\n  name: Republika\n  recognise: ['^REPUBLIKA']\n  examples: {match: ['REPUBLIKA.CO.ID, JAKARTA --'], noMatch: ['x']}\n"
    })
    expect(reasons(dir)).toEqual([
      '2:7 outlet "republika" is already described by rules/outlets/republika.yaml; to add rules to it, write "extends: republika" instead of an outlet block'
    ])
  })

  it('an outlet block and extends in one file is an error', () => {
    const dir = folder({
      'both.yaml': "extends: republika\noutlet:\n  id: mine\n  name: Mine\n  recognise: ['^MINE']\n  examples: {match: ['MINE -'], noMatch: ['x']}\n"
    })
    expect(reasons(dir)).toEqual(['1:10 extends: a file either describes an outlet (outlet:) or extends another file (extends:), not both'])
  })
})
