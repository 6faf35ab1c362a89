/**
 * A pull request written to hurt the CI job that runs wiretrace on it:
 * hostile article names, links to files outside the repository, hostile
 * rule folders and data files. Each command runs as CI runs it (the real
 * bin, in a scratch git repository, with a time limit) and must end with a
 * documented exit code, print nothing from outside the repository, and
 * print every name escaped.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {gfm} from 'micromark-extension-gfm'
import {beforeAll, describe, expect, it} from 'vitest'
import {EXIT_FAILED, EXIT_OK, EXIT_USAGE} from '../core/exit-codes.ts'

const BIN = resolve('bin/wiretrace.js')
const SEEDS = resolve('seeds')
/** What the files outside the repository hold: none of it may reach any output. */
const SECRET = 'hunter2-outside-the-repository'
/** No command may take longer than this: a hang is a failure, not a slow pass. */
const COMMAND_LIMIT_MS = 45_000

/** Names a runner or a Markdown/HTML reader would execute if printed raw. */
const HOSTILE_NAMES = [
  'z\n::error title=PWNED::injected.txt',
  '::warning::at-line-start.txt',
  '<img src=x onerror=alert(1)>.txt',
  '# heading [link](evil.example).txt'
]

let root: string
let outside: string

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {cwd})
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function wiretrace(...args: string[]): Run {
  const env: NodeJS.ProcessEnv = {...process.env, CI: 'true'}
  delete env.GITHUB_BASE_REF
  delete env.WIRETRACE_INDEX
  const result = spawnSync('node', [BIN, ...args], {cwd: root, encoding: 'utf8', env, timeout: COMMAND_LIMIT_MS, killSignal: 'SIGKILL'})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Every file below a folder (only those whose name ends with `suffix`), as text. */
function contents(dir: string, suffix = ''): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && path.endsWith(suffix))
    .map((path) => readFileSync(path, 'utf8'))
}

/** An HTML tag from a hostile name, as it would stand in HTML (not entity-escaped). */
const RAW_TAG = /<img src=x/

/** The kinds of Markdown nodes a hostile name could become in a twin: none may appear. */
function markupIn(markdown: string): string[] {
  const found: string[] = []
  const visit = (node: {type: string; children?: unknown[]}) => {
    // wiretrace's own line breaks in table cells are the only HTML a twin holds.
    if (['link', 'image'].includes(node.type) || (node.type === 'html' && (node as {value?: string}).value !== '<br>')) found.push(node.type)
    for (const child of node.children ?? []) visit(child as {type: string; children?: unknown[]})
  }
  visit(fromMarkdown(markdown, {extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()]}))
  return found
}

/** The lines a GitHub Actions runner would read as workflow commands. */
function workflowCommands(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^\s*(?:::|##\[)/.test(line))
}

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'wiretrace-outside-'))
  writeFileSync(
    join(outside, 'passwd.txt'),
    `root:x:0:0:${SECRET}:/root:/bin/bash\nSebuah baris panjang yang tampak seperti paragraf berita dengan ${SECRET} di dalamnya.\n`
  )
  writeFileSync(join(outside, 'secrets.yaml'), `AWS_SECRET_ACCESS_KEY: ${SECRET}\nGITHUB_TOKEN: ${SECRET}\n`)

  root = mkdtempSync(join(tmpdir(), 'wiretrace-hostile-'))
  mkdirSync(join(root, 'articles'))
  for (const name of readdirSync(SEEDS).slice(0, 2)) copyFileSync(join(SEEDS, name), join(root, 'articles', name))
  writeFileSync(join(root, '.gitignore'), '.wiretrace/\nreports/\nout/\n')
  git(root, 'init', '-q', '-b', 'main')
  git(root, 'add', '.')
  git(root, 'commit', '-q', '-m', 'corpus')
  git(root, 'checkout', '-q', '-b', 'pr')

  // The pull request: articles with hostile names, a link out of the repository, hostile rule folders.
  const seed = readFileSync(join(SEEDS, readdirSync(SEEDS)[2]!), 'utf8')
  for (const name of HOSTILE_NAMES) writeFileSync(join(root, 'articles', name), seed)
  symlinkSync(join(outside, 'passwd.txt'), join(root, 'articles', 'leak.txt'))
  const rules = (name: string, files: Record<string, string>) => {
    mkdirSync(join(root, 'rules', name), {recursive: true})
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'rules', name, file), text)
  }
  rules('ambiguous-outlet', {
    'slow.yaml': "outlet:\n  id: slow\n  name: Slow\n  recognise: ['^(?:[\\w ]|[\\w ])*$']\n  examples:\n    match: ['abc']\n    noMatch: ['!']\nrules: []\n"
  })
  rules('evil-citation', {
    'agencies.yaml':
      "citations:\n  - id: evil\n    language: en\n    description: evil\n    pattern: '(a+)+$ {agency}'\n    examples:\n      match:\n        - {text: 'aa Reuters', agency: reuters, from: hand-written}\n      noMatch:\n        - {text: 'nothing here', from: hand-written}\n"
  })
  rules('named', {
    'named.yaml':
      "outlet:\n  id: named\n  name: '# Pwned <img src=x onerror=alert(1)>'\n  recognise: ['^ORBITINDONESIA\\.COM']\n  examples:\n    match: ['ORBITINDONESIA.COM - x']\n    noMatch: ['x']\nrules: []\n"
  })
  mkdirSync(join(root, 'rules', 'linked'), {recursive: true})
  symlinkSync(join(outside, 'secrets.yaml'), join(root, 'rules', 'linked', 'generic.yaml'))
  symlinkSync(join(outside, 'secrets.yaml'), join(root, 'rules', 'linked', 'secrets.yaml'))
  git(root, 'add', '.')
  git(root, 'commit', '-q', '-m', 'a hostile pull request')
})

