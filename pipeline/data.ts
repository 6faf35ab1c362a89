/**
 * What the stages leave for each other: data on each paragraph node of the
 * tree (one paragraph per non-blank input line) and on `file.data`. Offsets
 * here are UTF-16 offsets into the decoded input, as in the tree's positions;
 * the report converts them to code points.
 */
import type {Paragraph, Root} from 'nlcst'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {CreditPosition} from './credits/credit-lines.ts'
import type {EvidenceKind, Field, Role} from '../core/rules/schema.ts'
import type {EvidencePosition, Report, ReportMessage, ReportSource} from './report-schema.ts'
import type {ArticleSource} from './outlet/sources.ts'
import {comparable, keyWordCount} from '../core/text.ts'
import {lineMemo} from '../core/bounded-memo.ts'

/** A span of the input, `end` exclusive. */
export interface Span {
  start: number
  end: number
}

/** A span cut from a kept block by a rule (an outlet dateline, an end-of-article marker). */
export interface RemovedSpan extends Span {
  ruleId: string
}

/** A piece of metadata read from the text, and the rule that read it. */
export interface FieldMatch extends Span {
  field: Field
  value: string
  ruleId: string
}

/** An agency named where a rule says agencies are named (a credit line, a dateline, a caption). */
export interface EvidenceMatch extends Span {
  kind: EvidenceKind
  /** Where the evidence stands, when the stage that read it knows (the credits stage does). */
  position?: EvidencePosition
  /** The agency as the text spells it, before the registry resolves it. */
  agencyText: string
  ruleId: string
  text: string
}

/** A code in a credit position the registry does not know ("PL" in "Madrid, 29 oct (PL)"). */
export interface UnknownAgency extends Span {
  text: string
  block: string
  position: CreditPosition
}

/** Everything the stages know about one block. */
export interface BlockData {
  /** Stable id within the article: `b<line>`. */
  id: string
  /** 1-based line of the input. */
  line: number
  /** Undefined until a stage decides; the generic stage decides the rest. */
  role?: Role
  /** The rule behind the role; null for plain body. */
  ruleId?: string | null
  /** Why the role was given, in words, for `explain` and the reports. */
  why?: string
  removed: RemovedSpan[]
  fields: FieldMatch[]
  evidence: EvidenceMatch[]
  /** For a block printed twice: the id of its first printing. */
  repeatOf?: string
  /** Set by the attribution stage, offsets already in code points. */
  sources?: ReportSource[]
}

declare module 'nlcst' {
  interface ParagraphData {
    block?: BlockData
  }
}

/** An outlet recognised, and how: a line of the text, the host of its source URL (`domains:`), or the config naming it. */
export interface OutletMatch {
  id: string
  name: string
  /** The line that gave it away; null when it came from outside the text. */
  line: number | null
  by: 'text' | 'domain' | 'config'
  ruleId: string
}

/** Facts about the article that come from outside its text. */
export interface ArticleInput {
  /** Stable id used to link articles: the path relative to the scanned root. */
  id: string
  /** Path as given, relative to the working directory, with forward slashes. */
  path: string
  sha256: string
  bytes: number
}

export interface ArticleMetadata {
  title: string | null
  published: string | null
  bylines: string[]
  dateline: string | null
}

declare module 'vfile' {
  /** What the stages put in `file.data`: each field is written by one stage (its owner, named first) and read by the stages after it. */
  interface DataMap {
    /** Caller (or decode, from the file's path): the article's id, its path relative to the scanned folder. */
    articleId: string
    /** Caller: where the article was published, given from outside its text (`sources.tsv`, config `sources:`). */
    source: ArticleSource
    /** Decode: the decoded text and what decoding found (byte-order mark, line ends). */
    input: ArticleInput
    /** Outlet: the outlets that printed the article, and how each was recognised. */
    outlets: OutletMatch[]
    /** Metadata: title, dek, publication date, bylines, dateline. */
    metadata: ArticleMetadata
    /** Metadata: the publication date (YYYY-MM-DD) when the text gives one, even without a time. */
    publishedDate: string
    /** Credits: short codes standing where agencies stand that the registry does not know. */
    unknownAgencies: UnknownAgency[]
    /** Language: BCP 47 tag of the article's language, null when it cannot be told. */
    language: string | null
    /** Summary: share of body characters per agency id. */
    agencyShares: Record<string, number>
    /** Summary: whether the article's text credits every agency its text comes from (pipeline/credited.ts). */
    credited: boolean | null
    /** Summary: agencies and outlets the text went through, origin first. */
    chain: string[]
    /**
     * Every stage: its decisions (and the warnings it also gives the user as
     * vfile messages) as plain records, in the order made, as the report
     * keeps them (`decide`, `note`, `warn`).
     */
    decisions: ReportMessage[]
    /** Report: the finished report. */
    report: Report
  }
}

