/**
 * One test per way an untrusted pull request or a broken environment got
 * the better of a run: each failed on the code before the fix.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Root as MdastRoot} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {loadAgencies} from '../pipeline/agencies.ts'
import {describeFailure, EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_USAGE, printable, redactCredentials} from '../core/exit-codes.ts'
import {assertOutputsApart, resolveInputs} from '../run/inputs.ts'
import {renderMarkdown} from '../render/markdown.ts'
import {TIME_BUDGET_RULE} from '../core/rules/budget.ts'
import {checkRules} from '../run/rules-check.ts'
import {runCorpus} from '../run/run.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {processBytes} from '../run/article.ts'
import {createProcessor} from '../pipeline/index.ts'
import {cli} from './helpers/rules-cli.ts'

const SEED = readFileSync('seeds/000_0ff0c87b60d874fd.txt', 'utf8')
const SECRET = 'hunter2-do-not-leak'
let work: string

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'wiretrace-security-'))
})

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), {recursive: true})
    writeFileSync(join(dir, path), text)
  }
  mkdirSync(dir, {recursive: true})
  return dir
}

/** A line no pattern below matches quickly: each one is polynomial (five quantifiers in a row) in a run of "a"s. */
const STALLING_LINE = `${'a'.repeat(5000)}!`
const SLOW = 'a*a*a*a*a*b'

describe('1. every user pattern runs under the time budget and the same check', () => {
  const stalls = async (dirs: string[], line = STALLING_LINE) => {
    const corpus = folder('corpus', {
      'stalls.txt': `Judul berita\n${line}\n`,
      'fine.txt': 'Judul berita lain\nIsi berita yang biasa saja, tanpa huruf berulang.\n'
    })
    const data = loadPipelineData({dirs, timeBudgetMs: 2000})
    const result = await runCorpus({inputs: [corpus], data})
    const byName = new Map(result.articles.map((article) => [article.input.relative, article]))
    expect(byName.get('stalls.txt')!.file.messages).toContainEqual(expect.objectContaining({fatal: true, ruleId: TIME_BUDGET_RULE}))
    expect(
      byName
        .get('fine.txt')!
        .file.messages.filter((message) => message.fatal)
        .map((message) => message.reason)
    ).toEqual([])
  }

  it('stops a slow outlet recognise pattern', async () => {
    const rules = folder('rules', {
      'slowoutlet.yaml': `outlet:\n  id: slowoutlet\n  name: Slow\n  recognise: ['^${SLOW}$']\n  examples:\n    match: ['aab']\n    noMatch: ['c']\nrules: []\n`
    })
    await stalls([rules])
  })

  it('stops a slow dateline in generic.yaml', async () => {
    await stalls([folder('rules', {'generic.yaml': `datelines:\n  - '^${SLOW}$'\n`})])
  })

  it('stops a slow citation pattern in agencies.yaml', async () => {
    const agencies = `citations:\n  - id: slow\n    language: en\n    description: slow\n    pattern: '${SLOW}{agency}'\n    examples:\n      match:\n        - {text: 'aab Reuters', agency: reuters, from: hand-written}\n      noMatch:\n        - {text: 'nothing here', from: hand-written}\n`
    // Citation patterns run only on a paragraph that names an agency.
    await stalls([folder('rules', {'agencies.yaml': agencies})], `Reuters ${STALLING_LINE}`)
  })

  it('refuses a catastrophic citation pattern, which skipped the check', () => {
    const agencies = `citations:\n  - id: evil\n    language: en\n    description: evil\n    pattern: '(a+)+$ {agency}'\n    examples:\n      match:\n        - {text: 'aa Reuters', agency: reuters, from: hand-written}\n      noMatch:\n        - {text: 'nothing here', from: hand-written}\n`
    expect(() => loadAgencies([folder('rules', {'agencies.yaml': agencies})])).toThrow(
      /agencies\.yaml:\d+:\d+: citation "evil": can backtrack catastrophically/
    )
  })

  it('refuses a repeated group whose alternatives match the same text, which safe-regex2 lets through, in rules check too', () => {
    const rules = folder('rules', {
      'ambiguous.yaml':
        "rules:\n  - id: both\n    kind: block\n    pattern: '^(?:[\\w ]|[\\w ])*$'\n    examples:\n      match: ['abc']\n      noMatch: ['!']\n"
    })
    const result = checkRules({dirs: [rules]})
    expect(result.problems).toContainEqual(
      expect.objectContaining({severity: 'error', line: 4, reason: expect.stringContaining('can backtrack catastrophically')})
    )
  })
})

