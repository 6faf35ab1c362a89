/**
 * A time budget for running rules on one file. A regular expression runs to
 * the end once started, and JavaScript cannot interrupt it from inside;
 * `node:vm` can: a script run with a `timeout` is stopped by V8 from a
 * watchdog thread, even in the middle of a regular expression. So the work
 * of one file runs as a tiny script that calls back into it, and a file
 * whose rules take too long fails alone while the run goes on.
 */
import {createContext, Script} from 'node:vm'
import type {VFile} from 'vfile'

/** Default budget for the rules of one article: generous (a 100,000-character line takes milliseconds), but finite. */
export const DEFAULT_TIME_BUDGET_MS = 10_000

/**
 * Characters one budget covers. A longer article gets one budget per started
 * block of this many characters: honest work grows with the text, so a fixed
 * budget would fail a large article for its size alone (a 1 MB article of
 * plain prose ran out of 10 s on a loaded machine). Per character, a slow
 * pattern gets no more time in one large article than in many small ones.
 */
export const BUDGET_CHARS = 256 * 1024

/** The budget for a text of `characters` (UTF-16 units): `budgetMs` per started {@link BUDGET_CHARS}. */
export function scaledBudgetMs(budgetMs: number, characters: number): number {
  return budgetMs * Math.max(1, Math.ceil(characters / BUDGET_CHARS))
}

export class TimeBudgetError extends Error {
  override name = 'TimeBudgetError'
  readonly budgetMs: number
  constructor(budgetMs: number) {
    super(`the rules took longer than ${budgetMs} ms on this file and were stopped`)
    this.budgetMs = budgetMs
  }
}

const context = createContext({})
const callWork = new Script('work()')

/**
 * Runs `work` and stops it after `budgetMs` milliseconds.
 *
 * @throws {TimeBudgetError} when the budget runs out; whatever `work` did so far stays done.
 */
export function withinTimeBudget<T>(budgetMs: number, work: () => T): T {
  const outer = context.work
  context.work = work
  try {
    return callWork.runInContext(context, {timeout: budgetMs}) as T
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeBudgetError(budgetMs)
    throw error
  } finally {
    context.work = outer
  }
}

/** Rule id of the message that fails a file whose rules ran out of time. */
export const TIME_BUDGET_RULE = 'rules/time-budget'

/** When an article's budget ends, per file: one budget covers every stage that runs user patterns. */
const deadlines = new WeakMap<VFile, number>()

/** Set while `eachWithinBudget` runs a batch: the batch's watchdog already bounds each article, so the stages start none. */
let batchBudget = false

/** The message of a file whose rules ran out of time: fatal, naming the budget and where to look. */
export function failForTimeBudget(file: VFile, budgetMs: number): void {
  const message = file.message(
    `the rules took longer than ${budgetMs} ms on this file and were stopped: a rule pattern is too slow on this text (see \`wiretrace rules check\`)`,
    {ruleId: TIME_BUDGET_RULE, source: 'wiretrace'}
  )
  message.fatal = true
}

/**
 * Runs `work` on each item, every item within its budget (`budgetMs` scaled
 * to the item's size in characters, `sizeOf`), with one watchdog per batch
 * of items instead of one per item (starting a watchdog costs about as much
 * as cleaning a short article). A batch takes items until a tenth of the
 * base budget has passed, and its watchdog allows the budget plus that
 * tenth, so each item gets at least its whole budget; an item whose size
 * earns it more than the base budget runs in a batch of its own. Without a
 * budget (only vetted built-in patterns run) there is no watchdog at all.
 * The item running when the watchdog fires gets `timedOut` (with the budget
 * it had) instead, and the next batch starts after it. `then` takes each
 * result, outside the watchdog: what it does (writing files, posting to
 * another thread) is never cut half-way.
 */
export function eachWithinBudget<Item, Result>(
  items: {readonly length: number; at(index: number): Item | undefined},
  budgetMs: number | undefined,
  sizeOf: (item: Item) => number,
  work: (item: Item) => Result,
  timedOut: (item: Item, budgetMs: number) => Result,
  then: (item: Item, result: Result, index: number) => void
): void {
  if (budgetMs === undefined) {
    for (let index = 0; index < items.length; index++) {
      const item = items.at(index)!
      then(item, work(item), index)
    }
    return
  }
  const batchMs = budgetMs / 10
  const budgetOf = (item: Item) => scaledBudgetMs(budgetMs, sizeOf(item))
  let next = 0
  while (next < items.length) {
    const first = next
    const results: Result[] = []
    const start = performance.now()
    const firstBudget = budgetOf(items.at(first)!)
    const alone = firstBudget > budgetMs
    batchBudget = true
    try {
      withinTimeBudget(firstBudget + batchMs, () => {
        while (next < items.length && (next === first || (!alone && performance.now() - start < batchMs && budgetOf(items.at(next)!) === budgetMs))) {
          results.push(work(items.at(next)!))
          next++
        }
      })
    } catch (error) {
      if (!(error instanceof TimeBudgetError)) throw error
      results.push(timedOut(items.at(next)!, budgetOf(items.at(next)!)))
      next++
    } finally {
      batchBudget = false
    }
    for (const [offset, result] of results.entries()) then(items.at(first + offset)!, result, first + offset)
  }
}

/**
 * Runs one stage's pattern work on an article within what is left of the
 * article's budget (started by the first stage that asks). When it runs
 * out the file fails with one message, and later stages do no pattern work
 * on it. Without a budget (`undefined`: only the vetted built-in patterns
 * run in this stage), or inside a batch of `eachWithinBudget` (whose
 * watchdog bounds the whole article), the work runs as is, sparing the
 * watchdog's cost.
 *
 * @returns false when the budget is spent (the file has failed).
 */
export function withinArticleBudget(file: VFile, budgetMs: number | undefined, work: () => void): boolean {
  if (budgetMs === undefined || batchBudget) {
    work()
    return true
  }
  const now = performance.now()
  const articleBudgetMs = scaledBudgetMs(budgetMs, String(file.value ?? '').length)
  const deadline = deadlines.get(file) ?? now + articleBudgetMs
  deadlines.set(file, deadline)
  if (file.messages.some((message) => message.ruleId === TIME_BUDGET_RULE)) return false
  try {
    if (deadline - now <= 0) throw new TimeBudgetError(articleBudgetMs)
    withinTimeBudget(Math.ceil(deadline - now), work)
    return true
  } catch (error) {
    if (!(error instanceof TimeBudgetError)) throw error
    failForTimeBudget(file, articleBudgetMs)
    return false
  }
}
