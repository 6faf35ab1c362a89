/**
 * The wiretrace pipeline, stage by stage, in the order they run.
 * Each stage is a unified plugin with one job; they talk only through the
 * tree (data on each paragraph) and `file.data`.
 */
import type {Root} from 'nlcst'
import {unified, type Processor} from 'unified'
import {loadCalendar, type Calendar} from '../lib/dates.ts'
import {loadRules, type LoadRulesOptions, type RuleSet} from '../lib/rules/load.ts'
import {wiretraceBoilerplate} from './boilerplate.ts'
import {wiretraceMetadata} from './metadata.ts'
import {wiretraceOutlet} from './outlet.ts'
import {wiretraceParse} from './parse.ts'
import {wiretraceRepeats} from './repeats.ts'
import {wiretraceReport} from './report.ts'

export {wiretraceBoilerplate} from './boilerplate.ts'
export {wiretraceMetadata} from './metadata.ts'
export {wiretraceOutlet} from './outlet.ts'
export {wiretraceParse} from './parse.ts'
export {wiretraceRepeats} from './repeats.ts'
export {wiretraceReport} from './report.ts'

/** Everything the stages need that comes from data files. */
export interface PipelineData {
  rules: RuleSet
  calendar: Calendar
}

/** Loads rules and calendar from the built-in folder plus user folders. */
export function loadPipelineData(options: LoadRulesOptions = {}): PipelineData {
  return {rules: loadRules(options), calendar: loadCalendar(options.dirs)}
}

/**
 * Creates the processor: parse, recognise the outlet, strip boilerplate,
 * read metadata, mark repeats, write the report into `file.data.report`.
 */
export function createProcessor(data: PipelineData): Processor<Root, Root, Root> {
  return unified()
    .use(wiretraceParse)
    .use(wiretraceOutlet, {rules: data.rules})
    .use(wiretraceBoilerplate, {rules: data.rules})
    .use(wiretraceMetadata, {calendar: data.calendar})
    .use(wiretraceRepeats)
    .use(wiretraceReport)
    .freeze() as unknown as Processor<Root, Root, Root>
}