describe('a hostile pull request', () => {
  it('wiretrace run: refuses the link, reports the rest with escaped names, exits 1', () => {
    const run = wiretrace('run', 'articles', '--out', 'out/run', '--no-index', '--format', 'html')
    expect(run.code).toBe(EXIT_FAILED)
    expect(run.stderr).toContain('articles/leak.txt')
    expect(run.stderr).toContain('input/link-outside')
    expect(run.stderr).toContain(`${2 + HOSTILE_NAMES.length} of ${3 + HOSTILE_NAMES.length} articles reported`)
    for (const text of [run.stdout, run.stderr, ...contents(join(root, 'out/run'))]) expect(text).not.toContain(SECRET)
    expect(workflowCommands(run.stdout + run.stderr)).toEqual([])
    for (const twin of contents(join(root, 'out/run'), '.md')) expect(markupIn(twin)).toEqual([])
    for (const page of contents(join(root, 'out/run'), '.html')) expect(page).not.toMatch(RAW_TAG)
  })

  it('wiretrace check --changed: every format escapes the names, nothing from outside the repository, exits 1', () => {
    const run = wiretrace(
      'check',
      'articles',
      '--changed',
      '--no-config',
      '--format',
      'human',
      '--format',
      'github=out/check.github',
      '--format',
      'json=out/check.json',
      '--format',
      'sarif=out/check.sarif',
      '--format',
      'html=out/check-html'
    )
    expect(run.code).toBe(EXIT_FAILED)
    const written = [
      readFileSync(join(root, 'out/check.github'), 'utf8'),
      readFileSync(join(root, 'out/check.json'), 'utf8'),
      readFileSync(join(root, 'out/check.sarif'), 'utf8'),
      ...contents(join(root, 'out/check-html'))
    ]
    for (const text of [run.stdout, run.stderr, ...written]) expect(text).not.toContain(SECRET)
    expect(workflowCommands(run.stdout + run.stderr)).toEqual([])
    // The github format is read by the runner: each of its lines is one annotation wiretrace wrote, on a file of the pull request.
    for (const line of workflowCommands(written[0]!)) expect(line).toMatch(/^::(?:error|warning|notice) file=articles\//)
    expect(run.stdout).toContain('articles/leak.txt')
  })

  it('wiretrace rules check: every hostile folder gets its errors, linked files unread, exits 2', () => {
    const run = wiretrace('rules', 'check', 'rules/ambiguous-outlet')
    expect(run.code).toBe(EXIT_USAGE)
    expect(run.stdout).toMatch(/slow\.yaml:\d+:\d+: error can backtrack catastrophically/)
    const linked = wiretrace('rules', 'check', 'rules/linked')
    expect(linked.code).toBe(EXIT_USAGE)
    expect(linked.stdout).toContain('secrets.yaml:1:1: error is a link that leads outside its rules folder')
    expect(linked.stdout + linked.stderr).not.toMatch(/AWS_SECRET_ACCESS_KEY|GITHUB_TOKEN|hunter2/)
  })

  it('wiretrace run with a hostile rule folder: refused as configuration, exit 2, no secret', () => {
    for (const folder of ['rules/evil-citation', 'rules/linked']) {
      const run = wiretrace('run', `articles/${readdirSync(SEEDS)[0]}`, '--rules', folder, '--out', 'out/rules', '--no-index')
      expect(run.code, folder).toBe(EXIT_USAGE)
      expect(run.stderr.trim().split('\n'), folder).toHaveLength(1)
      expect(run.stderr).not.toMatch(/AWS_SECRET_ACCESS_KEY|GITHUB_TOKEN|hunter2/)
    }
  })

  it('wiretrace run with a hostile outlet name: the Markdown twin and HTML keep it as text', () => {
    const run = wiretrace('run', `articles/${readdirSync(SEEDS)[0]}`, '--rules', 'rules/named', '--out', 'out/named', '--no-index', '--format', 'html')
    expect(run.code, run.stderr).toBe(EXIT_OK)
    const twin = contents(join(root, 'out/named'), '.md').join('\n')
    expect(twin).toContain('onerror')
    expect(markupIn(twin)).toEqual([])
    expect(twin).not.toMatch(/^# Pwned/m)
    for (const page of contents(join(root, 'out/named'), '.html')) expect(page).not.toMatch(RAW_TAG)
  })

  it('wiretrace explain: a hostile name printed escaped; the link refused, exit 1', () => {
    const named = wiretrace('explain', join('articles', HOSTILE_NAMES[0]!))
    expect(named.code).toBe(EXIT_OK)
    expect(named.stdout).toContain('z\\n::error title=PWNED::injected.txt')
    expect(workflowCommands(named.stdout + named.stderr)).toEqual([])
    const leak = wiretrace('explain', 'articles/leak.txt')
    expect(leak.code).toBe(EXIT_FAILED)
    expect(leak.stdout + leak.stderr).not.toContain(SECRET)
  })
})
