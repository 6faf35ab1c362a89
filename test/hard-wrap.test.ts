/**
 * Hard-wrapped paragraphs (`generic/hard-wrap`): real wrapped copy from
 * corpus2 in English, Indonesian and Arabic is joined into one block per
 * paragraph, losing nothing; scraped pages (a paragraph a line), menus,
 * lists and poems are left alone.
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {findWrappedParagraphs, type WrapLine} from '../pipeline/join/wrap.ts'
import {explainFile, renderExplanation} from '../run/explain.ts'
import {processBytes} from '../run/article.ts'
import {rebuildOriginal} from '../render/rebuild.ts'
import {runCorpus} from '../run/run.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'
import {processText, reportFor} from './helpers/pipeline.ts'

const CORPUS2 = 'test/fixtures/corpus2'
const read = (name: string) => readFileSync(join(CORPUS2, name), 'utf8')

/** The non-blank lines of a text, as the join stage reads them. */
function wrapLines(text: string): WrapLine[] {
  return text
    .split(/\r\n|\n|\r/)
    .flatMap((raw, index) => (raw.trim() === '' ? [] : [{text: raw.trim(), line: index + 1, indent: raw.length - raw.trimStart().length}]))
}

/** First and last line of each joined paragraph. */
function joined(text: string): Array<[number, number]> {
  const lines = wrapLines(text)
  return (findWrappedParagraphs(lines)?.paragraphs ?? []).map(({first, last}) => [lines[first]!.line, lines[last]!.line])
}

const multiLineBlocks = (text: string) =>
  reportFor(text)
    .blocks.filter((block) => block.lines[0] !== block.lines[1])
    .map((block) => block.lines)

describe('hard-wrapped copy is read as paragraphs', () => {
  it('joins Reuters copy wrapped at about 60 characters, paragraph by paragraph (en, corpus2 232)', () => {
    const text = read('232_chicagotribune-shenzhou10-reuters-xinhua.txt')
    expect(joined(text)).toEqual([
      [5, 9],
      [11, 13]
    ])
    const report = reportFor(text)
    const lead = report.blocks.find((block) => block.lines[0] === 5)!
    expect(lead).toMatchObject({lines: [5, 9], role: 'body', id: 'b5'})
    expect(lead.text).toBe(text.split('\n').slice(4, 9).join('\n'))
    expect(lead.clean).toMatch(/^China's latest manned spacecraft landed safely .* news agency said\.$/u)
    expect(report.messages.find((message) => message.ruleId === 'generic/hard-wrap')).toMatchObject({line: 5, endLine: 9})
    // The cut-off reporting credit under the text stays a line of its own, and meta.
    expect(report.blocks.find((block) => block.lines[0] === 15)).toMatchObject({lines: [15, 15], role: 'meta'})
  })

  it('joins an e-paper column with end-of-line hyphenation, paragraphs not set apart by blank lines (id, corpus2 260)', () => {
    const text = read('260_analisadaily-epaper-griner-bout-antara-xinhua.txt')
    expect(joined(text)).toEqual([
      [7, 10],
      [11, 15],
      [16, 21],
      [22, 28],
      [30, 31],
      [33, 35],
      [36, 39],
      [40, 42],
      [43, 47]
    ])
    const report = reportFor(text)
    for (const first of [7, 11, 16, 22, 33, 36, 40, 43]) expect(report.blocks.find((block) => block.lines[0] === first)?.role).toBe('body')
    // The page header and the title set in large type are not prose.
    expect(report.blocks.filter((block) => block.lines[0] <= 6).every((block) => block.lines[0] === block.lines[1])).toBe(true)
  })

  it('does not take a zero-width character opening a wrapped line for an indent (id, corpus2 260)', () => {
    // A scraped page scatters invisible characters through its lines; one opening line 9 ("(9/12). AS juga …") is not
    // white space a reader sees, and an indented line would open a paragraph of its own.
    const lines = read('260_analisadaily-epaper-griner-bout-antara-xinhua.txt').split('\n')
    lines[8] = `\u200B${lines[8]}`
    const report = reportFor(lines.join('\n'))
    expect(report.blocks.find((block) => block.lines[0] === 7)).toMatchObject({lines: [7, 10], role: 'body'})
  })

  it('joins a paragraph whose first word the page set apart (a drop cap) in a script without case (ar, corpus2 217)', () => {
    const text = read('217_mancheete-notre-dame-reuters-wrapped-ar.txt')
    expect(joined(text)).toEqual([
      [1, 2],
      [3, 5],
      [6, 8],
      [9, 11],
      [12, 14],
      [15, 16],
      [17, 20],
      [21, 23]
    ])
    expect(reportFor(text).blocks.map((block) => block.role)).toEqual(Array(8).fill('body'))
  })

  it('leaves every line a block when a generic.yaml switches generic/hard-wrap off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-wrap-off-'))
    writeFileSync(join(dir, 'generic.yaml'), 'off: [generic/hard-wrap]\n')
    const processor = createProcessor(loadPipelineData({dirs: [dir]}))
    const bytes = new TextEncoder().encode(read('232_chicagotribune-shenzhou10-reuters-xinhua.txt'))
    const report = processBytes(processor, bytes, {relative: 'a.txt', display: 'a.txt'}).data.report!
    expect(report.blocks.every((block) => block.lines[0] === block.lines[1])).toBe(true)
    expect(report.messages.some((message) => message.ruleId === 'generic/hard-wrap')).toBe(false)
  })

  it('explains a joined block with its lines and the join decision', async () => {
    const explanation = await explainFile(join(CORPUS2, '232_chicagotribune-shenzhou10-reuters-xinhua.txt'), {line: 7})
    expect(explanation.lines).toHaveLength(1)
    expect(explanation.lines[0]).toMatchObject({lines: [5, 9], role: 'body', joined: {ruleId: 'generic/hard-wrap'}})
    expect(explanation.lines[0]!.joined!.reason).toMatch(/^lines 5–9 are one paragraph hard-wrapped at about \d+ characters/u)
    expect(renderExplanation(explanation)).toContain('joined by generic/hard-wrap: lines 5–9')
  })

  it('gives the reuse index the joined paragraph: a link from a copy printed a paragraph a line names all its lines', async () => {
    const wrapped = read('232_chicagotribune-shenzhou10-reuters-xinhua.txt')
    const lines = wrapped.split('\n')
    const flat = `${['Chinese spacecraft lands after mission', lines.slice(4, 9).join(' '), lines.slice(10, 13).join(' ')].join('\n')}\n`
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-wrap-'))
    writeFileSync(join(dir, 'wrapped.txt'), wrapped)
    writeFileSync(join(dir, 'flat.txt'), flat)
    const result = await runCorpus({inputs: [dir], index: join(dir, 'index.sqlite'), out: join(dir, 'reports')})
    const flatReport = result.articles.find((article) => article.input.relative === 'flat.txt')!.report!
    expect(flatReport.blocks.flatMap((block) => block.reuse.map((link) => [block.lines[0], link.article, link.lines]))).toEqual([
      [2, 'wrapped.txt', [5, 9]],
      [3, 'wrapped.txt', [11, 13]]
    ])
  })
})

