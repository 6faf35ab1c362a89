/**
 * The corpus view of reuse, `reuse.json` beside the reports: clusters of
 * articles that share passages (connected through any chain of links), so
 * a reader sees at once that one wire story fed many outlets.
 */
import {join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {z} from 'zod'
import type {StoredLink} from './store.ts'

export const REUSE_FILE_VERSION = 1

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

/** Clusters of the given articles (and the indexed articles they link to), from each article's links as the reuse linker reads them. */
export async function reuseClusters(ids: string[], linksOf: (id: string) => Promise<StoredLink[]>): Promise<ReuseFile> {
  const pairs = new Map<string, {a: string; b: string; links: number; similarity: number}>()
  const parent = new Map<string, string>()
  const find = (id: string): string => {
    const up = parent.get(id) ?? id
    if (up === id) return id
    const root = find(up)
    parent.set(id, root)
    return root
  }
  const inRun = new Set(ids)
  for (const id of ids) {
    for (const link of await linksOf(id)) {
      const [a, b] = [id, link.other].sort() as [string, string]
      const key = `${a}\u0000${b}`
      const pair = pairs.get(key) ?? {a, b, links: 0, similarity: 0}
      // Each link is stored for both sides: count it from one side, the first one this run reads.
      const countingSide = inRun.has(a) ? a : b
      if (id === countingSide) pair.links++
      pair.similarity = Math.max(pair.similarity, link.similarity)
      pairs.set(key, pair)
      parent.set(find(a), find(b))
    }
  }
  // Members and pairs grouped by cluster in one pass: filtering every pair for every cluster grew with their product.
  const members = new Map<string, {ids: Set<string>; pairs: Array<{a: string; b: string; links: number; similarity: number}>}>()
  for (const pair of pairs.values()) {
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
 * Writes `reuse.json`, as `reuseClusters` built it, typed by the schema. The tests check the file against the schema;
 * checking it here copied the whole file (at 100,000 articles, 38,000 pairs: 150 ms of CPU and 17 MB more resident
 * memory at the end of the run).
 */
export function writeReuseFile(out: string, file: ReuseFile): string {
  const path = join(out, 'reuse.json')
  writeFileAtomic.sync(path, `${JSON.stringify(file, null, 2)}\n`)
  return path
}
