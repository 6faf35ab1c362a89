/**
 * Where the article's text starts and ends. Above the lead stand the title,
 * dek, meta lines, captions and menus; below the last paragraph stand
 * bylines, credits, teasers and footers. Only lines between the two are
 * judged as running text.
 */
import type {GenericSettings} from './config.ts'
import {isOpen, opensWithDateline, type Line, type TextClass} from './lines.ts'
import {isPromo} from './meta.ts'

/**
 * The lead: the first line after `from` that opens with a dateline, or the
 * first line under a dateline a rule cut from a line of its own ("Paris
 * (dpa) -" set apart, as scraped pages often print it), unless the body has
 * visibly started before it (two paragraphs in a row, or more than
 * `captionLines` paragraphs, which can only be captions); otherwise the
 * first paragraph. Undefined when the article has neither.
 */
export function findLead(lines: Line[], from: number, classOf: (line: Line) => TextClass, settings: GenericSettings): Line | undefined {
  const {shortChars, captionLines} = settings.thresholds
  let firstParagraph: Line | undefined
  let paragraphs = 0
  let previousWasParagraph = false
  let underDateline = false
  for (const line of lines.slice(from)) {
    if (isDatelineAlone(line)) {
      underDateline = true
      continue
    }
    if (!isOpen(line)) {
      previousWasParagraph = false
      continue
    }
    if (underDateline && line.features.words > 0) return line
    if ((line.features.chars >= shortChars || line.features.endsSentence) && opensWithDateline(line, lines, settings)) return line
    const paragraph = classOf(line) === 'paragraph'
    if (paragraph) {
      firstParagraph ??= line
      paragraphs++
      if (previousWasParagraph || paragraphs > captionLines) break
    }
    previousWasParagraph = paragraph
  }
  return firstParagraph
}

/** A line that held a dateline and nothing else, which a rule cut ("Paris (dpa) -"). */
function isDatelineAlone(line: Line): boolean {
  return line.features.words === 0 && line.block.fields.some((field) => field.field === 'dateline')
}

/**
 * Where the article's text ends: the last paragraph (or line a rule kept as
 * body) after the lead and before the first closing line, if any. A closing
 * line that a few head lines and a run of paragraphs follow closes one
 * article of a page that prints several (an e-paper page): the text goes on.
 */
export function lastParagraph(lines: Line[], lead: Line, classOf: (line: Line) => TextClass, settings: GenericSettings): TextEnd {
  const heads: Line[][] = []
  const closes = (line: Line) => isClosing(line, settings) && !bylineAboveText(lines, line, classOf)
  let closing = lines.find((line) => line.index > lead.index && closes(line))
  for (let head = closing && nextArticleHead(lines, closing, classOf); closing && head; head = closing && nextArticleHead(lines, closing, classOf)) {
    heads.push(head)
    const after = closing.index
    closing = lines.find((line) => line.index > after && closes(line))
  }
  for (let index = (closing?.index ?? lines.length) - 1; index > lead.index; index--) {
    const line = lines[index]!
    // A widget's small print ("You can unsubscribe at any time …") reads like a paragraph but is not the text's.
    if (line.block.role === 'body' || (line.block.role === undefined && classOf(line) === 'paragraph' && !isPromo(line.text, settings)))
      return {last: line, heads}
  }
  return {last: lead, heads}
}

export interface TextEnd {
  /** The last paragraph of the text. */
  last: Line
  /** The head lines (title, dateline) of each further article the page prints after a closing line. */
  heads: Line[][]
}

/** Lines of a second article's head (title, dateline, byline) between a closing line and its text. */
const MAX_HEAD_LINES = 4
/** Paragraphs in a row that make a second article, not a teaser's excerpt or a comment. */
const MIN_RESUMED_PARAGRAPHS = 3

/** The generic stage's decisions that a line is a picture or its caption. */
const PICTURE_RULES: ReadonlySet<string> = new Set(['generic/image-file', 'generic/picture', 'generic/caption', 'generic/caption-credit'])

/**
 * The head lines of another article whose text follows the closing line (a
 * few head lines, then paragraphs in a row), or undefined when none does.
 */
function nextArticleHead(lines: Line[], closing: Line, classOf: (line: Line) => TextClass): Line[] | undefined {
  const head: Line[] = []
  let paragraphs = 0
  for (const line of lines.slice(closing.index + 1)) {
    const paragraph = line.block.role === undefined && classOf(line) === 'paragraph'
    if (paragraph) {
      if (++paragraphs >= MIN_RESUMED_PARAGRAPHS) return head
      continue
    }
    // A picture and its caption may stand in a head, between the title and the text; other boilerplate may not.
    if (line.block.ruleId && PICTURE_RULES.has(line.block.ruleId)) continue
    if (paragraphs > 0 || line.block.role === 'boilerplate') return undefined
    head.push(line)
    if (head.length > MAX_HEAD_LINES) return undefined
  }
  return undefined
}

/**
 * Whether `line` is a byline ("By John Smith", "Reporter: …", read by a rule) with text right below it: the next line
 * is body, a paragraph or a sentence. Such a byline opens or interrupts the text (a page prints its reporter's name
 * between paragraphs too) and does not end it; one at the text's end has nothing below it, or the page's furniture
 * (a list of links, and under it perhaps a cookie notice that reads like a paragraph).
 */
export function bylineAboveText(lines: Line[], line: Line, classOf: (line: Line) => TextClass): boolean {
  if (line.block.role !== 'meta' || !line.block.fields.some((field) => field.field === 'byline')) return false
  const next = lines[line.index + 1]
  if (next === undefined || (next.block.role !== undefined && next.block.role !== 'body')) return false
  return next.block.role === 'body' || next.features.endsSentence || classOf(next) === 'paragraph'
}

/**
 * A line that closes an article: a byline, editor, translator or copyright
 * line, a sign-off, a credit to the source of the text, the heading of the
 * comments or tags. Whatever a page prints below it is not the article's text.
 */
export function isClosing(line: Line, settings: GenericSettings): boolean {
  const {role, fields, evidence, ruleId} = line.block
  if (settings.sectionLabel.test(line.text)) return true
  if (role === 'meta') return ruleId === 'generic/sign-off' || fields.some((field) => CLOSING_FIELDS.has(field.field))
  // A credit that closes a line the page threw out (a caption's "Jane Doe (dpa)") may stand anywhere in the text.
  return role === 'boilerplate' && evidence.some((found) => (found.kind === 'credit' && found.position !== 'sign-off') || found.kind === 'copyright')
}

const CLOSING_FIELDS = new Set(['byline', 'editor', 'translator', 'copyright'])
