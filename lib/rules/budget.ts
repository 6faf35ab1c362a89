/**
 * A time budget for running rules on one file. A regular expression runs to
 * the end once started, and JavaScript cannot interrupt it from inside;
 * `node:vm` can: a script run with a `timeout` is stopped by V8 from a
 * watchdog thread, even in the middle of a regular expression. So the work
 * of one file runs as a tiny script that calls back into it, and a file
 * whose rules take too long fails alone while the run goes on.
 */
import {createContext, Script} from 'node:vm'

/** Default budget for the rules of one article: generous (a 100,000-character line takes milliseconds), but finite. */
export const DEFAULT_TIME_BUDGET_MS = 10_000

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
