/**
 * The corpus view of reuse, `reuse.json` beside the reports: clusters of
 * articles that share passages (connected through any chain of links), so
 * a reader sees at once that one wire story fed many outlets.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {replaceFileStreamed} from '../../core/replace-file.ts'
import {byCodeUnits} from '../../core/sorted-ids.ts'
import {Uint32Column} from '../../core/uint32-column.ts'
import type {StoredLink} from './store.ts'

export const REUSE_FILE_VERSION = 1

/** The clusters' file, beside the reports. */
export const REUSE_FILE = 'reuse.json'

export const reuseFileSchema = z.strictObject({
  schemaVersion: z.literal(REUSE_FILE_VERSION),
  clusters: z.array(
    z.strictObject({
      articles: z.array(z.string()).describe('ids of the articles in the cluster, sorted'),
      pairs: z.array(
        z.strictObject({
          a: z.string(),
          b: z.string(),
          links: z.number().int().positive().describe('block links between the two articles'),
          similarity: z.number().min(0).max(1).describe('highest similarity among those links')
        })
      )
    })
  )
})
export type ReuseFile = z.infer<typeof reuseFileSchema>

type ReuseCluster = ReuseFile['clusters'][number]
type ReusePair = ReuseCluster['pairs'][number]

/** No article or pair: the end of a chain of pairs. */
const NONE = 0xffffffff

/**
 * The pairs of linked articles that make `reuse.json`: those the folder's file held before the link step, and those
 * the step reads from the links of each report it goes over, so that the links are not read from the index a second
 * time for the clusters (at 100,000 articles, 5.4–6.1 s and 41–46 MB of allocations at the run's end, beside everything
 * the run still held). Held in columns by pair and by article number, not as objects and keys: only articles that
 * stand in a pair are numbered, so what this holds grows with the corpus's reuse, not with its size.
 */
export class LinksRead {
  private readonly names: string[] = []
  private readonly numberOf = new Map<string, number>()
  /** Per article: 1 once its links were read; its first pair as the pair's lower article (`NONE`: none). */
  private readonly read = new Uint32Column()
  private readonly firstPair = new Uint32Column()
  /** Per pair: its articles (`lower`'s id before `higher`'s in code-unit order), the next pair of the same lower article. */
  private readonly lower = new Uint32Column()
  private readonly higher = new Uint32Column()
  private readonly nextPair = new Uint32Column()
  /** Per pair: the block links read from each side, the highest similarity among them. */
  private readonly fromLower = new Uint32Column()
  private readonly fromHigher = new Uint32Column()
  private readonly similarity: number[] = []
  /** Per pair: its links and similarity in the folder's file before the step (0 links: not there). */
  private readonly linksBefore = new Uint32Column()
  private readonly similarityBefore: number[] = []

  /** @param before the folder's `reuse.json` as it stands, whose pairs stay unless the step reads either article's links */
  constructor(before?: ReuseFile) {
    for (const cluster of before?.clusters ?? []) {
      for (const pair of cluster.pairs) {
        const at = this.pairAt(pair.a, pair.b)
        this.linksBefore.set(at, pair.links)
        this.similarityBefore[at] = pair.similarity
      }
    }
  }

  /** Takes an article's links, once: a second call for the same article is ignored. */
  add(id: string, links: readonly StoredLink[]): void {
    const article = this.numberOf.get(id)
    // An article in no pair that has no link now makes none: it is not numbered.
    if (article === undefined && links.length === 0) return
    if (article !== undefined && this.read.at(article) === 1) return
    this.read.set(article ?? this.number(id), 1)
    for (const link of links) {
      const at = this.pairAt(id, link.other)
      if (id < link.other) this.fromLower.set(at, this.fromLower.at(at) + 1)
      else this.fromHigher.set(at, this.fromHigher.at(at) + 1)
      this.similarity[at] = Math.max(this.similarity[at]!, link.similarity)
    }
  }

