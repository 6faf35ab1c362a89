/**
 * Which fingerprint hashes a reuse index may hold in two articles or more, kept in memory beside the index so that
 * the candidate and frequency probes skip the others. Most fingerprints are an article's own: at 100,000 bench
 * articles 5.0 of the 5.6 million postings were of a hash no other article held, and each probe of one is a descent
 * into a tree larger than the page cache that finds nothing the caller can use (no candidate; a frequency of one).
 *
 * Two bitmaps, one slot per hash: a hash's slot is set in `once` when it is first added and in `twice` when it is
 * added again. A hash whose `twice` slot is clear was added at most once, so it can be skipped without a false
 * negative; another hash sharing its slot only makes it probed for nothing. The size is fixed (two 8 MB bitmaps),
 * so memory does not grow with the index: a larger index is probed more often for nothing, never answered wrong.
 */

/** Slots per bitmap: 2^26, 8 MB each; at 5.3 million distinct hashes (100,000 articles) about 8% of slots are set. */
const SLOT_BITS = 26

export class SharedHashes {
  private readonly once: Int32Array
  private readonly twice: Int32Array
  private readonly shift: number

  constructor(slotBits = SLOT_BITS) {
    this.once = new Int32Array(2 ** (slotBits - 5))
    this.twice = new Int32Array(2 ** (slotBits - 5))
    this.shift = 32 - slotBits
  }

  /** Adds one article's hashes; a hash the article holds at several positions counts once. */
  addArticle(hashes: Iterable<number>): void {
    for (const hash of new Set(hashes)) this.add(hash)
  }

  /** Adds one hash as one more article's. */
  add(hash: number): void {
    const slot = this.slot(hash)
    if (isSet(this.once, slot)) set(this.twice, slot)
    else set(this.once, slot)
  }

  /** False when no article added holds `hash`; true when one may. */
  mayBeHeld(hash: number): boolean {
    return isSet(this.once, this.slot(hash))
  }

  /** False when no two articles added hold `hash`; true when they may. */
  mayBeShared(hash: number): boolean {
    return isSet(this.twice, this.slot(hash))
  }

  /** Winnowing keeps each window's smallest hash, so fingerprints crowd the low values: the slot comes from a multiplicative mix's high bits. */
  private slot(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift
  }
}

/** Whether a bitmap's slot is set: bit `slot % 32` of word `slot / 32`. */
function isSet(bitmap: Int32Array, slot: number): boolean {
  return (bitmap[slot >>> 5]! & (1 << (slot & 31))) !== 0
}

function set(bitmap: Int32Array, slot: number): void {
  bitmap[slot >>> 5]! |= 1 << (slot & 31)
}
