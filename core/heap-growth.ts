/**
 * How far a V8 heap grows past its live data before the next full
 * collection. By default V8 lets a heap on a machine with a few GB of memory
 * grow to four times what it held after the last collection, and the
 * runner's threads allocate fast: a worker holding 60–90 MB of live data
 * grew to 220–260 MB before collecting, and three such heaps growing at once
 * set the run's peak resident set (691 MB at 10,000 generated articles, of
 * which the worker heaps were 2 × 250 MB). Bounded to 1.3 times the live
 * data, the same run peaks at 456 MB: the heaps stay a fixed size whatever
 * the corpus size, and the collections, though more frequent, are of small
 * heaps.
 *
 * V8 flags belong to the process, every thread's heap included, so only the
 * process's owner sets them: the `wiretrace` command (`main`) and the bench, which
 * measures what the command runs. A program using the library keeps V8's
 * defaults unless it starts Node with `--heap-growing-percent`.
 */
import {setFlagsFromString} from 'node:v8'

/** The heap grows to at most (100 + this) percent of its live data before a full collection. */
export const HEAP_GROWING_PERCENT = 30

/** Bounds the growth of every heap of this process, threads started before or after included. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