describe('text that is not hard-wrapped stays a block a line', () => {
  it('never joins lines of the seeds, the corpus, xlang or the corpus2 pages printed a paragraph a line', () => {
    const wrappedOnes = new Set([
      '217_mancheete-notre-dame-reuters-wrapped-ar.txt',
      '232_chicagotribune-shenzhou10-reuters-xinhua.txt',
      '260_analisadaily-epaper-griner-bout-antara-xinhua.txt'
    ])
    for (const dir of ['seeds', 'test/fixtures/corpus', 'test/fixtures/xlang', CORPUS2]) {
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt') && !wrappedOnes.has(file))) {
        expect({name, joined: joined(readFileSync(join(dir, name), 'utf8'))}).toEqual({name, joined: []})
      }
    }
  })

  it("ends a wrapped paragraph at a line of one token that is not full, even with lower case under it (the desks' initials)", () => {
    const text = read('232_chicagotribune-shenzhou10-reuters-xinhua.txt').split('\n').slice(4, 13)
    // The initials that close wire copy, then the copy printed again from a line that goes on in lower case.
    const closed = [...text, 'jd-abc/mm', ...text.slice(1, 5)].join('\n')
    const report = reportFor(closed)
    expect(report.blocks.find((block) => block.text === 'jd-abc/mm')).toMatchObject({role: 'meta', ruleId: 'generic/sign-off'})
  })

  it('ends a wrapped paragraph above a short labelled field (a credit line), even under a line that does not close its sentence', () => {
    const lines = read('232_chicagotribune-shenzhou10-reuters-xinhua.txt').split('\n').slice(0, 9)
    // The wire's end mark after the last sentence leaves the full line open; the credit under it stands alone.
    const text = [...lines.slice(0, 8), 'news agency said, citing the mission control centre. //', 'Fuente: Reuters', ''].join('\n')
    expect(joined(text)).toEqual([[5, 9]])
    expect(reportFor(text).blocks.find((block) => block.lines[0] === 10)).toMatchObject({lines: [10, 10], role: 'boilerplate'})
  })

  it('keeps a short real one-line paragraph body, alone', () => {
    // corpus2 233: short paragraphs, one a line, between blank lines.
    const text = read('233_timesofmalta-shenzhou10-reuters-stripped.txt')
    expect(multiLineBlocks(text)).toEqual([])
    expect(reportFor(text).blocks.find((block) => block.text === "It is China's fifth manned space mission since 2003.")).toMatchObject({
      lines: [9, 9],
      role: 'body'
    })
  })

  it('does not take a list of short lines for a wrapped paragraph', () => {
    // The teaser list under corpus2 241 and the widget lines of 204, one after another.
    const list = [
      'More Stories',
      'Antalya’da Beydağları Sahil Milli Parkı’nda Yangın Kontrol Altına Alındı',
      'İş insanı Asil Nadir’in hayatını kaybettiği iddia edildi; eşinden açıklama geldi',
      'Rus diplomatın akreditasyonu iptal edildi',
      'Chargement du twitt...',
      'Chargement du twitt...'
    ]
    expect(joined(list.join('\n'))).toEqual([])
    // A bulleted list with lower-case items is a list even when each item runs on.
    expect(joined(['- pemadam kebakaran dari tiga kota', '- polisi dan tentara', '- relawan palang merah', '- warga sekitar katedral'].join('\n'))).toEqual([])
  })

  it('does not join Arabic lines that fill a width but never close a sentence (a list), without case to show they go on (ar, corpus2 217)', () => {
    const lines = read('217_mancheete-notre-dame-reuters-wrapped-ar.txt').split('\n')
    expect(joined(lines.join('\n'))).toContainEqual([6, 8])
    // The same lines with the sentence left open and a blank line under them: nothing shows they are one paragraph.
    const open = [...lines.slice(0, 7), lines[7]!.replace(/\.$/u, ''), '', ...lines.slice(8)].join('\n')
    expect(joined(open)).not.toContainEqual([6, 8])
    expect(joined(open)).toContainEqual([10, 12])
  })

  it('does not join a poem: short lines that do not fill a width', () => {
    const poem = [
      'Because I could not stop for Death –',
      'He kindly stopped for me –',
      'The Carriage held but just Ourselves –',
      'And Immortality.',
      '',
      'We slowly drove – He knew no haste',
      'And I had put away',
      'My labor and my leisure too,',
      'For His Civility –'
    ]
    expect(joined(poem.join('\n'))).toEqual([])
    expect(multiLineBlocks(poem.join('\n'))).toEqual([])
  })

  it('does not join across a blank line or into an indented line', () => {
    const lines = read('232_chicagotribune-shenzhou10-reuters-xinhua.txt').split('\n')
    // An indent opens a paragraph, as in wire copy that indents instead of leaving a blank line.
    const indented = [...lines.slice(4, 9), ...lines.slice(10, 13).map((line, index) => (index === 0 ? `   ${line}` : line))].join('\n')
    expect(joined(indented)).toEqual([
      [1, 5],
      [6, 8]
    ])
  })
})

