/**
 * The link step: what ties an article's report to the rest of the corpus,
 * run once the per-article reports of a run (a shard, a `check --changed`)
 * exist. Each linker takes in the run's new reports, stores what it learns
 * (the reuse index), and names the reports whose links changed, the new
 * ones and their partners; each of those reports is then patched, never
 * analysed again: every linker rewrites its part from what it stored, the
 * summary is recomputed, and the report is written back if it changed. The
 * run's new reports are written as a report no link touches
 * (`unlinkedReport`, link/unlinked.ts), so one that gains no link is not read again.
 *
 * Crash safety: a linker marks the reports to patch in the index, in the
 * transaction that changes their links, and the mark is cleared only once
 * the report is written; a run killed in between leaves the next run the
 * list (`ReuseStore.pending`).
 */
import type {AgencyRegistry} from '../pipeline/agencies.ts'
import type {ReuseDraft, ReuseStore} from './reuse/store.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {summariseReport} from '../pipeline/summary.ts'
import {timed} from '../core/stage-clock.ts'
import {sameJson} from '../core/same-json.ts'
import {Uint32Column} from '../core/uint32-column.ts'
import {SortedIds} from '../core/sorted-ids.ts'
import type {TranslationRowDraft} from './translation/link.ts'

/**
 * What linkers read of one report alone, computed on the thread that made the report (link/drafts.ts), so that the
 * link step's thread, which admits every report of the run, only takes it in: by linker id.
 */
export interface LinkDrafts {
  translation?: TranslationRowDraft
  reuse?: ReuseDraft
}

/** Where finished reports are read and patched reports written. */
export interface ReportShelf {
  read(id: string): Report | undefined
  /** Writes a patched report; a shelf that writes elsewhere (worker threads) returns when the report is on disk. */
  write(id: string, report: Report): void | Promise<void>
  /**
   * True when a report missing here does not exist at all (a folder of
   * reports), false when the shelf holds only the run's reports (a run
   * without an output folder): a pending patch for a missing report is
   * dropped only in the first case.
   */
  readonly holdsCorpus: boolean
  /**
   * Writes what `write` staged, for a shelf that groups its writes (JSON Lines files, each rewritten once for many
   * patched reports): its writes settle there, or when its own byte budget makes it write. The link step calls it at
   * the end, and does not cap such a shelf's writes in flight.
   */
  flush?(): Promise<void>
  /**
   * Called for a report the step leaves as it is (`report`, when the step read it): a shelf that put off part of
   * writing one of the run's reports until its links are known (the Markdown twin, or the whole report, held in memory)
   * writes it now; resolves once it is on disk.
   */
  keepUnchanged?(id: string, report?: Report): void | Promise<void>
}

export interface LinkContext {
  store: ReuseStore
  /** The reports of the run; undefined when they are kept nowhere (the index is still brought up to date). */
  shelf: ReportShelf | undefined
  /** Fingerprint of the rules and version the reports were made with. */
  config: string
  registry: AgencyRegistry
}

/** One kind of link between reports (shared text; translations plug in beside it). */
export interface Linker {
  readonly id: string
  /**
   * Takes in one of the run's new reports, in the run's order, as soon as it
   * is written: what a linker learns from one report alone (indexing it,
   * reading its row) is done while the pipeline still runs on the workers.
   *
   * @param read the report, read once for all the linkers that ask; undefined when it is kept nowhere
   * @param drafts what the thread that made the report read of it already, taken in place of reading the report again
   */
  admit(read: () => Report | undefined, context: LinkContext, drafts?: LinkDrafts): Promise<void>
  /**
   * Once every new report is admitted: links them, and names every report
   * whose links it changed, partners outside the run included, either by
   * marking it pending in the index (`ReuseStore.markPending`, which the step
   * reads) or by returning its id.
   */
  update(context: LinkContext): Promise<Iterable<string>>
  /** The report with this linker's links (and what they carry) rewritten from what the linker stored. */
  patch(report: Report, context: LinkContext): Promise<Report>
  /**
   * Whether the article has links of this kind now. A linker that says no for every linker of the step leaves the run's
   * report as the pipeline wrote it (`unlinkedReport`, link/unlinked.ts), so the step does not read it; without this, it is always read.
   */
  linked?(id: string, context: LinkContext): Promise<boolean>
  /** Lets go of what the linker keeps outside the heap (a scratch file), once the step is over, however it ends. */
  close?(): void
}

export interface LinkResult {
  /** Reports written because their links changed. */
  patched: string[]
}

