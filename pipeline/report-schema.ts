/**
 * The provenance report, version 2: the published contract of wiretrace.
 * `schema/report.v2.schema.json` is generated from this file
 * (`npm run schema`) and a test fails when the two disagree.
 *
 * Offsets (`start`, `end`, `span`) count Unicode code points of the decoded
 * input, `end` exclusive, so a reader in any language slices the same text.
 * Lines are 1-based lines of the input.
 */
import {z} from 'zod'
import {EVIDENCE_KINDS, ROLES} from '../core/rules/schema.ts'

export const SCHEMA_VERSION = 2

const offset = z.number().int().nonnegative()
const lineRange = z.tuple([z.number().int().positive(), z.number().int().positive()]).describe('first and last line, 1-based')

/**
 * Where the evidence stands in its article: a credit line, a byline, a
 * dateline, a sign-off closing a paragraph, a photo caption, a copyright
 * line, the running text (a citation), text shared with another article,
 * text another article in another language translates, or the article's
 * address (its own site's, for kind `site`).
 */
export const EVIDENCE_POSITIONS = [
  'credit-line',
  'byline',
  'dateline',
  'sign-off',
  'caption',
  'copyright',
  'in-text',
  'shared-text',
  'translated-text',
  'address'
] as const
export type EvidencePosition = (typeof EVIDENCE_POSITIONS)[number]

export const evidenceSchema = z.strictObject({
  kind: z
    .enum([...EVIDENCE_KINDS, 'reuse', 'translation', 'site'])
    .describe(
      'what names the agency: a rule kind, shared text, a translation, or "site": the article was published on the agency\'s own site (its address names it, not its text)'
    ),
  position: z.enum(EVIDENCE_POSITIONS).describe('where the evidence stands in its article (version 2)'),
  ruleId: z.string(),
  block: z
    .string()
    .describe(
      'id of the block holding the evidence (in the other article for kinds "reuse" and "translation"; for kind "site", the first paragraph it speaks for, with an empty span at its start and the site\'s host as text)'
    ),
  article: z.string().optional().describe('for kinds "reuse" and "translation": the article the shared or translated text comes from'),
  start: offset,
  end: offset,
  text: z.string()
})

export const sourceSchema = z.strictObject({
  agency: z.string().describe('agency id from the registry'),
  confidence: z.number().min(0).max(1),
  role: z.enum(['origin', 'intermediary']),
  evidence: z.array(evidenceSchema)
})

export const reuseSchema = z.strictObject({
  article: z.string().describe('id of the other article (this one for a repeat inside the article)'),
  block: z.string(),
  lines: lineRange,
  similarity: z.number().min(0).max(1),
  span: z.tuple([offset, offset]).describe('shared passage in this article'),
  otherSpan: z.tuple([offset, offset]).describe('shared passage in the other article'),
  earlier: z.boolean().nullable().describe('true when the other article was published earlier, null when unknown')
})

export const translationSchema = z.strictObject({
  article: z.string().describe('id of the article in another language'),
  block: z.string(),
  lines: lineRange,
  score: z.number().min(0).max(1).describe('anchor similarity of the pair; for a pair linked by its place between anchored pairs, half that of its neighbours'),
  span: z.tuple([offset, offset]).describe('the paragraph in this article'),
  otherSpan: z.tuple([offset, offset]).describe('the paragraph in the other article'),
  anchors: z
    .array(z.strictObject({kind: z.enum(['number', 'time', 'date', 'name', 'quote']), text: z.string(), otherText: z.string()}))
    .describe('what both paragraphs hold, as each writes it (numbers, clock times, months and weekdays, names in any script, quotation marks)'),
  by: z
    .enum(['anchors', 'sequence', 'pivot', 'copy'])
    .describe(
      "found by the anchors the pair shares, by its place between anchored pairs, through a translation in a third language, or carried from the translation of a same-language copy's paragraph"
    ),
  via: z
    .string()
    .optional()
    .describe(
      'for "pivot": the article in the third language both paragraphs were found to translate; for "copy": the article whose paragraph (`viaBlock`) one side reprints in its language and the other translates'
    ),
  viaBlock: z.string().optional().describe('for "copy": that paragraph of `via`'),
  earlier: z.boolean().nullable().describe('true when the other article was published earlier (the likely original), null when unknown')
})