describe('2. links out of the scanned folder or the rules folder', () => {
  it('run refuses an article that links outside its folder and puts none of its text in a report', async () => {
    writeFileSync(join(work, 'secret.txt'), `Judul\nToken rahasia ${SECRET} untuk layanan internal kantor berita.\n`)
    const corpus = folder('corpus', {'ok.txt': SEED})
    symlinkSync(join(work, 'secret.txt'), join(corpus, 'leak.txt'))
    const out = join(work, 'out')
    const {code, stderr} = await cli(['run', corpus, '--out', out, '--no-index'])
    expect(code).toBe(EXIT_FAILED)
    expect(stderr).toMatch(/leak\.txt\n.*leads outside the folder it was found in.*input\/link-outside/)
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8')).not.toContain(SECRET)
  })

  it('refuses a generic.yaml that links to a secrets file, without naming its keys', () => {
    writeFileSync(join(work, 'secrets.yaml'), `AWS_SECRET_ACCESS_KEY: ${SECRET}\n`)
    const rules = folder('rules', {})
    symlinkSync(join(work, 'secrets.yaml'), join(rules, 'generic.yaml'))
    let message = ''
    try {
      loadPipelineData({dirs: [rules]})
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/generic\.yaml:1:1: is a link that leads outside its rules folder/)
    expect(message).not.toMatch(/AWS_SECRET_ACCESS_KEY|hunter2/)
  })
})

describe('4. names printed in human output', () => {
  it('cannot start a GitHub Actions workflow command', () => {
    expect(printable('z\n::error title=PWNED::x.txt')).toBe('z\\n::error title=PWNED::x.txt')
    expect(printable('::error::x.txt')).toBe('./::error::x.txt')
    expect(printable('a\u001b[31mred.txt')).toBe('a\\u{1b}[31mred.txt')
  })

  it('run prints a failing file with a newline in its name on one line', async () => {
    const corpus = folder('corpus', {'z\n::error title=PWNED::x.txt': ''})
    const {code, stderr} = await cli(['run', corpus, '--out', join(work, 'out'), '--no-index'])
    expect(code).toBe(EXIT_FAILED)
    expect(stderr.split('\n').filter((line) => line.startsWith('::'))).toEqual([])
    expect(stderr).toContain('z\\n::error title=PWNED::x.txt')
  })
})

describe('5. the Markdown twin', () => {
  it('keeps a hostile path and outlet name as text: no heading, HTML, link or image', () => {
    const hostile = '# Pwned <img src=x onerror=alert(1)> [click](https://evil.example) ![i](https://evil.example/i.png) `x`'
    const file = processBytes(createProcessor(loadPipelineData()), new TextEncoder().encode(SEED), {relative: 'a.txt', display: `${hostile}.txt`})
    const report = structuredClone(file.data.report!) as Report
    report.article.outlets = [{id: 'evil', name: hostile, line: 1, by: 'text'}]
    const tree = fromMarkdown(renderMarkdown(report)) as MdastRoot
    const kinds = new Set<string>()
    const visit = (node: {type: string; children?: unknown[]}) => {
      kinds.add(node.type)
      for (const child of node.children ?? []) visit(child as {type: string; children?: unknown[]})
    }
    visit(tree)
    const headings = tree.children.flatMap((node) =>
      node.type === 'heading' ? [`${node.depth} ${node.children.map((child) => ('value' in child ? child.value : '')).join('')}`] : []
    )
    expect(headings.filter((heading) => heading.startsWith('1 '))).toHaveLength(1)
    // The hostile name makes no heading of its own: every heading is one of the report's sections.
    expect(headings.filter((heading) => heading.includes('Pwned'))).toEqual([])
    expect([...kinds].filter((kind) => ['html', 'link', 'image'].includes(kind))).toEqual([])
  })
})