/**
 * Runs the linkers over the run's new reports and patches every report
 * whose links changed, in id order.
 *
 * @param ids the article ids of the run's new reports
 */
export async function runLinkStep(linkers: readonly Linker[], ids: readonly string[], context: LinkContext): Promise<LinkResult> {
  const step = openLinkStep(linkers, context)
  try {
    for (const id of ids) await step.admit(id, () => context.shelf?.read(id), false)
    return await step.finish()
  } finally {
    step.close()
  }
}

/** The link step, fed the run's reports one by one as the pipeline writes them. */
export interface LinkStep {
  /**
   * Takes in the next of the run's new reports, in the run's order (the
   * reuse index's copy groups depend on it); `read` gives the report, or
   * undefined when it is kept nowhere. Each report is read once for every
   * linker. Call it again only once the promise settles.
   *
   * @param asWritten the report is as the pipeline wrote it in this run, with the summary of a report no link touches
   *   (`unlinkedReport`, link/unlinked.ts): if no linker links it, patching it would change nothing, and the step does not read it again
   * @param drafts what linkers read of the report, computed where it was made (link/drafts.ts)
   */
  admit(id: string, read: () => Report | undefined, asWritten: boolean, drafts?: LinkDrafts): Promise<void>
  /** Links the admitted reports and patches every report whose links changed. */
  finish(): Promise<LinkResult>
  /** Closes the linkers, once the step is over, however it ends. */
  close(): void
}

export function openLinkStep(linkers: readonly Linker[], context: LinkContext): LinkStep {
  // The reports admitted, in order, and whether each is as the pipeline wrote it in this run (1) or not (0): a list and
  // a column, where a map of them cost about 40 bytes an article of the main thread's heap.
  const admitted: string[] = []
  const asWrittenFlags = new Uint32Column()
  return {
    async admit(id, read, asWritten, drafts) {
      admitted.push(id)
      asWrittenFlags.push(asWritten ? 1 : 0)
      // Read only for a linker without its draft (a report of an earlier run, a run on one thread), and once for all.
      let report: Report | undefined | null = null
      const readOnce = () => {
        if (report === null) {
          // Timed apart from the step's phases: a run admits while its pipeline goes on, before the step settles.
          report = timed('link step: admit (read)', read)
          if (report?.article.id === id) report.article.id = id
        }
        return report
      }
      // Linkers keep an article's id for the whole step: the caller's string, not the copy that each report and draft
      // brought with it (strings an article of the heap of the thread that runs the step).
      if (drafts?.translation?.id === id) drafts.translation.id = id
      if (drafts?.reuse?.id === id) drafts.reuse.id = id
      for (const linker of linkers) await timed(`link step: admit (${linker.id})`, () => linker.admit(readOnce, context, drafts))
    },
    finish() {
      return linkAndPatch(linkers, new Touched(admitted, asWrittenFlags), context)
    },
    close() {
      for (const linker of linkers) linker.close?.()
    }
  }
}

async function linkAndPatch(linkers: readonly Linker[], touched: Touched, context: LinkContext): Promise<LinkResult> {
  for (const linker of linkers) for (const id of await timed(`link step: ${linker.id}`, () => linker.update(context))) touched.touch(id)
  const {shelf, store} = context
  if (!shelf) return {patched: []}
  for (const id of await store.pending()) touched.touch(id)
  const patched: string[] = []
  // Reports on disk (or needing no write) whose marks are still to clear.
  const settled: string[] = []
  // Writes in flight, by report: a report's mark is cleared only once it is on disk. The loop waits for the oldest
  // write only when too many are in flight; waiting for every write of a batch left the main thread idle for
  // most of the step while the writer threads drained.
  const writing = new Map<string, Promise<void>>()
  // Takes what a shelf's write returned: nothing when the report is on disk already.
  const write = async (id: string, written: void | Promise<void>) => {
    if (!written) return void settled.push(id)
    const done = written.then(() => {
      writing.delete(id)
      settled.push(id)
    })
    // Handled here so a failed write is not reported as unhandled before the loop awaits it.
    done.catch(() => undefined)
    writing.set(id, done)
    if (!shelf.flush && writing.size >= MAX_WRITES_IN_FLIGHT) await Promise.race(writing.values())
  }
  const clear = () => store.clearPending(settled.splice(0))
  await timed('link step: patch', async () => {
    for (const [id, asWritten] of touched.inOrder()) {
      // Most of a run's reports gain no link: each linker's answer is cheaper than reading the report back.
      if (asWritten && !(await linkedByAny(linkers, id, context))) {
        await write(id, shelf.keepUnchanged?.(id))
        if (settled.length >= CLEAR_BATCH) await clear()
        continue
      }
      const before = shelf.read(id)
      if (!before) {
        if (shelf.holdsCorpus) settled.push(id)
        continue
      }
      // A report of an earlier run whose article the index holds in another version is not patched: its text is not
      // the one the links were found in. A run that indexed the new version and stopped before writing its report
      // (run/held-reports.ts) leaves one; the next run over the article writes it anew, and links it.
      if (!asWritten && !(await indexedAsIs(store, before))) {
        settled.push(id)
        continue
      }
      let report = before
      for (const linker of linkers) report = await linker.patch(report, context)
      report = summariseReport(report, context.registry)
      if (!sameJson(report, before)) {
        await write(id, shelf.write(id, report))
        patched.push(id)
      } else await write(id, shelf.keepUnchanged?.(id, report))
      // Cleared in batches, so a kill loses at most a batch of marks (those reports are patched again, to the same result).
      if (settled.length >= CLEAR_BATCH) await clear()
    }
    await shelf.flush?.()
    await Promise.all(writing.values())
    await clear()
  })
  return {patched}
}

