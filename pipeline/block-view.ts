/**
 * One reader's view of a block, for every stage that reads a block's text:
 * the text patterns match (the spans cut so far left out, exotic spaces
 * plain, zero-width characters dropped) with its map back to the input,
 * and the clean text the report prints. The view is kept per block and
 * dropped when a span is cut, through `cutSpan`, the one place spans are cut.
 */
import type {Paragraph} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {matchText, type MatchText} from '../core/text.ts'
import type {BlockData, RemovedSpan} from './data.ts'

export interface BlockView {
  /** The block as in the input. */
  original: string
  /** Offset in the input of the block's first character. */
  offset: number
  /** The text as rules and readers read it; `toOriginal` maps an index in it to one in `original`. */
  reading: MatchText
  /** Offset in the input of a character of `reading`. */
  inputOffset(index: number): number
}

const views = new WeakMap<BlockData, BlockView>()
/** Each block's clean text, kept as its view is: the summary and report stages both read it, once the roles are known. */
const cleanTexts = new WeakMap<BlockData, string>()

/** The block's view, computed on first use and again only after a span is cut. */
export function blockView(node: Paragraph, block: BlockData): BlockView {
  const known = views.get(block)
  if (known) return known
  const original = toString(node)
  const offset = node.position!.start.offset!
  const reading = matchText(
    original,
    block.removed.map((span) => ({start: span.start - offset, end: span.end - offset}))
  )
  const view: BlockView = {original, offset, reading, inputOffset: (index) => offset + reading.toOriginal(index)}
  views.set(block, view)
  return view
}

/** Cuts a span (input offsets) from the block, unless it is empty or overlaps a span already cut; returns whether it did. */
export function cutSpan(block: BlockData, span: RemovedSpan): boolean {
  if (span.end <= span.start || block.removed.some((cut) => cut.start < span.end && span.start < cut.end)) return false
  block.removed.push(span)
  block.removed.sort((a, b) => a.start - b.start)
  views.delete(block)
  cleanTexts.delete(block)
  return true
}

/** The block's clean text (`cleanText` over its node's span of the input `text`), computed on first use and again only after a span is cut. */
export function blockCleanText(text: string, node: Pick<Paragraph, 'position'>, block: BlockData): string {
  let clean = cleanTexts.get(block)
  if (clean === undefined) {
    clean = cleanText(text, node.position!.start.offset!, node.position!.end.offset!, block)
    cleanTexts.set(block, clean)
  }
  return clean
}

/** The block's text without its removed spans, white space folded: what a reader of the article reads, as the report prints it. */
function cleanText(text: string, start: number, end: number, block: BlockData): string {
  let out = ''
  let cursor = start
  for (const span of block.removed) {
    out += `${text.slice(cursor, span.start)} `
    cursor = span.end
  }
  out += text.slice(cursor, end)
  return out
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
}
