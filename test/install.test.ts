/**
 * wiretrace as a user gets it: the packed tarball (what `npm pack` builds,
 * what a git-URL install builds through `prepare`) laid out in a fresh
 * folder's node_modules as npm lays it out, in a git repository of the
 * user's own with the README's config, a rule folder and a .gitignore. The
 * commands a user and the example GitHub Actions workflow run must work
 * there, agree with each other, and leave nothing for git to commit.
 *
 * The registry is not reached from a test: the package's dependencies are
 * linked from this checkout's node_modules instead of downloaded.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {readmeConfig} from './helpers/readme.ts'

const REPO = resolve('.')
const SEEDS = resolve('seeds')
const SEED_002 = readFileSync(join(SEEDS, '002_756809b8681f022c.txt'), 'utf8').split('\n')
/** Seed 002 lines 7 and 13 under a new title, signed by the outlet of the user's rule file, crediting no agency. */
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

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {cwd, encoding: 'utf8'})
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

let project: string
let env: NodeJS.ProcessEnv

/** Runs a shell command line in the user's project, as a CI step does (CI=true, the project's node_modules/.bin on the PATH). */
function sh(command: string): Run {
  const result = spawnSync('sh', ['-c', command], {cwd: project, encoding: 'utf8', env})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** `npm pack` in `folder` (which runs `prepare`, the build) into `work`; the tarball's name. */
function pack(folder: string, work: string): string {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {cwd: folder, stdio: ['ignore', 'ignore', 'pipe']})
  return readdirSync(work).find((name) => name.endsWith('.tgz'))!
}

/** Lays the tarball out in `project`/node_modules as npm does, its dependencies linked from this checkout; the environment to run its bin in. */
function install(tarball: string, project: string): NodeJS.ProcessEnv {
  const modules = join(project, 'node_modules')
  mkdirSync(modules, {recursive: true})
  execFileSync('tar', ['-xzf', tarball, '-C', modules])
  renameSync(join(modules, 'package'), join(modules, 'wiretrace'))
  const manifest = JSON.parse(readFileSync(join(modules, 'wiretrace', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    bin: Record<string, string>
  }
  for (const dependency of Object.keys(manifest.dependencies)) symlinkSync(join(REPO, 'node_modules', dependency), join(modules, dependency))
  mkdirSync(join(modules, '.bin'))
  const bin = join(modules, 'wiretrace', manifest.bin.wiretrace!)
  chmodSync(bin, 0o755)
  symlinkSync(bin, join(modules, '.bin', 'wiretrace'))
  const installed: NodeJS.ProcessEnv = {...process.env, CI: 'true', PATH: `${join(modules, '.bin')}:${process.env.PATH}`, npm_config_offline: 'true'}
  delete installed.GITHUB_BASE_REF
  delete installed.WIRETRACE_INDEX
  delete installed.NO_COLOR
  delete installed.FORCE_COLOR
  return installed
}

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'wiretrace-install-'))
  const tarball = pack(REPO, work)
  project = join(work, 'project')
  env = install(join(work, tarball), project)

  // The user's repository: articles, a draft and a package that .gitignore leaves out, a rule folder, the README's config.
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({private: true, devDependencies: {wiretrace: `file:../${tarball}`}}, null, 2)}\n`)
  writeFileSync(join(project, '.gitignore'), 'node_modules/\ndrafts/\n')
  mkdirSync(join(project, 'articles'))
  for (const name of readdirSync(SEEDS)) copyFileSync(join(SEEDS, name), join(project, 'articles', name))
  cpSync('test/fixtures/user-repo/rules', join(project, 'rules'), {recursive: true})
  writeFileSync(join(project, 'wiretrace.config.yaml'), readmeConfig())
  git(project, 'init', '-q', '-b', 'main')
  git(project, 'add', '-A')
  git(project, 'commit', '-q', '-m', 'articles')
  git(project, 'checkout', '-q', '-b', 'pr')
  writeFileSync(join(project, 'articles', '005_copy.txt'), COPY)
  mkdirSync(join(project, 'drafts'))
  writeFileSync(join(project, 'drafts', 'unfinished.txt'), COPY)
  mkdirSync(join(project, 'articles', 'node_modules', 'some-package'), {recursive: true})
  writeFileSync(join(project, 'articles', 'node_modules', 'some-package', 'README.txt'), 'Not an article.\n')
}, 600_000)

describe('the packed package in a fresh repository', {timeout: 240_000}, () => {
  it('ships its licence and compiled code, and no TypeScript sources to run at run time', () => {
    const installed = join(project, 'node_modules', 'wiretrace')
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
    expect(existsSync(join(installed, 'dist', 'cli', 'wiretrace.js'))).toBe(true)
    expect(existsSync(join(installed, 'cli'))).toBe(false)
    expect(sh('wiretrace --version').stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })

  it('prints the config in force, found at the repository root', () => {
    mkdirSync(join(project, 'articles', 'deep'), {recursive: true})
    const config = sh('cd articles/deep && wiretrace config')
    expect(config.code).toBe(0)
    expect(config.stdout).toMatch(/^# config: \.\.\/\.\.\/wiretrace\.config\.yaml\n/)
    expect(parse(config.stdout)).toMatchObject({
      inputs: [join(project, 'articles')],
      rules: [join(project, 'rules', 'local')],
      index: join(project, '.wiretrace', 'index.sqlite'),
      out: join(project, '.wiretrace', 'reports'),
      markdown: true
    })
  })

  it('runs the whole corpus from the config alone, leaving out what .gitignore ignores and node_modules', () => {
    const run = sh('wiretrace run -v')
    expect(run.stderr).toContain('config: wiretrace.config.yaml')
    expect(run.code).toBe(0)
    const reports = readdirSync(join(project, '.wiretrace', 'reports')).filter((name) => name.endsWith('.json') && name !== 'reuse.json')
    expect(reports.sort()).toEqual([...readdirSync(SEEDS), '005_copy.txt'].map((name) => `${name}.json`).sort())
    // The rule folder the config names applies to `run` as to `check`.
    expect(JSON.parse(readFileSync(join(project, '.wiretrace', 'reports', '005_copy.txt.json'), 'utf8')).article.outlet).toBe('contoh')
  })

  it("checks the pull request's new file as the example workflow runs it, and agrees with run on the outlet", () => {
    const workflow = parse(readFileSync('examples/github-actions.yml', 'utf8')) as {jobs: {check: {steps: Array<{run?: string}>}}}
    const step = workflow.jobs.check.steps.find((candidate) => candidate.run?.includes('wiretrace check'))!.run!
    const check = sh(step)
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(/^::error file=articles\/005_copy\.txt,line=5,/m)
    expect(check.stderr).toMatch(/1 of 6 files checked \(files added or modified since/)
    expect(JSON.parse(readFileSync(join(project, '.wiretrace', 'wiretrace.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0)
    expect(existsSync(join(project, '.wiretrace', 'html', 'index.html'))).toBe(true)
    const json = sh('wiretrace check --changed --format json --fail-on none --max-uncredited-share 1')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout.trim()).outlet).toBe('contoh')
  })

  it("explains a file and a text from standard input with the config's rules", () => {
    const explain = sh('wiretrace explain articles/005_copy.txt --line 9')
    expect(explain.code).toBe(0)
    expect(explain.stdout).toContain('outlets: Contoh (recognised on line 9)')
    expect(explain.stdout).toMatch(/contoh\/sign-off \(rules\/local\/contoh\.yaml:\d+:\d+\)/)
    expect(explain.stdout).toContain('captured byline "Redaksi Contoh" by contoh/sign-off')
    const piped = sh('cat drafts/unfinished.txt | wiretrace explain - --stdin-filename drafts/unfinished.txt --json')
    expect(piped.code).toBe(0)
    expect(JSON.parse(piped.stdout)).toMatchObject({path: 'drafts/unfinished.txt', outlets: [{id: 'contoh'}]})
  })

  it("tests and checks the config's rule folder", () => {
    const test = sh('wiretrace rules test')
    expect(test.code).toBe(0)
    expect(test.stdout).toContain('✓ contoh/sign-off')
    expect(test.stdout).toContain('✓ fixture:rules/local/tests/contoh.txt (5 lines')
    expect(test.stdout).toContain('1 rule, 1 outlet, 4 examples, 1 fixture: all pass')
    const check = sh('wiretrace rules check')
    expect(check.stdout).toBe('2 files, 1 rule: 0 errors, 0 warnings\n')
    expect(check.code).toBe(0)
  })

  it('leaves nothing of its own for git to commit', () => {
    expect(readFileSync(join(project, '.wiretrace', '.gitignore'), 'utf8')).toMatch(/^\*$/m)
    expect(git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('?? articles/005_copy.txt\n')
  })
})

/**
 * What `npm install git+https://…#commit` does with a package that has a
 * `prepare` script: clone the repository at the commit, install its
 * dependencies (dev ones included), run `prepare` while packing, install
 * the tarball. The dependencies come from this checkout instead of the
 * registry; the rest is the same, so a build that needs a file git does not
 * hold (a generated or ignored file) fails here. It checks the committed
 * state: uncommitted changes are not in the clone.
 */
