/**
 * Outlet recognition must be specific: each outlet file's recognise
 * patterns find its own articles in the seeds and the shared corpus, and
 * never fire on another outlet's article. Every outlet file also has to say
 * where its examples come from.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {loadRules} from '../core/rules/load.ts'
import {isBlank, matchText} from '../core/text.ts'

const {outlets, ruleFiles} = loadRules()

/** The outlets whose text each article carries (from the corpus's sources.tsv and the seeds' gold). */
const EXPECTED: Record<string, string[]> = {
  'seeds/000_0ff0c87b60d874fd.txt': ['orbitindonesia'],
  'seeds/001_fbe5a5956e437734.txt': ['harianbogorraya'],
  'seeds/002_756809b8681f022c.txt': ['antaranews', 'rakyatnews'],
  'seeds/003_1d1aa39e3ef4d986.txt': ['republika'],
  'seeds/004_9a79566599d7a3b5.txt': ['okezone'],
  'test/fixtures/corpus/001_jogja-antara-gaza-11-tewas.txt': ['antaranews'],
  'test/fixtures/corpus/009_inews-amp-rusia-turki-idlib.txt': ['inews'],
  'test/fixtures/corpus/010_inews-www-rusia-turki-idlib.txt': ['inews'],
  'test/fixtures/corpus/014_okezone-video-rs-baptis-aptn.txt': ['okezone'],
  'test/fixtures/corpus/042_sindonews-infografis-erdogan-anadolu.txt': ['sindonews'],
  'test/fixtures/corpus/043_rmol-erdogan-putin-zelensky-afp.txt': ['rmol'],
  'test/fixtures/corpus/067_suara-setnov-media-malaysia.txt': ['suara'],
  'test/fixtures/corpus/068_republika-setnov-media-malaysia.txt': ['republika'],
  'test/fixtures/corpus/069_republika-setnov-media-asing.txt': ['republika'],
  'test/fixtures/corpus/070_viva-setnov-media-asing.txt': ['viva']
}

const articles = [
  ...readdirSync('seeds').map((name) => `seeds/${name}`),
  ...readdirSync('test/fixtures/corpus')
    .filter((name) => name.endsWith('.txt'))
    .map((name) => `test/fixtures/corpus/${name}`)
]

function recognisedIn(path: string): string[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r\n|\r|\n/)
    .filter((line) => !isBlank(line))
    .map((line) => matchText(line.trim()).value)
  return outlets.filter((outlet) => lines.some((line) => outlet.recognise.some((pattern) => pattern.test(line)))).map((outlet) => outlet.id)
}

describe('outlet recognition', () => {
  it('covers at least 20 of the major Indonesian outlets', () => {
    const major = [
      'antaranews',
      'kompas',
      'detik',
      'tempo',
      'cnnindonesia',
      'liputan6',
      'okezone',
      'republika',
      'tribunnews',
      'sindonews',
      'suara',
      'kumparan',
      'inews',
      'viva',
      'jpnn',
      'merdeka',
      'idntimes',
      'bisnis',
      'kontan',
      'cnbcindonesia',
      'beritasatu',
      'mediaindonesia'
    ]
    expect(major.filter((id) => outlets.some((outlet) => outlet.id === id)).length).toBeGreaterThanOrEqual(20)
  })

  it.each(articles)('finds in %s exactly the outlets whose text it carries', (path) => {
    expect(recognisedIn(path)).toEqual(EXPECTED[path] ?? [])
  })
})

describe('outlet files', () => {
  it.each(ruleFiles.filter((file) => file.spec.outlet).map((file) => [file.display, file] as const))('%s says where its examples come from', (display) => {
    const text = readFileSync(display, 'utf8')
    const examples = text.split('\n').filter((line) => /^\s+- (?:'|\{text:)/.test(line)).length
    const sources = text.split('\n').filter((line) => /^\s+# .*(?:seeds\/|shared corpus|https?:\/\/|search index id)/.test(line)).length
    expect(examples).toBeGreaterThan(0)
    expect(sources).toBeGreaterThan(0)
  })
})