describe('nothing lost when lines are joined', () => {
  // Real wrapped paragraphs, re-wrapped at a width the property picks, with any line ending.
  const paragraphs = [
    "SHANGHAI, June 26 (Reuters) - China's latest manned spacecraft landed safely on Wednesday morning after a 15-day mission to an experimental space lab, the country's latest step towards the development of a space station, the official Xinhua news agency said.",
    'Britney Griner ditahan pada Februari 2022 saat tiba di bandara Moskow dari New York atas tuduhan penyelundupan narkoba. Setibanya di Moskow, tabung vape berisi minyak ganja ditemukan di koper Griner.',
    'حريق في كاتدرائية نوتردام التي تعود للعصور الوسطى بوسط العاصمة الفرنسية باريس بعد ظهر الاثنين مما دفع رجال الإطفاء لإخلاء المنطقة المحيطة بأحد أشهر معالم المدينة.'
  ]
  const wrap = (text: string, width: number) => {
    const out: string[] = []
    let line = ''
    for (const word of text.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    return [...out, line]
  }
  const article = fc
    .tuple(
      fc.integer({min: 35, max: 80}),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.subarray(paragraphs, {minLength: 1}),
      fc.constantFrom('', '  ', '\u00A0'),
      fc.boolean()
    )
    .map(([width, end, chosen, edge, blankBetween]) =>
      chosen
        .map((text) =>
          wrap(text, width)
            .map((line) => line + edge)
            .join(end)
        )
        .join(blankBetween ? end + end : end)
    )

  it('rebuilds every re-wrapped input byte for byte, and its blocks and removed spans tile it', () => {
    let joinedInputs = 0
    fc.assert(
      fc.property(article, (text) => {
        const file = processText(text)
        const report = JSON.parse(JSON.stringify(file.data.report))
        if (report.blocks.some((block: {lines: [number, number]}) => block.lines[0] !== block.lines[1])) joinedInputs++
        expect(Buffer.from(rebuildOriginal(report)).equals(Buffer.from(text))).toBe(true)
        const covered = [...report.blocks, ...report.removed.filter((span: {block: string | null}) => span.block === null)].reduce(
          (sum: number, piece: {start: number; end: number}) => sum + piece.end - piece.start,
          0
        )
        expect(covered).toBe([...text].length)
        for (const block of report.blocks) expect([...text].slice(block.start, block.end).join('')).toBe(block.text)
      }),
      {numRuns: 120}
    )
    // The property is about joined blocks: most generated inputs must have some.
    expect(joinedInputs).toBeGreaterThan(60)
  })
})
