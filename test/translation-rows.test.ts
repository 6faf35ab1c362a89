import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCorpus} from '../run/run.ts'
import {differentLanguages, draftRow, internRow, Interner, readArticle, readRow, type TranslationRow} from '../link/translation/link.ts'
import fc from 'fast-check'
import {anchorVocabulary, loadTranslationConfig} from '../link/translation/config.ts'
import {loadCalendar} from '../core/dates.ts'
import {TranslationRows} from '../link/translation/rows.ts'
import type {Report} from '../pipeline/report-schema.ts'

const XLANG = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test/fixtures/xlang')

/** A row as plain values, to compare a row handed out by the table with the one taken in. */
const plain = (row: TranslationRow) => ({...row, keys: [...row.keys], vocabulary: [...row.vocabulary]})

/** Every row of the table's source, by position from first to last. */
const allRows = (table: TranslationRows) => {
  const source = table.source()
  return Array.from({length: source.size}, (_, index) => source.at(index))
}

describe('translation rows in columns', () => {
  let reports: Report[]
  beforeAll(async () => {
    const run = await runCorpus({inputs: readdirSync(XLANG).map((file) => join(XLANG, file))})
    reports = run.articles.map((article) => article.report!)
  })

  it('hands out every row as it was taken in, in the order taken in, from a scratch file it removes once closed', () => {
    const scratchFolders = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('wiretrace-translation-rows-')))
    const before = scratchFolders()
    const interner = new Interner()
    const table = new TranslationRows()
    const read = reports.map((report) => readRow(report, interner))
    const rows: TranslationRow[] = []
    // Enough rows (each article under many ids) to fill several chunks of keys and vocabulary, and more than one of records.
    for (let copy = 0; copy < 400; copy++) {
      for (const row of read) {
        // Publication dates of every kind: none, and strings of any length and script.
        const published = copy % 3 === 0 ? null : `${row.published ?? '2024'}-${copy} ${copy % 3 === 1 ? '' : '١٢ مايو 😀'.repeat(copy)}`
        const renamed = {...row, id: `${copy}/${row.id}`, published}
        rows.push(renamed)
        table.set(renamed)
      }
    }
    const made = [...scratchFolders()].filter((name) => !before.has(name))
    expect(made).toHaveLength(1)
    expect(allRows(table).map(plain)).toEqual(rows.map(plain))
    // By position in any order, as a candidate's partner is read: chunks let go of are read again.
    const source = table.source()
    for (let index = source.size - 1; index >= 0; index -= 7) expect(plain(source.at(index))).toEqual(plain(rows[index]!))
    const last = rows.at(-1)!
    expect(plain(table.get(last.id)!)).toEqual(plain(last))
    expect(table.has(rows[0]!.id)).toBe(true)
    expect(table.get('not/taken-in.txt')).toBeUndefined()
    expect(table.has('not/taken-in.txt')).toBe(false)
    // Let go of once read back, rows are read again from the scratch file; a date is read alone.
    table.forgetReadBack()
    expect(table.publication(last.id)).toEqual({published: last.published})
    expect(table.publication(rows[0]!.id)).toEqual({published: rows[0]!.published})
    expect(table.publication('not/taken-in.txt')).toBeUndefined()
    expect(allRows(table).map(plain)).toEqual(rows.map(plain))
    table.close()
    expect(scratchFolders().has(made[0]!)).toBe(false)
  })

  it('takes in first a row with no anchor key (an article naming no one and no number)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-rows-test-'))
    try {
      writeFileSync(join(dir, 'plain.txt'), 'Judul berita yang bagus\nIsi berita pertama yang panjang.\nBaca Juga: Berita lain\n')
      const [plainReport] = (await runCorpus({inputs: [join(dir, 'plain.txt')]})).articles.map((article) => article.report!)
      const interner = new Interner()
      const plainRow = readRow(plainReport!, interner)
      expect(plainRow.keys).toHaveLength(0)
      const table = new TranslationRows()
      const rows = [plainRow, readRow(reports[0]!, interner)]
      for (const row of rows) table.set(row)
      expect(allRows(table).map(plain)).toEqual(rows.map(plain))
      table.close()
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('replaces a row taken in again, in its place', () => {
    const interner = new Interner()
    const table = new TranslationRows()
    const [first, second] = reports.map((report) => readRow(report, interner))
    table.set(first!)
    table.set(second!)
    const again = {...second!, id: first!.id}
    table.set(again)
    expect(allRows(table).map(plain)).toEqual([plain(again), plain(second!)])
    expect(plain(table.get(first!.id)!)).toEqual(plain(again))
    expect(first!.keys).not.toEqual(second!.keys)
    // Taken in again once the rows have been read: still in its place.
    const third = {...first!, id: second!.id}
    table.set(third)
    expect(allRows(table).map(plain)).toEqual([plain(again), plain(third)])
    expect(plain(table.get(second!.id)!)).toEqual(plain(third))
    table.close()
  })

  it('interns a row drafted on another thread into the row the main thread reads, ids included', () => {
    const vocabulary = anchorVocabulary(loadTranslationConfig(), loadCalendar())
    const read = new Interner()
    const drafted = new Interner()
    for (const report of reports) {
      // As it crosses from a worker thread.
      const draft = structuredClone(draftRow(report, vocabulary))
      expect(plain(internRow(draft, drafted)), report.article.id).toEqual(plain(readRow(report, read, vocabulary)))
    }
    expect(drafted.size).toBe(read.size)
    const [first, second] = reports.map((report) => draftRow(report, vocabulary))
    expect(first!.keys).not.toEqual(second!.keys)
  })

  it('reads the same anchors and words from a text whose scraper left Markdown links, strong marks and HTML tags', () => {
    const vocabulary = anchorVocabulary(loadTranslationConfig(), loadCalendar())
    const markedUp = (text: string) =>
      text
        .replace(/(?<=\p{Ll},? )(\p{Lu}\p{Ll}{3,})(?= \p{Ll})/gu, '[$1](https://example.com/topic/$1?id=2024)')
        .replace(/^(?=.{100})(\S.{20,}?[.!?])(?=\s)/gmu, '**$1**')
        .replace(/^(?=.*\S)(.+)$/gmu, '<p>$1</p>')
    let compared = 0
    for (const report of reports) {
      const body = report.blocks.filter((block) => block.role === 'body')
      const changed: Report = {...report, blocks: report.blocks.map((block) => (block.role === 'body' ? {...block, clean: markedUp(block.clean)} : block))}
      if (body.every((block) => markedUp(block.clean) === block.clean)) continue
      compared++
      const [plainRow, markedRow] = [report, changed].map((each) => draftRow(each, vocabulary))
      expect(markedRow, report.article.id).toEqual(plainRow)
      const plainArticle = readArticle(report, vocabulary)
      const markedArticle = readArticle(changed, vocabulary)
      expect(markedArticle.paragraphs.map((paragraph) => paragraph.anchors)).toEqual(plainArticle.paragraphs.map((paragraph) => paragraph.anchors))
      expect([...markedArticle.trigrams]).toEqual([...plainArticle.trigrams])
    }
    expect(compared).toBeGreaterThanOrEqual(20)
  })

  it('links the same translations when worker threads draft the rows as when the main thread reads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-rows-workers-'))
    try {
      const inputs = readdirSync(XLANG).map((file) => join(XLANG, file))
      await runCorpus({inputs, out: join(dir, 'one'), retain: false})
      await runCorpus({inputs, out: join(dir, 'two'), workers: 2, retain: false})
      const names = readdirSync(join(dir, 'one')).filter((name) => name.endsWith('.json') && name !== 'reuse.json')
      expect(readdirSync(join(dir, 'two'))).toEqual(readdirSync(join(dir, 'one')))
      let linked = 0
      for (const name of names) {
        const one = readFileSync(join(dir, 'one', name), 'utf8')
        expect(readFileSync(join(dir, 'two', name), 'utf8'), name).toBe(one)
        if ((JSON.parse(one) as Report).blocks.some((block) => block.translations.length > 0)) linked++
      }
      expect(linked).toBeGreaterThan(10)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }, 120_000)
})

