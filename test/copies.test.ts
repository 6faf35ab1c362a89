/**
 * Near-exact copies of a wire story: each copy is aligned with one root and
 * its links to the other copies are composed through it (link/reuse/copies.ts).
 * On a small syndicated corpus of two stories that share passages, the
 * reports and clusters must say what aligning every pair says.
 */
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeCopies} from '../bench/syndicated.ts'
import {DEFAULT_MAX_DF, reuseLinker} from '../link/reuse/linker.ts'
import {withStore} from '../link/reuse/open.ts'
import type {ReuseFile} from '../link/reuse/clusters.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {runCorpus} from '../run/run.ts'

const work = mkdtempSync(join(tmpdir(), 'wiretrace-copies-'))
/** Two seed articles that print one Anadolu story, each copied by ten outlets. */
const STORIES = ['seeds/000_0ff0c87b60d874fd.txt', 'seeds/001_fbe5a5956e437734.txt']
const OUTLETS = 10
/** A composed span may miss or gain the word an outlet dropped, no more. */
const SPAN_SLACK = 20

async function linkedRun(name: string, alignEveryCopy: boolean) {
  const index = join(work, `${name}.sqlite`)
  const out = join(work, name)
  await runCorpus({inputs: [corpus], index, out, retain: false, reuse: {alignEveryCopy}})
  const reports = new Map(ids.map((id) => [id, JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Report]))
  const clusters = JSON.parse(readFileSync(join(out, 'reuse.json'), 'utf8')) as ReuseFile
  const stored = await withStore(index, async (store) => {
    let count = 0
    for (const id of ids) count += (await store.linksOf(id)).length
    return count
  })
  const linked = await withStore(index, async (store) => {
    const linker = reuseLinker()
    let count = 0
    for (const id of ids) count += (await linker.links(store, id)).length
    return count
  })
  return {reports, clusters, stored, linked}
}

const corpus = join(work, 'corpus')
writeCopies(
  corpus,
  STORIES.map((path) => ({lines: readFileSync(path, 'utf8').split('\n')})),
  OUTLETS,
  7
)
const ids = readdirSync(corpus).sort()

describe('near-exact copies', () => {
  it('give the links, copies, agencies and clusters of aligning every pair, from a fraction of the alignments', async () => {
    const composed = await linkedRun('composed', false)
    const reference = await linkedRun('every-pair', true)
    // The stories share passages, so composition runs both through a copy's own root and into the other story's copies.
    expect(reference.clusters.clusters.map((cluster) => cluster.articles)).toEqual([ids])
    expect(composed.stored).toBeLessThan(reference.stored / 2)
    expect(composed.linked).toBe(reference.linked)
    for (const id of ids) {
      const mine = composed.reports.get(id)!
      const theirs = reference.reports.get(id)!
      // The reused share may miss or gain the word an outlet dropped.
      expect({...mine.summary, reused: null}, id).toEqual({...theirs.summary, reused: null})
      expect(Math.abs(mine.summary.reused! - theirs.summary.reused!), id).toBeLessThanOrEqual(0.01)
      expect(mine.messages, id).toEqual(theirs.messages)
      for (const [at, block] of mine.blocks.entries()) {
        const other = theirs.blocks[at]!
        const where = `${id} ${block.id}`
        expect(block.copies, where).toBe(other.copies)
        expect(
          block.sources.map((source) => [source.agency, source.role]),
          where
        ).toEqual(other.sources.map((source) => [source.agency, source.role]))
        // In reading order, so a span a word off may swap two links that start together: compared by what they link.
        const key = (link: Report['blocks'][number]['reuse'][number]) => `${link.article}:${link.block}`
        const byTarget = (links: Report['blocks'][number]['reuse']) => [...links].sort((x, y) => key(x).localeCompare(key(y)))
        expect(byTarget(block.reuse).map(key), where).toEqual(byTarget(other.reuse).map(key))
        for (const [index, link] of byTarget(block.reuse).entries()) {
          const expected = byTarget(other.reuse)[index]!
          for (const side of ['span', 'otherSpan'] as const) {
            expect(Math.abs(link[side][0] - expected[side][0]), `${where} ${side}`).toBeLessThanOrEqual(SPAN_SLACK)
            expect(Math.abs(link[side][1] - expected[side][1]), `${where} ${side}`).toBeLessThanOrEqual(SPAN_SLACK)
          }
          expect(Math.abs(link.similarity - expected.similarity), where).toBeLessThanOrEqual(0.1)
        }
      }
    }
    const pairs = (file: ReuseFile) => file.clusters.flatMap((cluster) => cluster.pairs.map((pair) => `${pair.a} ${pair.b} ${pair.links}`))
    expect(pairs(composed.clusters)).toEqual(pairs(reference.clusters))
  }, 240_000)

  it('link a story printed by more outlets than a stock phrase may stand in (maxDf): its copies count as one document', async () => {
    const outlets = DEFAULT_MAX_DF + 10
    const dir = join(work, 'many')
    writeCopies(dir, [{lines: readFileSync(STORIES[0]!, 'utf8').split('\n')}], outlets, 11)
    const names = readdirSync(dir).sort()
    const out = join(work, 'many-reports')
    await runCorpus({inputs: [dir], index: join(work, 'many.sqlite'), out, retain: false})
    for (const name of names) {
      const report = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as Report
      const body = report.blocks.filter((block) => block.role === 'body')
      expect(body.length, name).toBeGreaterThan(3)
      // Every paragraph of the story stands in every other copy, the last ones indexed as much as the first.
      for (const block of body) expect(block.copies, `${name} ${block.id}`).toBe(outlets - 1)
    }
    const clusters = JSON.parse(readFileSync(join(out, 'reuse.json'), 'utf8')) as ReuseFile
    expect(clusters.clusters.map((cluster) => cluster.articles.length)).toEqual([outlets])
  }, 240_000)
})
