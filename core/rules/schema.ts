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

/** Longest pattern accepted: the built-in ones stay under 300 characters; a longer one is a mistake or an attack. */
export const MAX_PATTERN_CHARS = 1000

const localId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "read-also")')

/** A rule named from another file: `<file name>/<rule id>`. */
export const fullRuleId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'name a rule by its full id, "file/rule"')

const pattern = z
  .string()
  .min(1, 'a pattern cannot be empty')
  .max(MAX_PATTERN_CHARS, `a pattern is limited to ${MAX_PATTERN_CHARS} characters`)

/** A span rule's example shows the line before and after the span is cut. */
const spanExample = z.strictObject({
  text: z.string().min(1),
  clean: z.string()
})

export type SpanExample = z.infer<typeof spanExample>

const examples = z.strictObject(
  {
    match: z.array(z.union([z.string().min(1), spanExample])).min(1, 'give at least one line the rule must match'),
    noMatch: z.array(z.string().min(1)).min(1, 'give at least one line the rule must not match')
  },
  {error: (issue) => (issue.input === undefined ? 'examples are required: lines it must match (match) and lines it must not (noMatch)' : undefined)}
)

export type Examples = z.infer<typeof examples>

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
  /** The recognise patterns match letter case exactly (so `\p{Lu}` means a capital); by default they ignore it. */
  caseSensitive: z.boolean().default(false),
  examples
})

/**
 * Lines on which a rule from any file must not fire (semgrep's
 * `pattern-not`): the rule is left out for a line that also matches
 * `pattern`, and the next rule gets its say.
 */
export const exceptionSchema = z.strictObject({
  rule: fullRuleId,
  description: z.string().optional(),
  pattern,
  caseSensitive: z.boolean().default(false),
  /** `match`: lines the exception covers; `noMatch`: lines it leaves to the rule. */
  examples
})

export type ExceptionSpec = z.infer<typeof exceptionSchema>

export const ruleFileSchema = z
  .strictObject({
    /** Editors' schema pointer; ignored by wiretrace. */
    $schema: z.string().optional(),
    description: z.string().optional(),
    /**
     * The name of another rule file (no folder, no extension) this file adds
     * to: its rules apply where that file's rules apply (to that outlet's
     * articles, for an outlet file).
     */
    extends: localId.optional(),
    outlet: outletSchema.optional(),
    /** Full ids (`file/rule`) of rules from other files to switch off. */
    disable: z.array(fullRuleId).default([]),
    exceptions: z.array(exceptionSchema).default([]),
    rules: z.array(ruleSchema).default([])
  })
  .refine((file) => !(file.extends && file.outlet), {
    path: ['extends'],
    message: 'a file either describes an outlet (outlet:) or extends another file (extends:), not both'
  })

export type RuleFileSpec = z.infer<typeof ruleFileSchema>

/** The rule file format as JSON Schema, for editors (the `yaml-language-server` comment in each rule file points at it). */
export function rulesJsonSchema(): object {
  return {
    title: 'wiretrace cleaning rule file',
    ...z.toJSONSchema(ruleFileSchema, {target: 'draft-2020-12', io: 'input'})
  }
}