/**
 * The reports the step goes over, each once, in id order, with whether it is as the pipeline wrote it: those admitted
 * (the latest admission of an id counts) and those a linker or a pending mark names besides (not as written). Read
 * from the admitted list and its column through the ids sorted (`SortedIds`), where a map of every id with its flag
 * cost about 5 MB of the main thread's heap at 100,000 articles through the whole patch.
 */
class Touched {
  private readonly sorted: SortedIds
  private readonly others = new Set<string>()

  constructor(
    private readonly admitted: readonly string[],
    private readonly asWritten: Uint32Column
  ) {
    this.sorted = SortedIds.of(admitted)
  }

  /** Adds a report not admitted, unless it was. */
  touch(id: string): void {
    if (this.sorted.last(id) === undefined) this.others.add(id)
  }

  *inOrder(): Generator<[string, boolean]> {
    const others = [...this.others].sort()
    let other = 0
    for (const [, latest] of this.sorted.runs()) {
      const id = this.admitted[latest]!
      for (; other < others.length && others[other]! < id; other++) yield [others[other]!, false]
      yield [id, this.asWritten.at(latest) === 1]
    }
    for (; other < others.length; other++) yield [others[other]!, false]
  }
}

/** Whether the index holds the article in the version the report was made from, or does not hold it. */
async function indexedAsIs(store: ReuseStore, report: Report): Promise<boolean> {
  const stored = await store.lookup(report.article.id)
  return stored === undefined || stored.sha256 === report.article.sha256
}

async function linkedByAny(linkers: readonly Linker[], id: string, context: LinkContext): Promise<boolean> {
  for (const linker of linkers) if (!linker.linked || (await linker.linked(id, context))) return true
  return false
}

const CLEAR_BATCH = 200
/** Patched reports handed to the writers and not yet on disk: bounds what waits in memory when the writers fall behind. */
const MAX_WRITES_IN_FLIGHT = 64

/** The articles whose reports are on the shelf, each with the view of the counts its report was made with and the one the index gives now. */
export type CorpusNow = Iterable<readonly [string, {view: string | null; now: string}]>

/**
 * The settle step, run before linking when runs over different input lists
 * (or concurrent runs) have each counted only part of the corpus: an
 * article whose report was made with a view of the counts other than the
 * one the index gives now (or an unknown one) may have other roles under
 * the whole corpus's counts, so it is analysed again, and its reuse entry
 * marked stale so the link step indexes it anew. Every other article keeps
 * its report. Returns the ids analysed again, sorted.
 *
 * Order of writes, for a run killed half-way: stale marks first, then the
 * new reports, then their views; an article whose view is not yet recorded
 * is found unsettled again by the next run.
 */
export async function settleCorpusStatistics(store: ReuseStore, articles: CorpusNow, reanalyse: (ids: string[]) => Promise<unknown>): Promise<string[]> {
  const views = new Map<string, string>()
  for (const [id, article] of articles) if (article.now !== article.view) views.set(id, article.now)
  const unsettled = [...views.keys()].sort()
  if (unsettled.length === 0) return []
  await store.markStale(unsettled)
  await reanalyse(unsettled)
  await store.setViews(unsettled.map((id) => ({id, view: views.get(id)!})))
  return unsettled
}
