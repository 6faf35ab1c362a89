/**
 * Stage 4: metadata. Finds the title and the dek (standfirst) from position
 * and shape, and gathers the publication date, bylines and dateline that
 * the rules captured.
 *
 * Title: the first line no rule decided, if it is shaped like a headline
 * (two words or more, at most 250 characters, not ending like a sentence
 * or a label). Dek: lines between the title and a lead that opens with a
 * dateline, when that lead follows closely.
 */
import type {Paragraph, Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {parseDate, type Calendar} from '../lib/dates.ts'
import {blocksOf, type BlockData} from './data.ts'

export interface MetadataOptions {
  calendar: Calendar
}

/** How far after the title a dateline lead may sit for the lines between to count as a dek. */
const DEK_WINDOW = 3
const MAX_TITLE_CHARS = 250

export const wiretraceMetadata: Plugin<[MetadataOptions], Root> = function (options) {
  return function (tree, file) {
    const blocks = blocksOf(tree)
    const undecided = blocks.filter(({block}) => block.role === undefined)
    const first = undecided[0]
    let title: string | null = null
    if (first && looksLikeHeadline(toString(first.node)) && !opensWithDateline(first.block)) {
      title = toString(first.node)
      decide(file, first, 'title', 'metadata/title', 'first undecided line, shaped like a headline')
      const titleIndex = blocks.indexOf(first)
      const window = blocks.slice(titleIndex + 1, titleIndex + 2 + DEK_WINDOW)
      const leadIndex = window.findIndex(
        ({block}, index) => block.role === undefined && (opensWithDateline(block) || isDatelineLine((window[index - 1] ?? first).block))
      )
      for (const candidate of window.slice(0, Math.max(leadIndex, 0))) {
        if (candidate.block.role === undefined) {
          decide(file, candidate, 'dek', 'metadata/dek', `between the title and the lead that opens with a dateline (line ${window[leadIndex]!.block.line})`)
        }
      }
    }
    const fields = blocks.flatMap(({block}) => block.fields)
    const datelineField = fields.find((field) => field.field === 'dateline')
    // Dates captured as such come first; a byline that also carries the date ("…, Jurnalis-Selasa, 18 Juni 2024") is the fallback.
    const dates = [
      ...fields.filter((field) => field.field === 'published').map((field) => field.value),
      ...blocks.filter(({block}) => block.role === 'meta').map(({node}) => toString(node))
    ].map((text) => parseDate(text, options.calendar))
    const published = dates.find((date) => date?.dateTime) ?? dates.find((date) => date !== null) ?? null
    file.data.metadata = {
      title,
      published: published?.dateTime ?? null,
      bylines: [...new Set(fields.filter((field) => field.field === 'byline').map((field) => field.value))],
      dateline: datelineField?.value ?? null
    }
    if (published) file.data.publishedDate = published.date
  }
}

declare module 'vfile' {
  interface DataMap {
    /** Publication date (YYYY-MM-DD) when the text gives one, even without a time. */
    publishedDate: string
  }
}

function decide(file: VFile, entry: {node: Paragraph; block: BlockData}, role: 'title' | 'dek', ruleId: string, why: string): void {
  entry.block.role = role
  entry.block.ruleId = ruleId
  entry.block.why = why
  file.info(`${role}: ${why}`, {place: entry.node.position, ruleId, source: 'wiretrace'})
}

/** A headline: two words or more, not too long, and not ending like a sentence or a label. */
export function looksLikeHeadline(text: string): boolean {
  if (text.length > MAX_TITLE_CHARS) return false
  if (text.split(/\s+/).length < 2) return false
  return !/[.,;:]["'”’)]?$/u.test(text) || /\.\.\.$|…$/u.test(text)
}

function opensWithDateline(block: BlockData): boolean {
  return block.fields.some((field) => field.field === 'dateline')
}

/** A dateline printed alone on its own line ("ANKARA") introduces the lead after it. */
function isDatelineLine(block: BlockData): boolean {
  return block.role === 'meta' && block.fields.some((field) => field.field === 'dateline')
}
