/**
 * The Markdown twin of a report: what a reviewer reads in a pull request.
 * Text first: a narrow table of the article's lines (line, role with the
 * agencies, text) that stays readable at GitHub's width; the details after:
 * one line per source of agency evidence with the place it stands, the
 * other articles the text stands in (linked to their reports, which GitHub
 * follows), its translations in other languages paragraph beside paragraph,
 * the rules that removed lines, and any warnings. Agencies are
 * named as the registry names them. Built as an mdast tree and serialised
 * by mdast-util-to-markdown with the GFM table extension, so every piece of
 * article text is escaped once, by the library.
 */
import {posix} from 'node:path'
import type {List, ListItem, PhrasingContent, Root, RootContent, Table, TableCell, TableRow} from 'mdast'
import {gfmToMarkdown} from 'mdast-util-gfm'
import {defaultHandlers, toMarkdown, type Handle, type Options as ToMarkdownOptions, type State, type Unsafe} from 'mdast-util-to-markdown'
import {outletEvidence, type Report, type ReportBlock, type ReportEvidence} from '../pipeline/report-schema.ts'
import {loadAgencies} from '../pipeline/agencies.ts'
import {codePointSlice, shortened} from '../core/text.ts'
import {creditedInArticle, uncreditedShare} from './uncredited.ts'

/** Cells longer than this are cut; the JSON report has the full text. */
const MAX_CELL = 300
/** Other articles listed by name; the rest are counted. */
const MAX_COPIES = 10
/**
 * Rows of a table, and items of a list, shown; the rest are counted. Far
 * above any real article's lines, it keeps the twin of a very large file
 * (tens of thousands of lines) to what a reviewer can read and GitHub
 * renders, and its cost bounded: the JSON report has every line.
 */
export const MAX_ROWS = 2000

export interface MarkdownOptions {
  /** An agency's name from its id (the built-in registry's names by default). */
  agencyName?: (agency: string) => string
  /** Another article's report, when at hand: a translation is then shown with its language and its text beside this article's. */
  otherReport?: (id: string) => Report | undefined
}

/**
 * The serialiser's unsafe patterns in force for a stack of constructs,
 * joined into one expression per flag set and subject (`Combined`) that
 * matches the unsafe character itself (what a pattern needs before and after it are
 * lookarounds, so each match is a place the serialiser may escape, and no
 * place it escapes is missed). Escaping runs every pattern in force over
 * every piece of text, a quarter of a run's time; text that none of them
 * matches within it, tested once, is written as it is.
 */
interface Combined {
  expression: RegExp
  /**
   * Whether the serialiser runs these patterns over the text with the neighbour before it and the one after it
   * (`safe`): without the one a pattern tied to the node before (`beforeNode`) or after (`afterNode`) is anchored in
   * place of.
   */
  withBefore: boolean
  withAfter: boolean
}

const combinedByStack = new Map<string, Combined[]>()
let combinedFor: readonly Unsafe[] = []
/**
 * The serialiser's list of patterns last found to hold the same patterns as `combinedFor`: one list serves a whole
 * document, so its patterns are compared once per document, not once per piece of text.
 */
let checkedList: readonly Unsafe[] | undefined

function combinedPatterns(state: State): Combined[] {
  if (state.unsafe !== checkedList) {
    if (combinedFor.length !== state.unsafe.length || combinedFor.some((pattern, index) => pattern !== state.unsafe[index])) {
      combinedByStack.clear()
      combinedFor = [...state.unsafe]
    }
    checkedList = state.unsafe
  }
  const key = state.stack.join(' ')
  let combined = combinedByStack.get(key)
  if (!combined) {
    const sources = new Map<string, {flags: string; withBefore: boolean; withAfter: boolean; list: string[]}>()
    for (const pattern of state.unsafe) {
      if (!inScope(state.stack, pattern.inConstruct, true) || inScope(state.stack, pattern.notInConstruct, false)) continue
      const flags = pattern.unicode ? 'gu' : 'g'
      const withBefore = !pattern.beforeNode
      const withAfter = !pattern.afterNode
      const groupKey = `${flags} ${withBefore} ${withAfter}`
      const group = sources.get(groupKey) ?? {flags, withBefore, withAfter, list: []}
      group.list.push(atCharacter(pattern))
      sources.set(groupKey, group)
    }
    combined = [...sources.values()].map(({flags, withBefore, withAfter, list}) => ({expression: new RegExp(list.join('|'), flags), withBefore, withAfter}))
    combinedByStack.set(key, combined)
  }
  return combined
}

