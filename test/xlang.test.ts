import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadGold} from '../eval/gold.ts'
import {loadGoldSet, runGoldSet} from '../eval/harness.ts'
import {loadReports, scoreTranslations, textDirsFor} from '../eval/score.ts'
import {runCorpus} from '../run/run.ts'
import {anchorsOf, fold, skeleton, vowelsAgree} from '../link/translation/anchors.ts'
import {anchorVocabulary, loadTranslationConfig} from '../link/translation/config.ts'
import {loadCalendar} from '../core/dates.ts'
import {patchTranslations} from '../link/translation/apply.ts'
import {
  differentLanguages,
  findTranslations,
  Interner,
  readArticle,
  readRow,
  rowsInList,
  type TranslationRow,
  type TranslationRun
} from '../link/translation/link.ts'
import type {Report} from '../pipeline/report-schema.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const XLANG = join(ROOT, 'test/fixtures/xlang')
const XLANG_GOLD = join(ROOT, 'test/fixtures/gold/xlang.gold.json')
const SCORE_XLANG_PY = join(ROOT, 'test/fixtures/eval/score_xlang.py')

const keys = (text: string) => anchorsOf(text).map((anchor) => anchor.key)
const VOCABULARY = anchorVocabulary(loadTranslationConfig(), loadCalendar())