  /**
   * The clusters of the folder after the step, largest first: the pairs it held before, less every pair of an article
   * read now, with the pairs read now. A run over a few new articles keeps the stories it did not touch, which a
   * report's "reuse.json lists them all" promises; a run over every article of the folder gives what it alone reads.
   * Each cluster's names and values are made as it is asked for.
   */
  *clusters(): Generator<ReuseCluster> {
    const kept = [...this.keptPairs()]
    const parent = Uint32Array.from({length: this.names.length}, (_, article) => article)
    const root = (article: number): number => {
      let top = article
      while (parent[top] !== top) top = parent[top]!
      for (let step = article; step !== top; ) {
        const up = parent[step]!
        parent[step] = top
        step = up
      }
      return top
    }
    for (const at of kept) parent[root(this.lower.at(at))] = root(this.higher.at(at))
    // Articles and pairs grouped by cluster in one pass, by number: their names and values are made cluster by cluster.
    const byRoot = new Map<number, {articles: number[]; pairs: number[]; first: string}>()
    const placed = new Uint8Array(this.names.length)
    for (const at of kept) {
      const top = root(this.lower.at(at))
      let cluster = byRoot.get(top)
      if (!cluster) {
        cluster = {articles: [], pairs: [], first: this.names[this.lower.at(at)]!}
        byRoot.set(top, cluster)
      }
      cluster.pairs.push(at)
      for (const article of [this.lower.at(at), this.higher.at(at)]) {
        if (placed[article] === 1) continue
        placed[article] = 1
        cluster.articles.push(article)
        if (this.names[article]! < cluster.first) cluster.first = this.names[article]!
      }
    }
    const ordered = [...byRoot.values()].sort((x, y) => y.articles.length - x.articles.length || byCodeUnits(x.first, y.first))
    for (const cluster of ordered) {
      const pairs = cluster.pairs.map((at) => this.pairValues(at))
      pairs.sort((x, y) => byCodeUnits(x.a, y.a) || byCodeUnits(x.b, y.b))
      yield {articles: cluster.articles.map((article) => this.names[article]!).sort(), pairs}
    }
  }

  /** The pairs the folder keeps after the step: those read now, or, when neither article was read, those it held before. */
  private *keptPairs(): Generator<number> {
    for (let at = 0; at < this.lower.length; at++) {
      if (this.readNow(at) ? this.fromLower.at(at) + this.fromHigher.at(at) > 0 : this.linksBefore.at(at) > 0) yield at
    }
  }

  /** Whether the step read either article of a pair. */
  private readNow(at: number): boolean {
    return this.read.at(this.lower.at(at)) === 1 || this.read.at(this.higher.at(at)) === 1
  }

  /** A kept pair's values after the step: read now when either article was read, else as before. */
  private pairValues(at: number): ReusePair {
    const lower = this.lower.at(at)
    const [a, b] = [this.names[lower]!, this.names[this.higher.at(at)]!]
    if (!this.readNow(at)) return {a, b, links: this.linksBefore.at(at), similarity: this.similarityBefore[at]!}
    // Each link is stored for both sides: it is counted from one side, the lower id's when the step read both.
    return {a, b, links: this.read.at(lower) === 1 ? this.fromLower.at(at) : this.fromHigher.at(at), similarity: this.similarity[at]!}
  }

  private number(id: string): number {
    let article = this.numberOf.get(id)
    if (article === undefined) {
      article = this.names.push(id) - 1
      this.numberOf.set(id, article)
      this.read.push(0)
      this.firstPair.push(NONE)
    }
    return article
  }

  /** The pair of two articles, added when it is new. */
  private pairAt(one: string, other: string): number {
    const [lower, higher] = one < other ? [this.number(one), this.number(other)] : [this.number(other), this.number(one)]
    for (let at = this.firstPair.at(lower); at !== NONE; at = this.nextPair.at(at)) if (this.higher.at(at) === higher) return at
    const at = this.lower.length
    this.lower.push(lower)
    this.higher.push(higher)
    this.nextPair.push(this.firstPair.at(lower))
    this.firstPair.set(lower, at)
    this.fromLower.push(0)
    this.fromHigher.push(0)
    this.similarity.push(0)
    this.linksBefore.push(0)
    this.similarityBefore.push(0)
    return at
  }
}

/**
 * The `reuse.json` a folder of reports holds, or undefined when it holds none, or one this version cannot read (an
 * older format, a file cut short): the file is derived from the index and rewritten whole by the run that reads it.
 */
export function readReuseFile(out: string): ReuseFile | undefined {
  try {
    return reuseFileSchema.parse(JSON.parse(readFileSync(join(out, REUSE_FILE), 'utf8')))
  } catch {
    return undefined
  }
}

/**
 * Writes `reuse.json` from its clusters, one at a time as they come: the text is what `JSON.stringify(file, null, 2)`
 * of the whole file gives, where at 100,000 articles the file (7.9 MB) as one object, then one string, then one buffer
 * stood at the run's end beside everything the run still held. The tests check the file against the schema.
 */
export function writeReuseFile(out: string, clusters: Iterable<ReuseCluster>): string {
  const path = join(out, REUSE_FILE)
  replaceFileStreamed(path, (add) => {
    let count = 0
    for (const cluster of clusters) {
      if (count++ === 0) add(`{\n  "schemaVersion": ${REUSE_FILE_VERSION},\n  "clusters": [\n`)
      else add(',\n')
      add(`    ${JSON.stringify(cluster, null, 2).replaceAll('\n', '\n    ')}`)
    }
    add(count === 0 ? `${JSON.stringify({schemaVersion: REUSE_FILE_VERSION, clusters: []}, null, 2)}\n` : '\n  ]\n}\n')
  })
  return path
}
