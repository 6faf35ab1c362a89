/** The command's bundle (scripts/bundle.ts): the code as the installed command runs it. */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bundleModules} from '../scripts/bundle.ts'

describe('the bundle', () => {
  it('keeps regular expression literals with \\p{…} escapes as literals, compiled once, not rebuilt at each call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bundle-'))
    try {
      const entry = join(dir, 'entry.js')
      writeFileSync(
        entry,
        'export const isCapitalised = (word) => /^\\p{Lu}/u.test(word)\nexport const isArabic = (word) => /\\p{Script=Arabic}/u.test(word)\n'
      )
      await bundleModules([entry], join(dir, 'out'))
      const bundled = readFileSync(join(dir, 'out', 'entry.js'), 'utf8')
      expect(bundled).toContain('/^\\p{Lu}/u.test(word)')
      expect(bundled).toContain('/\\p{Script=Arabic}/u.test(word)')
      expect(bundled).not.toContain('new RegExp')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
