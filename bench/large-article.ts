/**
 * One very large article, for the size-scaling figures of `npm run bench`:
 * how time and memory grow with the size of a single article (up to the
 * 5 MiB `--max-bytes`). Two kinds, both from the real articles the
 * benchmark draws from (seeds and the test corpus):
 *
 * - `repeated`: their lines verbatim, article after article, over and over:
 *   real text exactly, but every line after the first round is a repeat
 *   (the repeats stage marks it), so little of it is body;
 * - `varied`: generated articles (real layouts and boilerplate, fresh body
 *   words, some passages reused), one after the other: every line differs,
 *   so every stage, attribution and reuse included, works on all of it.
 */
import {DEFAULT_GENERATE, generateArticles} from './generate.ts'
import type {SourceArticle} from './sources.ts'

export type LargeArticleKind = 'repeated' | 'varied'

export const LARGE_ARTICLE_KINDS: readonly LargeArticleKind[] = ['repeated', 'varied']

/** The text of an article of at most `bytes` UTF-8 bytes, ending at a line end. */
export function buildLargeArticle(sources: readonly SourceArticle[], kind: LargeArticleKind, bytes: number): string {
  const lines: string[] = []
  let size = 0
  for (const line of kind === 'repeated' ? repeatedLines(sources) : variedLines(sources)) {
    const length = Buffer.byteLength(line, 'utf8') + 1
    if (size + length > bytes) break
    lines.push(line)
    size += length
  }
  return `${lines.join('\n')}\n`
}

function* repeatedLines(sources: readonly SourceArticle[]): Generator<string> {
  for (;;) {
    for (const source of sources) {
      for (const line of source.lines) yield line.text
      yield ''
    }
  }
}

function* variedLines(sources: readonly SourceArticle[]): Generator<string> {
  for (const article of generateArticles(sources, DEFAULT_GENERATE)) {
    yield* article.text.split('\n')
    yield ''
  }
}
