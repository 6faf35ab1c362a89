/**
 * Whether to colour an output, by the conventions terminal tools share:
 * `--color=always|never` wins; else `NO_COLOR` (any non-empty value, see
 * no-color.org) turns colour off and `FORCE_COLOR` (anything but `0` or
 * `false`) turns it on, as in Node and chalk; else colour only on a
 * terminal.
 */
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const
export type ColorChoice = (typeof COLOR_CHOICES)[number]

export function useColor(stream: {isTTY?: boolean}, choice: ColorChoice = 'auto', env: NodeJS.ProcessEnv = process.env): boolean {
  if (choice !== 'auto') return choice === 'always'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return stream.isTTY === true
}