describe('7 and 8. article ids and output paths', () => {
  it('refuses two inputs with one base name instead of letting one report overwrite the other', async () => {
    const corpus = folder('corpus', {'a/x.txt': SEED, 'b/x.txt': SEED.replace('Peskov', 'Lavrov')})
    const {code, stderr} = await cli(['run', join(corpus, 'a/x.txt'), join(corpus, 'b/x.txt'), '--out', join(work, 'out'), '--no-index'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/would both be article "x\.txt"/)
  })

  it('gives files of a brace glob ids below the folder the branches share', () => {
    folder('corpus', {'a/x.txt': SEED, 'b/x.txt': SEED})
    expect(resolveInputs(['{a,b}/*.txt'], join(work, 'corpus')).map((input) => input.relative)).toEqual(['a/x.txt', 'b/x.txt'])
  })

  it('refuses to write a report over an input', async () => {
    const dir = folder('dir', {story: SEED, 'story.md': '# my notes\n'})
    const {code, stderr} = await cli(['run', join(dir, 'story'), join(dir, 'story.md'), '--out', dir, '--no-index'])
    expect(code).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/would overwrite the input .*story\.md/)
    expect(readFileSync(join(dir, 'story.md'), 'utf8')).toBe('# my notes\n')
  })

  it("refuses every report's name an input inside the output folder has, and nothing else", () => {
    const dir = folder('dir', {
      story: SEED,
      'story.json': '{}',
      'story.html': '<p>',
      'reuse.json': '{}',
      'reuse.json.sha256': '',
      'index.html': '<p>',
      'notes/a.txt': SEED,
      'a.md': '#'
    })
    const inputs = (...names: string[]) =>
      resolveInputs(
        names.map((name) => join(dir, name)),
        work
      )
    const taken: Array<[input: string, owner: string]> = [
      ['story.json', 'dir/story'],
      ['story.html', 'dir/story'],
      ['reuse.json', 'reuse.json'],
      ['reuse.json.sha256', 'reuse.json.sha256'],
      ['index.html', 'index.html']
    ]
    for (const [input, owner] of taken)
      expect(() => assertOutputsApart(inputs('story', input), dir), input).toThrow(`the report for ${owner} would overwrite the input dir/${input}`)
    // Inside the folder but named as no report is: notes/a.txt writes notes/a.txt.md, not a.md.
    expect(() => assertOutputsApart(inputs('story', 'notes/a.txt', 'a.md'), dir)).not.toThrow()
    // Outside the output folder, nothing is overwritten whatever the names.
    expect(() => assertOutputsApart(inputs('story', 'story.json'), join(dir, 'notes'))).not.toThrow()
  })
})

describe('9 and 10. could not run: exit 3, one line naming the path and the cause', () => {
  it('describes a full disk, a read-only disk and a symlink loop in words', () => {
    const error = (code: string, path: string) => Object.assign(new Error(`${code}: raw`), {code, path})
    expect(describeFailure(error('ENOSPC', '/data/reports/a.json'))).toBe('/data/reports/a.json: the disk is full (ENOSPC)')
    expect(describeFailure(error('EROFS', '/data/reports'))).toBe('/data/reports: the file system is read-only (EROFS)')
    expect(describeFailure(error('ELOOP', '/data/loop.txt'))).toBe('/data/loop.txt: a loop of symbolic links (ELOOP)')
  })

  it('names a corrupt SQLite index and exits 3, without a stack trace', async () => {
    const index = join(work, 'index.sqlite')
    writeFileSync(index, 'this is not a database, but a text file of 100 bytes or so, padded to look like one'.padEnd(4096, '.'))
    const corpus = folder('corpus', {'a.txt': SEED})
    const {code, stderr} = await cli(['run', corpus, '--out', join(work, 'out'), '--index', index])
    expect(code).toBe(EXIT_CANNOT_RUN)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain(`wiretrace: could not run: reuse index ${index}: the index file is not an SQLite database`)
  })

  it('redacts the password of a PostgreSQL URL in every message', () => {
    expect(redactCredentials('cannot reach postgres://wire:s3cret@db.example:5432/trace')).toBe('cannot reach postgres://wire:***@db.example:5432/trace')
  })

  describe('a PostgreSQL server that accepts connections and never answers', () => {
    let server: Server
    let port = 0
    beforeEach(async () => {
      server = createServer(() => undefined)
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
      port = (server.address() as {port: number}).port
    })
    afterEach(() => {
      server.close()
    })

    it('ends in exit 3 with a timeout message, the password redacted', async () => {
      const {code, stderr} = await cli(['index', 'export', '--index', `postgres://wire:s3cret@127.0.0.1:${port}/trace`])
      expect(code).toBe(EXIT_CANNOT_RUN)
      expect(stderr).toMatch(/^wiretrace: could not run: reuse index postgres:\/\/wire:\*\*\*@127\.0\.0\.1:\d+\/trace: .*timeout/i)
      expect(stderr).not.toContain('s3cret')
    }, 30_000)
  })
})

describe('11. a long article stays linear', () => {
  it('renders the Markdown twin reading the removed spans once, not once per line', () => {
    const lines = Array.from({length: 400}, (_, index) => `Baris ke-${index} dari sebuah artikel yang sangat panjang sekali.`)
    const file = processBytes(createProcessor(loadPipelineData()), new TextEncoder().encode(lines.join('\n')), {relative: 'long.txt', display: 'long.txt'})
    const report = file.data.report!
    let reads = 0
    const removed = report.removed
    report.removed = new Proxy(removed, {
      get(target, key, receiver) {
        if (key === 'filter' || key === Symbol.iterator || key === 'forEach' || key === 'map') reads++
        return Reflect.get(target, key, receiver) as unknown
      }
    })
    renderMarkdown(report)
    expect(reads).toBeLessThanOrEqual(2)
  })
})
