import {execFileSync, spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {DEFAULT_INDEX} from '../cli/wiretrace.ts'
import {checkRecordSchema} from '../render/formats/json.ts'

const BIN = resolve('bin/wiretrace.js')
const SEEDS = resolve('seeds')
const SEED_002 = readFileSync(join(SEEDS, '002_756809b8681f022c.txt'), 'utf8').split('\n')

/** Seed 002 lines 7 and 13 (ANTARA's translation of Anadolu copy), under a new title, with no credit. */
const COPY = [
  'Rusia ingin dialog dengan semua negara, kata Kremlin',
  '',
  'Jakarta - Hubungan Rusia dan Amerika Serikat terus menjadi sorotan para pengamat pekan ini.',
  '',
  SEED_002[6],
  '',
  SEED_002[12],
  '',
  'Penulis: Redaksi Contoh',
  ''
].join('\n')

/** The config file the README shows for CI. */
const README_CONFIG = `# wiretrace.config.yaml
inputs: [articles]
changed: true
policy:
  failOn: [uncredited-reuse, input-error, rule-error]
  maxUncreditedShare: 0.3
`

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {cwd, encoding: 'utf8'})
}

/** A repository whose main branch has the seeds committed under articles/, checked out on a new branch "pr". */
function scratchRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'wiretrace-check-'))
  mkdirSync(join(root, 'articles'))
  for (const name of readdirSync(SEEDS)) copyFileSync(join(SEEDS, name), join(root, 'articles', name))
  writeFileSync(join(root, '.gitignore'), '.wiretrace/\nreports/\n')
  git(root, 'init', '-q', '-b', 'main')
  git(root, 'add', '.')
  git(root, 'commit', '-q', '-m', 'seeds')
  git(root, 'checkout', '-q', '-b', 'pr')
  return root
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real command line in `cwd`, as a CI job would (CI=true: no progress bar, no colour). */
function wiretrace(cwd: string, ...args: string[]): Run {
  const env: NodeJS.ProcessEnv = {...process.env, CI: 'true'}
  delete env.GITHUB_BASE_REF
  delete env.WIRETRACE_INDEX
  const result = spawnSync('node', [BIN, ...args], {cwd, encoding: 'utf8', env})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('wiretrace check --changed in a pull request', () => {
  it('annotates the new file that copies seed 002 without credit, on its lines, and exits 1', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    const run = wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'uncredited-reuse', '--format', 'github')
    expect(run.code).toBe(1)
    const annotations = run.stdout.trim().split('\n')
    expect(annotations.filter((line) => line.startsWith('::error'))).toEqual([
      '::error file=articles/005_copy.txt,line=5,endLine=5,col=1,endColumn=178,title=wiretrace uncredited-reuse::text reused from articles/002_756809b8681f022c.txt:7, whose text comes from anadolu, antara; this article credits no agency for it',
      '::error file=articles/005_copy.txt,line=7,endLine=7,col=1,endColumn=266,title=wiretrace uncredited-reuse::text reused from articles/002_756809b8681f022c.txt:13, whose text comes from anadolu, antara; this article credits no agency for it'
    ])
    expect(annotations.every((line) => line.includes('file=articles/005_copy.txt'))).toBe(true)
    // Compared with the whole corpus through the index: the seeds were indexed first, not checked.
    expect(run.stderr).toContain('1 of 6 files checked (files added or modified since ')
    expect(run.stderr).toContain('of the 5 other corpus files, 5 analysed for the reuse index, 0 already in it; policy failed in 1 file: 2 uncredited-reuse')
  })

  it('exits 0 on an unchanged tree and, once the index holds the corpus, analyses no article again', () => {
    const root = scratchRepository()
    const first = wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'uncredited-reuse', '--format', 'github')
    expect(first).toMatchObject({code: 0, stdout: ''})
    expect(first.stderr).toContain('0 of 5 files checked')
    const again = wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'uncredited-reuse', '--format', 'github')
    expect(again).toMatchObject({code: 0, stdout: ''})
    expect(again.stderr).toContain('0 of 5 files checked (files added or modified since ')
    expect(again.stderr).toContain('of the 5 other corpus files, 0 analysed for the reuse index, 5 already in it; policy passed')
  })

  it('passes the same copy once it is merged: nothing is new since the merge base', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    expect(wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'uncredited-reuse').code).toBe(1)
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'copy')
    git(root, 'checkout', '-q', 'main')
    git(root, 'merge', '-q', '--ff-only', 'pr')
    const merged = wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'uncredited-reuse')
    expect(merged.code).toBe(0)
    expect(merged.stderr).toContain('0 of 6 files checked')
    expect(merged.stderr).toContain('0 analysed for the reuse index, 6 already in it')
  })

  it('checks added, modified and untracked files, committed or not, and leaves deleted ones out', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'copy')
    writeFileSync(join(root, 'articles', '003_1d1aa39e3ef4d986.txt'), `${readFileSync(join(SEEDS, '003_1d1aa39e3ef4d986.txt'), 'utf8')}\nSumber: Anadolu\n`)
    writeFileSync(
      join(root, 'articles', '006_draft.txt'),
      'Judul berita yang belum disimpan\n\nIsi berita yang masih berupa draf dan belum pernah dicetak di mana pun.\n'
    )
    rmSync(join(root, 'articles', '004_9a79566599d7a3b5.txt'))
    const run = wiretrace(root, 'check', 'articles', '--changed', '--format', 'json')
    expect(run.code).toBe(0)
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => checkRecordSchema.parse(JSON.parse(line)))
    expect(records.map((record) => record.file)).toEqual(['articles/003_1d1aa39e3ef4d986.txt', 'articles/005_copy.txt', 'articles/006_draft.txt'])
    expect(records[1]).toMatchObject({article: '005_copy.txt', status: 'pass', outlet: null, credited: false})
    expect(records[1]!.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['unknown-outlet', 'warning'],
      ['uncredited-reuse', 'warning'],
      ['uncredited-reuse', 'warning']
    ])
  })

  it('compares with --since REF instead of the merge base (--since implies --changed)', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'copy')
    const since = wiretrace(root, 'check', 'articles', '--since', 'HEAD', '--fail-on', 'uncredited-reuse')
    expect(since.code).toBe(0)
    expect(since.stderr).toContain('0 of 6 files checked')
    expect(wiretrace(root, 'check', 'articles', '--changed', '--since', 'HEAD~1', '--fail-on', 'uncredited-reuse').code).toBe(1)
  })
})