/** The paragraphs of a tree with their block data, in document order. */
export function blocksOf(tree: Root): Array<{node: Paragraph; block: BlockData}> {
  const out: Array<{node: Paragraph; block: BlockData}> = []
  for (const node of tree.children) {
    if (node.type === 'ParagraphNode' && node.data?.block) out.push({node, block: node.data.block})
  }
  return out
}

/** The comparable keys of an article's texts, by text: the repeats stage and the line readers ask for most lines' alike. */
const keysByTree = new WeakMap<Root, Map<string, string>>()
/** An outlet's clutter comes back article after article: short lines' keys are remembered across articles too. */
const rememberedKey = lineMemo(comparable)

/** A text's comparable key (`comparable`), computed once for each text of the article. */
export function keyOf(tree: Root, text: string): string {
  let keys = keysByTree.get(tree)
  if (!keys) {
    keys = new Map()
    keysByTree.set(tree, keys)
  }
  let key = keys.get(text)
  if (key === undefined) {
    key = rememberedKey(text)
    keys.set(text, key)
  }
  return key
}

/**
 * The key of a headline printed with the site's name after a bar or a dash ("North Korea fires missile | The Straits
 * Times", as a page's document title reads), without the name; undefined for a line that ends in no such name. The
 * same headline printed without it (the page's own heading) has this key.
 */
export function keyWithoutSiteName(text: string): string | undefined {
  const headline = withoutSiteName(text)
  return headline === undefined ? undefined : rememberedKey(headline)
}

/** A headline's text without the site's name printed after it (see `keyWithoutSiteName`); undefined when it has none. */
export function withoutSiteName(text: string): string | undefined {
  const match = SITE_NAME_AFTER.exec(text)
  // A name: a few words with a letter in them, not a time or a date ("Kamis, 25 Desember 2025 | 15:01").
  if (!match || !/\p{L}/u.test(match[1]!) || keyWordCount(rememberedKey(match[1]!)) > MAX_SITE_NAME_WORDS) return undefined
  const headline = text.slice(0, match.index)
  // Counted in characters, as a headline in a script written without spaces is one or two words long.
  return rememberedKey(headline).length >= MIN_HEADLINE_CHARS ? headline : undefined
}

/** A bar, bullet, guillemet or dash between spaces, then the site's name to the line's end. */
const SITE_NAME_AFTER = /\s+(?:[|•·»]|[-–—]{1,2}|::)\s+([^|•·»–—]{1,40})$/u
const MAX_SITE_NAME_WORDS = 4
const MIN_HEADLINE_CHARS = 12

/** Offsets of a node in the input. */
export function spanOf(node: Paragraph): Span {
  return {start: node.position!.start.offset!, end: node.position!.end.offset!}
}

/** Where in the input a decision is about: a node's position, a span of it, or nowhere in particular. */
export type Place = Position | Point | undefined

/**
 * Records a decision (plain data, kept by the report): a stage's decisions
 * are many per article, and none needs a vfile message's stack or class.
 */
export function note(file: VFile, reason: string, ruleId: string, place?: Place, severity: ReportMessage['severity'] = 'info'): void {
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : undefined
  const decisions = file.data.decisions ?? []
  file.data.decisions = decisions
  decisions.push({
    severity,
    reason,
    ruleId,
    source: 'wiretrace',
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null
  })
}

/** Gives a block its role, the rule behind it and why, and records the decision (`said`, the reason as the report words it, defaults to `role: why`). */
export function decide(file: VFile, node: Paragraph, role: Role, ruleId: string, why: string, said = `${role}: ${why}`): void {
  const block = node.data!.block!
  block.role = role
  block.ruleId = ruleId
  block.why = why
  note(file, said, ruleId, node.position)
}

/** A warning the user must see: a vfile message on the file, and the same as a record in the report. */
export function warn(file: VFile, reason: string, ruleId: string, place?: Place): void {
  file.message(reason, {place, ruleId, source: 'wiretrace'})
  note(file, reason, ruleId, place, 'warning')
}
