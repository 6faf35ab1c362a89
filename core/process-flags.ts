/**
 * The V8 flags the `wiretrace` command runs with. V8 flags belong to the
 * process, every thread's heap and code included, so only the process's
 * owner sets them: the `wiretrace` command (`main`) and the bench, which
 * measures what the command runs. A program using the library keeps V8's
 * defaults unless it starts Node with the same flags.
 *
 * **How far a heap grows** past its live data before the next full
 * collection. By default V8 lets a heap on a machine with a few GB of
 * memory grow to four times what it held after the last collection, and the
 * runner's threads allocate fast: a worker holding 60–90 MB of live data
 * grew to 220–260 MB before collecting, and three such heaps growing at once
 * set the run's peak resident set (691 MB at 10,000 generated articles, of
 * which the worker heaps were 2 × 250 MB). Bounded to 1.3 times the live
 * data, the same run peaks at 456 MB: the heaps stay a fixed size whatever
 * the corpus size, and the collections, though more frequent, are of small
 * heaps.
 *
 * **Regular expressions compiled to machine code at once.** V8 first
 * compiles an expression to bytecode for its interpreter and compiles it
 * again to machine code once it has run; for the rules' large
 * case-insensitive Unicode expressions (the agency names' alternation, the
 * reporting-verb shapes) the bytecode compilation costs far more than the
 * machine code: the citation phrases' first runs over 100 articles took
 * 220–240 ms of CPU that way and 77–83 ms compiled once, and every thread
 * pays it. A long run compiles each expression once either way.
 *
 * **Less code inlined into each optimised function.** V8's optimising
 * compiler runs on threads of its own, and it kept the machine busy through
 * a whole run: over 10,000 generated articles those threads took 17.1 s of
 * the run's 88 s of CPU (over 2,000, 1.0 s instead of 8.8 with compiling
 * moved onto each thread, the run's CPU the same), and `--trace-opt`
 * showed hot functions compiled again and again to the run's end (the
 * metadata stage's `gather` seven times in 15 s, about 190 ms a compile: it
 * inlines the date parser and its rules). A compile's cost grows with what it inlines; V8 inlines
 * up to 920 bytes of bytecode into a function by default, here 200: the
 * compile jobs' traced times over that run fell from 27.9 and 33.3 s to
 * 19.5 and 16.9 s (two pairs), and the run took 0.90, 0.93 and 0.93 times
 * the CPU of V8's default (medians of three sets of three pairs); warmed
 * up in one process, the reuse index's alignments and patches ran no
 * slower that could be told.
 *
 * **Functions optimised later.** V8 hands a function to the optimising
 * compiler once it has run through a budget of bytecode (its "interrupt
 * budget", 66 KB by default); a run's lukewarm functions reached it too, and
 * each thread compiled them. Eight times the budget, with the inlining bound
 * on both sides: 0.86 (0.85–0.90) times the CPU over 2,000 generated
 * articles, 0.94 (0.89–1.11) and 0.94 (0.90–0.96) over 10,000 (medians of
 * three pairs each), the reports byte-identical; the 100 new articles
 * against a 100,000-article index took 2.41–3.44 s of CPU against
 * 3.40–3.66 s (three runs each). The hot code is optimised as before, a
 * little later.
 */
import {setFlagsFromString} from 'node:v8'

/** The heap grows to at most (100 + this) percent of its live data before a full collection. */
const HEAP_GROWING_PERCENT = 30

/** Bytes of bytecode the optimising compiler inlines into one function, all callees together (V8's default: 920). */
const INLINED_BYTECODE_PER_FUNCTION = 200

/** Bytes of bytecode a function runs through before V8 weighs optimising it: eight times V8's default of 67,584. */
const BYTECODE_BEFORE_OPTIMISING = 8 * 67_584

/** The flags, in the form Node takes them on its command line. */
const PROCESS_FLAGS = [
  `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
  '--no-regexp-tier-up',
  `--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_PER_FUNCTION}`,
  `--interrupt-budget=${BYTECODE_BEFORE_OPTIMISING}`
] as const

/** Sets the command's V8 flags for the whole process, threads started before or after included. */
export function setProcessFlags(): void {
  for (const flag of PROCESS_FLAGS) setFlagsFromString(flag)
}