describe('wiretrace check outputs and policy', () => {
  it('writes SARIF and HTML pages besides the annotations, from one run', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    const run = wiretrace(
      root,
      'check',
      'articles',
      '--changed',
      '--fail-on',
      'uncredited-reuse',
      '--format',
      'github',
      '--format',
      'sarif=wiretrace.sarif',
      '--format',
      'html=site'
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error file=articles/005_copy.txt,line=5')
    const sarif = JSON.parse(readFileSync(join(root, 'wiretrace.sarif'), 'utf8'))
    const results = sarif.runs[0].results as Array<{
      ruleId: string
      level: string
      locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}>
    }>
    expect(
      results
        .filter((result) => result.level === 'error')
        .map((result) => [result.ruleId, result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine])
    ).toEqual([
      ['uncredited-reuse', 'articles/005_copy.txt', 5],
      ['uncredited-reuse', 'articles/005_copy.txt', 7]
    ])
    expect(readdirSync(join(root, 'site')).sort()).toEqual([
      '005_copy.txt.html',
      '005_copy.txt.json',
      '005_copy.txt.md',
      'index.html',
      'reuse.html',
      'reuse.json',
      'reuse.json.sha256',
      'story'
    ])
    expect(run.stderr).toContain(`HTML report: ${join(root, 'site', 'index.html')}`)
  })

  it('checks every file with --all and passes the seeds under the default policy', () => {
    const root = scratchRepository()
    const run = wiretrace(root, 'check', 'articles', '--all')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('5 of 5 files checked (every file); policy passed')
    // Seed 000 prints Anadolu copy that only seed 001 credits: shown, not failed.
    expect(run.stdout).toMatch(
      /^articles\/000_0ff0c87b60d874fd\.txt\n\s*4:22-4:208\s+warning\s+text reused from articles\/001_fbe5a5956e437734\.txt:23, whose text comes from anadolu; this article credits no agency for it\s+uncredited-reuse\s+wiretrace\n/
    )
    expect(run.stdout).not.toContain('\u001b[')
    expect(wiretrace(root, 'check', 'articles', '--all', '--quiet').stdout).toBe('')
  })

  it('fails on a broken file by default and passes it with --fail-on none', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', 'empty.txt'), '')
    const run = wiretrace(root, 'check', 'articles', '--changed')
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/articles\/empty\.txt\n\s*1:1\s+error\s+file is empty \(input\/empty\)\s+input-error\s+wiretrace/)
    expect(wiretrace(root, 'check', 'articles', '--changed', '--fail-on', 'none').code).toBe(0)
  })

  it('fails an article over --max-uncredited-share', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    const over = wiretrace(root, 'check', 'articles', '--changed', '--max-uncredited-share', '0.3', '--format', 'github')
    expect(over.code).toBe(1)
    expect(over.stdout).toMatch(
      /^::error file=articles\/005_copy\.txt,line=1,.*title=wiretrace uncredited-share::\d+%25 of the body is uncredited reuse, over the 30%25 allowed$/m
    )
    expect(wiretrace(root, 'check', 'articles', '--changed', '--max-uncredited-share', '0.95').code).toBe(0)
  })

  it('takes its settings from wiretrace.config.yaml found above the working folder', () => {
    const root = scratchRepository()
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    writeFileSync(
      join(root, 'wiretrace.config.yaml'),
      ['inputs: [articles]', 'changed: true', 'policy:', '  failOn: [uncredited-reuse, input-error]', 'output:', '  format: github', ''].join('\n')
    )
    mkdirSync(join(root, 'deep', 'folder'), {recursive: true})
    const run = wiretrace(join(root, 'deep', 'folder'), 'check')
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error file=articles/005_copy.txt'))).toHaveLength(2)
    // The default index sits beside the config file, not in the working folder.
    expect(existsSync(join(root, '.wiretrace', 'index.sqlite'))).toBe(true)
    expect(existsSync(join(root, 'deep', 'folder', '.wiretrace'))).toBe(false)
    // The command line wins over the file.
    expect(wiretrace(join(root, 'deep'), 'check', '--fail-on', 'none').code).toBe(0)
    expect(wiretrace(join(root, 'deep'), 'check', '--no-config', 'articles').code).toBe(2)
  })
})

