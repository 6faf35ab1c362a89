/**
 * The run's worker threads count the corpus before they analyse it: the counts must be those of the main thread's own
 * count, in input order, whatever order the threads answer in.
 */
import {copyFileSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DEFAULT_LIMITS} from '../core/decode.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {countedHere} from '../run/corpus.ts'
import {resolveInputs, type InputFile} from '../run/inputs.ts'
import {WorkerPool} from '../run/workers.ts'

// The shared corpora (inputs holding a source each, from their sources.tsv) and a folder of copies of a few of their
// articles with none (inputs that keep their folder once and make their paths when asked, which must cross to a thread
// as their paths).
const plainCopies = mkdtempSync(join(tmpdir(), 'wiretrace-pool-copies-'))
for (const name of readdirSync('test/fixtures/corpus')
  .filter((name) => name.endsWith('.txt'))
  .slice(0, 4))
  copyFileSync(join('test/fixtures/corpus', name), join(plainCopies, `copy-${name}`))
const found = resolveInputs(['test/fixtures/corpus', 'test/fixtures/corpus2', plainCopies], process.cwd())
const outlets = loadPipelineData({dirs: [], outletRules: true}).rules.outlets

async function all<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = []
  for await (const batch of batches) out.push(batch)
  return out
}

describe('the worker pool', () => {
  it('counts the inputs as the main thread does, in input order, leaving out an input it cannot read', async () => {
    // A file gone since the inputs were listed, among the others: the pipeline reports it, the count leaves it out.
    const gone: InputFile = {...found[10]!, absolute: join(tmpdir(), 'wiretrace-gone', 'gone.txt'), relative: 'gone.txt', display: 'gone.txt'}
    const inputs = [...found.slice(0, 20), gone, ...found.slice(20)]
    const pool = new WorkerPool({inputs: []}, 2)
    try {
      // Batches of 7 over two threads: each thread counts several, and answers while the other is still counting.
      const batches = await all(pool.count(inputs, 7))
      expect(batches).toHaveLength(Math.ceil(inputs.length / 7))
      const here = [...countedHere(inputs, DEFAULT_LIMITS, outlets)].flat()
      expect(here.map((article) => article.id)).toEqual(found.map((input) => input.relative))
      expect(batches.flat()).toEqual(here)
      expect(batches[2]).toHaveLength(6)
    } finally {
      await pool.close()
    }
  })

  it("stops counting with a worker's error, naming what failed", async () => {
    const rules = mkdtempSync(join(tmpdir(), 'wiretrace-pool-'))
    writeFileSync(join(rules, 'broken.yaml'), 'outlet: [unclosed\n')
    const pool = new WorkerPool({inputs: [], rules: [rules]}, 2)
    try {
      await expect(all(pool.count(found, 7))).rejects.toThrow(/broken\.yaml/)
    } finally {
      await pool.close()
    }
  })
})
