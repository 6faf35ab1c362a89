/** Shared test helpers: one processor for the built-in rules, and a way to run text through it. */
import type {VFile} from 'vfile'
import {processBytes} from '../../run/article.ts'
import {createProcessor, loadPipelineData} from '../../pipeline/index.ts'
import type {Report} from '../../pipeline/report-schema.ts'
import type {ArticleSource} from '../../pipeline/outlet/sources.ts'

export const builtinData = loadPipelineData()
export const builtinProcessor = createProcessor(builtinData)

/** Runs text (or bytes) through the built-in pipeline as if it were the file `name`, published where `source` says. */
export function processText(text: string | Uint8Array, name = 'test.txt', source?: ArticleSource): VFile {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  return processBytes(builtinProcessor, bytes, {relative: name, display: name, ...(source ? {source} : {})})
}

/** The report for text that must process cleanly. */
export function reportFor(text: string, name = 'test.txt', source?: ArticleSource): Report {
  const file = processText(text, name, source)
  if (!file.data.report) throw new Error(`no report: ${file.messages.map(String).join('; ')}`)
  return file.data.report
}

/** Role of the block on a 1-based line. */
export function roleOnLine(report: Report, line: number): string | undefined {
  return report.blocks.find((block) => block.lines[0] <= line && line <= block.lines[1])?.role
}
