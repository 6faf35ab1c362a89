/** A chunk of a column holds 2^CHUNK_BITS values: 64 KB. */
const CHUNK_BITS = 14
const CHUNK = 1 << CHUNK_BITS

/**
 * Unsigned 32-bit integers appended one by one, in typed arrays of a fixed size, a new one when the last is full: a
 * column never copies what it holds to grow, nor leaves a buffer it outgrew to the allocator. One typed array grown by
 * half as it filled held up to half as much again as its values, and each growth freed a buffer the C allocator (which
 * holds V8's array buffers) kept as free memory between live blocks.
 */
export class Uint32Column {
  private readonly chunks: Uint32Array[] = []
  length = 0

  push(value: number): void {
    const within = this.length & (CHUNK - 1)
    if (within === 0) this.chunks.push(new Uint32Array(CHUNK))
    this.chunks.at(-1)![within] = value
    this.length++
  }

  /** Sets a value already pushed. */
  set(index: number, value: number): void {
    if (index >= this.length) throw new RangeError(`no value ${index} in a column of ${this.length}`)
    this.chunks[index >>> CHUNK_BITS]![index & (CHUNK - 1)] = value
  }

  at(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & (CHUNK - 1)]!
  }
}
