/**
 * The reuse decision, one mechanism at a time, on paragraphs of the fixtures:
 * each mechanism with a pair it must link and a pair it must leave alone.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {alignArticles, type ArticleText} from '../link/reuse/align.ts'
import {loadReuseConfig, reuseThresholds} from '../link/reuse/config.ts'
import {tokenize, type BodyBlock} from '../link/reuse/tokens.ts'

const THRESHOLDS = reuseThresholds(loadReuseConfig())

/** Lines of a fixture article (1-based), each a body block of its own. */
function paragraphs(path: string, ...lines: number[]): ArticleText {
  const text = readFileSync(`test/fixtures/${path}`, 'utf8').split('\n')
  let start = 0
  const blocks: BodyBlock[] = lines.map((line, index) => {
    const block = {id: `b${index}`, lines: [line, line] as [number, number], start, text: text[line - 1]!, cuts: []}
    start += [...block.text].length + 1
    return block
  })
  return {blocks, tokens: tokenize(blocks)}
}

/** Linked block pairs as "a line -> b line". */
function linked(a: ArticleText, b: ArticleText): string[] {
  return [...new Set(alignArticles(a, b, THRESHOLDS).map((link) => `${a.blocks[link.aBlock]!.lines[0]} -> ${b.blocks[link.bBlock]!.lines[0]}`))]
}

describe('the reuse decision', () => {
  it("seeds with a shingle an article repeats: the Agong's title twice in each copy, a merged paragraph linked to both it came from", () => {
    const bernama = paragraphs('corpus2/249_theborneopost-agong-institution-bernama.txt', 1, 3, 5)
    const paraphrase = paragraphs('corpus2/252_freemalaysiatoday-agong-tears-paraphrase.txt', 17, 19)
    expect(linked(bernama, paraphrase)).toEqual(['1 -> 17', '3 -> 17', '5 -> 19'])
  })

  it('counts shared names for half: a royal name and title shared by two reports of different days is not reuse', () => {
    const reign = paragraphs('corpus2/249_theborneopost-agong-institution-bernama.txt', 1)
    const arrival = paragraphs('corpus2/253_malaymail-agong-arrive-pahang-bernama.txt', 1)
    expect(linked(reign, arrival)).toEqual([])
    expect(alignArticles(reign, arrival, {...THRESHOLDS, nameWeight: 1})).not.toEqual([])
  })

  it('links one sentence of 9 words that is most of two short paragraphs (Interfax and a Russian copy)', () => {
    const interfax = paragraphs('corpus2/224_ng-notre-dame-interfax-ru.txt', 3, 5, 7)
    const copy = paragraphs('corpus2/225_0-1-notre-dame-ru.txt', 1, 2, 3)
    expect(linked(interfax, copy)).toEqual(['5 -> 2'])
  })

  it('does not link the same 9 words when they are a small part of two long paragraphs', () => {
    const sentence = 'По некоторым данным, пожар мог начаться на строительных лесах.'
    const long = (words: string) => {
      const blocks: BodyBlock[] = [{id: 'b0', lines: [1, 1], start: 0, text: `${words} ${sentence} ${words}`, cuts: []}]
      return {blocks, tokens: tokenize(blocks)}
    }
    const a = long('Пожарные работали всю ночь, а жители города собрались на набережных и смотрели на собор, не скрывая слез.')
    const b = long('Президент отменил выступление и выехал на место, где уже работали сотни пожарных и полицейских со всего города.')
    expect(alignArticles(a, b, THRESHOLDS)).toEqual([])
  })

  it('does not link two independent reports that share only the statement they quote (theSun and Scoop quoting Reuters)', () => {
    const thesun = paragraphs('xlang/302_thesun-viral-message-us-sanctions-fake-fahmi.txt', 5, 7, 9)
    const scoop = paragraphs('xlang/305_scoop-reuters-fahmi-state-sponsor-of-terror-fake.txt', 11, 17, 19)
    expect(linked(thesun, scoop)).toEqual([])
  })

  it("links the quotations of two copies that share prose too (the Agong's banquet speech, Bernama and theSun)", () => {
    const bernama = paragraphs('corpus2/249_theborneopost-agong-institution-bernama.txt', 5, 7)
    const thesun = paragraphs('corpus2/250_thesun-agong-institution-stripped.txt', 5, 7)
    expect(linked(bernama, thesun)).toEqual(['5 -> 5', '7 -> 7'])
  })

  it('links a paragraph printed whole, though it is a quotation and names (two Turkish portals)', () => {
    const sondakika = paragraphs('corpus2/242_sondakika-duran-ozel-iha.txt', 7)
    const haberler = paragraphs('corpus2/243_haberler-duran-ozel-ihlas.txt', 1)
    expect(linked(sondakika, haberler)).toEqual(['7 -> 1'])
  })

  it('reads words before the first seed: a lightly rewritten sentence of AFP, its kept words counted whole', () => {
    const africanews = paragraphs('corpus2/205_africanews-notre-dame-afp.txt', 3, 13)
    const morandini = paragraphs('corpus2/203_jeanmarcmorandini-notre-dame-afp.txt', 3)
    expect(linked(africanews, morandini)).toEqual(['13 -> 3'])
  })
})
