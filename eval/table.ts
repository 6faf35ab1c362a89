/**
 * The quality gate's table for a terminal: one block per gold set, one row
 * per run and scope, each figure marked against its floor.
 */
import pc from 'picocolors'
import {AGENCY_ERROR_CLASSES, AGENCY_ERROR_LABELS} from './errors.ts'
import {FIGURES, type FigureTable, type Figure} from './floors.ts'
import type {SetEvaluation} from './gate.ts'
import {fromRoot, RUNS} from './harness.ts'

const HEADINGS: Record<Figure, string> = {
  'body.precision': 'body P',
  'body.recall': 'body R',
  'body.f1': 'body F1',
  'roles.accuracy': 'roles',
  'sources.accuracy': 'sources',
  'reuse.recall': 'reuse R',
  'reuse.precision': 'reuse P',
  'translations.recall': 'transl R',
  'translations.precision': 'transl P'
}

export const LEGEND = `${pc.red('!')} below its floor by more than the tolerance   ${pc.green('+')} above its floor (\`npm run eval -- --update\` raises it)   - undefined: no gold reuse or translation pair, or no link predicted`

/** The table for one gold set, figures held to `floors` (empty when the set is not pinned yet). */
export function formatSet(evaluation: SetEvaluation, floors: FigureTable, tolerance: number, root: string): string {
  const {set, fingerprint, scores} = evaluation
  const title = `${pc.bold(set.name)}: ${fingerprint.articles} articles, ${fingerprint.lines} labelled lines, ${fingerprint.reusePairs} reuse pairs (${fromRoot(root, set.goldPath)}, texts in ${fromRoot(root, set.textsDir)}/)`
  const header = ['run', 'scope', 'articles', ...FIGURES.map((figure) => HEADINGS[figure])]
  const rows: string[][] = []
  for (const run of RUNS) {
    for (const [index, [scope, result]] of Object.entries(scores[run]).entries()) {
      const cells = FIGURES.map((figure) => cell(evaluation.figures[run]?.[scope]?.[figure] ?? null, floors[run]?.[scope]?.[figure] ?? null, tolerance))
      rows.push([index === 0 ? run : '', scope, String(result.articles), ...cells])
    }
  }
  const widths = header.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row
      .map((value, column) => paint(value.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [title, pc.dim(line(header)), ...rows.map(line)].join('\n')
}

/** A figure with its mark: `!` under the floor by more than the tolerance, `+` above it. */
function cell(value: number | null, floor: number | null, tolerance: number): string {
  const text = value === null ? '-' : value.toFixed(4)
  if (floor === null) return value === null ? text : `${text}+`
  if (value === null || value < floor - tolerance) return `${text}!`
  return value > floor ? `${text}+` : text
}

function paint(padded: string): string {
  const text = padded.trimEnd()
  const rest = padded.slice(text.length)
  if (text.endsWith('!')) return pc.red(text) + rest
  if (text.endsWith('+')) return text.slice(0, -1) + pc.green('+') + rest
  return padded
}

/** The agency errors of the runs that attribute (the baseline does not), one line per run, by class. */
export function formatAgencyErrors(evaluation: SetEvaluation): string {
  return RUNS.filter((run) => run !== 'baseline')
    .map((run) => {
      const counts = evaluation.agencyErrors[run]
      const total = AGENCY_ERROR_CLASSES.reduce((sum, name) => sum + counts[name], 0)
      const parts = AGENCY_ERROR_CLASSES.filter((name) => counts[name] > 0).map((name) => `${AGENCY_ERROR_LABELS[name]} ${counts[name]}`)
      return pc.dim(`agency errors (${run}): ${total}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`)
    })
    .join('\n')
}
