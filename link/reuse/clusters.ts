/**
 * The corpus view of reuse, `reuse.json` beside the reports: clusters of
 * articles that share passages (connected through any chain of links), so
 * a reader sees at once that one wire story fed many outlets.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {replaceFileStreamed} from '../../core/replace-file.ts'
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

type ReusePair = ReuseFile['clusters'][number]['pairs'][number]

/**
 * The clusters of a folder of reports after a run that read the links of `readAgain` again (its own articles, and the
 * partners whose reports it patched): the pairs the folder's `reuse.json` held before, less every pair of an article
 * read again, with the pairs read now. A run over a few new articles keeps the stories it did not touch, which a
 * report's "reuse.json lists them all" promises; a run over every article of the folder gives what it alone reads.
 */
export async function updatedClusters(
  before: ReuseFile | undefined,
  readAgain: ReadonlySet<string>,
  linksOf: (id: string) => Promise<StoredLink[]>
): Promise<ReuseFile> {
  const kept = (before?.clusters ?? []).flatMap((cluster) => cluster.pairs.filter((pair) => !readAgain.has(pair.a) && !readAgain.has(pair.b)))
  return clustersOf([...kept, ...(await pairsOf(readAgain, linksOf))])
}

/** The pairs of articles linked to the given ones, each counted once: block links and the highest similarity among them. */
async function pairsOf(ids: ReadonlySet<string>, linksOf: (id: string) => Promise<StoredLink[]>): Promise<ReusePair[]> {
  const pairs = new Map<string, ReusePair>()
  for (const id of ids) {
    for (const link of await linksOf(id)) {
      const [a, b] = [id, link.other].sort() as [string, string]
      const key = `${a}\u0000${b}`
      const pair = pairs.get(key) ?? {a, b, links: 0, similarity: 0}
      // Each link is stored for both sides: count it from one side, the first one this run reads.
      const countingSide = ids.has(a) ? a : b
      if (id === countingSide) pair.links++
      pair.similarity = Math.max(pair.similarity, link.similarity)
      pairs.set(key, pair)
    }
  }
  return [...pairs.values()]
}

/** Pairs grouped into clusters of articles connected through any chain of them, largest first. */
function clustersOf(pairs: readonly ReusePair[]): ReuseFile {
  const parent = new Map<string, string>()
  const find = (id: string): string => {
    const up = parent.get(id) ?? id
    if (up === id) return id
    const root = find(up)
    parent.set(id, root)
    return root
  }
  for (const pair of pairs) parent.set(find(pair.a), find(pair.b))
  // Members and pairs grouped by cluster in one pass: filtering every pair for every cluster grew with their product.
  const members = new Map<string, {ids: Set<string>; pairs: ReusePair[]}>()
  for (const pair of pairs) {
    const root = find(pair.a)
    const cluster = members.get(root) ?? {ids: new Set<string>(), pairs: []}
    cluster.ids.add(pair.a).add(pair.b)
    cluster.pairs.push(pair)
    members.set(root, cluster)
  }
  const clusters = [...members.values()].map((cluster) => ({
    articles: [...cluster.ids].sort(),
    pairs: cluster.pairs.sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
  }))
  clusters.sort((x, y) => y.articles.length - x.articles.length || x.articles[0]!.localeCompare(y.articles[0]!))
  return {schemaVersion: REUSE_FILE_VERSION, clusters}
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
 * Writes `reuse.json`, as `updatedClusters` built it, typed by the schema. The tests check the file against the schema;
 * checking it here copied the whole file (at 100,000 articles, 38,000 pairs: 150 ms of CPU and 17 MB more resident
 * memory at the end of the run). The text is what `JSON.stringify(file, null, 2)` gives, written a cluster at a time:
 * at 100,000 articles it is 7.9 MB, which as one string and then one buffer stood at the run's end beside everything
 * the run still held.
 */
export function writeReuseFile(out: string, file: ReuseFile): string {
  const path = join(out, REUSE_FILE)
  replaceFileStreamed(path, (add) => {
    if (file.clusters.length === 0) return add(`${JSON.stringify(file, null, 2)}\n`)
    add(`{\n  "schemaVersion": ${JSON.stringify(file.schemaVersion)},\n  "clusters": [\n`)
    for (const [index, cluster] of file.clusters.entries()) {
      const text = JSON.stringify(cluster, null, 2).replaceAll('\n', '\n    ')
      add(`    ${text}${index < file.clusters.length - 1 ? ',' : ''}\n`)
    }
    add('  ]\n}\n')
  })
  return path
}
