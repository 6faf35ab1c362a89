import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeCorpus} from '../bench/corpus.ts'
import {articleId, generateArticles, isReusing, MIN_REUSED_WORDS, type GeneratedArticle, type GenerateOptions} from '../bench/generate.ts'
import {loadSources, type SourceArticle} from '../bench/sources.ts'
import {runCorpus} from '../run/run.ts'
import type {Report} from '../pipeline/report-schema.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OPTIONS: GenerateOptions = {seed: 7, reuseShare: 0.3}

function take(sources: readonly SourceArticle[], count: number, options = OPTIONS): GeneratedArticle[] {
  const out: GeneratedArticle[] = []
  for (const article of generateArticles(sources, options)) {
    if (out.length === count) break
    out.push(article)
  }
  return out
}

/** Every run of `length` words of a text, lower-cased, as a set. */
function wordRuns(text: string, length: number): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  const runs = new Set<string>()
  for (let index = 0; index + length <= words.length; index++) runs.add(words.slice(index, index + length).join(' '))
  return runs
}

let sources: SourceArticle[]
beforeAll(() => {
  sources = loadSources(ROOT)
})

describe('benchmark sources', () => {
  it('are the labelled articles of the benchmark gold sets, each with body lines and a known language', () => {
    const names = sources.map((source) => source.name)
    expect(names).toContain('seeds/000_0ff0c87b60d874fd.txt')
    expect(names).toContain('corpus/022_gunestv-gazze-aa-tr.txt')
    expect(new Set(sources.map((source) => source.language))).toEqual(new Set(['id', 'en', 'tr', 'bg', 'ar']))
    for (const source of sources)
      expect(
        source.lines.some((line) => line.role === 'body'),
        source.name
      ).toBe(true)
  })
})

describe('generated corpora', () => {
  it('are the same for the same seed and differ for another', () => {
    const first = take(sources, 200)
    expect(take(sources, 200)).toEqual(first)
    const other = take(sources, 200, {...OPTIONS, seed: 8})
    expect(other.filter((article, index) => article.text === first[index]!.text)).toEqual([])
  })

  it('make exactly the asked share of articles reuse an earlier one, in every prefix', () => {
    const articles = take(sources, 1000)
    for (const count of [10, 100, 333, 1000]) {
      expect(articles.slice(0, count).filter((article) => article.reuse).length).toBe(Math.floor(count * 0.3))
    }
    expect(take(sources, 50, {...OPTIONS, reuseShare: 0}).some((article) => article.reuse)).toBe(false)
    expect(
      take(sources, 50, {...OPTIONS, reuseShare: 1})
        .filter((article) => !article.reuse)
        .map((article) => article.index)
    ).toEqual([0])
    expect([0, 1, 2, 3, 4, 5, 6].map((index) => isReusing(index, 0.3))).toEqual([false, false, false, true, false, false, true])
  })

  it("keep the template's boilerplate verbatim and draw new body words, so unrelated articles share no passage", () => {
    const articles = take(sources, 300)
    const byName = new Map(sources.map((source) => [source.name, source]))
    for (const article of articles) {
      const template = byName.get(article.template)!
      for (const line of template.lines) if (line.role === 'boilerplate') expect(article.text.split('\n'), article.id).toContain(line.text)
    }
    // Two articles on the same template that took nothing from anyone share no run of 12 words (the shortest passage
    // wiretrace calls reuse) outside the lines they print verbatim from it.
    const plain = articles.filter((article) => !article.reuse)
    const [a, b] = plain.filter((article) => article.template === plain[0]!.template)
    expect(b).toBeDefined()
    const verbatim = new Set(byName.get(a!.template)!.lines.map((line) => line.text))
    const runsOf = (article: GeneratedArticle) =>
      new Set(
        article.text
          .split('\n')
          .filter((line) => !verbatim.has(line))
          .flatMap((line) => [...wordRuns(line, 12)])
      )
    const runs = runsOf(a!)
    expect(runs.size).toBeGreaterThan(0)
    expect([...runsOf(b!)].filter((run) => runs.has(run))).toEqual([])
  })

  it('put a long passage of the donor, lightly edited, into each reusing article', () => {
    const articles = take(sources, 400)
    const byId = new Map(articles.map((article) => [article.id, article]))
    for (const article of articles.filter((candidate) => candidate.reuse)) {
      const donor = byId.get(article.reuse!.donor)!
      expect(donor.index).toBeLessThan(article.index)
      expect(article.reuse!.words).toBeGreaterThanOrEqual(Math.min(MIN_REUSED_WORDS * 0.8, wordRuns(donor.text, 1).size * 0.5))
      // Light edits leave runs of 4 words intact: at least a few of the donor's survive in the copy.
      const donorRuns = wordRuns(donor.text, 4)
      expect([...wordRuns(article.text, 4)].filter((run) => donorRuns.has(run)).length, `${article.id} from ${donor.id}`).toBeGreaterThanOrEqual(3)
    }
  })

  it('name files a thousand to a folder, in order', () => {
    expect(articleId(0)).toBe('0000/0000000.txt')
    expect(articleId(12_345)).toBe('0012/0012345.txt')
  })
})

describe('a generated corpus through the pipeline', () => {
  const work = mkdtempSync(join(tmpdir(), 'wiretrace-bench-test-'))
  let articles: GeneratedArticle[]
  let reports: Map<string, Report>
  beforeAll(async () => {
    const count = 120
    articles = take(sources, count)
    const [part] = writeCorpus(sources, OPTIONS, [{dir: join(work, 'corpus'), articles: count}])
    expect(part!.bytes).toBeGreaterThan(0)
    const result = await runCorpus({inputs: [part!.dir], index: join(work, 'index.sqlite')})
    expect(result.failed).toBe(0)
    reports = new Map(result.articles.map((article) => [article.input.relative, article.report!]))
  })
  afterAll(() => rmSync(work, {recursive: true, force: true}))

  it('writes the articles the stream gives, byte for byte', () => {
    for (const article of articles.slice(0, 20)) expect(readFileSync(join(work, 'corpus', article.id), 'utf8')).toBe(`${article.text}\n`)
  })

  it('parses every article and finds a body in it', () => {
    expect(reports.size).toBe(articles.length)
    for (const article of articles)
      expect(
        reports.get(article.id)!.blocks.some((block) => block.role === 'body'),
        article.id
      ).toBe(true)
  })

  it('gives reuse detection real work: most reusing articles are linked to their donor, and no link joins unrelated articles', () => {
    // Articles joined by reuse, through any number of steps: a passage can travel on.
    const family = new Map(articles.map((article) => [article.id, article.id]))
    const root = (id: string): string => (family.get(id) === id ? id : root(family.get(id)!))
    for (const article of articles) if (article.reuse) family.set(root(article.id), root(article.reuse.donor))
    const linked = (id: string) =>
      new Set(
        reports
          .get(id)!
          .blocks.flatMap((block) => block.reuse.map((link) => link.article))
          .filter((other) => other !== id)
      )
    const reusing = articles.filter((article) => article.reuse)
    const found = reusing.filter((article) => linked(article.id).has(article.reuse!.donor))
    expect(found.length).toBeGreaterThanOrEqual(Math.ceil(reusing.length * 0.8))
    for (const article of articles) for (const other of linked(article.id)) expect(root(other), `${article.id} -> ${other}`).toBe(root(article.id))
  })
})
