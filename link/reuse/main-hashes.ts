/**
 * The set of hashes the main postings table holds, kept in the index beside
 * it so that a probe of the postings is skipped for a fingerprint no other
 * article holds (most of an article's fingerprints, at any index size).
 *
 * Past a few thousand articles the postings tree outgrows the page cache,
 * and each probe reads a leaf from disk (about 5,600 for 100 new articles
 * against a 100,000-article index); the set is about 2 bytes a hash (11 MB
 * for the 5.3 million hashes of that index), read once by a run.
 *
 * It is exact for 32-bit hashes: the top 8 bits pick one of 256 chunks
 * (a row each in the index), the next 8 a bucket, and the bucket holds the
 * low 16 bits sorted. It is written only when the recent postings are merged
 * into the main table, in the merge's transaction, so it always holds every
 * hash of the main table. It may also hold hashes whose articles were
 * removed since (a probe then finds nothing): never the reverse, which
 * would miss a candidate.
 */

/** Rows the set is stored in, one per value of a hash's top 8 bits. */
export const HASH_CHUNKS = 256
const BUCKETS = 256

/** One chunk: `offsets[b]` to `offsets[b + 1]` of `lows` are bucket b's low 16 bits, sorted. */
interface Chunk {
  offsets: Uint32Array
  lows: Uint16Array
}

/** A chunk's stored form: the 257 offsets, then the lows. */
function encodeChunk(chunk: Chunk): Buffer {
  const bytes = Buffer.alloc(chunk.offsets.byteLength + chunk.lows.byteLength)
  bytes.set(new Uint8Array(chunk.offsets.buffer, chunk.offsets.byteOffset, chunk.offsets.byteLength), 0)
  bytes.set(new Uint8Array(chunk.lows.buffer, chunk.lows.byteOffset, chunk.lows.byteLength), chunk.offsets.byteLength)
  return bytes
}

function decodeChunk(bytes: Uint8Array, where: string): Chunk {
  const head = (BUCKETS + 1) * 4
  if (bytes.byteLength < head || (bytes.byteLength - head) % 2 !== 0) throw new Error(`${where}: a chunk of the main hash set is corrupt`)
  // The typed arrays need aligned memory: a blob read from the index that is not aligned is copied.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes)
  const offsets = new Uint32Array(aligned.buffer, aligned.byteOffset, BUCKETS + 1)
  const lows = new Uint16Array(aligned.buffer, aligned.byteOffset + head, (bytes.byteLength - head) / 2)
  if (offsets[0] !== 0 || offsets[BUCKETS] !== lows.length) throw new Error(`${where}: a chunk of the main hash set is corrupt`)
  return {offsets, lows}
}

/** A chunk from its hashes' low 24 bits, sorted and unique. */
function chunkOf(values: ArrayLike<number>): Chunk {
  const offsets = new Uint32Array(BUCKETS + 1)
  const lows = new Uint16Array(values.length)
  for (let at = 0; at < values.length; at++) {
    offsets[(values[at]! >>> 16) + 1]!++
    lows[at] = values[at]! & 0xffff
  }
  for (let bucket = 0; bucket < BUCKETS; bucket++) offsets[bucket + 1]! += offsets[bucket]!
  return {offsets, lows}
}

/** A chunk's hashes' low 24 bits, in order. */
function valuesOf(chunk: Chunk): Uint32Array {
  const values = new Uint32Array(chunk.lows.length)
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    for (let at = chunk.offsets[bucket]!; at < chunk.offsets[bucket + 1]!; at++) values[at] = (bucket << 16) | chunk.lows[at]!
  }
  return values
}

const EMPTY: Chunk = chunkOf([])

export class MainHashes {
  private constructor(
    private readonly chunks: Chunk[],
    /** Counts the merges that wrote the set: a runner reads the set again when another runner's merge changed it. */
    readonly generation: number
  ) {}

  static empty(): MainHashes {
    return new MainHashes(
      Array.from({length: HASH_CHUNKS}, () => EMPTY),
      0
    )
  }

  /** The set as stored, one row per chunk (a missing chunk is empty). */
  static fromRows(rows: Iterable<{chunk: number; generation: number; lows: Uint8Array}>, where: string): MainHashes {
    const chunks = Array.from({length: HASH_CHUNKS}, () => EMPTY)
    let generation = 0
    for (const row of rows) {
      chunks[row.chunk] = decodeChunk(row.lows, where)
      generation = row.generation
    }
    return new MainHashes(chunks, generation)
  }

  /** The set of these hashes (any order, repeats allowed). */
  static of(hashes: Iterable<number>, generation: number): MainHashes {
    return MainHashes.empty().with(hashes, generation)
  }

  has(hash: number): boolean {
    const chunk = this.chunks[hash >>> 24]!
    const bucket = (hash >>> 16) & 0xff
    const low = hash & 0xffff
    let from = chunk.offsets[bucket]!
    let to = chunk.offsets[bucket + 1]!
    while (from < to) {
      const middle = (from + to) >>> 1
      const value = chunk.lows[middle]!
      if (value === low) return true
      if (value < low) from = middle + 1
      else to = middle
    }
    return false
  }

  /** This set and `hashes`, at a new generation. */
  with(hashes: Iterable<number>, generation: number): MainHashes {
    const added: number[][] = Array.from({length: HASH_CHUNKS}, () => [])
    for (const hash of hashes) added[hash >>> 24]!.push(hash & 0xffffff)
    const chunks = this.chunks.map((chunk, index) => {
      const more = Uint32Array.from(added[index]!).sort()
      if (more.length === 0) return chunk
      const old = valuesOf(chunk)
      const merged = new Uint32Array(old.length + more.length)
      let length = 0
      let i = 0
      let j = 0
      while (i < old.length || j < more.length) {
        const next = j >= more.length || (i < old.length && old[i]! <= more[j]!) ? old[i++]! : more[j++]!
        if (length === 0 || merged[length - 1] !== next) merged[length++] = next
      }
      return chunkOf(merged.subarray(0, length))
    })
    return new MainHashes(chunks, generation)
  }

  /** The stored form, one row per chunk. */
  rows(): Array<{chunk: number; lows: Buffer}> {
    return this.chunks.map((chunk, index) => ({chunk: index, lows: encodeChunk(chunk)}))
  }
}
