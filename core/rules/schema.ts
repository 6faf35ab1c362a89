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

const localId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "read-also")')

/** A rule named from another file: `<file name>/<rule id>`. */
export const fullRuleId = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'name a rule by its full id, "file/rule"')
  .describe('a rule by its full id: the file name, a slash, the rule id ("common/relative-time")')

const pattern = z.string().min(1, 'a pattern cannot be empty').max(MAX_PATTERN_CHARS, `a pattern is limited to ${MAX_PATTERN_CHARS} characters`)

const caseSensitive = z.boolean().default(false).describe('match letter case exactly (so \\p{Lu} means a capital); by default patterns ignore case')

/**
 * A match example written as an object: the line, and what the rule must
 * make of it. Each key given is checked by `wiretrace rules test`.
 */
const matchExample = z
  .strictObject({
    text: z.string().min(1).describe('the line, as the article prints it'),
    clean: z.string().optional().describe('the line once the span is cut (span rules, and end rules with keepMarker)'),
    value: z.string().optional().describe("what the rule's field captures from the line: its named group `value` (or the whole match), trimmed"),
    agency: z.string().optional().describe("what the rule's named group `agency` captures from the line, trimmed: the agency as written (rules with evidence)")
  })
  .refine((example) => example.clean !== undefined || example.value !== undefined || example.agency !== undefined, {
    message: 'an example written as an object says what the rule makes of the line: give clean, value or agency (or write the line as a plain string)'
  })
  .describe(
    'a line the rule must match, with what it must make of it: clean (the line once the span is cut), value (the captured field), agency (the captured agency)'
  )

export type MatchExample = z.infer<typeof matchExample>

const examples = z
  .strictObject(
    {
      match: z
        .array(z.union([z.string().min(1).describe('a line the rule must match'), matchExample]))
        .min(1, 'give at least one line the rule must match')
        .describe(
          'lines the rule must match, copied from real articles: a plain string, or {text, clean, value, agency} to check what the rule makes of the line'
        ),
      noMatch: z
        .array(z.string().min(1).describe('a line the rule must not match'))
        .min(1, 'give at least one line the rule must not match')
        .describe('lines the rule must not match: the near misses (a sentence that merely names the site, a similar line of another outlet)')
    },
    {error: (issue) => (issue.input === undefined ? 'examples are required: lines it must match (match) and lines it must not (noMatch)' : undefined)}
  )
  .describe('examples `wiretrace rules test` runs: lines the pattern must match and lines it must not')

export type Examples = z.infer<typeof examples>

const where = z
  .strictObject({
    firstLines: z.number().int().positive().optional().describe('only in the first N non-blank lines of the article'),
    lastLines: z.number().int().positive().optional().describe('only in the last N non-blank lines of the article')
  })
  .describe('limits the rule to the top or the bottom of the article')

export const ruleSchema = z
  .strictObject({
    id: localId.describe('the rule id, unique in the file; the full id is <file name>/<id> ("arrahmah/dateline")'),
    kind: z
      .enum(['block', 'span', 'end'])
      .describe(
        'block: the whole line gets `role`; span: the matched text is cut from a line that keeps its role; end: a footer marker, this line (unless keepMarker) and every later line no block rule decided get `role`'
      ),
    description: z.string().optional().describe('what the rule removes or decides, with an example in quotes; shown by explain'),
    pattern: pattern.describe(
      'a JavaScript regular expression with the u flag (\\p{L} is any letter in any script), matched against the line with white space at its edges left out; named groups `value` (for field) and `agency` (for evidence)'
    ),
    caseSensitive,
    role: z.enum(ROLES).optional().describe('the role the line gets: boilerplate (the default for block and end rules), meta, title, dek or body'),
    field: z.enum(FIELDS).optional().describe('metadata captured from the match into the report: the named group `value`, or the whole match'),
    evidence: z
      .enum(EVIDENCE_KINDS)
      .optional()
      .describe('agency evidence the match carries to the attribution stage; the named group `agency` names the agency'),
    where: where.optional(),
    keepMarker: z.boolean().default(false).describe('for end rules: the marker line keeps its role, minus the match (a body line ending in "***")'),
    examples
  })
  .describe('one cleaning rule: a pattern, what it decides, and examples')

export type RuleSpec = z.infer<typeof ruleSchema>

export const outletSchema = z
  .strictObject({
    id: localId.describe('the outlet id written into reports ("arrahmah")'),
    name: z.string().min(1).describe('the outlet\'s name for people ("Arrahmah")'),
    domains: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'the sites of the outlet ("arrahmah.id"): an article whose source URL (sources.tsv, the config\'s sources) is on one of them, or a subdomain, is this outlet\'s'
      ),
    recognise: z
      .array(pattern)
      .min(1, 'say how the outlet is recognised in the text')
      .describe(
        "patterns any one of which, found on a line of the article, says the article is this outlet's; keep them specific, a sentence that merely names the site must not match"
      ),
    caseSensitive: caseSensitive.describe('the recognise patterns match letter case exactly (so \\p{Lu} means a capital); by default they ignore it'),
    examples
  })
  .describe('the outlet this file describes: its rules apply only to articles recognised as this outlet')

/**
 * Lines on which a rule from any file must not fire (semgrep's
 * `pattern-not`): the rule is left out for a line that also matches
 * `pattern`, and the next rule gets its say.
 */
export const exceptionSchema = z
  .strictObject({
    rule: fullRuleId.describe('the rule the exception keeps off, by full id ("republika/photo-credit")'),
    description: z.string().optional().describe('why the rule must not fire on these lines'),
    pattern: pattern.describe('the rule does not fire on a line this pattern matches'),
    caseSensitive,
    examples: examples.describe('match: lines the exception covers (the rule would fire on them); noMatch: lines it leaves to the rule')
  })
  .describe('keeps a rule off the lines a pattern matches, the next rule getting its say')

export type ExceptionSpec = z.infer<typeof exceptionSchema>

export const ruleFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
    description: z.string().optional().describe('what the file covers and where its examples come from'),
    extends: localId
      .optional()
      .describe(
        "the name of another rule file (no folder, no extension) this file adds to: its rules apply where that file's rules apply (to that outlet's articles, for an outlet file)"
      ),
    outlet: outletSchema.optional(),
    disable: z.array(fullRuleId).default([]).describe('rules of any file to switch off, by full id ("common/relative-time")'),
    exceptions: z.array(exceptionSchema).default([]).describe('lines on which a rule of any file must not fire'),
    rules: z.array(ruleSchema).default([]).describe('the cleaning rules, tried in this order')
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
