/**
 * The wiretrace pipeline, stage by stage, in the order they run.
 * Each stage is a unified plugin with one job; they talk only through the
 * tree (data on each paragraph) and `file.data`.
 */
import type {Root} from 'nlcst'
import {unified, type Processor} from 'unified'
import {loadAgencies, type AgencyRegistry} from './agencies.ts'
import type {InputLimits} from '../core/decode.ts'
import {loadCalendar, type Calendar} from '../core/dates.ts'
import {loadGenericConfig, type GenericConfig} from './generic/config.ts'
import type {CorpusLines} from './generic/corpus.ts'
import {BUILTIN_RULES_DIR, loadRules, type LoadRulesOptions, type RuleSet} from '../core/rules/load.ts'
import {configFingerprint} from '../core/version.ts'
import {timedPlugin} from '../core/stage-clock.ts'
import {wiretraceAttribute} from './attribute.ts'
import {wiretraceBoilerplate} from './boilerplate.ts'
import {wiretraceCredits} from './credits/index.ts'
import {wiretraceDecode} from './decode.ts'
import {wiretraceGeneric} from './generic/index.ts'
import {wiretraceJoin} from './join/index.ts'
import {wiretraceLanguage} from './language.ts'
import {wiretraceMetadata} from './metadata.ts'
import {wiretraceOutlet} from './outlet/index.ts'
import {wiretraceParse} from './parse.ts'
import {wiretraceRepeats} from './repeats.ts'
import {wiretraceReport} from './report.ts'
import {wiretraceSummary} from './summary.ts'

export {wiretraceAttribute} from './attribute.ts'
export {wiretraceBoilerplate} from './boilerplate.ts'
export {wiretraceCredits} from './credits/index.ts'
export {wiretraceDecode} from './decode.ts'
export {wiretraceGeneric} from './generic/index.ts'
export {wiretraceJoin} from './join/index.ts'
export {detectLanguage, wiretraceLanguage} from './language.ts'
export {wiretraceMetadata} from './metadata.ts'
export {wiretraceOutlet} from './outlet/index.ts'
export {wiretraceParse} from './parse.ts'
export {wiretraceRepeats} from './repeats.ts'
export {wiretraceReport} from './report.ts'
export {summariseReport, wiretraceSummary} from './summary.ts'

/** Everything the stages need that comes from data files. */
export interface PipelineData {
  rules: RuleSet
  calendar: Calendar
  /** The agency registry: agencies, their names, the phrases that cite them. */
  agencies: AgencyRegistry
  /** Thresholds and word lists of the generic stage (`generic.yaml`). */
  generic: GenericConfig
  /** Fingerprint of the data and the code version: the reuse index re-analyses an article indexed under another. */
  config: string
}

/** Loads rules and calendar from the built-in folder plus user folders. */
export function loadPipelineData(options: LoadRulesOptions = {}): PipelineData {
  const rules = loadRules(options)
  return {
    rules,
    calendar: loadCalendar(options.dirs),
    agencies: loadAgencies(options.dirs),
    generic: loadGenericConfig(options.dirs),
    config: configFingerprint([BUILTIN_RULES_DIR, ...(options.dirs ?? [])], {outletRules: options.outletRules})
  }
}

export interface ProcessorOptions {
  /** Size limits the decode stage holds an input to. */
  limits?: InputLimits
  /** Line counts over the corpus of the run, for the generic stage's template and stock-phrase rules. */
  corpus?: CorpusLines
}

/**
 * Creates the processor: decode, parse, recognise the outlet, strip
 * boilerplate, read metadata, mark repeats, attribute, summarise, write the
 * report into `file.data.report`. Synchronous and self-contained: one
 * article's report depends on that article (and the corpus line counts)
 * only. Text shared with other articles is the link step's
 * (`link/`), which patches finished reports.
 */
export function createProcessor(data: PipelineData, options: ProcessorOptions = {}): Processor<Root, Root, Root> {
  // User patterns run under the time budget in every stage; the built-in ones are vetted (`rules check`, the tests) and run without a watchdog.
  const timeBudgetMs = data.rules.userPatterns ? data.rules.timeBudgetMs : undefined
  return unified()
    .use(timedPlugin('decode', wiretraceDecode), {limits: options.limits})
    .use(timedPlugin('parse', wiretraceParse))
    .use(timedPlugin('join', wiretraceJoin), {generic: data.generic})
    .use(timedPlugin('outlet', wiretraceOutlet), {rules: data.rules, timeBudgetMs})
    .use(timedPlugin('boilerplate', wiretraceBoilerplate), {rules: data.rules, timeBudgetMs})
    .use(timedPlugin('credits', wiretraceCredits), {registry: data.agencies, generic: data.generic, timeBudgetMs})
    .use(timedPlugin('metadata', wiretraceMetadata), {calendar: data.calendar, generic: data.generic, timeBudgetMs})
    .use(timedPlugin('repeats', wiretraceRepeats))
    .use(timedPlugin('generic', wiretraceGeneric), {config: data.generic, corpus: options.corpus, timeBudgetMs})
    .use(timedPlugin('language', wiretraceLanguage))
    .use(timedPlugin('attribute', wiretraceAttribute), {registry: data.agencies, timeBudgetMs})
    .use(timedPlugin('summary', wiretraceSummary), {registry: data.agencies})
    .use(timedPlugin('report', wiretraceReport))
    .freeze() as unknown as Processor<Root, Root, Root>
}
