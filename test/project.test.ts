/**
 * A user's repository: which config is in force (never one above the
 * repository), what the inputs leave out (.gitignore, --exclude, negated
 * globs), standard input, the state folder that ignores itself, colours,
 * and one-line errors with the documented exit codes.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {loadConfig} from '../run/config.ts'
import {useColor} from '../render/formats/color.ts'
import {resolveInputs, UsageError} from '../run/inputs.ts'
import {openStore} from '../link/reuse/open.ts'
import {cli} from './helpers/rules-cli.ts'
import {readmeConfig} from './helpers/readme.ts'

const BIN = resolve('bin/wiretrace.js')
const SEED = resolve('seeds/000_0ff0c87b60d874fd.txt')

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {cwd, encoding: 'utf8'})
}

function folder(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wiretrace-project-')))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), {recursive: true})
    writeFileSync(join(root, name), text)
  }
  return root
}

function wiretrace(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean: NodeJS.ProcessEnv = {...process.env, CI: 'true', ...env}
  delete clean.WIRETRACE_INDEX
  if (!('NO_COLOR' in env)) delete clean.NO_COLOR
  if (!('FORCE_COLOR' in env)) delete clean.FORCE_COLOR
  const result = spawnSync('node', [BIN, ...args], {cwd, encoding: 'utf8', env: clean})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

const ids = (files: {relative: string}[]) => files.map((file) => file.relative).sort()

describe('a config above the repository', () => {
  it('is never read: the search stops at the repository root, and the commands say no config is in force', () => {
    const root = folder({
      'wiretrace.config.yaml': 'inputs: [repo/articles]\nrules: [elsewhere]\npolicy: {failOn: []}\n',
      'repo/articles/a.txt': readFileSync(SEED, 'utf8')
    })
    git(join(root, 'repo'), 'init', '-q')
    const config = wiretrace(join(root, 'repo', 'articles'), ['config'])
    expect(config.stdout).toMatch(/^# config: none \(no wiretrace\.config\.yaml, \.yml or \.json from \. up to the repository root \.\.\)\n/)
    expect(config.stdout).toContain('inputs: null')
    const run = wiretrace(join(root, 'repo'), ['run', '-v'])
    expect(run.stderr).toContain('config: none')
    expect(run.stderr).toContain('wiretrace: name the article files, folders or globs to read, or set "inputs" in wiretrace.config.yaml')
    expect(run.code).toBe(EXIT_USAGE)
  })
})

describe('what the inputs leave out', () => {
  const files = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'drafts/\n*.tmp.txt\n',
    'articles/a.txt': 'x\n',
    'articles/b.tmp.txt': 'x\n',
    'articles/old/c.txt': 'x\n',
    'articles/keep/.gitignore': '!d.tmp.txt\n',
    'articles/keep/d.tmp.txt': 'x\n',
    'drafts/e.txt': 'x\n',
    'node_modules/pkg/f.txt': 'x\n'
  }

  it('respects .gitignore from the repository root down, a deeper !pattern included, and never reads node_modules', () => {
    const root = folder(files)
    expect(ids(resolveInputs(['.'], root))).toEqual(['articles/a.txt', 'articles/keep/d.tmp.txt', 'articles/old/c.txt'])
    expect(ids(resolveInputs(['**/*.txt'], root))).toEqual(['articles/a.txt', 'articles/keep/d.tmp.txt', 'articles/old/c.txt'])
    expect(ids(resolveInputs(['.'], root, {gitignore: false}))).toEqual([
      'articles/a.txt',
      'articles/b.tmp.txt',
      'articles/keep/d.tmp.txt',
      'articles/old/c.txt',
      'drafts/e.txt'
    ])
  })

  it('reads a file named on its own even when ignored', () => {
    const root = folder(files)
    expect(ids(resolveInputs(['drafts/e.txt'], root))).toEqual(['e.txt'])
  })

  it('leaves out --exclude patterns and negated inputs, and refuses inputs that only leave out', () => {
    const root = folder(files)
    expect(ids(resolveInputs(['articles', '!old/'], root))).toEqual(['a.txt', 'keep/d.tmp.txt'])
    expect(ids(resolveInputs(['articles'], root, {exclude: [{base: root, patterns: ['articles/keep/']}]}))).toEqual(['a.txt', 'old/c.txt'])
    expect(() => resolveInputs(['!articles/old/'], root)).toThrow(UsageError)
  })

  it("reads the config's exclude and negated inputs relative to the config file", async () => {
    const root = folder({...files, 'wiretrace.config.yaml': 'inputs: [articles, "!articles/old/"]\nexclude: [keep/]\n'})
    const loaded = loadConfig(join(root, 'wiretrace.config.yaml'))
    expect(loaded.config.exclude).toEqual(['keep/', 'articles/old/'])
    expect(ids(resolveInputs(loaded.config.inputs!, root, {exclude: [{base: root, patterns: loaded.config.exclude!}]}))).toEqual(['a.txt'])
    const run = wiretrace(root, ['run', '--no-index', '--exclude', 'articles/a.txt'])
    expect(run.code).toBe(EXIT_USAGE)
    expect(run.stderr).toContain('no article files match')
  })

  it('reads one article from standard input under the name --stdin-filename gives, and asks for the name without it', () => {
    const bytes = readFileSync(SEED)
    expect(resolveInputs(['-'], '/repo', {stdin: {bytes, filename: 'articles/piped.txt'}})).toEqual([
      {absolute: '/repo/articles/piped.txt', relative: 'articles/piped.txt', display: 'articles/piped.txt', root: '/repo', bytes}
    ])
    expect(() => resolveInputs(['-'], '/repo')).toThrow(/name it with --stdin-filename/)
    const root = folder({})
    const run = spawnSync('node', [BIN, 'run', '-', '--stdin-filename', 'piped.txt', '--out', 'out', '--no-index', '--no-config'], {
      cwd: root,
      input: bytes,
      encoding: 'utf8'
    })
    expect(run.status).toBe(EXIT_OK)
    expect(JSON.parse(readFileSync(join(root, 'out', 'piped.txt.json'), 'utf8')).article.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('the state folder', () => {
  it('ignores itself: the index folder holds a .gitignore of *, and git status shows nothing of it', async () => {
    const root = folder({'articles/a.txt': 'x\n'})
    git(root, 'init', '-q')
    const store = await openStore(join(root, '.wiretrace', 'index.sqlite'))
    await store.close()
    expect(readFileSync(join(root, '.wiretrace', '.gitignore'), 'utf8')).toMatch(/^\*$/m)
    expect(git(root, 'status', '--porcelain', '--untracked-files=all')).toBe('?? articles/a.txt\n')
  })

  it("holds run's reports by default, beside the config", () => {
    const root = folder({'wiretrace.config.yaml': 'inputs: [articles]\n', 'articles/a.txt': readFileSync(SEED, 'utf8'), 'sub/.keep': ''})
    git(root, 'init', '-q')
    const run = wiretrace(join(root, 'sub'), ['run', '-q'])
    expect(run.code).toBe(EXIT_OK)
    expect(JSON.parse(readFileSync(join(root, '.wiretrace', 'reports', 'a.txt.json'), 'utf8')).article.path).toBe(join(root, 'articles', 'a.txt'))
    expect(
      git(root, 'status', '--porcelain', '--untracked-files=all')
        .split('\n')
        .filter((line) => line.includes('.wiretrace'))
    ).toEqual([])
  })
})

describe('the README sample config', () => {
  it('loads as written and leaves since to its default, the merge base', () => {
    const root = folder({'wiretrace.config.yaml': readmeConfig()})
    const {config} = loadConfig(join(root, 'wiretrace.config.yaml'))
    expect(config.since).toBeUndefined()
    expect(config).toMatchObject({inputs: [join(root, 'articles')], rules: [join(root, 'rules', 'local')], changed: true})
  })
})

describe('colours and exit codes', () => {
  it('follows --color, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(useColor({isTTY: true}, 'auto', {})).toBe(true)
    expect(useColor({isTTY: false}, 'auto', {})).toBe(false)
    expect(useColor({isTTY: true}, 'auto', {NO_COLOR: '1'})).toBe(false)
    expect(useColor({isTTY: false}, 'auto', {FORCE_COLOR: '1'})).toBe(true)
    expect(useColor({isTTY: false}, 'auto', {FORCE_COLOR: '0'})).toBe(false)
    expect(useColor({isTTY: true}, 'never', {FORCE_COLOR: '1'})).toBe(false)
    expect(useColor({isTTY: false}, 'always', {NO_COLOR: '1'})).toBe(true)
  })

  it("colours every command's output when asked, through a pipe", async () => {
    const malformed = 'test/fixtures/rules/malformed'
    const saved = {NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR}
    delete process.env.NO_COLOR
    delete process.env.FORCE_COLOR
    try {
      expect((await cli(['rules', 'check', malformed, '--color', 'always'])).stdout).toContain('\u001b[31merror')
      expect((await cli(['rules', 'check', malformed])).stdout).not.toContain('\u001b[')
      expect((await cli(['--color', 'always', 'explain', SEED, '--line', '1', '--no-config'])).stdout).toContain('\u001b[')
      expect((await cli(['rules', 'test', 'test/fixtures/rules/overlay', '--color', 'never'])).stdout).not.toContain('\u001b[')
      process.env.FORCE_COLOR = '1'
      expect((await cli(['rules', 'check', malformed])).stdout).toContain('\u001b[31merror')
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
    }
  })

  it('rules check exits 2 on a malformed rule file, as run does', async () => {
    expect((await cli(['rules', 'check', 'test/fixtures/rules/malformed'])).code).toBe(EXIT_USAGE)
  })

  it('rebuild names the file in one line when it is missing or not JSON', async () => {
    const missing = await cli(['rebuild', 'nosuch.json'])
    expect(missing.code).toBe(EXIT_USAGE)
    expect(missing.stderr).toBe('wiretrace: nosuch.json: cannot read the report: ENOENT\n')
    const root = folder({'bad.json': '{not json'})
    const bad = await cli(['rebuild', join(root, 'bad.json')])
    expect(bad.code).toBe(EXIT_USAGE)
    expect(bad.stderr).toMatch(/^wiretrace: .*bad\.json: not a JSON report: .*\n$/)
  })
})
