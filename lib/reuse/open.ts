/**
 * Opens the reuse index a location names: a `postgres://` (or
 * `postgresql://`) URL opens the shared PostgreSQL index, anything else is
 * the path of an SQLite file.
 */
import {ignoreStateFolder} from '../state.ts'
import {openPgStore} from './pg-store.ts'
import {openSqliteStore} from './sqlite-store.ts'
import type {ReuseStore} from './store.ts'

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//.test(location)
}

export async function openStore(location: string): Promise<ReuseStore> {
  if (isPostgresUrl(location)) return openPgStore(location)
  if (location !== ':memory:') ignoreStateFolder(location)
  return openSqliteStore(location)
}

/** Opens the index, runs `work` with it, and closes it whatever happens. */
export async function withStore<T>(location: string, work: (store: ReuseStore) => Promise<T>): Promise<T> {
  const store = await openStore(location)
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}
