/** Writing one article's reports: light enough for a thread that does nothing else. */
import {mkdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {Report} from '../pipeline/report-schema.ts'
import type {InputFile} from './inputs.ts'
import {renderMarkdown, type MarkdownOptions} from '../render/markdown.ts'

/** Writes `<out>/<relative path>.json` and `.md`, each atomically (temp file, then rename). */
export function writeReport(out: string, input: Pick<InputFile, 'relative'>, report: Report, markdownOptions: MarkdownOptions = {}): string[] {
  const base = join(out, input.relative)
  mkdirSync(dirname(base), {recursive: true})
  const json = `${base}.json`
  const markdown = `${base}.md`
  // Atomic (temp file, then rename) but not fsynced: a reader never sees half a report, and a report lost to a
  // power cut is written again by the next run; two fsyncs per article cost more than the whole analysis.
  writeFileAtomic.sync(json, `${JSON.stringify(report, null, 2)}\n`, {fsync: false})
  writeFileAtomic.sync(markdown, renderMarkdown(report, markdownOptions), {fsync: false})
  return [json, markdown]
}
