/**
 * The index's copy groups (which article is a near-exact copy of which root) as one batch of new articles reads them,
 * inside the transaction that indexes the batch: read from the store once, then kept up to date with the articles the
 * batch adds.
 *
 * Every new article asks for the roots of its candidates and for the copies of each root, and a story printed by 80
 * outlets brings its copies in one after another: the store was asked for a root's list of copies again for each of
 * them, the list one longer each time. Over 7,200 syndicated articles (90 stories each printed by 80 outlets) those two
 * queries took about 4% of the link step's thread. Inside the batch's transaction no other runner can change the
 * groups, so what the store said stays true but for the batch's own additions, which `added` applies; an article
 * indexed before (its old version forgotten, its copies aligned again) changes groups in other ways, so the caller
 * `forget`s everything around it.
 */
import {Buffer} from 'node:buffer'
import type {ReuseStore} from './store.ts'

export class BatchGroups {
  /** The root of each article asked about or added, null for one that is no copy. */
  private readonly roots = new Map<string, string | null>()
  /** The copies of each root asked about or added, sorted as the store sorts them. */
  private readonly copies = new Map<string, string[]>()

  constructor(private readonly store: ReuseStore) {}

  /** `ReuseStore.rootsOf`: the root of each of `ids` that is a copy. */
  async rootsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unknown = ids.filter((id) => !this.roots.has(id))
    if (unknown.length > 0) {
      const found = await this.store.rootsOf(unknown)
      for (const id of unknown) this.roots.set(id, found.get(id) ?? null)
    }
    const out = new Map<string, string>()
    for (const id of ids) {
      const root = this.roots.get(id)
      if (root) out.set(id, root)
    }
    return out
  }

  /** `ReuseStore.copiesOf`: the copies of `root`, sorted; a list given out is never changed (`added` makes a new one). */
  async copiesOf(root: string): Promise<readonly string[]> {
    let list = this.copies.get(root)
    if (!list) {
      list = await this.store.copiesOf(root)
      this.copies.set(root, list)
    }
    return list
  }

  /** Takes in a new article the batch has just added to the store, as a copy of `root` or (null) as no copy. */
  added(id: string, root: string | null): void {
    this.roots.set(id, root)
    // A new article has no copies yet.
    this.copies.set(id, [])
    const list = root === null ? undefined : this.copies.get(root)
    if (root === null || !list) return
    const place = sortedPlace(list, id)
    this.copies.set(root, [...list.slice(0, place), id, ...list.slice(place)])
  }

  /** Forgets everything read: the groups changed in a way `added` does not follow. */
  forget(): void {
    this.roots.clear()
    this.copies.clear()
  }
}

/**
 * Where `id` goes in a list sorted as the stores sort ids: by their UTF-8 bytes (SQLite's `BINARY`, PostgreSQL's
 * `COLLATE "C"`), which orders characters outside the Basic Multilingual Plane after U+E000–U+FFFF where UTF-16 code
 * units do not.
 */
function sortedPlace(list: readonly string[], id: string): number {
  const bytes = Buffer.from(id)
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (Buffer.compare(Buffer.from(list[middle]!), bytes) <= 0) low = middle + 1
    else high = middle
  }
  return low
}