/** A pattern as the serialiser compiles it (`compilePattern`), with its context as lookarounds around the character. */
function atCharacter(pattern: Unsafe): string {
  const before = (pattern.atBreak ? '[\\r\\n][\\t ]*' : '') + (pattern.before ? `(?:${pattern.before})` : '')
  const character = (/[$()*+.?[\\\]^{|}]/.test(pattern.character) ? '\\' : '') + pattern.character
  // The character first, so the engine skips to it; what comes before it is looked behind from after it.
  const behind = pattern.beforeNode ? `(?<=^${character})` : before ? `(?<=${before}${character})` : ''
  const ahead = pattern.afterNode ? '(?=$)' : pattern.after ? `(?=(?:${pattern.after}))` : ''
  return `(?:${character}${behind}${ahead})`
}

/** Whether a construct of `constructs` is open, as the serialiser decides which patterns are in force. */
function inScope(stack: readonly string[], constructs: Unsafe['inConstruct'], none: boolean): boolean {
  if (constructs === undefined || constructs === null || constructs.length === 0) return none
  return (typeof constructs === 'string' ? [constructs] : constructs).some((construct) => stack.includes(construct))
}

/** Whether an expression matches within `[start, end)` of `subject`. */
function matchesWithin(expression: RegExp, subject: string, start: number, end: number): boolean {
  expression.lastIndex = start
  const match = expression.exec(subject)
  return match !== null && match.index < end
}

/**
 * Whether the default text handler writes `value` as it is between `before`
 * and `after`: no backslash, and no pattern in force matches a character of
 * the text within the subject the serialiser runs it over (patterns tied to
 * the node before or after are anchored to the text's ends, and see only
 * the neighbour on the other side).
 */
function needsNoEscape(value: string, before: string, after: string, state: State): boolean {
  if (value.includes('\\')) return false
  return !combinedPatterns(state).some(({expression, withBefore, withAfter}) => {
    const head = withBefore ? before : ''
    return matchesWithin(expression, head + value + (withAfter ? after : ''), head.length, head.length + value.length)
  })
}

/** Text as the default handler writes it, without its per-pattern escaping when nothing needs escaping. */
export const handleText: Handle = (node, parent, state, info) => {
  const value: string = node.value
  return needsNoEscape(value, info.before, info.after, state) ? value : defaultHandlers.text(node, parent, state, info)
}

/** What the GFM table extension puts before and after a cell's content when it serialises it (`tableCellPadding` unset). */
const CELL_EDGE = '|'

/**
 * A table as the GFM table extension writes it with `tablePipeAlign: false`
 * (each row `| a | b |`, the delimiter row `| -: | :- |`), with each cell
 * that is one text or code node written by that node's handler: phrasing
 * adds nothing to a lone node that is not emphasis, strong or strikethrough
 * (whose markers it chooses from their neighbours). Every other cell goes
 * through the serialiser's phrasing, in the same constructs as the
 * extension's. Most of a twin's text is in table cells, and the phrasing
 * machinery (trackers, attention runs) cost more than the text itself; the
 * property test holds this to the extension's output.
 */