describe('anchors', () => {
  it('reads numbers whatever the digit grouping and clock times whatever the notation', () => {
    expect(keys('415 km (258 miles), 1,200 metres')).toEqual(['n:415', 'n:258', 'n:1200'])
    expect(keys('setinggi 1.200 meter dan 2,5 kilometer')).toEqual(['n:1200', 'n:2.5'])
    expect(keys('touched down at 4:40 p.m. Friday')).toContain('t:16:40')
    expect(keys('tocó tierra a las 16:40')).toContain('t:16:40')
    expect(keys('وقتل ١٢ شخصا')).toContain('n:12')
  })

  it('folds a word in plain ASCII and one with accents or in another script to the same lower case', () => {
    expect(fold('MALAYSIA')).toBe('malaysia')
    expect(fold('Fahmi')).toBe(fold('Fahmí'))
    expect(fold('Éric Zemmour')).toBe('eric zemmour')
    expect(fold('Ещё')).toBe('еще')
    expect(fold('Jueves')).not.toBe('Jueves')
  })

  it('gives a name the same key in Latin, Arabic and Cyrillic letters', () => {
    expect(keys('نفت وكالة رويترز')).toContain(`w:${skeleton('Reuters')}`)
    expect(keys('قال فهمي فضيل')).toEqual(expect.arrayContaining(['w:fm', 'w:fdl']))
    expect(keys('said Fahmi Fadzil')).toEqual(expect.arrayContaining(['w:fm', 'w:fdl']))
    expect(keys('заявил Путин')).toContain(`w:${skeleton('Putin')}`)
    expect(keys('الولايات المتحدة وماليزيا')).toContain(`w:${skeleton('Malaysia')}`)
  })

  it('tells an Arabic transliteration of a name from an Arabic word that only shares its consonants, by the vowel letters it writes', () => {
    const vowels = (text: string) => anchorsOf(text).find((anchor) => anchor.kind === 'name')!.vowels!
    const agree = (arabic: string, latin: string) => {
      const [abjad] = anchorsOf(arabic).filter((anchor) => anchor.kind === 'name')
      expect(abjad).toMatchObject({abjad: true, key: `w:${skeleton(latin)}`})
      return vowelsAgree(abjad!.vowels!, vowels(`in ${latin}`))
    }
    expect(agree('إيباريا', 'Iparia')).toBe(true)
    expect(agree('أوكايالي', 'Ucayali')).toBe(true)
    expect(agree('بيرو', 'Peru')).toBe(true)
    // An abjad leaves short vowels out, and which vowel a long one writes is not compared.
    expect(agree('فهمي', 'Fahmi')).toBe(true)
    expect(agree('ترامب', 'Trump')).toBe(true)
    // "they were" writes a vowel after its last consonant where the acronym has none.
    expect(agree('كانوا', 'COEN')).toBe(false)
  })

  it('reads tens written as one word or two, and a clock time written with a dot only after a clock word', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    expect(read('"empat puluh orang hilang."')).toEqual(['q', 'n:40'])
    expect(read('possibly forty missing')).toEqual(['n:40'])
    expect(read('١٢ قتيلاً وثلاثين مفقوداً')).toEqual(expect.arrayContaining(['n:12', 'n:30']))
    expect(read('Pukul 17.21, ketiga astronaut')).toContain('t:17:21')
    expect(read('naik 17.21 persen')).toEqual(['n:17.21'])
  })

  it('reads a number word in capitals, as a dateline writes a city, as a name', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    expect(read('LIMA, Dec 2 — At least 12 people')).toEqual([`w:${skeleton('Lima')}`, 'm:12', 'n:2', 'n:12'])
    expect(read('Lima orang tewas')).toEqual(['n:5'])
  })

  it('takes a capitalised word for a name only inside a sentence, or where the text writes it so inside one', () => {
    expect(keys('The minister said. He left.')).toEqual([])
    expect(keys('Reuters denied it. A statement by Reuters followed.')).toEqual(['w:rtrs', 'w:rtrs'])
    expect(keys('The ASEAN meeting')).toEqual(['w:sn'])
  })

  it('finds Latin names inside text written without spaces', () => {
    expect(keys('10名政府议员支持PN的说法')).toEqual(['n:10', 'w:bn'])
  })

  it('reads a foreign name written in Chinese characters by its sound, as the Latin spelling reads', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    expect(read('通讯和数字部长法赫米·法齐尔表示')).toContain(`w:${skeleton('Fahmi')}`)
    // A sentence of ordinary characters holds no name, and without the character list nothing is read as one.
    expect(read('他说这并不令人惊讶')).toEqual([])
    expect(keys('部长法赫米表示')).toEqual([])
  })

  it('reads a country as one anchor in any language, which meets the country spelt alike and never a name of the same consonants', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    const malaysia = `c:MY:${skeleton('Malaysia')}`
    // The same country in English, Spanish, Arabic (after two clitics, "and in") and Chinese (cut out of the characters around it).
    expect(read('trade with Malaysia grew')).toEqual([malaysia])
    expect(read('el comercio con Malasia creció')).toEqual([malaysia])
    expect(read('وبماليزيا')).toEqual([malaysia])
    expect(read('政治人物和马来西亚爱的朋友们')).toEqual([malaysia])
    // Also where it opens the sentence.
    expect(read('Malaysia exports more')).toEqual([malaysia])
    // In Chinese the longest name is read: 印度尼西亚 is Indonesia, not India. A name of several words stays names (Amerika Syarikat).
    expect(read('印度尼西亚')).toEqual([expect.stringMatching(/^c:ID:/)])
    expect(read('kedutaan Amerika Syarikat')).toEqual([`w:${skeleton('Amerika')}`, `w:${skeleton('Syarikat')}`])
    // A name that only shares a country's consonants is another key: Chen is not China, Iparia not Peru.
    expect(skeleton('Chen')).toBe(skeleton('China'))
    expect(read('the crew of Chen Dong landed in China')).toEqual([`w:${skeleton('Chen')}`, `w:${skeleton('Dong')}`, `c:CN:${skeleton('China')}`])
    expect(read('the port of Iparia in Peru')).toEqual([`w:${skeleton('Iparia')}`, `c:PE:${skeleton('Peru')}`])
    // Not a name in lower case ("china", porcelain); a country called by another name meets nothing (Tiongkok, China).
    expect(read('fine china cups')).toEqual([])
    expect(read('Tiongkok')).not.toEqual(read('China'))
  })

  it('reads number words, months and weekdays of the rule files as the numbers and dates they say, in any language', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    expect(read('erupted five times on Friday, May 10')).toEqual(['n:5', 'd:5', 'm:5', 'n:10'])
    expect(read('erupsi lima kali pada Jumat, 10 Mei')).toEqual(['n:5', 'd:5', 'n:10', 'm:5'])
    expect(read('doce muertos el viernes 10 de mayo')).toEqual(['n:12', 'd:5', 'n:10', 'm:5'])
    expect(read('قتل خمسة يوم الجمعة ١٠ مايو')).toEqual(expect.arrayContaining(['n:5', 'd:5', 'n:10', 'm:5']))
    expect(read('dua belas orang')).toEqual(['n:12'])
    expect(read('着陆时间为星期五')).toEqual(['d:5'])
  })

  it('keeps a capitalised number word inside a sentence a name, and a short lower-case month name a word', () => {
    const read = (text: string) => anchorsOf(text, VOCABULARY).map((anchor) => anchor.key)
    expect(read('flights from Lima resumed')).toEqual([`w:${skeleton('Lima')}`])
    expect(read('Lima, the capital, where Lima airport reopened')).not.toContain('n:5')
    expect(read('officials may resign')).toEqual([])
    expect(anchorsOf('five times on friday')).toEqual([])
  })

  it('finds nothing in text with no number, name or quotation', () => {
    expect(anchorsOf('yang dan di ini itu')).toEqual([])
    expect(anchorsOf('')).toEqual([])
  })
})

