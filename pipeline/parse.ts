/**
 * Stage 1: parse. Turns the decoded input into an NLCST tree with one
 * `ParagraphNode` per non-blank line and `WhiteSpaceNode`s for everything
 * between, so that the tree's text is the input, character for character.
 *
 * A paragraph holds its line as one `SourceNode`, not as sentences and
 * words: every stage reads a line's text whole (its own patterns, its own
 * word splitting), none walks words, and tokenising each line with
 * parse-latin cost about as much as a classifying stage. A plugin that needs
 * words can tokenise the paragraphs it reads (`ParseLatin#tokenizeParagraph`).
 */
import type {Paragraph, Root, RootContent} from 'nlcst'
import type {Point} from 'unist'
import type {Plugin} from 'unified'
import {location} from 'vfile-location'
import {isBlank, isLatin1, narrowed} from '../core/text.ts'

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
  // Lines cut from a text held two bytes a character are held one byte a character where they can be (`narrowed`).
  const wide = !isLatin1(text)
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
      const paragraph = lineParagraph(
        narrowed(text.slice(start, end), wide),
        {line: lineNumber, column: lead + 1, offset: start},
        {line: lineNumber, column: lead + 1 + (end - start), offset: end}
      )
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

/** A paragraph node over `value`, which runs from `start` to `end` in the input: one source node holding the text. */
export function lineParagraph(value: string, start: Point, end: Point): Paragraph {
  return {type: 'ParagraphNode', children: [{type: 'SourceNode', value, position: {start: {...start}, end: {...end}}}], position: {start, end}}
}

/** vfile-location has no point for the end of the text; compute it. */
export function pointAt(place: ReturnType<typeof location>, text: string, offset: number): Point {
  const point = place.toPoint(offset)
  if (point) return point
  const lines = text.split(/\r\n|\n|\r/)
  return {line: lines.length, column: lines.at(-1)!.length + 1, offset}
}
