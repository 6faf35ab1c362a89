/**
 * Near-exact copies of a wire story: each copy is aligned with one root and
 * its links to the other copies are composed through it (link/reuse/copies.ts).
 * On a small syndicated corpus of two stories that share passages, the
 * reports and clusters must say what aligning every pair says.
 */
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeCopies} from '../bench/syndicated.ts'
import {ArticleLinks, ThroughLinks, type FoldKey} from '../link/reuse/copies.ts'
import {DEFAULT_MAX_DF, reuseLinker} from '../link/reuse/linker.ts'
import type {StoredLink} from '../link/reuse/store.ts'
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

/** A run's reports, link for link, against those of aligning every pair: the same links, spans within the slack. */
function expectLinksOfEveryPair(reports: ReadonlyMap<string, Report>, reference: ReadonlyMap<string, Report>) {
  for (const id of ids) {
    const mine = reports.get(id)!
    const theirs = reference.get(id)!
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
}

/** The run that aligns every pair, made once for the tests that compare with it. */
let everyPair: ReturnType<typeof linkedRun> | undefined
const referenceRun = () => {
  everyPair ??= linkedRun('every-pair', true)
  return everyPair
}

describe('near-exact copies', () => {
  it('give the links, copies, agencies and clusters of aligning every pair, from a fraction of the alignments', async () => {
    const composed = await linkedRun('composed', false)
    const reference = await referenceRun()
    // The stories share passages, so composition runs both through a copy's own root and into the other story's copies.
    expect(reference.clusters.clusters.map((cluster) => cluster.articles)).toEqual([ids])
    expect(composed.stored).toBeLessThan(reference.stored / 2)
    expect(composed.linked).toBe(reference.linked)
    expectLinksOfEveryPair(composed.reports, reference.reports)
    // reuse.json folds each root's copies into a group (the pairs inside it not listed), and lists the other pairs.
    expect(composed.clusters.clusters.flatMap((cluster) => cluster.copies).map((group) => group.length)).toEqual([OUTLETS, OUTLETS])
    // The two stories share passages: their copies' pairs across stand for the pair of the roots.
    const [cluster] = composed.clusters.clusters
    expect(cluster!.pairs).toHaveLength(1)
    expect(cluster!.copies.map((group) => group.filter((id) => [cluster!.pairs[0]!.a, cluster!.pairs[0]!.b].includes(id)).length)).toEqual([1, 1])
    expect(composed.clusters).toEqual(reference.clusters)
  }, 240_000)

  it("link a copy that comes after the other story through its root alone, and patch the other story's copies two steps away", async () => {
    // The first story's last copy comes in a run of its own, once the second story and its copies are indexed.
    const late = ids.filter((id) => id.startsWith('000-')).at(-1)!
    const earlier = join(work, 'earlier')
    mkdirSync(earlier)
    for (const id of ids) if (id !== late) copyFileSync(join(corpus, id), join(earlier, id))
    const index = join(work, 'late.sqlite')
    const out = join(work, 'late')
    await runCorpus({inputs: [earlier], index, out, retain: false})
    copyFileSync(join(corpus, late), join(earlier, late))
    const analysed: string[] = []
    await runCorpus({inputs: [earlier], only: [late], index, out, retain: false, onArticle: (article) => analysed.push(article.input.relative)})
    expect(analysed).toEqual([late])
    // Aligned with its root alone: the second story's root, linked to that root, is reached through it.
    const partners = await withStore(index, async (store) => new Set((await store.linksOf(late)).map((link) => link.other)))
    expect([...partners]).toEqual(['000-000.txt'])
    const reports = new Map(ids.map((id) => [id, JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Report]))
    expect(reports.get('001-009.txt')!.blocks.some((block) => block.copies > OUTLETS)).toBe(true)
    expectLinksOfEveryPair(reports, (await referenceRun()).reports)
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

/** A stored link from `article`'s block to `other`'s, with the spans on each side. */
function link(
  article: string,
  block: string,
  span: [number, number],
  other: string,
  otherBlock: string,
  otherSpan: [number, number],
  similarity = 1
): StoredLink {
  return {article, block, span, other, otherBlock, otherLines: [1, 1], otherSpan, similarity, seeds: [7]}
}

/** Links as lines that read block, span, other article and block, its span and the similarity. */
const described = (links: StoredLink[]) =>
  links.map((made) => `${made.block} ${made.span} -> ${made.other}:${made.otherBlock} ${made.otherSpan} ${made.similarity}`)

/** Each article the links reach, with how many links reach it and their highest similarity, in the order first reached. */
function partnersOf(links: ArticleLinks): string[] {
  const partners: string[] = []
  links.forEachPartner((other, count, similarity) => partners.push(`${other} ${count} ${similarity}`))
  return partners
}

/** A block's links in reading order, those that read alike by their rank: the order of the list of every link. */
const inRankOrder = (visited: Array<{made: StoredLink; rank: number}>) =>
  visited.sort((x, y) => x.made.span[0] - y.made.span[0] || x.made.other.localeCompare(y.made.other) || x.rank - y.rank).map(({made}) => made)

describe('links composed through a root', () => {
  // The root r prints a story in two paragraphs; copies a, b, c and the article x itself each reprint part of it.
  const rootLinks = new ThroughLinks([
    link('r', 'r1', [0, 100], 'b', 'b1', [10, 110], 0.9),
    link('r', 'r1', [0, 100], 'a', 'a1', [0, 100]),
    link('r', 'r1', [0, 100], 'x', 'x1', [5, 105]),
    link('r', 'r2', [100, 200], 'c', 'c2', [300, 400]),
    // Covers text of r's second paragraph that x's own link does not reach: composes nothing.
    link('r', 'r2', [100, 120], 'b', 'b2', [200, 220])
  ])
  const own = [link('x', 'x1', [5, 105], 'r', 'r1', [0, 100]), link('x', 'x2', [150, 200], 'r', 'r2', [150, 200], 0.8)]
  const composedOf = () => {
    const links = new ArticleLinks('x', own)
    links.composeThrough('r', rootLinks)
    return links
  }

  it('compose a link for each pair of links that cover the same text of the root, never one to the article itself', () => {
    const links = composedOf()
    expect([...links.reached]).toEqual(['r', 'b', 'a', 'c'])
    expect(links.length).toBe(5)
    expect(described(links.all())).toEqual([
      'x1 5,105 -> a:a1 0,100 1',
      'x1 5,105 -> b:b1 10,110 0.9',
      'x1 5,105 -> r:r1 0,100 1',
      // The half of c's paragraph that faces the half of the root's second paragraph x reprints.
      'x2 150,200 -> c:c2 350,400 0.8',
      'x2 150,200 -> r:r2 150,200 0.8'
    ])
    // The reused spans: the own links', inside which every composed span lies; the composed ones when the root cannot be read.
    expect(links.spans(() => true)).toEqual([
      [5, 105],
      [150, 200]
    ])
    expect(links.spans((id) => id !== 'r')).toEqual([
      [5, 105],
      [5, 105],
      [150, 200]
    ])
    expect(links.spans((id) => id !== 'r' && id !== 'c')).toEqual([
      [5, 105],
      [5, 105]
    ])
    // Each article once, in the order first reached, with its links counted and their highest similarity.
    expect(partnersOf(links)).toEqual(['r 2 1', 'b 1 0.9', 'a 1 1', 'c 1 0.8'])
  })

  it('give each block its links with ranks that order them as the whole list does', () => {
    const links = composedOf()
    for (const block of ['x1', 'x2']) {
      const visited = links.linksAt(block, () => true).map(({link, rank}) => ({made: link, rank}))
      const others: string[] = []
      links.forEachOtherAt(block, (other) => others.push(other))
      expect(others).toEqual(visited.map(({made}) => made.other))
      expect(links.linksAt(block, (other) => other === 'a')).toEqual(visited.filter(({made}) => made.other === 'a').map(({made, rank}) => ({link: made, rank})))
      expect(inRankOrder(visited)).toEqual(links.all().filter((made) => made.block === block))
    }
  })

  it('compose only to the articles a partner root lets through, and to none an earlier composition reached', () => {
    const links = new ArticleLinks('x', own)
    links.composeThrough('r', rootLinks, (other) => other === 'a')
    expect([...links.reached]).toEqual(['r', 'a'])
    links.composeThrough('r', rootLinks)
    // a is reached already: only b and c are added, by the second composition.
    expect([...links.reached]).toEqual(['r', 'a', 'b', 'c'])
    expect(links.length).toBe(5)
  })

  it("compose two steps away: through the root to another story it is linked to, and on to that story's copies", async () => {
    // x is a copy of r alone; r shares its first paragraph with s, the root of another story, which d and e copy in halves.
    const ofRoot = new ThroughLinks([link('r', 'r1', [0, 100], 'x', 'x1', [5, 105]), link('r', 'r1', [0, 100], 's', 's1', [50, 150], 0.9)])
    const ofOtherRoot = new ThroughLinks([
      link('s', 's1', [50, 150], 'r', 'r1', [0, 100], 0.9),
      link('s', 's1', [50, 100], 'd', 'd1', [0, 50]),
      link('s', 's1', [100, 150], 'e', 'e3', [10, 60], 0.95),
      // s's second paragraph, which r does not print: composes nothing.
      link('s', 's2', [150, 200], 'f', 'f2', [0, 50])
    ])
    const copies = new Set(['d', 'e', 'f'])
    const links = new ArticleLinks('x', [link('x', 'x1', [5, 105], 'r', 'r1', [0, 100])])
    // Nothing is composed beyond a root not composed through.
    links.composeBeyond('r', 's', ofOtherRoot, (other) => copies.has(other))
    expect([...links.reached]).toEqual(['r'])
    links.composeThrough('r', ofRoot)
    links.composeBeyond('r', 's', ofOtherRoot, (other) => copies.has(other))
    expect([...links.reached]).toEqual(['r', 's', 'd', 'e'])
    expect(links.length).toBe(4)
    expect(described(links.all())).toEqual([
      // Each half of the text x shares with s, carried on to the copy of s that prints it.
      'x1 5,55 -> d:d1 0,50 0.9',
      'x1 5,105 -> r:r1 0,100 1',
      'x1 5,105 -> s:s1 50,150 0.9',
      'x1 55,105 -> e:e3 10,60 0.9'
    ])
    // A span two steps away counts only where neither article it goes through does.
    expect(links.spans(() => true)).toEqual([[5, 105]])
    expect(links.spans((id) => id !== 'r')).toEqual([[5, 105]])
    expect(links.spans((id) => id !== 'r' && id !== 's')).toEqual([
      [5, 55],
      [55, 105]
    ])
    expect(partnersOf(links)).toEqual(['r 1 1', 's 1 0.9', 'd 1 0.9', 'e 1 0.9'])
    expect(inRankOrder(links.linksAt('x1', () => true).map(({link, rank}) => ({made: link, rank})))).toEqual(links.all())
    // Folded, the block keeps the earliest article it reaches, two steps away included.
    const published: Record<string, number> = {r: 30, s: 20, d: 10, e: 5}
    const keyOf = (made: StoredLink): FoldKey => ({time: published[made.other]!, agencies: []})
    await links.readFoldKeys(async (made) => keyOf(made))
    expect([...links.folded('x1', keyOf, () => true)]).toEqual(['e'])
    expect([...links.folded('x1', keyOf, (id) => id !== 'e')]).toEqual(['d'])
  })

  it('fold a block to its earliest copy and the earliest copy crediting each agency, whatever order the links come in', async () => {
    const published: Record<string, number> = {r: 30, a: 20, b: 10, c: 5, x: 1}
    const agencies: Record<string, string[]> = {a1: ['reuters'], b1: ['afp'], r1: ['afp', 'reuters']}
    const keyOf = (made: StoredLink): FoldKey => ({time: published[made.other]!, agencies: agencies[made.otherBlock] ?? []})
    const links = composedOf()
    await links.readFoldKeys(async (made) => keyOf(made))
    // b is the earliest of x1's copies and credits AFP; a, earlier than r, credits Reuters; x itself is earliest of all but is no copy.
    expect([...links.folded('x1', keyOf, () => true)].sort()).toEqual(['a', 'b'])
    // A copy that cannot be read is passed over for the next.
    expect([...links.folded('x1', keyOf, (id) => id !== 'b')].sort()).toEqual(['a', 'r'])
    expect([...links.folded('x2', keyOf, () => true)].sort()).toEqual(['c'])
  })
})