export const handleTable: Handle = (node: Table, _parent, state, info) => {
  const exitTable = state.enter('table')
  const matrix = node.children.map((row) => {
    const exitRow = state.enter('tableRow')
    const cells = row.children.map((cell) => {
      const exitCell = state.enter('tableCell')
      const exitPhrasing = state.enter('phrasing')
      const only = cell.children.length === 1 ? cell.children[0] : undefined
      const value =
        only?.type === 'text' || only?.type === 'inlineCode'
          ? state.handle(only, cell, state, {...info, before: CELL_EDGE, after: CELL_EDGE})
          : state.containerPhrasing(cell, {...info, before: CELL_EDGE, after: CELL_EDGE})
      exitPhrasing()
      exitCell()
      return value
    })
    exitRow()
    return cells
  })
  exitTable()
  const head = matrix[0]
  if (head) {
    const columns = node.align?.length || Math.max(...matrix.map((row) => row.length))
    while (head.length < columns) head.push('')
  }
  return tableText(matrix, node.align ?? [])
}

/** markdown-table's output for the options the GFM extension passes with pipe alignment off (padded cells, rows not filled). */
function tableText(matrix: string[][], align: Table['align'] & {}): string {
  const widest = Math.max(0, ...matrix.map((row) => row.length))
  const delimiters = Array.from({length: widest}, (_, column) => {
    const side = align[column]?.charAt(0).toLowerCase()
    return side === 'c' ? ':-:' : side === 'l' ? ':-' : side === 'r' ? '-:' : '-'
  })
  // The delimiter row goes second; a table without rows is that row alone.
  const rows = matrix.length === 0 ? [delimiters] : [matrix[0]!, delimiters, ...matrix.slice(1)]
  return rows
    .map((row, index) => {
      const cells = Math.max(1, (index === 1 ? rows[0]! : row).length)
      let line = ''
      for (let column = 0; column < cells; column++) {
        const cell = row[column] ?? ''
        line += `${column === 0 ? '|' : ''}${cell === '' ? '' : ' '}${cell} |`
      }
      return line
    })
    .join('\n')
}

/**
 * A root handler that writes the document's phrasing through a table of
 * phrasing already written, by construct stack, neighbours and content. The
 * serialiser's phrasing (trackers, and the attention runs that choose the
 * markers of emphasis, strong and strikethrough from their neighbours)
 * writes the same for the same content in the same place under the same
 * options, and most of a twin's phrasing comes back report after report
 * (the role cells, the facts' labels and many of their values): each is
 * written once per thread. The table belongs to the handler, so one handler
 * serves one set of options (the serialiser copies its options per call:
 * they cannot key it). Bounded: content over `PHRASING_KEY_CHARS` is not
 * kept, and a full table is emptied.
 */
export function rootWithPhrasingWritten(): Handle {
  const written = new Map<string, string>()
  return (node, parent, state, info) => {
    const serialise = state.containerPhrasing
    state.containerPhrasing = (container, containerInfo) => {
      if (textLength(container) > PHRASING_KEY_CHARS) return serialise.call(state, container, containerInfo)
      const key = JSON.stringify([state.stack, containerInfo.before, containerInfo.after, container.type, container.children])
      let value = written.get(key)
      if (value === undefined) {
        value = serialise.call(state, container, containerInfo)
        if (written.size >= PHRASING_KEPT) written.clear()
        written.set(key, value)
      }
      return value
    }
    return defaultHandlers.root(node, parent, state, info)
  }
}
const PHRASING_KEPT = 4096
const PHRASING_KEY_CHARS = 512

/** Characters of text in a node and its descendants: content this long is written without the table, before spelling it out as a key. */
function textLength(node: {value?: unknown; children?: unknown[]}): number {
  let length = typeof node.value === 'string' ? node.value.length : 0
  for (const child of node.children ?? []) length += textLength(child as {value?: unknown; children?: unknown[]})
  return length
}

/** Made once: building the GFM extension per report costs more than the rest of the serialisation. */
const SERIALISE: ToMarkdownOptions = {
  extensions: [gfmToMarkdown({tablePipeAlign: false})],
  handlers: {root: rootWithPhrasingWritten(), text: handleText, table: handleTable},
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-'
}

let builtinNames: Map<string, string> | undefined
function builtinName(agency: string): string {
  builtinNames ??= new Map(loadAgencies().agencies.map((entry) => [entry.id, entry.name]))
  return builtinNames.get(agency) ?? agency
}

