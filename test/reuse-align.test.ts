/**
 * The reuse decision, one mechanism at a time, on paragraphs of the fixtures:
 * each mechanism with a pair it must link and a pair it must leave alone.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {alignArticles, chainSeeds, type ArticleText, type Seed} from '../link/reuse/align.ts'
import {loadReuseConfig, reuseThresholds} from '../link/reuse/config.ts'
import {tokenize, wordForm, type BodyBlock, type WordForm} from '../link/reuse/tokens.ts'

const CONFIG = loadReuseConfig()
const THRESHOLDS = reuseThresholds(CONFIG)
const FORM = wordForm(CONFIG.clitics)

/** Lines of a fixture article (1-based), each a body block of its own. */
function paragraphs(path: string, ...lines: number[]): ArticleText {
  const text = readFileSync(`test/fixtures/${path}`, 'utf8').split('\n')
  return texts(lines.map((line) => [line, text[line - 1]!]))
}

/** Paragraphs given as [line, text], each a body block of its own, words compared in the built-in form unless told. */
function texts(lines: Array<[number, string]>, form: WordForm = FORM): ArticleText {
  let start = 0
  const blocks: BodyBlock[] = lines.map(([line, text], index) => {
    const block = {id: `b${index}`, lines: [line, line] as [number, number], start, text, cuts: []}
    start += [...block.text].length + 1
    return block
  })
  return {blocks, tokens: tokenize(blocks, form)}
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

describe('paraphrased paragraphs of one story', () => {
  const AFRICANEWS = 'corpus2/205_africanews-notre-dame-afp.txt'
  const MORANDINI = 'corpus2/203_jeanmarcmorandini-notre-dame-afp.txt'
  // Every body paragraph of each article: which words are rare is read from the two articles' paragraphs.
  const africanews = paragraphs(AFRICANEWS, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
  const morandini = paragraphs(MORANDINI, 1, 2, 3, 4, 5)
  const frames = (a: ArticleText, b: ArticleText, thresholds = THRESHOLDS) =>
    alignArticles(a, b, thresholds)
      .filter((link) => link.by === 'frame')
      .map((link) => `${a.blocks[link.aBlock]!.lines[0]} -> ${b.blocks[link.bBlock]!.lines[0]}`)

  it("link a sentence rewritten in its frame (AFP's Holy Week sentence: its rare words kept in order) and one whose clauses were swapped around a kept phrase", () => {
    expect(frames(africanews, morandini)).toEqual(['9 -> 5', '11 -> 2'])
    // The passages alone link neither.
    const passages = alignArticles(africanews, morandini, THRESHOLDS).filter((link) => link.by === 'passage')
    expect(passages.map((link) => `${africanews.blocks[link.aBlock]!.lines[0]} -> ${morandini.blocks[link.bBlock]!.lines[0]}`)).toEqual(['1 -> 1', '13 -> 3'])
  })

  it('do not link paragraphs of the story that tell the same moment in their own words', () => {
    // Africanews' paragraph 3 and Morandini's 3 both tell of the fire in the roof: four rare words in order, a fifth of each, is not a frame.
    expect(frames(africanews, morandini)).not.toContain('3 -> 3')
    expect(frames(africanews, morandini, {...THRESHOLDS, frame: {...THRESHOLDS.frame, minWords: 4, orderedCoverage: 0.2}})).toContain('3 -> 3')
  })

  it('are not looked for between articles sharing one paragraph: two Xinhua stories on two Shenzhou returns share a background paragraph', () => {
    const cgtn = paragraphs('xlang/312_cgtn-shenzhou20-astronauts-return.txt', 9, 13, 15, 17, 19, 21, 23, 25, 27)
    const chinamil = paragraphs('xlang/316_chinamil-shenzhou21-return-capsule-xinhua.txt', 1, 2, 3)
    expect(frames(cgtn, chinamil)).toEqual([])
    expect(frames(cgtn, chinamil, {...THRESHOLDS, frame: {...THRESHOLDS.frame, storyParagraphs: 1}})).toEqual(['13 -> 2'])
  })

  it('are not looked for between articles that share no passage', () => {
    const holyWeek = paragraphs(AFRICANEWS, 9)
    expect(frames(holyWeek, paragraphs(MORANDINI, 5))).toEqual([])
  })
})

describe('words written with clitics', () => {
  const anadolu = 'test/fixtures/corpus/028_almadenah-peskov-referendum-anadolu-ar.txt'
  // Line 8 of the Anadolu story as another outlet might print it: the same words, with "and" (و) dropped or joined,
  // the article (ال) and "for the" (لل) swapped, a vowel sign, a tanween and a hamza left out, the numbers in Arabic-Indic digits.
  const copy = 'أضاف غوفن في مؤتمر صحافي أن فالنتائج النهائية الاستفتاء ستعلن وخلال ١١ او ١٢ يوما كحد أقصى ذلك وبعد النظر في والاعتراضات المقدمة.'

  it('are compared in one form: the stem, whatever clitics an outlet joined to it', () => {
    const form = wordForm(CONFIG.clitics)
    expect(['والحكومة', 'الحكومة', 'للحكومة', 'حكومة'].map(form)).toEqual(['حكوم', 'حكوم', 'حكوم', 'حكوم'])
    expect(['وأضاف', 'أضاف', 'أَضافَ'].map(form)).toEqual(['اضاف', 'اضاف', 'اضاف'])
    // A short word keeps its letters: no clitic is stripped below three.
    expect(['في', 'ولد', 'قال'].map(form)).toEqual(['في', 'ولد', 'قال'])
    expect(['١٢', '۱۲', '12'].map(form)).toEqual(['12', '12', '12'])
    // Other scripts are compared as written.
    expect(['wali', 'als', 'alles'].map(form)).toEqual(['wali', 'als', 'alles'])
  })

  it('link an Arabic paragraph lightly rewritten in its clitics, which word for word shares too little', () => {
    const original = paragraphs(anadolu.replace('test/fixtures/', ''), 8)
    expect(linked(original, texts([[1, copy]]))).toEqual(['8 -> 1'])
    const plain = wordForm()
    const originalPlain = texts([[8, readFileSync(anadolu, 'utf8').split('\n')[7]!]], plain)
    expect(alignArticles(originalPlain, texts([[1, copy]], plain), THRESHOLDS)).toEqual([])
  })

  it('are data: a rule folder adds a script, and a script name Unicode does not know is refused with where it stands', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clitics-'))
    writeFileSync(join(dir, 'reuse.yaml'), 'clitics:\n  - {script: Hebrew, prefixes: [ו, ה], minStem: 3}\n')
    const hebrew = wordForm(loadReuseConfig([dir]).clitics)
    expect(['והממשלה', 'הממשלה', 'ממשלה'].map(hebrew)).toEqual(['ממשלה', 'ממשלה', 'ממשלה'])
    writeFileSync(join(dir, 'reuse.yaml'), 'clitics:\n  - {script: Arabik, minStem: 3}\n')
    expect(() => loadReuseConfig([dir])).toThrow(/reuse\.yaml.*not a Unicode script name/s)
  })

  it('do not link two different paragraphs of one story, though their stems share more words', () => {
    expect(linked(paragraphs(anadolu.replace('test/fixtures/', ''), 5, 6), paragraphs(anadolu.replace('test/fixtures/', ''), 7, 8))).toEqual([])
  })
})

/** A made-up word of letters only (a digit would make it a number, weighed as a name): the n-th in base 26. */
function word(n: number): string {
  let out = ''
  for (let rest = n + 26 * 27; rest > 0; rest = Math.floor(rest / 26)) out += String.fromCharCode(97 + (rest % 26))
  return out
}

describe('long articles', () => {
  it('chain their seeds in work that grows with the seeds: only passages still in reach are searched', () => {
    // 200,000 passages of one seed each, further apart than maxGap: searching every passage opened so far for
    // every seed would take 2·10^10 steps, far beyond the test's time limit.
    const count = 200_000
    const spread: Seed[] = Array.from({length: count}, (_, k) => ({i: k * 40, j: k * 40, unique: true}))
    const passages = chainSeeds(spread, 30)
    expect(passages).toHaveLength(count)
    expect(passages.at(-1)).toMatchObject({aStart: (count - 1) * 40, lastI: (count - 1) * 40})
    // Seeds within reach still join the passage they follow, however many passages came before.
    const close = [...spread, {i: count * 40, j: count * 40, unique: true}, {i: count * 40 + 10, j: count * 40 + 12, unique: true}]
    expect(chainSeeds(close, 30).at(-1)).toMatchObject({aStart: count * 40, lastI: count * 40 + 10, lastJ: count * 40 + 12})
  })

  it('link every paragraph two long articles share, each a passage of its own', () => {
    // 2,000 paragraphs a side: the same 12 words in each pair, 30 words of its own around them on each side.
    let next = 0
    const words = (length: number) => Array.from({length}, () => word(next++)).join(' ')
    const pairs = Array.from({length: 2000}, () => ({shared: words(12), a: [words(15), words(15)], b: [words(15), words(15)]}))
    const article = (side: 'a' | 'b'): ArticleText => {
      let start = 0
      const blocks: BodyBlock[] = pairs.map((pair, index) => {
        const text = `${pair[side][0]} ${pair.shared} ${pair[side][1]}`
        const block = {id: `b${index}`, lines: [index + 1, index + 1] as [number, number], start, text, cuts: []}
        start += text.length + 1
        return block
      })
      return {blocks, tokens: tokenize(blocks)}
    }
    const links = alignArticles(article('a'), article('b'), THRESHOLDS)
    expect(links.map((link) => [link.aBlock, link.bBlock])).toEqual(pairs.map((_, index) => [index, index]))
  })
})
