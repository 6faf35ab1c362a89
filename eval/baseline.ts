/**
 * Baseline stage: a jusText-style classifier (Pomikálek 2011,
 * miso-belica/jusText `justext/core.py`) that stands in for the outlet,
 * boilerplate, metadata and repeats stages. It knows no outlet and reads no
 * rule: a line is body when it is long and dense in function words, or when
 * its neighbours say so. The quality gate scores it beside the real pipeline,
 * so the table shows what the rules add over a general-purpose cleaner.
 *
 * It only tells body from boilerplate; title, dek and meta lines all come out
 * as boilerplate, which is what a body extractor gives a provenance tool.
 */
import type {Paragraph, Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import {ParseLatin} from 'parse-latin'
import stopwordsIso from 'stopwords-iso' with {type: 'json'}
import type {Plugin} from 'unified'
import {blocksOf, decide} from '../pipeline/data.ts'

export interface BaselineOptions {
  /** Function words whose density marks running prose, lower-case; Indonesian (stopwords-iso) by default. */
  functionWords?: ReadonlySet<string>
}

type Class = 'good' | 'near-good' | 'short' | 'bad'

// jusText's defaults: lengths in characters, densities as a share of the line's words.
const LENGTH_LOW = 70
const LENGTH_HIGH = 200
const DENSITY_LOW = 0.3
const DENSITY_HIGH = 0.32

interface Measure {
  length: number
  density: number
  copyright: boolean
}

export const wiretraceBaseline: Plugin<[BaselineOptions?], Root> = function (options = {}) {
  const functionWords = options.functionWords ?? new Set(stopwordsIso.id)
  return function (tree, file) {
    const blocks = blocksOf(tree)
    const measures = blocks.map(({node}) => measure(node, functionWords))
    const initial = measures.map(classify)
    const final = revise(initial)
    for (const [index, {node}] of blocks.entries()) {
      const {length, density} = measures[index]!
      const before = initial[index]!
      const after = final[index]!
      const why = `${before}${before === after ? '' : `, ${after} by its neighbours`}: ${length} characters, function-word density ${density.toFixed(2)}`
      decide(file, node, after === 'good' ? 'body' : 'boilerplate', `baseline/${before}`, why)
    }
  }
}

/** The pipeline's tree holds lines, not words: the baseline, the one reader of words, splits them with parse-latin itself. */
const WORDS = new ParseLatin()

function measure(node: Paragraph, functionWords: ReadonlySet<string>): Measure {
  const text = toString(node).replace(/\s+/gu, ' ')
  const words: string[] = []
  for (const paragraph of WORDS.parse(toString(node)).children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      for (const child of sentence.children) if (child.type === 'WordNode') words.push(toString(child).toLowerCase())
    }
  }
  const dense = words.filter((word) => functionWords.has(word)).length
  return {length: [...text].length, density: words.length > 0 ? dense / words.length : 0, copyright: text.includes('©')}
}

/** jusText's first pass: each line on its own. */
function classify({length, density, copyright}: Measure): Class {
  if (copyright) return 'bad'
  if (length < LENGTH_LOW) return 'short'
  if (density >= DENSITY_HIGH) return length > LENGTH_HIGH ? 'good' : 'near-good'
  if (density >= DENSITY_LOW) return 'near-good'
  return 'bad'
}

/**
 * jusText's second pass: short lines take the class of the good or bad
 * lines around them (a short line between body paragraphs is a crosshead
 * or a one-line quote; between menus it is a menu item), then near-good
 * lines are body unless bad lines close them in on both sides.
 */
function revise(initial: Class[]): Class[] {
  const classes = [...initial]
  const shortResolved = new Map<number, Class>()
  for (const [index, value] of classes.entries()) {
    if (value !== 'short') continue
    const previous = neighbour(classes, index, -1, true)
    const next = neighbour(classes, index, 1, true)
    if (previous === next) shortResolved.set(index, previous)
    else {
      const nearGoodBeside =
        (previous === 'bad' && neighbour(classes, index, -1, false) === 'near-good') || (next === 'bad' && neighbour(classes, index, 1, false) === 'near-good')
      shortResolved.set(index, nearGoodBeside ? 'good' : 'bad')
    }
  }
  for (const [index, value] of shortResolved) classes[index] = value
  for (const [index, value] of classes.entries()) {
    if (value !== 'near-good') continue
    const closedIn = neighbour(classes, index, -1, true) === 'bad' && neighbour(classes, index, 1, true) === 'bad'
    classes[index] = closedIn ? 'bad' : 'good'
  }
  return classes
}

/** The nearest decided line in one direction; the edge of the article counts as bad. */
function neighbour(classes: Class[], index: number, step: 1 | -1, ignoreNearGood: boolean): 'good' | 'bad' | 'near-good' {
  for (let at = index + step; at >= 0 && at < classes.length; at += step) {
    const value = classes[at]!
    if (value === 'good' || value === 'bad') return value
    if (value === 'near-good' && !ignoreNearGood) return value
  }
  return 'bad'
}
