/**
 * Each stage alone: a bare processor with decode and parse (which build the
 * tree every stage reads) and the one stage under test, on hand-written
 * text, with whatever an earlier stage would have put in the tree set by hand.
 * The full processor is tested on real articles in the other suites.
 */
import {readFileSync} from 'node:fs'
import {unified, type Plugin} from 'unified'
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {blockCleanText, cutSpan} from '../pipeline/block-view.ts'
import {blocksOf, type BlockData} from '../pipeline/data.ts'
import {wiretraceDecode} from '../pipeline/decode.ts'
import {loadGenericConfig} from '../pipeline/generic/config.ts'
import {wiretraceJoin} from '../pipeline/join/index.ts'
import {wiretraceLanguage} from '../pipeline/language.ts'
import {wiretraceParse} from '../pipeline/parse.ts'
import {wiretraceRepeats} from '../pipeline/repeats.ts'

function runAlone(stage: Plugin<[], Root>, text: string, before?: (blocks: BlockData[]) => void): {file: VFile; blocks: BlockData[]} {
  const file = new VFile({path: 'hand.txt', value: text})
  const parsed = unified().use(wiretraceDecode).use(wiretraceParse).runSync({type: 'RootNode', children: []}, file)
  before?.(blocksOf(parsed).map(({block}) => block))
  const tree = unified().use(stage).runSync(parsed, file)
  return {file, blocks: blocksOf(tree).map(({block}) => block)}
}

describe('repeats, alone', () => {
  const page = 'Banjir besar melanda kota tua itu\nAir naik dua meter dalam satu malam.\nBanjir besar melanda kota tua itu\nFoto\nFoto'

  it('makes the second printing of a line boilerplate, linked to the first', () => {
    const {blocks, file} = runAlone(wiretraceRepeats, page)
    expect(blocks.map((block) => [block.role, block.ruleId, block.repeatOf])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
      ['boilerplate', 'repeat/block', 'b1'],
      [undefined, undefined, undefined],
      [undefined, undefined, undefined]
    ])
    expect(file.data.decisions?.map((decision) => decision.ruleId)).toEqual(['repeat/block'])
  })

  it('knows a line again with a Markdown link or a character reference in one printing', () => {
    const twice =
      'Banjir besar melanda [kota tua](https://contoh.com/tag/kota-tua) itu\nAir naik dua meter dalam satu malam.\nBanjir besar melanda kota&nbsp;tua itu'
    expect(runAlone(wiretraceRepeats, twice).blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'repeat/block', repeatOf: 'b1'})
  })

  it("knows a headline printed with the site's name after it and without it, not two lines that differ in that name", () => {
    const headline = 'Banjir besar melanda kota tua itu'
    const twice = runAlone(wiretraceRepeats, `${headline} | Berita Contoh\nAir naik dua meter dalam satu malam.\n${headline}`, (blocks) => {
      blocks[0]!.role = 'title'
    })
    expect(twice.blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'repeat/title', repeatOf: 'b1'})
    const credits = runAlone(wiretraceRepeats, `${headline} - Reuters\nAir naik dua meter dalam satu malam.\n${headline} - AFP`)
    expect([credits.blocks[2]!.role, credits.blocks[2]!.repeatOf]).toEqual([undefined, undefined])
    // A time after a bar is no site's name: two date lines are not one headline.
    const dates = runAlone(wiretraceRepeats, 'Kamis, 25 Desember 2025 | 15:01\nAir naik dua meter dalam satu malam.\nKamis, 25 Desember 2025 | 21:17')
    expect(dates.blocks[2]!.repeatOf).toBeUndefined()
  })

  it('calls the repeat of a title repeat/title, and leaves a line an earlier stage decided alone', () => {
    const titled = runAlone(wiretraceRepeats, page, (blocks) => {
      blocks[0]!.role = 'title'
    })
    expect(titled.blocks[2]).toMatchObject({role: 'boilerplate', ruleId: 'repeat/title'})
    const decided = runAlone(wiretraceRepeats, page, (blocks) => {
      blocks[2]!.role = 'meta'
    })
    expect(decided.blocks[2]).toMatchObject({role: 'meta', repeatOf: 'b1'})
    expect(decided.file.data.decisions).toBeUndefined()
  })
})