describe('telling two articles apart by their vocabulary', () => {
  /** The judgement as first written: each word of one row looked for in the other's list, one by one. */
  const scanned = (a: TranslationRow, b: TranslationRow) => {
    if (a.language === b.language && a.language !== 'und') return false
    let shared = 0
    for (let index = 0; index < a.vocabulary.length; index += 2) {
      let other = 0
      for (let at = 0; at < b.vocabulary.length; at += 2) {
        if (b.vocabulary[at] !== a.vocabulary[index]) continue
        other = b.vocabulary[at + 1]! / b.lowerCaseWords
        break
      }
      shared += Math.min(a.vocabulary[index + 1]! / a.lowerCaseWords, other)
    }
    return shared < 0.1
  }
  // Word ids from a small range, so rows share words often; up to 80 words, past the 64 a draft keeps; a word may repeat.
  const row = (language: string) =>
    fc.record({
      id: fc.constant('x'),
      language: fc.constant(language),
      published: fc.constant(null),
      keys: fc.constant(new Uint32Array()),
      vocabulary: fc
        .array(fc.tuple(fc.integer({min: 0, max: 400}), fc.integer({min: 1, max: 30})), {maxLength: 80})
        .map((words) => Uint32Array.from(words.flat())),
      lowerCaseWords: fc.integer({min: 1, max: 900})
    })

  it('judges every pair as comparing the two lists word by word does', () => {
    fc.assert(
      fc.property(fc.constantFrom('und', 'id', 'ms'), fc.constantFrom('und', 'id'), fc.integer({min: 1, max: 8}), (first, second, pairs) =>
        fc.assert(
          fc.property(fc.array(fc.tuple(row(first), row(second)), {minLength: pairs, maxLength: pairs}), (rows) => {
            for (const [a, b] of rows) expect(differentLanguages(a, b)).toBe(scanned(a, b))
          }),
          {numRuns: 20}
        )
      ),
      {numRuns: 30}
    )
  })

  it('tells an article from one in another language, and not from one in its own', () => {
    const words = (ids: number[]) => Uint32Array.from(ids.flatMap((id) => [id, 10]))
    const indonesian = {id: 'a', language: 'und', published: null, keys: new Uint32Array(), vocabulary: words([1, 2, 3, 4, 5]), lowerCaseWords: 100}
    expect(differentLanguages(indonesian, {...indonesian, id: 'b', vocabulary: words([3, 4, 5, 6, 7])})).toBe(false)
    expect(differentLanguages(indonesian, {...indonesian, id: 'c', vocabulary: words([11, 12, 13, 14, 15])})).toBe(true)
    // A word listed twice counts with its first count: 1% of the other's words here, not 50%.
    const once = {...indonesian, vocabulary: Uint32Array.from([1, 50])}
    expect(differentLanguages(once, {...indonesian, id: 'd', vocabulary: Uint32Array.from([1, 1, 1, 50])})).toBe(true)
  })
})

