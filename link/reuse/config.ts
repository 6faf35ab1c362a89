/**
 * Settings of the reuse linker, from `rules/reuse.yaml` and a `reuse.yaml`
 * in each user rule folder (merged key by key).
 */
import {z} from 'zod'
import {readDataLayers} from '../../core/rules/load.ts'
import type {ReuseThresholds} from './align.ts'

const share = z.number().min(0).max(1)
const count = z.number().int().positive()
const letters = z.string().min(1)

/** A Unicode script name, as `\\p{Script=…}` takes it. */
const script = z.string().refine(
  (name) => {
    try {
      new RegExp(`\\p{Script=${name}}`, 'u')
      return true
    } catch {
      return false
    }
  },
  {message: 'not a Unicode script name (Arabic, Hebrew, Latin …)'}
)

const cliticRuleSchema = z.strictObject({
  script,
  fold: z.record(letters, z.string()).default({}),
  prefixes: z.array(letters).default([]),
  suffixes: z.array(letters).default([]),
  minStem: count
})

const frameSchema = z.strictObject({
  storyParagraphs: count,
  stemLetters: count,
  rareShare: share,
  minWords: count,
  orderedCoverage: share,
  reorderedCoverage: share,
  minRun: count
})

export const reuseConfigSchema = z.strictObject({
  description: z.string().optional(),
  window: count,
  minWords: count,
  minShortWords: count,
  shortCoverage: share,
  pieceCoverage: share,
  minPieceWords: count,
  wholeCoverage: share,
  nameWeight: share,
  quoteWeight: share,
  maxGap: count,
  maxSeedRepeats: count,
  minRun: count,
  frame: frameSchema,
  clitics: z.array(cliticRuleSchema)
})

export type ReuseConfig = z.infer<typeof reuseConfigSchema>

/**
 * @throws {DataFileError} naming the file, line and column of a malformed setting.
 */
export function loadReuseConfig(dirs: string[] = []): ReuseConfig {
  // A folder's file may set only some settings; the built-in file sets them all, which the merged result is checked for.
  const layers = readDataLayers('reuse.yaml', dirs, reuseConfigSchema.partial())
  return reuseConfigSchema.parse(Object.assign({}, ...layers.map((layer) => layer.value)))
}

/** The alignment's thresholds in a config. */
export function reuseThresholds(config: ReuseConfig): ReuseThresholds {
  const {description: _description, window: _window, clitics: _clitics, ...thresholds} = config
  return thresholds
}
