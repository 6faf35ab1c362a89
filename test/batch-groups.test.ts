/**
 * A batch's view of the index's copy groups (link/reuse/batch-groups.ts) says what the store says, as the batch adds
 * roots and copies, ids the stores and JavaScript sort apart included.
 */
import {describe, expect, it} from 'vitest'
import {BatchGroups} from '../link/reuse/batch-groups.ts'
import {openSqliteStore} from '../link/reuse/sqlite-store.ts'
import type {ReuseStore} from '../link/reuse/store.ts'

const article = (id: string) => ({id, sha256: id, config: 'c', published: null, blocks: []})

/** Adds an article to the store and tells the batch, as the reuse linker does. */
async function add(store: ReuseStore, groups: BatchGroups, id: string, root: string | null): Promise<void> {
  await store.add(article(id), [{hash: id.length, position: 0}], root)
  groups.added(id, root)
}

describe("a batch's view of the copy groups", () => {
  it('gives the roots and the sorted copies the store gives while the batch adds copies', async () => {
    const store = openSqliteStore(':memory:')
    // U+E000 sorts before U+1F600 by UTF-8 bytes (the stores) and after it by UTF-16 code units (`<`, `sort()`).
    const ids = ['m.txt', '\u{1F600}.txt', '\uE000.txt', 'a.txt', 'z.txt', '\u{1F600}b.txt']
    await store.transaction(async () => {
      const groups = new BatchGroups(store)
      await add(store, groups, 'root.txt', null)
      await add(store, groups, 'other.txt', null)
      // Read before the copies arrive, so each is added to a list the batch holds.
      expect(await groups.copiesOf('root.txt')).toEqual([])
      for (const id of ids) {
        const before = await groups.copiesOf('root.txt')
        await add(store, groups, id, 'root.txt')
        expect(await groups.copiesOf('root.txt')).toEqual(await store.copiesOf('root.txt'))
        // A list given out stays as it was.
        expect(before).not.toContain(id)
      }
      expect(await groups.copiesOf('root.txt')).toEqual(['a.txt', 'm.txt', 'z.txt', '\uE000.txt', '\u{1F600}.txt', '\u{1F600}b.txt'])
      const asked = ['other.txt', ...ids, 'root.txt', 'unknown.txt']
      expect(await groups.rootsOf(asked)).toEqual(await store.rootsOf(asked))
      expect(await groups.copiesOf('other.txt')).toEqual([])
      expect(await groups.copiesOf(ids[0]!)).toEqual([])
    })
    await store.close()
  })

  it('reads the store again once told to forget, after a change it does not follow', async () => {
    const store = openSqliteStore(':memory:')
    await store.transaction(async () => {
      const groups = new BatchGroups(store)
      await add(store, groups, 'root.txt', null)
      await add(store, groups, 'copy.txt', 'root.txt')
      expect(await groups.rootsOf(['copy.txt'])).toEqual(new Map([['copy.txt', 'root.txt']]))
      // The root forgotten (an article indexed again): its copy is no copy any more.
      await store.remove('root.txt')
      expect(await groups.rootsOf(['copy.txt'])).toEqual(new Map([['copy.txt', 'root.txt']]))
      groups.forget()
      expect(await groups.rootsOf(['copy.txt'])).toEqual(new Map())
      expect(await groups.copiesOf('root.txt')).toEqual([])
    })
    await store.close()
  })
})