/** The translation pass over reports held in memory, as the linker runs it over a shelf, and the rows it kept. */
function translationsAmong(reports: Report[]): TranslationRun & {rows: Map<string, TranslationRow>} {
  const interner = new Interner()
  const byId = new Map(reports.map((report) => [report.article.id, report]))
  const rows = new Map(reports.map((report) => [report.article.id, readRow(report, interner)]))
  return {...findTranslations(rowsInList([...rows.values()]), interner, (row) => readArticle(byId.get(row.id)!), loadTranslationConfig()), rows}
}

async function reportsOf(files: string[], rules: string[] = []): Promise<Report[]> {
  const run = await runCorpus({inputs: files.map((file) => join(XLANG, file)), rules})
  return run.articles.map((article) => article.report!)
}

/** A rule folder whose translation.yaml turns the agency carry on (it is off by default). */
function carryingRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-xlang-carry-'))
  writeFileSync(join(dir, 'translation.yaml'), 'carryAgencies: true\n')
  return dir
}

function linked(reports: Report[], id: string): Array<[number, string, number]> {
  const report = reports.find((candidate) => candidate.article.id === id)!
  return report.blocks.flatMap((block) =>
    block.translations.map((link) => [block.lines[0], link.article.slice(0, 3), link.lines[0]] as [number, string, number])
  )
}

/**
 * Each linked block's translations and the sources its translations carried, as the pass wrote them: what the
 * resident rows and the rows rebuilt from the reports must give exactly as rows holding everything did.
 */
function translationLinksOf(reports: Report[]): object {
  return reports.map((report) => ({
    article: report.article.id,
    translated: report.summary.translated,
    blocks: report.blocks
      .filter((block) => block.translations.length > 0)
      .map((block) => ({
        id: block.id,
        translations: block.translations,
        carried: block.sources.filter((source) => source.evidence.some((evidence) => evidence.kind === 'translation'))
      }))
  }))
}

