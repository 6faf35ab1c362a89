/**
 * Opens the reuse index a location names: a `postgres://` (or
 * `postgresql://`) URL opens the shared PostgreSQL index, anything else is
 * the path of an SQLite file. Whatever goes wrong with the index comes out
 * as an IndexError naming the index (its password redacted) and the cause.
 */
import {ignoreStateFolder} from '../../core/state.ts'
import {CannotRunError, describeFailure, printable, redactCredentials} from '../../core/exit-codes.ts'
import {openSqliteStore} from './sqlite-store.ts'
import type {ReuseStore} from './store.ts'

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//.test(location)
}

/** The index could not be opened, read or written. */
export class IndexError extends CannotRunError {
  override name = 'IndexError'
}

/** The location as messages show it: credentials redacted, control characters visible. */
export function displayIndex(location: string): string {
  return printable(redactCredentials(location))
}

export async function openStore(location: string): Promise<ReuseStore> {
  const failure = (error: unknown) => (error instanceof IndexError ? error : new IndexError(`reuse index ${displayIndex(location)}: ${indexCause(error)}`))
  let store: ReuseStore
  try {
    // The PostgreSQL client is loaded only for a PostgreSQL index: a tenth of a second of every start-up otherwise.
    if (isPostgresUrl(location)) store = await (await import('./pg-store.ts')).openPgStore(location)
    else {
      if (location !== ':memory:') ignoreStateFolder(location)
      store = openSqliteStore(location)
    }
  } catch (error) {
    throw failure(error)
  }
  // Every method: a failure names the index, and never quotes what the index holds.
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (typeof value !== 'function') return value
      return async (...args: unknown[]) => {
        // The work a transaction runs fails for its own reasons; those pass through as they are.
        const fromWork = new WeakSet<object>()
        const call = key === 'transaction' ? [markFailures(args[0] as () => Promise<unknown>, fromWork)] : args
        try {
          return await (value as (...args: unknown[]) => Promise<unknown>).apply(target, call)
        } catch (error) {
          if (typeof error === 'object' && error !== null && fromWork.has(error)) throw error
          throw failure(error)
        }
      }
    }
  })
}

function markFailures(work: () => Promise<unknown>, marked: WeakSet<object>): () => Promise<unknown> {
  return async () => {
    try {
      return await work()
    } catch (error) {
      if (typeof error === 'object' && error !== null) marked.add(error)
      throw error
    }
  }
}

/** The cause of an index failure in words; data the index holds that does not parse is called corrupt, not quoted. */
function indexCause(error: unknown): string {
  if ((error as Error)?.name === 'ZodError' || error instanceof SyntaxError)
    return 'holds data this wiretrace cannot read (corrupt, or written by another program); delete it to rebuild it'
  return describeFailure(error)
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