describe('language, alone', () => {
  it('tells the language from the body and says so with its rule id', () => {
    const {file} = runAlone(wiretraceLanguage, 'The government said on Sunday that the flood waters had receded and residents were returning to their homes.')
    expect(file.data.language).toBe('en')
    expect(file.data.decisions?.map((decision) => decision.ruleId)).toEqual(['language/trigrams'])
  })

  it('reads only the body when earlier stages decided roles, and says null for too little text', () => {
    const spanish =
      'El gobierno dijo el domingo que las aguas de la inundación habían bajado y que los vecinos volvían a sus casas, según las autoridades locales.'
    const english = 'The government said on Sunday that the flood waters had receded and residents were returning home.'
    const mixed = `${spanish}\n${english}`
    const {file} = runAlone(wiretraceLanguage, mixed, (blocks) => {
      blocks[0]!.role = 'boilerplate'
      blocks[1]!.role = 'body'
    })
    expect(file.data.language).toBe('en')
    expect(runAlone(wiretraceLanguage, mixed).file.data.language).toBe('es')
    expect(runAlone(wiretraceLanguage, 'Ya.').file.data.language).toBeNull()
  })
})

describe('join, alone', () => {
  const join: Plugin<[], Root> = function () {
    return wiretraceJoin.call(this, {generic: loadGenericConfig()}) as ReturnType<Plugin<[], Root>>
  }
  // Reuters copy wrapped at about 60 characters (corpus2 232).
  const wrapped = readFileSync('test/fixtures/corpus2/232_chicagotribune-shenzhou10-reuters-xinhua.txt', 'utf8')

  it('joins the lines of each hard-wrapped paragraph into one block', () => {
    const {blocks, file} = runAlone(join, wrapped)
    expect(blocks.map((block) => block.line)).toEqual([1, 3, 5, 11, 15])
    expect(file.data.decisions?.map((decision) => [decision.ruleId, decision.line, decision.endLine])).toEqual([
      ['generic/hard-wrap', 5, 9],
      ['generic/hard-wrap', 11, 13]
    ])
  })

  it('leaves one-paragraph-a-line text as it is', () => {
    const text = 'The central bank kept its benchmark rate unchanged on Thursday.\n\nAnalysts had expected the decision.\n'
    const {blocks, file} = runAlone(join, text)
    expect(blocks.map((block) => block.line)).toEqual([1, 3])
    expect(file.data.decisions).toBeUndefined()
  })
})

describe("a block's clean text, as the summary and report stages read it", () => {
  const line = 'JAKARTA (ANTARA) - Banjir besar melanda kota tua itu.  Baca juga: Air naik dua meter'
  const parsed = () => {
    const file = new VFile({path: 'hand.txt', value: line})
    const tree = unified().use(wiretraceDecode).use(wiretraceParse).runSync({type: 'RootNode', children: []}, file)
    const [{node, block}] = blocksOf(tree) as [ReturnType<typeof blocksOf>[number]]
    return {text: String(file.value), node, block}
  }

  it('leaves out the spans cut, white space folded, and is read again after another cut', () => {
    const {text, node, block} = parsed()
    expect(blockCleanText(text, node, block)).toBe(line.replace('  ', ' '))
    const readAlso = text.indexOf('Baca juga')
    expect(cutSpan(block, {start: readAlso, end: text.length, ruleId: 'hand/read-also'})).toBe(true)
    expect(blockCleanText(text, node, block)).toBe('JAKARTA (ANTARA) - Banjir besar melanda kota tua itu.')
    expect(cutSpan(block, {start: 0, end: text.indexOf('Banjir'), ruleId: 'hand/dateline'})).toBe(true)
    expect(blockCleanText(text, node, block)).toBe('Banjir besar melanda kota tua itu.')
  })

  it('is not changed by a cut that overlaps one made already', () => {
    const {text, node, block} = parsed()
    expect(cutSpan(block, {start: 0, end: 10, ruleId: 'hand/first'})).toBe(true)
    const before = blockCleanText(text, node, block)
    expect(cutSpan(block, {start: 5, end: 20, ruleId: 'hand/overlapping'})).toBe(false)
    expect(blockCleanText(text, node, block)).toBe(before)
  })
})
