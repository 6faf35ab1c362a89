/**
 * The word diff inside a reused passage: jsdiff's `diffArrays` (Myers's
 * greedy algorithm as jsdiff runs it: the same diagonals pruned, the same
 * choice between an insertion and a deletion, the same runs), with the
 * edit paths held in typed arrays instead of an object per step.
 *
 * Why not jsdiff itself: the alignment of every copy of a story runs a diff
 * per passage, and a passage widened to the paragraphs around its seeds can
 * hold hundreds of words on one side that the other does not, where Myers
 * takes a step per word per edit. jsdiff makes two objects a step (the path
 * and its run), so over the 14,066 passages of 7,200 syndicated articles
 * (90 stories each printed by 80 outlets) the diffs took 1.5–1.6 s in one
 * thread, a sixth of the link step's admission, against 0.35 s here, with
 * the same runs for every one of them. A test holds the two to the same
 * runs on real paragraphs with words dropped, inserted and replaced, on
 * long passages that share little, and on random sequences of a few words.
 *
 * Paths are never freed while a diff runs, so one that would take more than
 * `MOST_RUNS` run records goes to jsdiff instead, whose runs the collector
 * frees: the same answer, in bounded memory.
 */
import {diffArrays} from 'diff'

/** How a run of words stands: in both sequences, in the second only (inserted), in the first only (dropped). */
export const KEPT = 0
export const INSERTED = 1
export const DROPPED = 2

/** The runs of a diff, in order, two numbers a run: its kind (`KEPT`, `INSERTED`, `DROPPED`) and its length in words. */
export type WordRuns = number[]

/**
 * Run records a diff may take before it goes to jsdiff: 9 bytes each, 2.4 MB in all. The passages of the syndicated
 * articles above took 20,260 at most.
 */
const MOST_RUNS = 1 << 18

/**
 * The run records of the diff under way, shared by every diff of the thread: each run points to the run before it on
 * its path, as jsdiff's objects do, so paths that branch share what they walked together.
 */
let previous = new Int32Array(4096)
let length = new Int32Array(4096)
let kind = new Uint8Array(4096)
let runs = 0

class TooManyRuns extends Error {}

function run(kindOf: number, words: number, before: number): number {
  if (runs === previous.length) {
    if (runs >= MOST_RUNS) throw new TooManyRuns()
    const grown = runs * 2
    previous = copied(previous, new Int32Array(grown))
    length = copied(length, new Int32Array(grown))
    kind = copied(kind, new Uint8Array(grown))
  }
  previous[runs] = before
  length[runs] = words
  kind[runs] = kindOf
  return runs++
}

function copied<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from)
  return to
}

/** The runs by which `b` differs from `a`, word for word (`===`), as jsdiff's `diffArrays(a, b)` gives them. */
export function wordDiff(a: readonly string[], b: readonly string[]): WordRuns {
  try {
    return myers(a, b)
  } catch (error) {
    if (!(error instanceof TooManyRuns)) throw error
    return jsdiffRuns(a, b)
  }
}

/** jsdiff's own answer, as runs. */
export function jsdiffRuns(a: readonly string[], b: readonly string[]): WordRuns {
  const out: WordRuns = []
  for (const change of diffArrays(a as string[], b as string[])) {
    out.push(change.added ? INSERTED : change.removed ? DROPPED : KEPT, change.count ?? change.value.length)
  }
  return out
}

function myers(a: readonly string[], b: readonly string[]): WordRuns {
  const oldLength = a.length
  const newLength = b.length
  runs = 0
  // A path per diagonal (its position in `a`, less its position in `b`): every diagonal the loop below visits, and one
  // on each side of them.
  const offset = oldLength + newLength + 1
  const slots = 2 * offset + 1
  const oldAt = new Int32Array(slots)
  const lastRun = new Int32Array(slots)
  const live = new Uint8Array(slots)
  // Follows the words both hold from the path's end (jsdiff's `extractCommon`); returns the path's position in `b`.
  const follow = (slot: number, diagonal: number): number => {
    let oldPosition = oldAt[slot]!
    let newPosition = oldPosition - diagonal
    let common = 0
    while (newPosition + 1 < newLength && oldPosition + 1 < oldLength && a[oldPosition + 1] === b[newPosition + 1]) {
      newPosition++
      oldPosition++
      common++
    }
    if (common > 0) lastRun[slot] = run(KEPT, common, lastRun[slot]!)
    oldAt[slot] = oldPosition
    return newPosition
  }
  const start = offset
  live[start] = 1
  oldAt[start] = -1
  lastRun[start] = -1
  let newPosition = follow(start, 0)
  if (oldAt[start]! + 1 >= oldLength && newPosition + 1 >= newLength) return runsOf(lastRun[start]!)
  let lowest = Number.NEGATIVE_INFINITY
  let highest = Number.POSITIVE_INFINITY
  for (let edits = 1; edits <= oldLength + newLength; edits++) {
    for (let diagonal = Math.max(lowest, -edits); diagonal <= Math.min(highest, edits); diagonal += 2) {
      const slot = diagonal + offset
      const fromDrop = live[slot - 1] === 1
      const fromInsert = live[slot + 1] === 1
      const dropOld = oldAt[slot - 1]!
      if (fromDrop) live[slot - 1] = 0
      const insertNew = oldAt[slot + 1]! - diagonal
      const canInsert = fromInsert && insertNew >= 0 && insertNew < newLength
      const canDrop = fromDrop && dropOld + 1 < oldLength
      if (!canInsert && !canDrop) {
        live[slot] = 0
        continue
      }
      if (!canDrop || (canInsert && dropOld < oldAt[slot + 1]!)) {
        lastRun[slot] = extended(INSERTED, lastRun[slot + 1]!)
        oldAt[slot] = oldAt[slot + 1]!
      } else {
        lastRun[slot] = extended(DROPPED, lastRun[slot - 1]!)
        oldAt[slot] = dropOld + 1
      }
      live[slot] = 1
      newPosition = follow(slot, diagonal)
      if (oldAt[slot]! + 1 >= oldLength && newPosition + 1 >= newLength) return runsOf(lastRun[slot]!)
      if (oldAt[slot]! + 1 >= oldLength) highest = Math.min(highest, diagonal - 1)
      if (newPosition + 1 >= newLength) lowest = Math.max(lowest, diagonal + 1)
    }
  }
  throw new Error('the word diff ran past its longest edit script')
}

/** The path's last run one word longer when it is of this kind, or a new run of one word after it (jsdiff's `addToPath`). */
function extended(kindOf: number, last: number): number {
  return last !== -1 && kind[last] === kindOf ? run(kindOf, length[last]! + 1, previous[last]!) : run(kindOf, 1, last)
}

function runsOf(last: number): WordRuns {
  const out: WordRuns = []
  for (let at = last; at !== -1; at = previous[at]!) out.push(length[at]!, kind[at]!)
  return out.reverse()
}
