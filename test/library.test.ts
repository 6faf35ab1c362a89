/**
 * The library API as a user meets it: the README's example, run as written,
 * importing `wiretrace` through the package's exports map (the built `dist/`,
 * which the tests' global setup rebuilds from the current sources).
 */
import {execFileSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8')
  const section = readme.slice(readme.indexOf('## Use it as a library'))
  const match = /```js\n([\s\S]*?)```/.exec(section)
  if (!match) throw new Error('README.md has no js example under "## Use it as a library"')
  return match[1]!
}

describe('the library', () => {
  it('runs the README example as written', () => {
    expect(existsSync('dist/index.js')).toBe(true)
    // Inside the package, so that `import … from 'wiretrace'` resolves through its own exports map.
    const script = resolve('test/.artifacts/readme-example.mjs')
    mkdirSync('test/.artifacts', {recursive: true})
    writeFileSync(script, readmeExample())
    const work = mkdtempSync(join(tmpdir(), 'wiretrace-library-'))
    cpSync('seeds', join(work, 'seeds'), {recursive: true})
    const output = execFileSync(process.execPath, [script], {cwd: work, encoding: 'utf8'})
    expect(output).toContain('5 articles reported, 0 failed')
    expect(output).toMatch(/anadolu: 1/)
    expect(readdirSync(join(work, 'my-reports'))).toContain('000_0ff0c87b60d874fd.txt.json')
  })

  it('publishes types for every export', () => {
    const types = readFileSync('dist/index.d.ts', 'utf8')
    for (const name of ['runCorpus', 'createProcessor', 'wiretraceParse', 'reuseLinker', 'Report', 'openStore']) expect(types).toContain(name)
  })
})
