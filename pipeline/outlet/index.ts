/**
 * Stage 2: outlet. Recognises which outlets printed the article from the
 * text itself (a dateline such as `REPUBLIKA.CO.ID,`, a footer, a domain
 * name), using each outlet file's `recognise` patterns. Several can match:
 * an aggregator republishing an ANTARA page shows both. The boilerplate
 * stage then applies only the recognised outlets' rules.
 *
 * An outlet that never names itself in its text is recognised from outside
 * it: the host of the article's source URL (a `sources.tsv` row or a config
 * `sources:` entry) under one of the outlet's `domains:` (`outlet/domain`),
 * or a config entry naming the outlet (`outlet/config`). That outlet printed
 * the page the article was read from, so it comes last: the publisher.
 */
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {Outlet, RuleSet} from '../../core/rules/load.ts'
import {hostOf, longestDomainHolding} from './sources.ts'
import {matchText} from '../../core/text.ts'
import {blocksOf, note, type OutletMatch} from '../data.ts'
import {withinArticleBudget} from '../../core/rules/budget.ts'
import {firstLinesRecognising} from '../../core/rules/recognise.ts'

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
      const blocks = blocksOf(tree)
      const firstLines = firstLinesRecognising(
        outlets,
        blocks.map(({node}) => matchText(toString(node)).value)
      )
      for (const [place, outlet] of outlets.entries()) {
        const line = firstLines.get(place)
        if (line === undefined) continue
        const hit = blocks[line]!
        const match: OutletMatch = {id: outlet.id, name: outlet.name, line: hit.block.line, by: 'text', ruleId: `${outlet.id}/recognise`}
        found.push(match)
        note(file, `Recognised outlet ${outlet.name} on line ${hit.block.line}`, match.ruleId, hit.node.position)
      }
      found.sort((a, b) => a.line! - b.line!)
      const publisher = publisherOf(file, outlets)
      if (publisher && !found.some((match) => match.id === publisher.id)) found.push(publisher)
      file.data.outlets = found
    })
  }
}

/** The outlet the article's source (given from outside its text) names, if the rule files know it. */
function publisherOf(file: VFile, outlets: readonly Outlet[]): OutletMatch | undefined {
  const source = file.data.source
  if (!source) return undefined
  if (source.outlet) {
    const outlet = outlets.find((candidate) => candidate.id === source.outlet)
    if (!outlet) {
      file.fail(`${source.from}: no outlet file declares the outlet id "${source.outlet}" (\`wiretrace rules\` lists them)`, {
        ruleId: 'outlet/config',
        source: 'wiretrace'
      })
    }
    note(file, `Outlet ${outlet.name} given by ${source.from}`, 'outlet/config')
    return {id: outlet.id, name: outlet.name, line: null, by: 'config', ruleId: 'outlet/config'}
  }
  const host = hostOf(source.url!)
  // The longest domain wins: a rule file for a section's own subdomain is more precise than its parent site's.
  const owner = longestDomainHolding(
    host,
    outlets.flatMap((outlet) => outlet.domains.map((domain) => ({outlet, domain})))
  )
  if (!owner) return undefined
  note(file, `Recognised outlet ${owner.outlet.name}: ${host} (${source.from}) is under its domain ${owner.domain}`, 'outlet/domain')
  return {id: owner.outlet.id, name: owner.outlet.name, line: null, by: 'domain', ruleId: 'outlet/domain'}
}
