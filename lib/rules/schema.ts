/**
 * The rule file format, as a zod schema. This is the contract between users
 * writing YAML in `rules/` and the boilerplate stage; `wiretrace rules schema`
 * prints it as JSON Schema for editors.
 */
import {z} from 'zod'

export const ROLES = ['title', 'dek', 'meta', 'body', 'boilerplate'] as const
export type Role = (typeof ROLES)[number]

/** Metadata a rule can capture from the text it matches. */
export const FIELDS = ['byline', 'editor', 'translator', 'published', 'dateline', 'copyright', 'outlet'] as const
export type Field = (typeof FIELDS)[number]

/** Kinds of agency evidence a rule's match can carry to the attribution stage. */
export const EVIDENCE_KINDS = ['credit', 'dateline', 'copyright', 'citation', 'photo-credit'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

const localId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "read-also")')

const pattern = z.string().min(1, 'a pattern cannot be empty')

/** A span rule's example shows the line before and after the span is cut. */
const spanExample = z.strictObject({
  text: z.string().min(1),
  clean: z.string()
})

const examples = z.strictObject({
  match: z.array(z.union([z.string().min(1), spanExample])).min(1, 'give at least one line the rule must match'),
  noMatch: z.array(z.string().min(1)).min(1, 'give at least one line the rule must not match')
})

const where = z.strictObject({
  /** Only in the first N non-blank lines. */
  firstLines: z.number().int().positive().optional(),
  /** Only in the last N non-blank lines. */
  lastLines: z.number().int().positive().optional()
})

export const ruleSchema = z.strictObject({
  id: localId,
  /**
   * block: the whole line gets `role`; span: the matched text is cut from a
   * kept line; end: this line (unless `keepMarker`) and every later line no
   * other rule decided get `role` (a footer marker).
   */
  kind: z.enum(['block', 'span', 'end']),
  description: z.string().optional(),
  pattern,
  caseSensitive: z.boolean().default(false),
  role: z.enum(ROLES).optional(),
  /** Metadata captured from the match: the `value` named group, or the whole match. */
  field: z.enum(FIELDS).optional(),
  /** Agency evidence carried by the match: the `agency` named group names the agency. */
  evidence: z.enum(EVIDENCE_KINDS).optional(),
  where: where.optional(),
  /** For end rules: the marker line itself keeps its role (e.g. a body line ending in `***`). */
  keepMarker: z.boolean().default(false),
  examples
})

export type RuleSpec = z.infer<typeof ruleSchema>

export const outletSchema = z.strictObject({
  id: localId,
  name: z.string().min(1),
  domains: z.array(z.string().min(1)).default([]),
  /** Patterns any one of which, found in a line of the article, says the article comes from this outlet. */
  recognise: z.array(pattern).min(1, 'say how the outlet is recognised in the text'),
  examples
})

export const ruleFileSchema = z.strictObject({
  /** Editors' schema pointer; ignored by wiretrace. */
  $schema: z.string().optional(),
  description: z.string().optional(),
  outlet: outletSchema.optional(),
  /** Full ids (`file/rule`) of rules from other files to switch off. */
  disable: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'name a rule by its full id, "file/rule"')).default([]),
  rules: z.array(ruleSchema).default([])
})

export type RuleFileSpec = z.infer<typeof ruleFileSchema>

/** The rule file format as JSON Schema, for editors (the `yaml-language-server` comment in each rule file points at it). */
export function rulesJsonSchema(): object {
  return {
    title: 'wiretrace cleaning rule file',
    ...z.toJSONSchema(ruleFileSchema, {target: 'draft-2020-12', io: 'input'})
  }
}