describe('translation links on real articles', () => {
  let reports: Report[]
  beforeAll(async () => {
    reports = await reportsOf(
      [
        '301_bernama-bm-mesej-tular-sekatan-palsu-fahmi.txt',
        '302_thesun-viral-message-us-sanctions-fake-fahmi.txt',
        '303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt',
        '304_mediamadani-reuters-nafi-laporan-penaja-keganasan.txt',
        '310_srnnews-peru-landslide-boats-reuters.txt',
        '311_eleconomista-tragedia-peru-deslizamiento-embarcaciones.txt'
      ],
      [carryingRules()]
    )
  }, 60_000)

  it('links BERNAMA’s Malay story to its English version paragraph by paragraph, with the anchors both hold', () => {
    const id302 = reports[1]!.article.id
    expect(linked(reports, id302)).toEqual(
      expect.arrayContaining([
        [1, '301', 7],
        [3, '301', 9],
        [9, '301', 15]
      ])
    )
    const lead = reports[1]!.blocks.find((block) => block.lines[0] === 1)!.translations.find((link) => link.article.startsWith('301'))!
    expect(lead.by).toBe('anchors')
    expect(lead.anchors.map((anchor) => anchor.text)).toEqual(expect.arrayContaining(['Fahmi', 'Fadzil', 'ASEAN']))
    expect(lead.score).toBeGreaterThan(0.5)
  })

  it('links the Arabic rendering to the English it translates and to the Malay behind that', () => {
    const arabic = linked(reports, reports[2]!.article.id)
    expect(arabic).toEqual(
      expect.arrayContaining([
        [4, '302', 1],
        [4, '301', 7]
      ])
    )
  })

  it("takes each article's language from its report, as the language stage guessed it", () => {
    const {rows} = translationsAmong(reports)
    expect([1, 2, 5].map((index) => rows.get(reports[index]!.article.id)?.language)).toEqual(['en', 'ar', 'es'])
  })

  it('tells articles of no known language apart by their vocabulary alone', () => {
    const interner = new Interner()
    const unknown = (index: number) => readRow({...reports[index]!, article: {...reports[index]!.article, language: null}}, interner)
    const [english, arabic] = [unknown(1), unknown(2)]
    expect([english.language, arabic.language]).toEqual(['und', 'und'])
    expect(differentLanguages(english, arabic)).toBe(true)
    expect(differentLanguages(english, unknown(1))).toBe(false)
  })

  it('marks the article published first as the likely original, from the dates the rows keep', () => {
    // The fixtures' pages print no time and zone: each is given one, a day apart, in the order of the list.
    const dated = reports.map((report, day) => ({...report, article: {...report.article, published: `2025-11-${10 + day}T08:00:00+08:00`}}))
    const {links, rows} = translationsAmong(dated)
    const earlier = (index: number, other: number) =>
      patchTranslations(dated[index]!, links.get(dated[index]!.article.id) ?? [], rows, loadTranslationConfig())
        .blocks.flatMap((block) => block.translations)
        .filter((link) => link.article === dated[other]!.article.id)
        .map((link) => link.earlier)
    expect(new Set(earlier(1, 0))).toEqual(new Set([true]))
    expect(new Set(earlier(0, 1))).toEqual(new Set([false]))
    expect(new Set(earlier(2, 1))).toEqual(new Set([true]))
  })

  it('leaves a page on the same event in its own words unlinked', () => {
    expect(linked(reports, reports[3]!.article.id).filter(([, other]) => other === '302')).toEqual([])
  })

  it('gives an uncredited translation the agency of the credited original, with evidence of kind translation', () => {
    const spanish = reports[5]!
    const lead = spanish.blocks.find((block) => block.lines[0] === 1)!
    const reuters = lead.sources.find((source) => source.agency === 'reuters')!
    expect(reuters.evidence[0]).toMatchObject({kind: 'translation', ruleId: 'translation/anchors', article: reports[4]!.article.id})
    expect(reuters.confidence).toBeLessThan(0.9)
    expect(spanish.summary.translated).toBeGreaterThan(0.5)
    expect(spanish.summary.credited).toBe(false)
  })

  it('carries no agency over a translation unless the settings turn the carry on', async () => {
    const [, spanish] = await reportsOf(['310_srnnews-peru-landslide-boats-reuters.txt', '311_eleconomista-tragedia-peru-deslizamiento-embarcaciones.txt'])
    expect(spanish!.blocks.some((block) => block.translations.length > 0)).toBe(true)
    for (const block of spanish!.blocks)
      for (const source of block.sources) expect(source.evidence.some((evidence) => evidence.kind === 'translation')).toBe(false)
  }, 60_000)

  it('gives the links and carried agencies recorded when every row held all of its article', async () => {
    await expect(`${JSON.stringify(translationLinksOf(reports), null, 2)}\n`).toMatchFileSnapshot('fixtures/xlang-links/carrying.json')
  })

  it('adds no agency to a paragraph that credits its own', () => {
    const original = reports[4]!
    for (const block of original.blocks)
      for (const source of block.sources) expect(source.evidence.some((evidence) => evidence.kind === 'translation')).toBe(false)
  })
})

describe('what is not a translation', () => {
  it('links nothing between articles in one language, even when the language identifier tells them apart', async () => {
    const run = await runCorpus({inputs: [join(ROOT, 'test/fixtures/corpus')]})
    const reports = run.articles.map((article) => article.report!)
    expect(reports.flatMap((report) => report.blocks.flatMap((block) => block.translations))).toEqual([])
    expect(translationsAmong(reports).links.size).toBe(0)
  }, 60_000)

  it('links nothing for a lone article or none', () => {
    expect(translationsAmong([]).links.size).toBe(0)
  })
})

