/**
 * Opens the reuse index a location names: a `postgres://` (or
 * `postgresql://`) URL opens the shared PostgreSQL index, anything else is
 * the path of an SQLite file.
 */
import {openPgStore} from './pg-store.ts'
import {openSqliteStore} from './sqlite-store.ts'
import type {ReuseStore} from './store.ts'

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//.test(location)
}

export async function openStore(location: string): Promise<ReuseStore> {
  return isPostgresUrl(location) ? openPgStore(location) : openSqliteStore(location)
}
