/**
 * Settings of the translation pass, from `rules/translation.yaml` and a
 * `translation.yaml` in each user rule folder (merged key by key).
 */
import {z} from 'zod'
import {readDataLayers} from '../../core/rules/load.ts'

const share = z.number().min(0).max(1)
const count = z.number().int().positive()

export const translationConfigSchema = z.strictObject({
  description: z.string().optional(),
  maxDf: count,
  minSharedAnchors: count,
  minSharedShare: share,
  maxCandidates: count,
  pairSimilarity: share,
  pairAnchors: count,
  minCoverage: share,
  minPairs: count,
  minOrder: share,
  maxGap: z.number().int().nonnegative(),
  lengthTolerance: z.number().min(1),
  weight: share,
  carryAgencies: z.boolean()
})

export type TranslationConfig = z.infer<typeof translationConfigSchema>

/**
 * @throws {DataFileError} naming the file, line and column of a malformed setting.
 */
export function loadTranslationConfig(dirs: string[] = []): TranslationConfig {
  // A folder's file may set only some settings; the built-in file sets them all, which the merged result is checked for.
  const layers = readDataLayers('translation.yaml', dirs, translationConfigSchema.partial())
  return translationConfigSchema.parse(Object.assign({}, ...layers.map((layer) => layer.value)))
}