/** Text on one line: a line feed, with the white space around it, becomes a space (looked for first: most texts have none). */
const text = (value: string): PhrasingContent => ({type: 'text', value: value.includes('\n') ? value.replace(/\s*\r?\n\s*/g, ' ') : value})
const strong = (value: string): PhrasingContent => ({type: 'strong', children: [text(value)]})
const code = (value: string): PhrasingContent => ({type: 'inlineCode', value})
const link = (url: string, label: string): PhrasingContent => ({type: 'link', url, children: [text(label)]})
const heading = (depth: 1 | 2, value: string): RootContent => ({type: 'heading', depth, children: [text(value)]})
const list = (items: PhrasingContent[][]): List => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({type: 'listItem', spread: false, children: [{type: 'paragraph', children}]}))
})
const cell = (children: PhrasingContent[]): TableCell => ({type: 'tableCell', children})
const table = (align: Table['align'], rows: PhrasingContent[][][]): Table => ({
  type: 'table',
  align,
  children: rows.map((row): TableRow => ({type: 'tableRow', children: row.map(cell)}))
})

function shorten(value: string): string {
  return shortened(value, MAX_CELL)
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

function lineLabel(block: ReportBlock): string {
  return block.lines[0] === block.lines[1] ? String(block.lines[0]) : `${block.lines[0]}–${block.lines[1]}`
}

/** A link from this report to another article's Markdown report, relative, so it works on GitHub and on disk. */
export function reportLink(from: string, to: string): string {
  const relative = posix.relative(posix.dirname(from), `${to}.md`)
  return relative
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/')
}

/** "lines 4–29, 33": a reader's list of lines, a run of blocks with no other block between them as one range. */
/** Each block's first line and its place among the blocks: made once per report, since every list of lines reads it. */
function blockPositions(report: Report): Map<number, number> {
  return new Map(report.blocks.map((block, index) => [block.lines[0], index]))
}

function lineList(lines: number[], position: Map<number, number>): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b)
  const next = (a: number, b: number) => position.get(b)! === position.get(a)! + 1
  const ranges: string[] = []
  for (let index = 0; index < sorted.length; index++) {
    let end = index
    while (end + 1 < sorted.length && next(sorted[end]!, sorted[end + 1]!)) end++
    ranges.push(end > index ? `${sorted[index]}–${sorted[end]}` : String(sorted[index]))
    index = end
  }
  return `line${sorted.length === 1 ? '' : 's'} ${ranges.join(', ')}`
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const name = options.agencyName ?? builtinName
  const {article, summary} = report
  const credited = creditedInArticle(report)
  const notNamed = Object.keys(summary.agencies).filter((agency) => !credited.has(agency))
  const uncredited = uncreditedShare(report)
  const facts: PhrasingContent[][] = [
    [strong('File'), text(' '), code(article.path)],
    // The address is shown as code, not a link: it comes from the user's table, and a report never links out on its own.
    ...(article.url ? [[strong('Source'), text(' '), code(article.url)]] : []),
    [
      strong('Outlet'),
      text(
        ` ${article.outlets.length > 0 ? article.outlets.map((outlet) => `${outlet.name} (${outletEvidence(outlet, article.url)})`).join(' → ') : 'not recognised'}`
      )
    ],
    [strong('Published'), text(` ${article.published ?? article.date ?? 'unknown'}`)],
    [strong('Language'), text(` ${article.language ?? 'not recognised'}`)]
  ]
  if (article.bylines.length > 0) facts.push([strong('By'), text(` ${article.bylines.join(', ')}`)])
  if (article.dateline) facts.push([strong('Dateline'), text(` ${article.dateline}`)])
  if (article.chain.length > 0) facts.push([strong('Chain'), text(` ${article.chain.map(name).join(' → ')}`)])
  const agencies = Object.entries(summary.agencies).map(([agency, share]) => `${name(agency)} ${percent(share)}`)
  facts.push([strong('Agencies'), text(` ${agencies.join(', ') || 'none found'}`)])
  facts.push([
    strong('Names its agencies'),
    text(
      summary.credited === null
        ? ' no agency found'
        : summary.credited
          ? ' yes, every agency it comes from'
          : ` no: it never names ${notNamed.map(name).join(', ')}`
    )
  ])
  facts.push([
    strong('Reused without credit'),
    text(
      uncredited
        ? ` ${percent(uncredited)} of the body: passages shared with other articles whose agency this text never names`
        : summary.reused === null
          ? ' not checked'
          : ' none'
    )
  ])
  facts.push([
    strong('Reused'),
    text(summary.reused === null ? ' not checked (no reuse index)' : ` ${percent(summary.reused)} of the body stands in other articles`)
  ])
  if (summary.translated !== null)
    facts.push([strong('Translated'), text(` ${percent(summary.translated)} of the body has a translation in another article of the corpus`)])
  facts.push([strong('Body'), text(` ${summary.characters.body.toLocaleString('en')} of ${summary.characters.input.toLocaleString('en')} characters`)])
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, article.title ?? article.id),
      list(facts),
      heading(2, 'Text'),
      ...textTable(report, name),
      ...sourcesSection(report, name),
      ...copiesSection(report),
      ...translationsSection(report, options.otherReport),
      ...decisionsSection(report),
      ...messagesSection(report)
    ]
  }
  return toMarkdown(tree, SERIALISE)
}