describe('pages on the same event, among all the xlang articles', () => {
  let reports: Report[]
  beforeAll(async () => {
    const run = await runCorpus({inputs: [XLANG]})
    reports = run.articles.map((article) => article.report!)
  }, 120_000)

  it('links a translation to its own original, not to another outlet’s rendering of the same release, nor to that rendering’s translations', () => {
    const spanish = linked(reports, '317_confirmado-es-capsula-shenzhou21-xinhua.txt')
    expect(spanish).toEqual(
      expect.arrayContaining([
        [1, '316', 1],
        [11, '316', 3]
      ])
    )
    // CGTN's English story and its two Indonesian versions render the same release separately.
    expect(spanish.filter(([, other]) => ['312', '313', '314'].includes(other))).toEqual([])
  })

  it('leaves a page on the same event unlinked to a translation whose original it does not render', () => {
    // RI News Portal's page aligns with Xinhua's Spanish text over 48% of its body, with Xinhua's English original over 23%.
    expect(linked(reports, '315_rinews-shenzhou21-kapsul-mendarat-dongfeng.txt')).toEqual([])
    expect(linked(reports, '317_confirmado-es-capsula-shenzhou21-xinhua.txt').filter(([, other]) => other === '315')).toEqual([])
    // The Arabic rendering of theSun's English text, whose anchors keep too little of the Malay original's order to be judged
    // its translation, still aligns with it over most of its body: its link to the English stays.
    expect(linked(reports, '303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt')).toEqual(expect.arrayContaining([[4, '302', 1]]))
  })

  it('leaves two pages on the same event unlinked though they quote one statement in two languages', () => {
    expect(linked(reports, '304_mediamadani-reuters-nafi-laporan-penaja-keganasan.txt')).toEqual([])
    expect(linked(reports, '305_scoop-reuters-fahmi-state-sponsor-of-terror-fake.txt')).toEqual([])
  })

  it('links the Chinese page to the English story it translates, though most of its paragraphs keep a single name or number', () => {
    const chinese = linked(reports, '324_58ziyuan-zh-10-mps-support-pn-speculation.txt')
    expect(chinese).toEqual(
      expect.arrayContaining([
        [6, '321', 1],
        [8, '321', 3],
        [10, '321', 5]
      ])
    )
    // Scoop's page on another Fahmi story shares his name and a number with it, in another order.
    expect(chinese.filter(([, other]) => other === '305' || other === '301')).toEqual([])
  })

  it('links AFP’s Spanish first take to its Arabic translation, where most Arabic words share consonants with some Latin name by chance', () => {
    const arabic = linked(reports, '309_elmanshar-ar-peru-inhiyar-ardi-12-qatilan.txt')
    expect(arabic).toEqual(
      expect.arrayContaining([
        [1, '306', 1],
        [3, '306', 5]
      ])
    )
    // Reuters' English and Spanish pages on the same landslide are other texts.
    expect(arabic.filter(([, other]) => other === '310' || other === '311')).toEqual([])
  })

  it('links a paragraph between two aligned pairs by a single anchor it shares, inside articles found to be translations', () => {
    // "The crew spent 204 days in orbit": one number, the only anchor both paragraphs hold.
    expect(linked(reports, '312_cgtn-shenzhou20-astronauts-return.txt')).toEqual(
      expect.arrayContaining([
        [19, '313', 13],
        [19, '314', 6]
      ])
    )
    // A page on the same event that is no translation of CGTN's story holds the same number: it stays unlinked to that story.
    expect(linked(reports, '315_rinews-shenzhou21-kapsul-mendarat-dongfeng.txt').filter(([, other]) => ['312', '313', '314'].includes(other))).toEqual([])
  })

  it('reads the paragraphs between two aligned pairs by their lengths, where the translator joined two into one', () => {
    // AFP's English update: "It said the navy had been called in to help." and "Novoa said the rescue effort was complicated…"
    // are one Indonesian paragraph, with no anchor in either; the closing quotation after them closes the gap.
    expect(linked(reports, '308_ntvnews-longsor-tenggelamkan-kapal-peru-afp.txt')).toEqual(
      expect.arrayContaining([
        [9, '307', 15],
        [9, '307', 17],
        [10, '307', 19]
      ])
    )
  })

  it('reads a gap at the end of an article one to one only: a last paragraph with no counterpart stays unlinked', () => {
    // Reuters' Spanish page ends on an INDECI quotation its English text does not print; CGTN's Indonesian text is cut off in the store.
    expect(linked(reports, '311_eleconomista-tragedia-peru-deslizamiento-embarcaciones.txt').filter(([line]) => line === 9)).toEqual([])
    expect(linked(reports, '313_bharataonline-id-shenzhou20-mendarat-dongfeng.txt').filter(([line]) => line === 19)).toEqual([])
  })

  it('does not pair two paragraphs after the aligned pairs by the story’s subject alone', () => {
    // ANTARA's Indonesian story ends on a paragraph cut off in the store ("Gunung Semeru masih berstatus Siaga atau"): kept as body,
    // its one anchor is Semeru, which most paragraphs of both versions name; the English paragraph it renders names nothing.
    const semeru = reports.find((report) => report.article.id.startsWith('318'))!
    expect(semeru.blocks.find((block) => block.lines[0] === 21)?.role).toBe('body')
    expect(linked(reports, '318_pon-antaranews-gunung-semeru-erupsi-5-kali.txt').filter(([line]) => line === 21)).toEqual([])
  })

  it('gives the links recorded when every row held all of its article', async () => {
    await expect(`${JSON.stringify(translationLinksOf(reports), null, 2)}\n`).toMatchFileSnapshot('fixtures/xlang-links/all.json')
  })

  it('leaves a reprint unlinked to the translation of what it reprints when the run has no reuse links', () => {
    // Harapan Daily's rewrite of BERNAMA's English story keeps too few anchors of its own to be aligned with the Chinese page.
    expect(linked(reports, '323_harapandaily-govt-mps-joining-pn-speculation.txt').filter(([, other]) => other === '324')).toEqual([])
  })

  it('reads the Chinese page’s paragraphs as body text', () => {
    const chinese = reports.find((report) => report.article.id.startsWith('324'))!
    expect(chinese.blocks.filter((block) => block.role === 'body').map((block) => block.lines[0])).toEqual([6, 8, 10, 12, 14, 16])
  })
})