export const blockSchema = z.strictObject({
  id: z.string(),
  lines: lineRange,
  start: offset,
  end: offset,
  text: z.string().describe('the block exactly as in the input'),
  clean: z.string().describe('the text with removed spans cut out: what a reader of the article reads'),
  role: z.enum(ROLES),
  ruleId: z.string().nullable().describe('the rule that decided the role; null for plain body'),
  why: z.string().nullable(),
  repeatOf: z.string().nullable().describe('id of the first printing of a block printed twice'),
  sources: z.array(sourceSchema),
  reuse: z.array(reuseSchema).describe('passages shared with other articles; past a few copies, folded to the earliest copy and one copy per credited agency'),
  copies: z
    .number()
    .int()
    .nonnegative()
    .describe('other articles that share text with this block, those folded out of `reuse` included (the list is in reuse.json)'),
  translations: z.array(translationSchema).describe('paragraphs of articles in other languages that translate this one, or that it translates')
})

export const removedSchema = z.strictObject({
  start: offset,
  end: offset,
  ruleId: z.string(),
  text: z.string(),
  block: z.string().nullable().describe('the kept block the span was cut from; null for text between blocks')
})

export const messageSchema = z.strictObject({
  severity: z.enum(['info', 'warning', 'error']),
  reason: z.string(),
  ruleId: z.string().nullable(),
  source: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  endLine: z.number().int().nullable(),
  endColumn: z.number().int().nullable()
})

const roleCounts = z.strictObject(
  Object.fromEntries(ROLES.map((role) => [role, z.number().int().nonnegative()])) as Record<(typeof ROLES)[number], z.ZodNumber>
)

export const reportSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  generator: z.string(),
  article: z.strictObject({
    id: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
    title: z.string().nullable(),
    language: z
      .string()
      .nullable()
      .describe('BCP 47 tag of the language of the body text ("id", "ar"), guessed from its trigrams; null when too little text to tell'),
    outlet: z.string().nullable().describe('id of the publishing outlet: the last one recognised in the chain'),
    url: z.string().nullable().describe('the address of the page the article was read from, when given beside it (sources.tsv) or in the config'),
    outlets: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        line: z.number().int().positive().nullable().describe('the line that named the outlet; null when it was recognised from outside the text'),
        by: z
          .enum(['text', 'domain', 'config'])
          .describe("text: a line matched its recognise patterns; domain: the source URL's host is in its domains; config: the config names it")
      })
    ),
    published: z.string().nullable().describe('ISO 8601 date-time with offset, or null when the text gives no time and zone'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .describe('publication date, when the text gives one'),
    bylines: z.array(z.string()),
    dateline: z.string().nullable(),
    chain: z.array(z.string()).describe('agencies and outlets the text went through: origin first, publisher last'),
    unknownAgencies: z
      .array(
        z.strictObject({
          text: z.string().describe('the code as written ("PL")'),
          block: z.string(),
          position: z.enum(EVIDENCE_POSITIONS),
          start: offset,
          end: offset
        })
      )
      .describe('short codes standing where agencies stand that the registry does not know: add them to an agencies.yaml if they are agencies (version 2)')
  }),
  blocks: z.array(blockSchema),
  removed: z.array(removedSchema),
  summary: z.strictObject({
    blocks: roleCounts,
    characters: z.strictObject({
      input: z.number().int().nonnegative(),
      body: z.number().int().nonnegative().describe('code points of body text, removed spans excluded'),
      removed: z.number().int().nonnegative()
    }),
    agencies: z.record(z.string(), z.number().min(0).max(1)).describe('share of body characters per agency'),
    credited: z.boolean().nullable().describe('whether the article credits every agency its text comes from; null when no agency is found'),
    reused: z.number().min(0).max(1).nullable().describe('share of body characters that stand in other articles; null before the reuse stage ran'),
    translated: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('share of body characters in paragraphs linked to a translation; null before the translation pass ran')
  }),
  messages: z.array(messageSchema)
})

export type Report = z.infer<typeof reportSchema>
export type ReportBlock = z.infer<typeof blockSchema>
export type ReportMessage = z.infer<typeof messageSchema>
export type ReportSource = z.infer<typeof sourceSchema>
export type ReportReuse = z.infer<typeof reuseSchema>
export type ReportTranslation = z.infer<typeof translationSchema>
export type ReportEvidence = z.infer<typeof evidenceSchema>

/** The report format as JSON Schema (draft 2020-12), for other languages and editors. */
export function reportJsonSchema(): object {
  return {
    title: `wiretrace provenance report, version ${SCHEMA_VERSION}`,
    ...z.toJSONSchema(reportSchema, {target: 'draft-2020-12'})
  }
}

/** How an outlet of a report was recognised, in words: `line 3`, or `host news.detik.com` for one recognised from its source URL. */
export function outletEvidence(outlet: Report['article']['outlets'][number], url: string | null): string {
  if (outlet.by === 'text') return `line ${outlet.line}`
  if (outlet.by === 'domain' && url) return `host ${new URL(url).hostname}`
  return 'the config'
}