describe('installed from a git URL', {timeout: 240_000}, () => {
  let installed: string
  let gitEnv: NodeJS.ProcessEnv

  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), 'wiretrace-git-install-'))
    const clone = join(work, 'clone')
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {cwd: REPO, encoding: 'utf8'}).trim()
    // A path, not a file:// URL: git then copies every object, so a detached commit (a CI merge commit) can be checked out too.
    execFileSync('git', ['clone', '-q', '--no-checkout', REPO, clone])
    execFileSync('git', ['-c', 'advice.detachedHead=false', 'checkout', '-q', commit], {cwd: clone})
    expect(existsSync(join(clone, 'dist'))).toBe(false)
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'))
    const packed = join(work, 'packed')
    mkdirSync(packed)
    const tarball = pack(clone, packed)
    installed = join(work, 'project')
    gitEnv = install(join(packed, tarball), installed)
  }, 600_000)

  it('builds dist/ from a fresh clone through prepare, and the installed bin runs the built-in rules', () => {
    expect(existsSync(join(installed, 'node_modules', 'wiretrace', 'dist', 'cli', 'wiretrace.js'))).toBe(true)
    const run = (command: string) => spawnSync('sh', ['-c', command], {cwd: installed, encoding: 'utf8', env: gitEnv})
    expect(run('wiretrace --version').stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    const tested = run('wiretrace rules test --no-config')
    expect(tested.status).toBe(0)
    expect(tested.stdout).toMatch(/\d+ rules, \d+ outlets, \d+ exceptions?, \d+ citations, \d+ lexicons, \d+ examples: all pass\n/)
  })
})