describe('the interner of anchor keys and words', () => {
  /** Ids as a map of the strings would give them: by first sight, from 0. */
  const firstSeen = (texts: readonly string[]) => {
    const ids = new Map<string, number>()
    for (const text of texts) if (!ids.has(text)) ids.set(text, ids.size)
    return ids
  }

  it('gives each string the id of its first sight, whatever the strings (unpaired surrogates, one letter apart, empty)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({unit: 'binary'}), fc.constantFrom('', 'a', 'b', 'ab', 'ba', '\uD800', '\uDC00', 'Menteri', 'menteri'))),
        (texts) => {
          const interner = new Interner()
          const expected = firstSeen(texts)
          expect(texts.map((text) => interner.idOf(text))).toEqual(texts.map((text) => expected.get(text)))
          expect(interner.size).toBe(expected.size)
        }
      )
    )
  })

  it('keeps the ids through the growth of its table, and finds without giving an id', () => {
    const texts = Array.from({length: 50_000}, (_, index) => `${index % 7 === 0 ? 'Jakarta' : 'kata'}-${index.toString(36)}`)
    const interner = new Interner()
    for (const text of texts) interner.idOf(text)
    expect(interner.size).toBe(texts.length)
    expect(texts.every((text, index) => interner.find(text) === index && interner.idOf(text) === index)).toBe(true)
    expect(interner.find('never-seen')).toBeUndefined()
    expect(interner.find('kata-0')).toBeUndefined()
    expect(interner.size).toBe(texts.length)
  })
})
