/**
 * Stage 2: outlet. Recognises which outlets printed the article from the
 * text itself (a dateline such as `REPUBLIKA.CO.ID,`, a footer, a domain
 * name), using each outlet file's `recognise` patterns. Several can match:
 * an aggregator republishing an ANTARA page shows both. The boilerplate
 * stage then applies only the recognised outlets' rules.
 */
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import type {RuleSet} from '../lib/rules/load.ts'
import {matchText} from '../lib/text.ts'
import {blocksOf, type OutletMatch} from './data.ts'
import {withinArticleBudget} from '../lib/rules/budget.ts'

export interface OutletOptions {
  rules: RuleSet
  /** How long user patterns (`recognise`) may run on one article, shared with the other stages; unset when there are none. */
  timeBudgetMs?: number
}

export const wiretraceOutlet: Plugin<[OutletOptions], Root> = function (options) {
  const {outlets} = options.rules
  return function (tree, file) {
    // User patterns run here: within the article's time budget, shared with the other stages.
    withinArticleBudget(file, options.timeBudgetMs, () => {
      const found: OutletMatch[] = []
      // Each line is read once, not once per outlet.
      const blocks = blocksOf(tree).map((entry) => ({...entry, text: matchText(toString(entry.node)).value}))
      for (const outlet of outlets) {
        const hit = blocks.find(({text}) => outlet.recognise.some((pattern) => pattern.test(text)))
        if (!hit) continue
        const match: OutletMatch = {id: outlet.id, name: outlet.name, line: hit.block.line, ruleId: `${outlet.id}/recognise`}
        found.push(match)
        file.info(`Recognised outlet ${outlet.name} on line ${hit.block.line}`, {
          place: hit.node.position,
          ruleId: match.ruleId,
          source: 'wiretrace'
        })
      }
      found.sort((a, b) => a.line - b.line)
      file.data.outlets = found
    })
  }
}
