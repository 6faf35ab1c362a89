import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {explainFile, renderExplanation} from '../run/explain.ts'
import {loadRules} from '../core/rules/load.ts'
import {cli} from './helpers/rules-cli.ts'

const SEED = 'seeds/002_756809b8681f022c.txt'

function article(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wiretrace-explain-')), 'a.txt')
  writeFileSync(path, text)
  return path
}

describe('explain', () => {
  it('names the rule that decided each line, where it is written, and the spans cut from it', async () => {
    const explanation = await explainFile(SEED)
    expect(explanation.outlets.map((outlet) => outlet.id)).toEqual(['antaranews', 'rakyatnews'])
    const lead = explanation.lines.find((line) => line.lines[0] === 5)!
    expect(lead.role).toBe('body')
    expect(lead.cuts).toEqual([
      {text: 'Moskow (ANTARA) - ', ruleId: 'common/agency-dateline', source: expect.objectContaining({file: 'rules/common/common.yaml'})}
    ])
    const teaser = explanation.lines.find((line) => line.lines[0] === 33)!
    const readAlso = loadRules().defined.find((rule) => rule.id === 'common-id/read-also')!
    expect(teaser).toMatchObject({role: 'boilerplate', ruleId: 'common-id/read-also', source: readAlso.source})
    expect(readAlso.source.file).toBe('rules/common/common-id.yaml')
  })

  it('says when no rule decided a line', async () => {
    const explanation = await explainFile(article('Judul berita yang cukup panjang ini\nIsi berita yang panjang dan biasa saja, tanpa apa-apa.\n'), {line: 2})
    expect(explanation.lines).toHaveLength(1)
    expect(explanation.lines[0]!.ruleId).not.toMatch(/^common/)
    expect(explanation.lines[0]!.cuts).toEqual([])
  })

  it('tells why a rule whose pattern matches had no say: an outlet not recognised, an exception', async () => {
    const plain = await explainFile(article('Judul berita yang cukup panjang ini\nMahmud Muhyidin/Republika\nIsi berita yang panjang dan biasa saja.\n'), {
      line: 2
    })
    expect(plain.lines[0]!.bystanders).toContainEqual(
      expect.objectContaining({ruleId: 'republika/photo-credit', reason: 'it applies only to outlet "republika", which this article is not recognised as'})
    )
    const overlaid = await explainFile('test/fixtures/corpus/068_republika-setnov-media-malaysia.txt', {line: 6, dirs: ['test/fixtures/rules/overlay']})
    expect(overlaid.lines[0]!.bystanders).toContainEqual(
      expect.objectContaining({ruleId: 'republika/photo-credit', reason: 'an exception keeps it off (test/fixtures/rules/overlay/my-republika.yaml:9:5)'})
    )
  })

  it('prints one entry per line with the rule and its file:line:column', async () => {
    const {code, stdout} = await cli(['explain', SEED, '--line', '44'])
    expect(code).toBe(EXIT_OK)
    expect(stdout).toMatch(
      /^seeds\/002_756809b8681f022c\.txt\n {2}outlets: ANTARA News \(recognised on line 5\), Rakyat News \(aggregator\) \(recognised on line 43\)\n\n {2}line 44 {2}boilerplate {2}Rakyat news \| \| \| \|\n {4}common\/pipe-row \(rules\/common\/common\.yaml:\d+:5\): menu or share row/
    )
  })

  it('prints JSON with --json', async () => {
    const {stdout} = await cli(['explain', SEED, '--line', '3', '--json'])
    expect(JSON.parse(stdout).lines).toEqual([expect.objectContaining({lines: [3, 3], role: 'boilerplate', ruleId: 'common/relative-time'})])
  })

  it('exits 2 for a blank line or a missing file', async () => {
    expect((await cli(['explain', SEED, '--line', '2'])).stderr).toBe(`wiretrace: line 2 of ${SEED} is blank or past the end; explain a line with text on it\n`)
    expect((await cli(['explain', 'seeds/none.txt'])).code).toBe(EXIT_USAGE)
  })

  it('renders a file that failed with its reason', () => {
    expect(renderExplanation({path: 'a.txt', failure: 'file is empty', outlets: [], url: null, lines: []})).toBe('a.txt\n  failed: file is empty\n')
  })
})

describe('explain shows what a field: rule captured', () => {
  it('names the field, the value and the rule, in text and in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-captured-'))
    const path = join(dir, 'a.txt')
    writeFileSync(
      path,
      'Judul berita contoh yang cukup panjang\n\nJakarta - Presiden berbicara kepada wartawan di istana pada hari Senin tentang rencana pemerintah.\n\nPenulis: Redaksi Contoh\n'
    )
    const explanation = await explainFile(path, {dirs: ['test/fixtures/user-repo/rules/local'], line: 5})
    expect(explanation.lines[0]!.captured).toEqual([{field: 'byline', value: 'Redaksi Contoh', ruleId: 'contoh/sign-off'}])
    expect(renderExplanation(explanation)).toContain('    captured byline "Redaksi Contoh" by contoh/sign-off\n')
    const plain = await explainFile(path, {line: 3})
    expect(plain.lines[0]!.captured).toEqual([])
  })
})