/** Line, role (with the agencies of a body line) and text: three columns, the text taking the width. */
function textTable(report: Report, name: (agency: string) => string): RootContent[] {
  const cut = new Map<string, string[]>()
  for (const span of report.removed) if (span.block && span.text.trim()) cut.set(span.block, [...(cut.get(span.block) ?? []), span.text.trim()])
  const rows = report.blocks.slice(0, MAX_ROWS).map((block): PhrasingContent[][] => {
    const agencies = [...new Set(block.sources.map((source) => source.agency))].map(name)
    const role: PhrasingContent[] =
      block.role === 'body' ? [text(agencies.length > 0 ? `body: ${agencies.join(', ')}` : 'body')] : [{type: 'emphasis', children: [text(block.role)]}]
    const content: PhrasingContent[] =
      block.role === 'boilerplate'
        ? [{type: 'delete', children: [text(shorten(block.text))]}]
        : [text(shorten(block.role === 'body' ? block.clean : block.text))]
    const removed = cut.get(block.id)
    if (removed && block.role !== 'boilerplate') content.push(text(' (cut: '), {type: 'delete', children: [text(shorten(removed.join(' … ')))]}, text(')'))
    return [[text(lineLabel(block))], role, content]
  })
  return [table(['right', 'left', 'left'], [[[text('line')], [text('role')], [text('text')]], ...rows]), ...moreRows(report.blocks.length, 'lines')]
}

/** "… and 120 more lines (all of them in the JSON report)", under a table or list cut at {@link MAX_ROWS}. */
function moreRows(total: number, what: string): RootContent[] {
  return total > MAX_ROWS
    ? [{type: 'paragraph', children: [text(`… and ${(total - MAX_ROWS).toLocaleString('en')} more ${what} (all of them in the JSON report)`)]}]
    : []
}

