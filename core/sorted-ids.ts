/**
 * Orders two strings by their UTF-16 code units, as `Array.prototype.sort` does by default and as SQLite's `BINARY`
 * and PostgreSQL's `COLLATE "C"` order ids (apart from characters outside the Basic Multilingual Plane). Unlike
 * `localeCompare` it gives the same order on every machine: `localeCompare` follows the locale the process started
 * in (`LANG`), so that under `en_US` `ä.txt` sorts before `ab.txt` and `z.txt` before `Z.txt`, and under `sv_SE`
 * `ä.txt` after `z.txt`. Ids, paths and rule ids that order what a run writes are compared with this.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A list of ids, one an article, searched and walked in id order through its positions sorted by id: four bytes a
 * position, where a map of every id cost about 37 bytes an article of the main thread's heap (its table doubling as it
 * grew) and a sorted copy of the list eight.
 */
export class SortedIds {
  /** The positions, sorted by id (code unit order, as `Array.prototype.sort` sorts strings) and by position among equal ids. */
  private readonly sorted: Int32Array

  /**
   * @param length how many positions the list has
   * @param idAt the id at a position: the list is read through it, so that a list of the run's inputs is not copied into one of ids
   */
  constructor(
    length: number,
    private readonly idAt: (position: number) => string
  ) {
    this.sorted = new Int32Array(length)
    // A list found under one folder comes sorted already: each id is read once to tell.
    let sortedAlready = true
    let previous: string | undefined
    for (let position = 0; position < length; position++) {
      this.sorted[position] = position
      const id = idAt(position)
      if (previous !== undefined && previous > id) sortedAlready = false
      previous = id
    }
    if (!sortedAlready) this.sorted.sort((a, b) => byCodeUnits(idAt(a), idAt(b)) || a - b)
  }

  /** The sorted ids of a list of them. */
  static of(ids: readonly string[]): SortedIds {
    return new SortedIds(ids.length, (position) => ids[position]!)
  }

  /** The last position of the id in the list, found by binary search; undefined when the list does not hold it. */
  last(id: string): number | undefined {
    let low = 0
    let high = this.sorted.length - 1
    let found: number | undefined
    while (low <= high) {
      const middle = (low + high) >>> 1
      const at = this.idAt(this.sorted[middle]!)
      if (at <= id) {
        if (at === id) found = this.sorted[middle]
        low = middle + 1
      } else high = middle - 1
    }
    return found
  }

  /** Each id of the list once, in id order: its first and last positions. */
  *runs(): Generator<readonly [first: number, last: number]> {
    const {idAt, sorted} = this
    for (let at = 0; at < sorted.length; ) {
      let end = at
      while (end + 1 < sorted.length && idAt(sorted[end + 1]!) === idAt(sorted[at]!)) end++
      yield [sorted[at]!, sorted[end]!]
      at = end + 1
    }
  }
}
