/** Writes a generated corpus to disk, one file per article, a thousand to a folder. */
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {generateArticles, type GenerateOptions} from './generate.ts'
import type {SourceArticle} from './sources.ts'

export interface CorpusPart {
  dir: string
  articles: number
  bytes: number
  /** Articles that take a passage from an earlier one. */
  reusing: number
}

/**
 * Writes the first `sizes[0]` articles of the stream into `dirs[0]`, the
 * next `sizes[1]` into `dirs[1]`, and so on: a corpus, then the new
 * articles that arrive after it.
 */
export function writeCorpus(sources: readonly SourceArticle[], options: GenerateOptions, parts: Array<{dir: string; articles: number}>): CorpusPart[] {
  const stream = generateArticles(sources, options)
  return parts.map(({dir, articles}) => {
    const part: CorpusPart = {dir, articles, bytes: 0, reusing: 0}
    for (let count = 0; count < articles; count++) {
      const article = stream.next().value!
      const path = join(dir, article.id)
      mkdirSync(dirname(path), {recursive: true})
      const bytes = Buffer.from(`${article.text}\n`, 'utf8')
      writeFileSync(path, bytes)
      part.bytes += bytes.length
      if (article.reuse) part.reusing++
    }
    return part
  })
}
