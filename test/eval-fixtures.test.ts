import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import fg from 'fast-glob'
import {describe, expect, it} from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SHARED = resolve(ROOT, '../shared')

/** The eval's copies of shared data: project path to shared path. */
function copies(): Array<[string, string]> {
  const corpus = fg.sync('*.txt', {cwd: join(SHARED, 'corpus')}).sort()
  return [
    ['test/fixtures/gold/seeds.gold.json', 'eval/seeds.gold.json'],
    ['test/fixtures/gold/corpus.gold.json', 'corpus/corpus.gold.json'],
    ['test/fixtures/corpus/sources.tsv', 'corpus/sources.tsv'],
    ...corpus.map((name): [string, string] => [`test/fixtures/corpus/${name}`, `corpus/${name}`])
  ]
}

const skipReason = existsSync(SHARED) ? undefined : `${SHARED} is not here`
if (skipReason) console.warn(`eval-fixtures: skipping the check against ../shared: ${skipReason}`)

describe.skipIf(skipReason)(`the eval fixtures are current copies of ../shared${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('copies every shared corpus article and no other', () => {
    const shared = fg.sync('*.txt', {cwd: join(SHARED, 'corpus')}).sort()
    expect(shared.length).toBeGreaterThan(0)
    expect(fg.sync('*.txt', {cwd: join(ROOT, 'test/fixtures/corpus')}).sort()).toEqual(shared)
  })

  it('copies each file byte for byte', () => {
    for (const [mine, theirs] of copies()) {
      expect(readFileSync(join(ROOT, mine)).equals(readFileSync(join(SHARED, theirs))), `${mine} differs from ../shared/${theirs}: copy it again`).toBe(true)
    }
  })
})