/** One line per source of evidence: the agency, what names it and where, and the lines it covers. */
function sourcesSection(report: Report, name: (agency: string) => string): RootContent[] {
  const lineOf = new Map(report.blocks.map((block) => [block.id, block.lines[0]]))
  const positions = blockPositions(report)
  const entries = new Map<string, {agency: string; evidence: ReportEvidence; lines: number[]}>()
  for (const block of report.blocks) {
    for (const source of block.sources) {
      for (const evidence of source.evidence) {
        const key =
          evidence.kind === 'reuse' || evidence.kind === 'translation'
            ? `${source.agency}|${evidence.kind}|${evidence.article}`
            : `${source.agency}|${evidence.kind}|${evidence.block}|${evidence.start}`
        const entry = entries.get(key) ?? {agency: source.agency, evidence, lines: []}
        entry.lines.push(block.lines[0])
        entries.set(key, entry)
      }
    }
  }
  if (entries.size === 0) return []
  const items = [...entries.values()].slice(0, MAX_ROWS).map(({agency, evidence, lines}): PhrasingContent[] => {
    const covers = text(`; covers ${lineList(lines, positions)}`)
    if (evidence.kind === 'reuse' || evidence.kind === 'translation') {
      const other = evidence.article ?? evidence.block
      return [
        strong(name(agency)),
        text(evidence.kind === 'reuse' ? ' through text shared with ' : ' through the text it translates in '),
        link(reportLink(report.article.id, other), other),
        // The other report's own evidence section says where it names the agency; GitHub anchors the heading so.
        text(', which credits it ('),
        link(`${reportLink(report.article.id, other)}#agency-evidence`, 'where'),
        text(')'),
        covers
      ]
    }
    if (evidence.kind === 'site')
      return [strong(name(agency)), text(' published it on its own site, '), code(evidence.text), text(' '), code(evidence.ruleId), covers]
    const line = lineOf.get(evidence.block)
    return [strong(name(agency)), text(` ${evidence.kind}${line ? ` at line ${line}` : ''}: “${shorten(evidence.text)}” `), code(evidence.ruleId), covers]
  })
  return [heading(2, 'Agency evidence'), list(items), ...moreRows(entries.size, 'sources of evidence')]
}

/** The other articles a kind of link points to, with the lines of this report that point there and the best score, best first. */
function linkedArticles(
  report: Report,
  linksOf: (block: ReportBlock) => Array<{article: string; score: number}>
): Array<{article: string; lines: number[]; score: number}> {
  const articles = new Map<string, {article: string; lines: number[]; score: number}>()
  for (const block of report.blocks) {
    for (const link of linksOf(block)) {
      const entry = articles.get(link.article) ?? {article: link.article, lines: [], score: 0}
      entry.lines.push(block.lines[0])
      entry.score = Math.max(entry.score, link.score)
      articles.set(link.article, entry)
    }
  }
  return [...articles.values()].sort((a, b) => b.score - a.score || b.lines.length - a.lines.length || (a.article < b.article ? -1 : 1))
}

/**
 * The other articles the text stands in, linked to their reports; beyond a
 * few, counted. The count includes the copies the link step folded out of
 * the links (`blocks[].copies`), so a story printed 80 times says 80.
 */
function copiesSection(report: Report): RootContent[] {
  const copies = linkedArticles(report, (block) => block.reuse.map((link) => ({article: link.article, score: link.similarity})))
  if (copies.length === 0) return []
  const positions = blockPositions(report)
  const linked = copies.filter((copy) => copy.article !== report.article.id).length
  const others = Math.max(linked, ...report.blocks.map((block) => block.copies))
  const shown = copies.slice(0, MAX_COPIES)
  const items = shown.map(({article, lines, score}): PhrasingContent[] =>
    article === report.article.id
      ? [text(`this article again: ${lineList(lines, positions)}`)]
      : [link(reportLink(report.article.id, article), article), text(`: ${lineList(lines, positions)}, similarity up to ${score.toFixed(2)}`)]
  )
  const unnamed = others - shown.filter((copy) => copy.article !== report.article.id).length
  if (unnamed > 0)
    items.push([
      text(`and ${unnamed} more article${unnamed === 1 ? '' : 's'} (${others > linked ? 'reuse.json lists them all' : 'all of them in the JSON report'})`)
    ])
  return [heading(2, others > 0 ? `Shared with ${others} other article${others === 1 ? '' : 's'}` : 'Repeated in this article'), list(items)]
}

/**
 * The articles in other languages that translate this one (or that it
 * translates), each linked to its report, with its paragraphs beside this
 * article's: the score, what the pair matched on (names and numbers as each
 * text writes them) and, when the other report is at hand, its text.
 */
