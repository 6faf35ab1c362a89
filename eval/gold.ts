/**
 * Gold files: hand labels for a set of articles (format in
 * ../shared/eval/README.md). The schema is the contract with whoever labels
 * articles; the scorer trusts only what it lets through.
 */
import {z} from 'zod'
import {ROLES} from '../core/rules/schema.ts'
import {DataFileError, loadYamlFile} from '../core/rules/yaml-file.ts'

/** `4`, `4-16`, or several of those joined by commas: 1-based lines of the original file. */
const lineSpec = z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, 'expected a line number or range such as "4" or "4-16"')
const agencies = z.array(z.string().min(1))

export const goldArticleSchema = z.strictObject({
  roles: z.record(lineSpec, z.enum(ROLES)),
  sources: z.record(lineSpec, agencies).default({}),
  /** An alternative answer that also counts, keyed by the same range as `sources`. */
  acceptAlso: z.record(lineSpec, agencies).default({}),
  /** Origin first, publisher last. */
  chain: z.array(z.string()).optional(),
  notes: z.string().optional()
})

export const reusePairSchema = z.strictObject({
  a: z.string(),
  aLines: lineSpec,
  b: z.string(),
  bLines: lineSpec
})

export const goldSchema = z.strictObject({
  about: z.string().optional(),
  /** Keyed by the article's file name. */
  articles: z.record(z.string(), goldArticleSchema),
  reuse: z.array(reusePairSchema).default([]),
  /** Paragraph pairs where `bLines` translates `aLines` into another language (scored by score_xlang.py). */
  translations: z.array(reusePairSchema).default([])
})

export type Gold = z.infer<typeof goldSchema>
export type GoldArticle = z.infer<typeof goldArticleSchema>
export type ReusePair = z.infer<typeof reusePairSchema>

/**
 * Reads and checks a gold file. JSON is read by the YAML loader (JSON is
 * YAML) so a bad label is reported as `file:line:column`, like a bad rule.
 *
 * @throws {DataFileError} when the file is not valid JSON or breaks the format.
 */
export function loadGold(path: string, displayPath = path): Gold {
  const {value: gold, positionOf} = loadYamlFile(path, goldSchema, displayPath)
  for (const list of ['reuse', 'translations'] as const) {
    for (const [index, pair] of gold[list].entries()) {
      for (const side of ['a', 'b'] as const) {
        if (pair[side] in gold.articles) continue
        const {line, column} = positionOf([list, index, side])
        throw new DataFileError(displayPath, line, column, `${list}.${index}.${side}: "${pair[side]}" has no labels in this file`)
      }
    }
  }
  return gold
}

/** Expands a line spec (`4`, `4-16`, `4,7-9`) into line numbers, in order. */
export function expandLines(spec: string): number[] {
  const lines: number[] = []
  for (const part of spec.split(',')) {
    const [first, last = first] = part.split('-').map(Number) as [number, number?]
    for (let line = first; line <= last; line++) lines.push(line)
  }
  return lines
}
