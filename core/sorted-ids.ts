/**
 * A list of ids, one an article, searched and walked in id order through its positions sorted by id: four bytes a
 * position, where a map of every id cost about 37 bytes an article of the main thread's heap (its table doubling as it
 * grew) and a sorted copy of the list eight.
 */
export class SortedIds {
  /** The positions, sorted by id (code unit order, as `Array.prototype.sort` sorts strings) and by position among equal ids. */
  private readonly sorted: Int32Array

  constructor(private readonly ids: readonly string[]) {
    this.sorted = Int32Array.from(ids.keys())
    // A list found under one folder comes sorted already.
    if (ids.some((id, position) => position > 0 && ids[position - 1]! > id))
      this.sorted.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b))
  }

  /** The last position of the id in the list, found by binary search; undefined when the list does not hold it. */
  last(id: string): number | undefined {
    let low = 0
    let high = this.sorted.length - 1
    let found: number | undefined
    while (low <= high) {
      const middle = (low + high) >>> 1
      const at = this.ids[this.sorted[middle]!]!
      if (at <= id) {
        if (at === id) found = this.sorted[middle]
        low = middle + 1
      } else high = middle - 1
    }
    return found
  }

  /** Each id of the list once, in id order: its first and last positions. */
  *runs(): Generator<readonly [first: number, last: number]> {
    const {ids, sorted} = this
    for (let at = 0; at < sorted.length; ) {
      let end = at
      while (end + 1 < sorted.length && ids[sorted[end + 1]!] === ids[sorted[at]!]) end++
      yield [sorted[at]!, sorted[end]!]
      at = end + 1
    }
  }
}
