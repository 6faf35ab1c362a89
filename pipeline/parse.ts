/**
 * Stage 1: parse. Turns the decoded input into an NLCST tree with one
 * `ParagraphNode` per non-blank line (tokenised by parse-latin, the parser
 * behind retext-latin, which handles Indonesian, Turkish or Malay the same
 * as English) and `WhiteSpaceNode`s for everything between, so that the
 * tree's text is the input, character for character.
 */
import type {Paragraph, Root, RootContent} from 'nlcst'
import type {Point} from 'unist'
import {ParseLatin} from 'parse-latin'
import type {Plugin} from 'unified'
import {location} from 'vfile-location'
import {isBlank} from '../core/text.ts'

/**
 * Fills the tree with the decoded text's paragraphs (a transformer, after
 * the decode stage, so a bare processor runs from bytes: `runSync(root, file)`).
 * Lines end at `\n`, `\r\n` or a lone `\r`; positions refer to the original input.
 */
export const wiretraceParse: Plugin<[], Root> = function () {
  return function (tree, file) {
    const parsed = parseArticle(String(file.value))
    tree.children = parsed.children
    tree.position = parsed.position
  }
}

export function parseArticle(text: string): Root {
  const parser = new ParseLatin()
  const place = location(text)
  const children: RootContent[] = []
  let covered = 0
  const addGap = (end: number) => {
    if (end > covered) {
      children.push({
        type: 'WhiteSpaceNode',
        value: text.slice(covered, end),
        position: {start: place.toPoint(covered)!, end: pointAt(place, text, end)}
      })
      covered = end
    }
  }
  const lineBreak = /\r\n|\n|\r/g
  let lineStart = 0
  let lineNumber = 1
  while (lineStart <= text.length) {
    lineBreak.lastIndex = lineStart
    const found = lineBreak.exec(text)
    const lineEnd = found ? found.index : text.length
    const content = text.slice(lineStart, lineEnd)
    if (!isBlank(content)) {
      const lead = content.length - content.replace(/^[\s\u200B-\u200D\u2060\uFEFF\u00AD]+/u, '').length
      const trail = content.length - content.replace(/[\s\u200B-\u200D\u2060\uFEFF\u00AD]+$/u, '').length
      const start = lineStart + lead
      const end = lineEnd - trail
      addGap(start)
      const paragraph = parser.tokenizeParagraph(text.slice(start, end))
      shift(paragraph, lineNumber, lead, start)
      paragraph.position = {
        start: {line: lineNumber, column: lead + 1, offset: start},
        end: {line: lineNumber, column: lead + 1 + (end - start), offset: end}
      }
      paragraph.data = {
        block: {id: `b${lineNumber}`, line: lineNumber, removed: [], fields: [], evidence: []}
      }
      children.push(paragraph)
      covered = end
    }
    if (!found) break
    lineStart = found.index + found[0].length
    lineNumber++
  }
  addGap(text.length)
  return {
    type: 'RootNode',
    children,
    position: {start: {line: 1, column: 1, offset: 0}, end: pointAt(place, text, text.length)}
  }
}

/** vfile-location has no point for the end of the text; compute it. */
export function pointAt(place: ReturnType<typeof location>, text: string, offset: number): Point {
  const point = place.toPoint(offset)
  if (point) return point
  const lines = text.split(/\r\n|\n|\r/)
  return {line: lines.length, column: lines.at(-1)!.length + 1, offset}
}

/**
 * parse-latin positions start at line 1, column 1 of the string it was given;
 * move them to where the line sits in the input. parse-latin shares point
 * objects between a word and its text node, so points are replaced, not edited.
 */
function shift(node: Paragraph | RootContent | Paragraph['children'][number] | {position?: unknown; children?: unknown[]}, line: number, columns: number, offset: number): void {
  const withPosition = node as {position?: {start: Point; end: Point}; children?: unknown[]}
  if (withPosition.position) {
    const {start, end} = withPosition.position
    withPosition.position = {
      start: {line, column: start.column + columns, offset: start.offset! + offset},
      end: {line, column: end.column + columns, offset: end.offset! + offset}
    }
  }
  if (withPosition.children) {
    for (const child of withPosition.children) shift(child as RootContent, line, columns, offset)
  }
}
