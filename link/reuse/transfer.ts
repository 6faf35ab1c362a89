/**
 * Moves a reuse index between engines (`wiretrace index export | import`):
 * JSON Lines, one article a line with its blocks, fingerprints and links,
 * after a header naming the format. Links are restored once both of their
 * articles are in, so the order of the lines does not matter.
 */
import {createInterface} from 'node:readline'
import type {Readable, Writable} from 'node:stream'
import {z} from 'zod'
import {indexedBlockSchema, type ReuseStore, type StoredLink} from './store.ts'

export const TRANSFER_FORMAT = 'wiretrace-index'
export const TRANSFER_VERSION = 1

/** An export that cannot be read, with the line that says why. */
export class TransferError extends Error {
  override name = 'TransferError'
}

const headerSchema = z.strictObject({format: z.literal(TRANSFER_FORMAT), version: z.literal(TRANSFER_VERSION)})

const span = z.tuple([z.number().int(), z.number().int()])
const uint32 = z.number().int().nonnegative().max(0xffff_ffff)
const recordSchema = z.strictObject({
  id: z.string(),
  sha256: z.string(),
  config: z.string(),
  published: z.string().nullable(),
  blocks: z.array(indexedBlockSchema),
  /** Shingle hashes and word positions: unsigned 32-bit integers, as the index stores them. */
  fingerprints: z.array(z.tuple([uint32, uint32])),
  /** The root this article is a near-exact copy of (absent: none). */
  copyOf: z.string().optional(),
  links: z.array(
    z.strictObject({
      block: z.string(),
      span,
      other: z.string(),
      otherBlock: z.string(),
      otherLines: span,
      otherSpan: span,
      similarity: z.number(),
      seeds: z.array(z.number().int())
    })
  )
})

/** Writes the whole index as JSON Lines; returns the number of articles. */
export async function exportIndex(store: ReuseStore, out: Writable): Promise<number> {
  const write = (value: unknown) =>
    new Promise<void>((resolve, reject) => out.write(`${JSON.stringify(value)}\n`, (error) => (error ? reject(error) : resolve())))
  await write({format: TRANSFER_FORMAT, version: TRANSFER_VERSION})
  const ids = await store.articleIds()
  for (const id of ids) {
    const article = (await store.load(id))!
    const fingerprints = (await store.fingerprintsOf(id)).map(({hash, position}) => [hash, position])
    const links = (await store.linksOf(id)).map(({article: _self, ...link}) => link)
    const root = await store.copyOf(id)
    await write({...article, fingerprints, ...(root === undefined ? {} : {copyOf: root}), links})
  }
  return ids.length
}

/**
 * Reads JSON Lines written by `exportIndex` into a store, each article in its
 * own transaction, then the links. Returns the number of articles.
 *
 * @throws {TransferError} naming the line of the first record that is not valid.
 */
export async function importIndex(store: ReuseStore, input: Readable, source = 'standard input'): Promise<number> {
  const pending = new Map<string, StoredLink[]>()
  const copies = new Map<string, string>()
  let count = 0
  let lineNumber = 0
  for await (const line of createInterface({input, crlfDelay: Infinity})) {
    lineNumber++
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new TransferError(`${source}:${lineNumber}: not JSON`)
    }
    const parsed = lineNumber === 1 ? headerSchema.safeParse(value) : recordSchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      throw new TransferError(
        `${source}:${lineNumber}: ${lineNumber === 1 ? `not a ${TRANSFER_FORMAT} version ${TRANSFER_VERSION} export: ` : ''}${issue.path.join('.')}: ${issue.message}`
      )
    }
    if (lineNumber === 1) continue
    const record = parsed.data as z.infer<typeof recordSchema>
    const {fingerprints, links, copyOf, ...article} = record
    await store.transaction(() =>
      store.add(
        article,
        fingerprints.map(([hash, position]) => ({hash, position}))
      )
    )
    if (copyOf !== undefined) copies.set(record.id, copyOf)
    for (const link of links) {
      const key = [record.id, link.other].sort().join('\u0000')
      pending.set(key, [...(pending.get(key) ?? []), {article: record.id, ...link}])
    }
    count++
  }
  if (lineNumber === 0) throw new TransferError(`${source}: empty, not a ${TRANSFER_FORMAT} export`)
  // Roots may come after their copies in the file: the copies are recorded once every article is in.
  await store.transaction(async () => {
    for (const [id, root] of copies) await store.setCopyOf(id, root)
  })
  for (const [key, links] of pending) {
    const [a, b] = key.split('\u0000') as [string, string]
    await store.transaction(() => store.recordLinks(a, b, links))
  }
  return count
}
