import {mkdirSync, mkdtempSync, realpathSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {findConfigFile, loadConfig} from '../run/config.ts'
import {DataFileError} from '../core/rules/yaml-file.ts'

function folder(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wiretrace-config-')))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), {recursive: true})
    writeFileSync(join(root, name), text)
  }
  return root
}

function problem(path: string): string {
  try {
    loadConfig(path)
  } catch (error) {
    if (error instanceof DataFileError) return `${error.line}:${error.column}: ${error.reason}`
    throw error
  }
  throw new Error('no problem found')
}

describe('finding the config file', () => {
  it('looks in the working folder, then each folder above', () => {
    const root = folder({'wiretrace.config.yaml': 'inputs: [articles]\n', 'a/b/c/.keep': ''})
    expect(findConfigFile(join(root, 'a', 'b', 'c'))).toBe(join(root, 'wiretrace.config.yaml'))
    expect(findConfigFile(root)).toBe(join(root, 'wiretrace.config.yaml'))
  })

  it('takes the nearest one, and a .json one too', () => {
    const root = folder({'wiretrace.config.yaml': 'inputs: [a]\n', 'sub/wiretrace.config.json': '{"inputs": ["b"]}\n'})
    expect(findConfigFile(join(root, 'sub'))).toBe(join(root, 'sub', 'wiretrace.config.json'))
  })

  it('stops at the root of the git repository: a config in a folder above it is never read', () => {
    const root = folder({'wiretrace.config.yaml': 'rules: [/somewhere/else]\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/articles/.keep': ''})
    expect(findConfigFile(join(root, 'repo', 'articles'))).toBeUndefined()
    expect(findConfigFile(join(root, 'repo'))).toBeUndefined()
    writeFileSync(join(root, 'repo', 'wiretrace.config.yaml'), 'inputs: [articles]\n')
    expect(findConfigFile(join(root, 'repo', 'articles'))).toBe(join(root, 'repo', 'wiretrace.config.yaml'))
  })

  it('treats a worktree (.git as a file) as a repository root too', () => {
    const root = folder({'wiretrace.config.yaml': 'inputs: [x]\n', 'wt/.git': 'gitdir: /elsewhere\n'})
    expect(findConfigFile(join(root, 'wt'))).toBeUndefined()
  })

  it('finds none where there is none', () => {
    const root = folder({'a/.keep': ''})
    expect(findConfigFile(join(root, 'a'))).toBeUndefined()
  })

  it('refuses two config files in one folder', () => {
    const root = folder({'wiretrace.config.yaml': 'inputs: [a]\n', 'wiretrace.config.json': '{}\n'})
    expect(() => findConfigFile(root)).toThrow(/two config files in one folder \(wiretrace\.config\.yaml, wiretrace\.config\.json\); keep one/)
  })
})

describe('reading the config file', () => {
  it('makes every path relative to the file, keeps globs globs and the index false when switched off', () => {
    const root = folder({
      'ci/wiretrace.config.yaml': [
        'inputs: [../articles, "../more/**/*.txt", "!../articles/drafts/"]',
        'exclude: ["*.draft.txt"]',
        'gitignore: false',
        'out: ../site',
        'rules: [../rules/local]',
        'outlets: {rules: false, allow: [antaranews]}',
        'index: false',
        'changed: true',
        'since: origin/main',
        'policy: {failOn: [uncredited-reuse, unknown-outlet], maxUncreditedShare: 0.3}',
        'output: {format: [github, sarif=out/wiretrace.sarif, html], quiet: true}',
        ''
      ].join('\n')
    })
    const {config, base} = loadConfig(join(root, 'ci', 'wiretrace.config.yaml'))
    expect(base).toBe(join(root, 'ci'))
    expect(config).toEqual({
      inputs: [join(root, 'articles'), `${root}/ci/../more/**/*.txt`],
      exclude: ['*.draft.txt', '../articles/drafts/'],
      gitignore: false,
      out: join(root, 'site'),
      rules: [join(root, 'rules', 'local')],
      outlets: {rules: false, allow: ['antaranews']},
      index: false,
      changed: true,
      since: 'origin/main',
      policy: {failOn: ['uncredited-reuse', 'unknown-outlet'], maxUncreditedShare: 0.3},
      output: {format: ['github', `sarif=${join(root, 'ci', 'out', 'wiretrace.sarif')}`, 'html'], quiet: true}
    })
  })

  it('keeps an index URL as it is and places an index path beside the file', () => {
    const root = folder({'a/wiretrace.config.yaml': 'index: postgres://ci@db/wiretrace\n', 'b/wiretrace.config.json': '{"index": "cache/index.sqlite"}\n'})
    expect(loadConfig(join(root, 'a', 'wiretrace.config.yaml')).config.index).toBe('postgres://ci@db/wiretrace')
    expect(loadConfig(join(root, 'b', 'wiretrace.config.json')).config.index).toBe(join(root, 'b', 'cache', 'index.sqlite'))
  })

  it('names the line and column of each kind of mistake', () => {
    const root = folder({
      'typo.yaml': 'inputs: [articles]\npolicy:\n  failOn: [uncredited-reuse]\n  maxUncreditedShar: 0.3\n',
      'finding.yaml': 'policy:\n  failOn: [uncredited-reuse, plagiarism]\n',
      'format.yaml': 'output:\n  format: [github, pdf]\n',
      'index.json': '{\n  "inputs": ["articles"],\n  "index": 3\n}\n',
      'syntax.yaml': 'inputs: [articles\n',
      'empty-inputs.yaml': 'inputs: []\n',
      'markdown.yaml': 'out: reports\nmarkdown: "no"\n'
    })
    expect(problem(join(root, 'typo.yaml'))).toBe('4:3: policy: unknown key "maxUncreditedShar"; did you mean "maxUncreditedShare"?')
    expect(problem(join(root, 'finding.yaml'))).toMatch(
      /^2:30: policy\.failOn\.1: Invalid option: expected one of "uncredited-reuse"\|"unknown-outlet"\|"input-error"\|"rule-error"$/
    )
    expect(problem(join(root, 'format.yaml'))).toBe(
      '2:20: output.format.1: use one of human, github, json, sarif, html, optionally with =PATH (e.g. "sarif=wiretrace.sarif")'
    )
    expect(problem(join(root, 'index.json'))).toBe('3:12: index: give the path of the reuse index, or false for none')
    expect(problem(join(root, 'syntax.yaml'))).toMatch(/^\d+:\d+: .*flow sequence/i)
    expect(problem(join(root, 'empty-inputs.yaml'))).toMatch(/^1:9: inputs: Too small/)
    expect(problem(join(root, 'markdown.yaml'))).toMatch(/^2:11: markdown: .*expected boolean/)
  })
})
