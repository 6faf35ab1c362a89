import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {summariseReport} from '../pipeline/summary.ts'
import {builtinData, reportFor} from './helpers/pipeline.ts'

interface GoldArticle {
  roles: Record<string, string>
  sources?: Record<string, string[]>
  acceptAlso?: Record<string, string[]>
}

const seedsGold = JSON.parse(readFileSync('test/fixtures/gold/seeds.gold.json', 'utf8')) as {articles: Record<string, GoldArticle>}
const corpusGold = JSON.parse(readFileSync('test/fixtures/gold/corpus.gold.json', 'utf8')) as {articles: Record<string, GoldArticle>}

function expand(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined]
    return Array.from({length: (to ?? from) - from + 1}, (_, index) => from + index)
  })
}

/** As the reference scorer: gold body lines scored, and those whose agency set is neither the gold set nor the accepted alternative. */
function scoreSources(report: Report, text: string, gold: GoldArticle): {scored: number; wrong: number[]} {
  const blank = new Set(text.split('\n').flatMap((line, index) => (line.trim() === '' ? [index + 1] : [])))
  const body = new Set(Object.entries(gold.roles).flatMap(([spec, role]) => (role === 'body' ? expand(spec) : [])))
  const wrong: number[] = []
  let scored = 0
  for (const [spec, want] of Object.entries(gold.sources ?? {})) {
    const alternative = gold.acceptAlso?.[spec]
    for (const line of expand(spec)) {
      if (blank.has(line) || !body.has(line)) continue
      scored++
      const block = report.blocks.find((candidate) => candidate.lines[0] <= line && line <= candidate.lines[1])
      const got = [...new Set(block?.sources.map((source) => source.agency) ?? [])].sort()
      const same = (set: string[]) => JSON.stringify([...set].sort()) === JSON.stringify(got)
      if (!same(want) && !(alternative && same(alternative))) wrong.push(line)
    }
  }
  return {scored, wrong}
}

function wrongSourceLines(report: Report, text: string, gold: GoldArticle): number[] {
  return scoreSources(report, text, gold).wrong
}

const seedText = (name: string) => readFileSync(`seeds/${name}`, 'utf8')
const corpusText = (name: string) => readFileSync(`test/fixtures/corpus/${name}`, 'utf8')

describe('seeds against seeds.gold.json', () => {
  it.each(['001_fbe5a5956e437734.txt', '002_756809b8681f022c.txt', '003_1d1aa39e3ef4d986.txt', '004_9a79566599d7a3b5.txt'])(
    '%s: every body line has the gold agencies',
    (name) => {
      const report = reportFor(seedText(name), name)
      expect(wrongSourceLines(report, seedText(name), seedsGold.articles[name]!)).toEqual([])
    }
  )

  it('002: ANTARA translating Anadolu, republished by an aggregator', () => {
    const report = reportFor(seedText('002_756809b8681f022c.txt'), '002_756809b8681f022c.txt')
    expect(report.article.chain).toEqual(['anadolu', 'antara', 'rakyatnews'])
    const lead = report.blocks.find((block) => block.lines[0] === 5)!
    expect(lead.sources.map(({agency, role}) => ({agency, role}))).toEqual([
      {agency: 'anadolu', role: 'origin'},
      {agency: 'antara', role: 'intermediary'}
    ])
    expect(lead.sources[1]!.evidence.map((evidence) => evidence.kind)).toEqual(['dateline', 'copyright'])
    expect(report.summary.agencies).toEqual({anadolu: 1, antara: 1})
    expect(report.summary.credited).toBe(true)
  })

  it('004: the photo credit "(Foto: Reuters)" names the picture\'s source, not the text\'s', () => {
    const report = reportFor(seedText('004_9a79566599d7a3b5.txt'), '004_9a79566599d7a3b5.txt')
    expect(report.blocks.find((block) => block.lines[0] === 9)!.sources).toEqual([])
    expect(report.summary.agencies).toEqual({})
  })

  it('003: no agency named, nothing guessed', () => {
    const report = reportFor(seedText('003_1d1aa39e3ef4d986.txt'), '003_1d1aa39e3ef4d986.txt')
    expect(report.summary.agencies).toEqual({})
    expect(report.summary.credited).toBeNull()
    expect(report.article.chain).toEqual([])
  })

  it('000: once the reuse step adds Anadolu through shared text, the summary says so and flags it as uncredited', () => {
    const name = '000_0ff0c87b60d874fd.txt'
    const report = reportFor(seedText(name), name)
    expect(report.summary.agencies).toEqual({})
    const withReuse: Report = {
      ...report,
      blocks: report.blocks.map((block) =>
        block.role === 'body'
          ? {
              ...block,
              sources: [
                {
                  agency: 'anadolu',
                  confidence: 0.8,
                  role: 'origin',
                  evidence: [
                    {
                      kind: 'reuse',
                      position: 'shared-text',
                      ruleId: 'reuse/shared-text',
                      block: 'b23',
                      article: '001_fbe5a5956e437734.txt',
                      start: 0,
                      end: 10,
                      text: 'Sumber: Anadolu'
                    }
                  ]
                }
              ]
            }
          : block
      )
    }
    const summarised = summariseReport(withReuse, builtinData.agencies)
    expect(summarised.summary.agencies).toEqual({anadolu: 1})
    expect(summarised.summary.credited).toBe(false)
    expect(summarised.article.chain).toEqual(['anadolu', 'orbitindonesia'])
    expect(wrongSourceLines(summarised, seedText(name), seedsGold.articles[name]!)).toEqual([])
    expect(report.summary.agencies).toEqual({})
  })
})

describe('shared corpus against corpus.gold.json', () => {
  const names = readdirSync('test/fixtures/corpus').filter((name) => name.endsWith('.txt') && corpusGold.articles[name])

  it('tags at least 95% of gold body lines with exactly the gold agencies', () => {
    let wrong = 0
    let total = 0
    const misses: string[] = []
    for (const name of names) {
      const report = reportFor(corpusText(name), name)
      const {scored, wrong: lines} = scoreSources(report, corpusText(name), corpusGold.articles[name]!)
      wrong += lines.length
      total += scored
      if (lines.length > 0) misses.push(`${name}: ${lines.join(',')}`)
    }
    expect(total).toBeGreaterThan(40)
    expect(wrong / total, misses.join('; ')).toBeLessThanOrEqual(0.05)
  })

  it.each([
    ['001_jogja-antara-gaza-11-tewas.txt', ['anadolu', 'antara']],
    ['021_yomiuri-reuters-nk-missile-yonhap.txt', ['yonhap', 'reuters']],
    ['022_gunestv-gazze-aa-tr.txt', ['wafa', 'anadolu']],
    ['065_pmo-daim-china-bernama.txt', ['bernama']]
  ])('%s: the chain starts %j', (name, agencies) => {
    const report = reportFor(corpusText(name), name)
    expect(report.article.chain.slice(0, agencies.length)).toEqual(agencies)
  })

  it.each(['066_malaymail-daim-china.txt', '067_suara-setnov-media-malaysia.txt', '070_viva-setnov-media-asing.txt'])(
    '%s: newspapers and TV channels are never agencies',
    (name) => {
      const report = reportFor(corpusText(name), name)
      expect(report.summary.agencies).toEqual({})
    }
  )

  it('the summary stage and summariseReport agree on every article', () => {
    for (const name of names) {
      const report = reportFor(corpusText(name), name)
      const again = summariseReport(report, builtinData.agencies)
      expect(again.summary, name).toEqual(report.summary)
      expect(again.article.chain, name).toEqual(report.article.chain)
    }
  })
})