describe('the example GitHub Actions workflow', () => {
  it('runs its wiretrace command as written, with the config the README shows, and caches the index folder', () => {
    const workflow = parse(readFileSync('examples/github-actions.yml', 'utf8')) as {
      jobs: {check: {steps: Array<{run?: string; uses?: string; with?: Record<string, string>}>}}
    }
    const steps = workflow.jobs.check.steps
    expect(steps.find((step) => step.uses?.startsWith('actions/cache@'))!.with!.path).toBe(dirname(DEFAULT_INDEX))
    expect(steps.find((step) => step.uses?.startsWith('actions/checkout@'))!.with!['fetch-depth']).toBe(0)
    const command = steps.find((step) => step.run?.startsWith('npx wiretrace check'))!.run!
    const root = scratchRepository()
    writeFileSync(join(root, 'wiretrace.config.yaml'), README_CONFIG)
    writeFileSync(join(root, 'articles', '005_copy.txt'), COPY)
    const run = wiretrace(
      root,
      ...command
        .replace(/^npx wiretrace /, '')
        .trim()
        .split(/\s+/)
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error file=articles\/005_copy\.txt,line=5,/m)
    expect(JSON.parse(readFileSync(join(root, '.wiretrace', 'wiretrace.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0)
    expect(existsSync(join(root, '.wiretrace', 'html', 'index.html'))).toBe(true)
  })
})

describe('wiretrace check usage errors exit 2', () => {
  let root: string
  beforeAll(() => {
    root = scratchRepository()
  })
  const cases: Array<[string, string[], RegExp]> = [
    ['no inputs and no config', ['check', '--no-config'], /name the article files, folders or globs to read, or set "inputs" in wiretrace\.config\.yaml/],
    [
      'an unknown finding',
      ['check', 'articles', '--fail-on', 'uncredited-reuse,plagiarism'],
      /unknown finding "plagiarism"; use uncredited-reuse, unknown-outlet, input-error, rule-error or none/
    ],
    ['a share outside 0 to 1', ['check', 'articles', '--max-uncredited-share', '30%'], /expected a share between 0 and 1/],
    [
      'uncredited reuse without the index',
      ['check', 'articles', '--no-index', '--fail-on', 'uncredited-reuse'],
      /uncredited reuse is found through the reuse index/
    ],
    [
      'two formats on standard output',
      ['check', 'articles', '--format', 'github', '--format', 'json'],
      /only one format can go to standard output \(github, json\)/
    ],
    ['an unknown format', ['check', 'articles', '--format', 'xml'], /unknown format "xml"/],
    ['an unknown ref', ['check', 'articles', '--changed', '--since', 'no-such-branch'], /"no-such-branch" names no commit/],
    ['--changed with --all', ['check', 'articles', '--changed', '--all'], /cannot be used with option '--changed'/],
    ['a missing config file', ['check', '--config', 'missing.yaml'], /missing\.yaml:1:1: cannot read the file: ENOENT/]
  ]
  it.each(cases)('%s', (_name, args, message) => {
    const run = wiretrace(root, ...args)
    expect(run.stderr).toMatch(message)
    expect(run.code).toBe(2)
  })

  it('--changed outside a git repository', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wiretrace-nogit-'))
    writeFileSync(join(folder, 'a.txt'), 'Judul\n\nIsi berita.\n')
    const run = wiretrace(folder, 'check', '.', '--changed', '--since', 'main')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/is not inside a git repository; --changed needs one \(or use --all\)/)
  })

  it('a config file with a mistake, named with its line and column', () => {
    const folder = scratchRepository()
    writeFileSync(
      join(folder, 'wiretrace.config.yaml'),
      ['inputs: [articles]', 'policy:', '  failOn: [uncredited-reuse]', '  maxUncreditedShare: 1.5', ''].join('\n')
    )
    const run = wiretrace(folder, 'check')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('wiretrace: wiretrace.config.yaml:4:23: policy.maxUncreditedShare: Too big: expected number to be <=1')
  })
})
