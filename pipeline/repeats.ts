/**
 * Stage 5: repeats. A line the page prints twice (the title above the
 * photo, a caption, a credit line) is kept once: the second printing is
 * boilerplate and points at the first. Lines are compared on letters and
 * digits only, so "…2023/Anadolu." and "…2023/Anadolu. /" are the same.
 */
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import type {Plugin} from 'unified'
import {keyWordCount, matchText} from '../core/text.ts'
import {blockView} from './block-view.ts'
import {blocksOf, decide, keyOf, keyWithoutSiteName, type BlockData} from './data.ts'

/** Shorter lines ("Tags", "Editor") legitimately recur; only real sentences count as repeats. */
const MIN_WORDS = 4

export const wiretraceRepeats: Plugin<[], Root> = function () {
  return function (tree, file) {
    const firstPrinting = new Map<string, BlockData>()
    // A headline printed with the site's name after it (the page's document title) and without it (its heading) is
    // printed twice; two lines that differ in the name after them ("… - Reuters", "… - AFP") are not.
    const firstWithSiteName = new Map<string, BlockData>()
    for (const {node, block} of blocksOf(tree)) {
      // Read as the rules read it, whole: the same line with a link's address or an entity in it is the same line.
      const text = block.removed.length === 0 ? blockView(node, block).reading.value : matchText(toString(node)).value
      const key = keyOf(tree, text)
      if (keyWordCount(key) < MIN_WORDS) continue
      const headline = keyWithoutSiteName(text)
      const first = firstPrinting.get(key) ?? firstWithSiteName.get(key) ?? (headline === undefined ? undefined : firstPrinting.get(headline))
      if (!first) {
        firstPrinting.set(key, block)
        if (headline !== undefined && !firstWithSiteName.has(headline)) firstWithSiteName.set(headline, block)
        continue
      }
      block.repeatOf = first.id
      if (block.role !== undefined && block.role !== 'body' && block.role !== 'dek') continue
      // A page that prints its lead as the standfirst too: the second printing is the article's first paragraph.
      if (first.role === 'dek') continue
      const ruleId = first.role === 'title' ? 'repeat/title' : 'repeat/block'
      decide(file, node, 'boilerplate', ruleId, `repeats line ${first.line}`)
    }
  }
}
