/** The corpus runner's first pass: the lines of every input, counted for the generic stage before any article is analysed. */
import {decodeInput, type InputLimits} from '../core/decode.ts'
import type {Outlet} from '../core/rules/load.ts'
import {countCorpusLines, type CorpusArticle, type CorpusLines} from '../pipeline/generic/corpus.ts'
import {readInput, type InputFile} from './inputs.ts'

/**
 * Counts the lines of input files, as the corpus runner's first pass. Files
 * that cannot be read or decoded are left out; the main pass reports them.
 */
export function countCorpusFiles(inputs: readonly InputFile[], limits: InputLimits, outlets: readonly Outlet[] = [], keepFrom = 1): CorpusLines {
  function* articles(): Generator<CorpusArticle> {
    for (const input of inputs) {
      try {
        yield {id: input.relative, text: decodeInput(input.bytes ?? readInput(input), limits).text}
      } catch {}
    }
  }
  return countCorpusLines(articles(), outlets, keepFrom)
}
