/**
 * Settings of the translation pass, from `rules/translation.yaml` and a
 * `translation.yaml` in each user rule folder (merged key by key).
 */
import {existsSync} from 'node:fs'
import {z} from 'zod'
import {dataFilesNamed} from '../../core/rules/load.ts'
import {loadYamlFile} from '../../core/rules/yaml-file.ts'

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
  const [builtin, ...user] = dataFilesNamed('translation.yaml', dirs)
  let config = loadYamlFile(builtin!, translationConfigSchema).value
  for (const file of user.filter((path) => existsSync(path))) config = {...config, ...loadYamlFile(file, translationConfigSchema.partial()).value}
  return config
}
