/**
 * Last stage: report. Turns the tree and what the stages left on it into
 * the version-2 provenance report (`file.data.report`), checked against
 * its schema. Every character of the input lands in exactly one block or
 * one removed span, so `wiretrace rebuild` can give the input back.
 */
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import {ROLES} from '../core/rules/schema.ts'
import {codePointLength, codePointOffsets, isLatin1, narrowed} from '../core/text.ts'
import {GENERATOR} from '../core/version.ts'
import {blockCleanText} from './block-view.ts'
import {SCHEMA_VERSION, type Report, type ReportBlock} from './report-schema.ts'

/** Characters between blocks: line breaks, blank lines and white space at the edges of lines. */
export const WHITESPACE_RULE = 'layout/white-space'
/** A UTF-8 byte-order mark at the start of the file. */
export const BOM_RULE = 'input/byte-order-mark'

export const wiretraceReport: Plugin<[], Root> = function () {
  return function (tree, file) {
    // A file an earlier stage failed (its rules ran out of time) gets no report: it is listed as failed instead.
    if (file.messages.some((message) => message.fatal === true)) return
    file.data.report = buildReport(tree, file)
  }
}

export function buildReport(tree: Root, file: VFile): Report {
  const text = String(file.value)
  const toCodePoint = codePointOffsets(text)
  // A block's texts are held one byte a character where they can be, as the stages held them (`narrowed`): the link
  // step reads them again.
  const wide = !isLatin1(text)
  const input = file.data.input!
  const blocks: ReportBlock[] = []
  const removed: Report['removed'] = []
  for (const node of tree.children) {
    const start = node.position!.start.offset!
    const end = node.position!.end.offset!
    const block = node.type === 'ParagraphNode' ? node.data?.block : undefined
    if (!block) {
      for (const gap of splitByteOrderMark(start, end, text)) {
        removed.push({start: toCodePoint(gap.start), end: toCodePoint(gap.end), ruleId: gap.ruleId, text: text.slice(gap.start, gap.end), block: null})
      }
      continue
    }
    for (const span of block.removed) {
      removed.push({start: toCodePoint(span.start), end: toCodePoint(span.end), ruleId: span.ruleId, text: text.slice(span.start, span.end), block: block.id})
    }
    blocks.push({
      id: block.id,
      lines: [node.position!.start.line, node.position!.end.line],
      start: toCodePoint(start),
      end: toCodePoint(end),
      text: toString(node),
      clean: narrowed(blockCleanText(text, node, block), wide),
      role: block.role ?? 'body',
      ruleId: block.ruleId ?? null,
      why: block.why ?? null,
      repeatOf: block.repeatOf ?? null,
      sources: block.sources ?? [],
      reuse: [],
      copies: 0,
      translations: []
    })
  }
  removed.sort((a, b) => a.start - b.start)
  const metadata = file.data.metadata
  const outlets = file.data.outlets ?? []
  const inputCodePoints = toCodePoint(text.length)
  const bodyCodePoints = blocks.filter((block) => block.role === 'body').reduce((sum, block) => sum + codePointLength(block.clean), 0)
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: GENERATOR,
    article: {
      id: input.id,
      path: input.path,
      sha256: input.sha256,
      bytes: input.bytes,
      title: metadata?.title ?? null,
      language: file.data.language ?? null,
      outlet: outlets.at(-1)?.id ?? null,
      url: file.data.source?.url ?? null,
      outlets: outlets.map(({id, name, line, by}) => ({id, name, line, by})),
      published: metadata?.published ?? null,
      date: file.data.publishedDate ?? null,
      bylines: metadata?.bylines ?? [],
      dateline: metadata?.dateline ?? null,
      chain: file.data.chain ?? [],
      unknownAgencies: (file.data.unknownAgencies ?? []).map((code) => ({...code, start: toCodePoint(code.start), end: toCodePoint(code.end)}))
    },
    blocks,
    removed,
    summary: {
      blocks: Object.fromEntries(ROLES.map((role) => [role, blocks.filter((block) => block.role === role).length])) as Report['summary']['blocks'],
      characters: {input: inputCodePoints, body: bodyCodePoints, removed: inputCodePoints - bodyCodePoints},
      agencies: file.data.agencyShares ?? {},
      credited: file.data.credited ?? null,
      // Reuse is the link step's: it patches the finished report once the corpus is indexed.
      reused: null,
      translated: null
    },
    messages: file.data.decisions ?? []
  }
  return report
}

function splitByteOrderMark(start: number, end: number, text: string): Array<{start: number; end: number; ruleId: string}> {
  if (start === 0 && text.charCodeAt(0) === 0xfeff) {
    const rest = end > 1 ? [{start: 1, end, ruleId: WHITESPACE_RULE}] : []
    return [{start: 0, end: 1, ruleId: BOM_RULE}, ...rest]
  }
  return [{start, end, ruleId: WHITESPACE_RULE}]
}
