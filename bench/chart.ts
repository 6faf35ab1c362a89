/**
 * The benchmark's chart: wall time and peak memory against corpus size, two
 * small panels in one SVG, both on a logarithmic size axis. Time is on a
 * logarithmic axis too, with the line a constant per-article cost would
 * draw, so growth beyond linear shows as a line bending away from it.
 */

export interface ChartRun {
  articles: number
  wallSec: number
  peakRssMb: number
}

const PANEL = {width: 320, height: 230, left: 56, right: 16, top: 44, bottom: 40}
const FONT = 'font-family="system-ui, sans-serif" font-size="11"'

/** The peak RSS target, drawn on the memory panel. */
const RSS_TARGET_MB = 1536

export function renderChart(runs: readonly ChartRun[], caption: string): string {
  const sorted = [...runs].sort((a, b) => a.articles - b.articles)
  const time = panel(sorted, {
    title: 'Wall time (s)',
    note: 'dashed: the same cost per article as the smallest run',
    value: (run) => run.wallSec,
    logY: true,
    colour: '#1f6feb',
    offset: 0
  })
  const memory = panel(sorted, {
    title: 'Peak RSS (MB)',
    note: 'dashed: the 1.5 GB target',
    value: (run) => run.peakRssMb,
    logY: false,
    colour: '#cf222e',
    offset: PANEL.width,
    limit: RSS_TARGET_MB
  })
  const width = PANEL.width * 2
  const height = PANEL.height + 22
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    time,
    memory,
    `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" fill="#57606a">${escape(caption)}</text>`,
    '</svg>',
    ''
  ].join('\n')
}

interface PanelOptions {
  title: string
  note: string
  value: (run: ChartRun) => number
  logY: boolean
  colour: string
  offset: number
  /** A bound to draw across the panel. */
  limit?: number
}

function panel(runs: readonly ChartRun[], options: PanelOptions): string {
  const {left, right, top, bottom, width, height} = PANEL
  const x0 = options.offset + left
  const x1 = options.offset + width - right
  const y0 = height - bottom
  const y1 = top
  const sizes = runs.map((run) => run.articles)
  const values = runs.map(options.value)
  const [minX, maxX] = logRange(Math.min(...sizes), Math.max(...sizes))
  const x = (size: number) => x0 + ((Math.log10(size) - minX) / (maxX - minX)) * (x1 - x0)
  const [minY, maxY] = options.logY ? logRange(Math.min(...values), Math.max(...values)) : [0, niceCeiling(Math.max(...values, options.limit ?? 0))]
  const scaleY = (value: number) => (options.logY ? Math.log10(value) : value)
  const y = (value: number) => y0 - ((scaleY(value) - minY) / (maxY - minY)) * (y0 - y1)
  const clip = `clip-${options.offset}`
  const parts: string[] = [
    `<clipPath id="${clip}"><rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}"/></clipPath>`,
    `<text x="${x0 - 40}" y="${top - 26}" font-weight="600">${escape(options.title)}</text>`,
    `<text x="${x0 - 40}" y="${top - 12}" font-size="10" fill="#57606a">${escape(options.note)}</text>`
  ]
  const yTicks = options.logY ? decades(minY, maxY) : [0, 1, 2, 3, 4].map((step) => (maxY * step) / 4)
  for (const tick of yTicks) {
    parts.push(`<line x1="${x0}" x2="${x1}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d0d7de"/>`)
    parts.push(`<text x="${x0 - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" fill="#57606a">${formatTick(tick)}</text>`)
  }
  for (const tick of decades(minX, maxX)) {
    parts.push(`<text x="${x(tick).toFixed(1)}" y="${y0 + 16}" text-anchor="middle" fill="#57606a">${formatTick(tick)}</text>`)
  }
  parts.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" text-anchor="middle" fill="#57606a">articles</text>`)
  parts.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#57606a"/>`)
  if (options.logY && runs.length > 0) {
    // Where the time would be if every article cost what one did in the smallest run.
    const first = runs[0]!
    const linear = (size: number) => (first.wallSec / first.articles) * size
    const from = 10 ** minX
    const to = 10 ** maxX
    parts.push(
      `<line x1="${x(from).toFixed(1)}" y1="${y(linear(from)).toFixed(1)}" x2="${x(to).toFixed(1)}" y2="${y(linear(to)).toFixed(1)}" stroke="#8c959f" stroke-dasharray="4 3" clip-path="url(#${clip})"/>`
    )
  }
  if (options.limit !== undefined) {
    parts.push(
      `<line x1="${x0}" x2="${x1}" y1="${y(options.limit).toFixed(1)}" y2="${y(options.limit).toFixed(1)}" stroke="${options.colour}" stroke-dasharray="4 3"/>`
    )
  }
  const points = runs.map((run) => `${x(run.articles).toFixed(1)},${y(options.value(run)).toFixed(1)}`)
  parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${options.colour}" stroke-width="2"/>`)
  for (const run of runs) {
    const px = x(run.articles)
    const py = y(options.value(run))
    parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${options.colour}"/>`)
    parts.push(`<text x="${px.toFixed(1)}" y="${(py - 8).toFixed(1)}" text-anchor="middle">${formatValue(options.value(run))}</text>`)
  }
  return parts.join('\n')
}

/** Log10 bounds on whole decades around [min, max], never empty. */
function logRange(min: number, max: number): [number, number] {
  const low = Math.floor(Math.log10(Math.max(min, 1e-3)))
  const high = Math.ceil(Math.log10(Math.max(max, 1e-3)))
  return [low, high > low ? high : low + 1]
}

function decades(min: number, max: number): number[] {
  const out: number[] = []
  for (let power = min; power <= max; power++) out.push(10 ** power)
  return out
}

function niceCeiling(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!
}

function formatTick(value: number): string {
  if (value >= 1000) return `${value / 1000}k`
  return String(Number(value.toPrecision(3)))
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(2)
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