describe('translations carried through same-language copies, with a reuse index', () => {
  const FAHMI_REPRINT = '323_harapandaily-govt-mps-joining-pn-speculation.txt'
  const CHINESE = '324_58ziyuan-zh-10-mps-support-pn-speculation.txt'
  let reports: Report[]
  beforeAll(async () => {
    const run = await runCorpus({inputs: [XLANG], index: ':memory:'})
    reports = run.articles.map((article) => article.report!)
  }, 120_000)

  const report = (id: string) => reports.find((candidate) => candidate.article.id === id)!

  it('links a reprint’s paragraphs to the translation of the paragraphs it reprints, naming the paragraph each rests on', () => {
    expect(linked(reports, FAHMI_REPRINT)).toEqual(
      expect.arrayContaining([
        [3, '324', 6],
        [5, '324', 8],
        [7, '324', 10],
        [9, '324', 12]
      ])
    )
    const reprint = report(FAHMI_REPRINT)
    const carried = reprint.blocks.flatMap((block) => block.translations.map((link) => ({block, link})))
    expect(carried.length).toBeGreaterThan(0)
    for (const {block, link} of carried) {
      expect(link).toMatchObject({article: CHINESE, by: 'copy', anchors: []})
      // The link rests on a reuse link from this paragraph to the paragraph it names, and on that paragraph's translation.
      const source = report(link.via!)
      const reuse = block.reuse.find((shared) => shared.article === link.via && shared.block === link.viaBlock)!
      const translation = source.blocks
        .find((candidate) => candidate.id === link.viaBlock)!
        .translations.find((other) => other.article === CHINESE && other.block === link.block)!
      expect(link.score).toBeLessThanOrEqual(Math.min(reuse.similarity, translation.score))
    }
    // The Chinese page names the reprint in turn.
    const back = report(CHINESE).blocks.flatMap((block) => block.translations.filter((link) => link.article === FAHMI_REPRINT))
    expect(back.map((link) => [link.by, link.via?.slice(0, 3)])).toEqual(carried.map(({link}) => ['copy', link.via!.slice(0, 3)]))
  })

  it('carries nothing from an outlet’s own story that shares one paragraph with another text of the same release', async () => {
    // CGTN's English story prints a paragraph of Xinhua's English text; CGTN's Indonesian versions translate CGTN's story, not Xinhua's.
    const carried = (among: Report[]) =>
      among
        .find((candidate) => candidate.article.id.startsWith('316'))!
        .blocks.flatMap((block) => block.translations.filter((link) => link.by === 'copy').map((link) => link.article.slice(0, 3)))
    expect(carried(reports)).toEqual([])
    // Carried without the copy check, the shared paragraph would link Xinhua's text to CGTN's translations.
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-xlang-copies-'))
    try {
      writeFileSync(join(dir, 'translation.yaml'), 'copyCoverage: 0\n')
      const run = await runCorpus({inputs: [XLANG], index: ':memory:', rules: [dir]})
      expect(carried(run.articles.map((article) => article.report!))).toEqual(expect.arrayContaining(['313', '314']))
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }, 120_000)
})

describe('the settings file', () => {
  it('is merged over the built-in one from a user rules folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-xlang-config-'))
    try {
      spawnSync('sh', ['-c', `printf 'minCoverage: 0.9\\n' > ${join(dir, 'translation.yaml')}`])
      const config = loadTranslationConfig([dir])
      expect(config.minCoverage).toBe(0.9)
      expect(config.weight).toBe(loadTranslationConfig().weight)
      spawnSync('sh', ['-c', `printf 'minCoverag: 0.9\\n' > ${join(dir, 'translation.yaml')}`])
      expect(() => loadTranslationConfig([dir])).toThrow(/translation\.yaml:1:1/)
      // A language the runtime names no country in, or no language at all, is refused with the file's line.
      for (const language of ['xx', 'not a tag']) {
        spawnSync('sh', ['-c', `printf 'minCoverage: 0.9\\ncountryNameLanguages: [en, "${language}"]\\n' > ${join(dir, 'translation.yaml')}`])
        expect(() => loadTranslationConfig([dir])).toThrow(/translation\.yaml:2:.*names countries/)
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

const python = spawnSync('python3', ['--version']).status === 0
describe.skipIf(!python)('the translation scorer agrees with score_xlang.py (copied in test/fixtures/eval)', () => {
  let work: string
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wiretrace-xlang-score-'))
  })
  afterAll(() => rmSync(work, {recursive: true, force: true}))

  it('on fresh xlang reports, with the language table beside the gold file', async () => {
    const set = loadGoldSet(XLANG_GOLD, {}, ROOT)
    const out = join(work, 'rules')
    await runGoldSet(set, 'rules', out)
    // score_xlang.py reads the language table beside the gold file.
    const goldDir = join(work, 'gold')
    spawnSync('mkdir', ['-p', goldDir])
    copyFileSync(XLANG_GOLD, join(goldDir, 'xlang.gold.json'))
    copyFileSync(join(XLANG, 'sources.tsv'), join(goldDir, 'sources.tsv'))
    const run = spawnSync('python3', [SCORE_XLANG_PY, join(goldDir, 'xlang.gold.json'), out, '--json', '--texts', XLANG], {encoding: 'utf8'})
    expect(run.status, run.stderr).toBe(0)
    const ours = scoreTranslations(loadGold(XLANG_GOLD), loadReports(out), [XLANG, goldDir], set.languages)
    expect(ours).toEqual(JSON.parse(run.stdout))
    expect(ours.translations.found).toBeGreaterThan(0)
    // Among all 24 articles the Arabic page's own anchors no longer carry it to the Malay original: the English version does.
    const arabic = JSON.parse(readFileSync(join(out, '303_samapost-ar-fahmi-us-sanctions-fake-thesun.txt.json'), 'utf8')) as Report
    const throughEnglish = arabic.blocks.flatMap((block) => block.translations).filter((link) => link.by === 'pivot')
    expect(throughEnglish.length).toBeGreaterThan(0)
    expect(throughEnglish.every((link) => link.article.startsWith('301') && link.via?.startsWith('302') && link.anchors.length === 0)).toBe(true)
    expect(ours.translations.predicted).toBeGreaterThan(ours.translations.correct)
    // Without any link every pair is missed, and precision is undefined in both.
    const empty = join(work, 'empty')
    spawnSync('mkdir', ['-p', empty])
    const none = spawnSync('python3', [SCORE_XLANG_PY, join(goldDir, 'xlang.gold.json'), empty, '--json', '--texts', XLANG], {encoding: 'utf8'})
    expect(scoreTranslations(loadGold(XLANG_GOLD), loadReports(empty), textDirsFor(join(goldDir, 'xlang.gold.json'), [XLANG]), set.languages)).toEqual(
      JSON.parse(none.stdout)
    )
  }, 120_000)
})
