/**
 * Stage: join, right after parse. The parser makes one block per line, as scrapers write
 * one paragraph a line. Hard-wrapped text (wire copy, e-paper pages, blog
 * reposts) breaks one paragraph over several lines; this stage finds such
 * runs from the text's shape (see `pipeline/join/wrap.ts`) and makes each one
 * block, so every later stage judges, attributes and indexes the paragraph
 * whole. The block keeps its lines (`lines: [first, last]` in the report)
 * and every character: the line breaks inside it are part of its text.
 *
 * The decision is `generic/hard-wrap`; switch it off with
 * `off: [generic/hard-wrap]` in a `generic.yaml`.
 */
import type {Paragraph, Root, RootContent} from 'nlcst'
import type {Plugin} from 'unified'
import {location} from 'vfile-location'
import type {GenericConfig} from '../generic/config.ts'
import {findWrappedParagraphs, type WrapLine} from './wrap.ts'
import {blocksOf, note} from '../data.ts'
import {INVISIBLE, isLatin1, narrowed} from '../../core/text.ts'
import {blockView} from '../block-view.ts'
import {lineParagraph, pointAt} from '../parse.ts'

export interface JoinOptions {
  generic: GenericConfig
}

export const HARD_WRAP_RULE = 'generic/hard-wrap'

export const wiretraceJoin: Plugin<[JoinOptions], Root> = function (options) {
  return function (tree, file) {
    if (options.generic.off.has(HARD_WRAP_RULE)) return
    const blocks = blocksOf(tree)
    const text = String(file.value)
    // A line's own text read as the rules read it (the block's view, which the later stages read too): a link's address
    // or a zero-width space is no part of its width.
    const lines: WrapLine[] = blocks.map(({node, block}) => ({
      text: blockView(node, block).reading.value,
      line: node.position!.start.line,
      indent: visibleIndent(text, node.position!.start.offset!, node.position!.start.column - 1)
    }))
    const layout = findWrappedParagraphs(lines)
    if (!layout || layout.paragraphs.length === 0) return
    const wide = !isLatin1(text)
    const place = location(text)
    const replaced = new Map<RootContent, Paragraph | null>()
    for (const {first, last} of layout.paragraphs) {
      const firstNode = blocks[first]!.node
      const lastNode = blocks[last]!.node
      const joined = paragraphOver(text, place, firstNode.position!.start.offset!, lastNode.position!.end.offset!, wide)
      const {id, line} = blocks[first]!.block
      joined.data = {block: {id, line, removed: [], fields: [], evidence: []}}
      const from = tree.children.indexOf(firstNode)
      const to = tree.children.indexOf(lastNode)
      for (const node of tree.children.slice(from, to + 1)) replaced.set(node, null)
      replaced.set(firstNode, joined)
      const why = `lines ${firstNode.position!.start.line}–${lastNode.position!.end.line} are one paragraph hard-wrapped at about ${layout.width} characters (${layout.evidence} lines of the article stop mid-sentence and go on on the next)`
      note(file, why, HARD_WRAP_RULE, joined.position)
    }
    tree.children = tree.children.flatMap((node) => {
      const replacement = replaced.get(node)
      return replacement === undefined ? [node] : replacement === null ? [] : [replacement]
    })
  }
}

/** One paragraph node over `text[start, end)`, with positions in the input; `wide`: the text is held two bytes a character. */
function paragraphOver(text: string, place: ReturnType<typeof location>, start: number, end: number, wide: boolean): Paragraph {
  return lineParagraph(narrowed(text.slice(start, end), wide), pointAt(place, text, start), pointAt(place, text, end))
}

/**
 * The white space before a line's text, in characters, zero-width ones left out: a scraped line that opens with an
 * invisible character is not indented (an indented line opens a paragraph of its own).
 */
function visibleIndent(text: string, start: number, columns: number): number {
  let indent = 0
  for (let at = start - columns; at < start; at++) if (!INVISIBLE.test(text[at]!)) indent++
  return indent
}