function translationsSection(report: Report, otherReport: MarkdownOptions['otherReport']): RootContent[] {
  const partners = linkedArticles(report, (block) => block.translations.map((link) => ({article: link.article, score: link.score})))
  if (partners.length === 0) return []
  const sections: RootContent[] = [heading(2, `Translated in ${partners.length} other article${partners.length === 1 ? '' : 's'}`)]
  for (const {article} of partners.slice(0, MAX_COPIES)) {
    const other = otherReport?.(article)
    const otherBlocks = new Map(other?.blocks.map((block) => [block.id, block]))
    const language = other?.article.language
    sections.push({type: 'heading', depth: 3, children: [link(reportLink(report.article.id, article), article), ...(language ? [text(` (${language})`)] : [])]})
    const rows: PhrasingContent[][][] = []
    for (const block of report.blocks) {
      for (const pair of block.translations) {
        if (pair.article !== article) continue
        const partner = otherBlocks.get(pair.block)
        const theirs = partner ? codePointSlice(partner.text, pair.otherSpan[0] - partner.start, pair.otherSpan[1] - partner.start) : ''
        const ours = codePointSlice(block.text, pair.span[0] - block.start, pair.span[1] - block.start)
        const anchors = pair.anchors.map((anchor) => (anchor.text === anchor.otherText ? anchor.text : `${anchor.text} = ${anchor.otherText}`))
        const basis =
          pair.by === 'anchors'
            ? `on ${anchors.join(', ')}`
            : pair.by === 'sequence'
              ? 'by its place between matched paragraphs'
              : pair.by === 'copy'
                ? `through ${pair.via}, which one side copies and the other translates`
                : `through ${pair.via ?? 'a third article'}`
        rows.push([
          [text(`${lineLabel(block)} ↔ ${pair.lines[0]}`)],
          [text(shorten(ours))],
          [text(theirs ? shorten(theirs) : `line ${pair.lines[0]} of its report`)],
          [text(`${pair.score.toFixed(2)}, ${basis}`)]
        ])
      }
    }
    sections.push(
      table(
        ['left', 'left', 'left', 'left'],
        [[[text('lines')], [text('this article')], [text(language ? `translation (${language})` : 'translation')], [text('matched')]], ...rows]
      )
    )
  }
  if (partners.length > MAX_COPIES)
    sections.push({type: 'paragraph', children: [text(`and ${partners.length - MAX_COPIES} more articles (all of them in the JSON report)`)]})
  return sections
}

/** The rule behind each line that is not plain body. */
function decisionsSection(report: Report): RootContent[] {
  const decided = report.blocks.filter((block) => block.ruleId && block.role !== 'body')
  const cuts = report.removed.filter((span) => span.block !== null)
  if (decided.length + cuts.length === 0) return []
  const lineOf = new Map(report.blocks.map((block) => [block.id, lineLabel(block)]))
  const rows: PhrasingContent[][][] = [
    ...decided.slice(0, MAX_ROWS).map((block) => [[text(lineLabel(block))], [text(block.role)], [code(block.ruleId!)], [text(block.why ?? '')]]),
    ...cuts
      .slice(0, Math.max(0, MAX_ROWS - decided.length))
      .map((span) => [[text(lineOf.get(span.block!) ?? '')], [text('cut')], [code(span.ruleId)], [text(shorten(span.text.trim()))]])
  ]
  return [
    heading(2, 'Rules'),
    table(['right', 'left', 'left', 'left'], [[[text('line')], [text('role')], [text('rule')], [text('why')]], ...rows]),
    ...moreRows(decided.length + cuts.length, 'decisions')
  ]
}

function messagesSection(report: Report): RootContent[] {
  const warnings = report.messages.filter((message) => message.severity !== 'info')
  if (warnings.length === 0) return []
  return [
    heading(2, 'Messages'),
    list(
      warnings
        .slice(0, MAX_ROWS)
        .map((message) => [text(`${message.severity} ${message.line ?? 1}:${message.column ?? 1} ${message.reason} `), code(message.ruleId ?? '')])
    ),
    ...moreRows(warnings.length, 'messages')
  ]
}
