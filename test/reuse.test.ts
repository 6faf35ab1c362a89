import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import {alignArticles} from '../link/reuse/align.ts'
import {openSqliteStore} from '../link/reuse/sqlite-store.ts'
import type {ReuseDraft, StoredLink} from '../link/reuse/store.ts'
import {reuseLinker} from '../link/reuse/linker.ts'
import {ArticleLinks} from '../link/reuse/copies.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {tokenize, winnow, shingles, type BodyBlock} from '../link/reuse/tokens.ts'
import {LinksRead, readReuseFile, REUSE_DIGEST_FILE, reuseFileSchema, writeReuseFile, WrittenReuseFile, type ReuseFile} from '../link/reuse/clusters.ts'
import {runCorpus, type RunResult} from '../run/run.ts'
import {loadReuseConfig, reuseThresholds} from '../link/reuse/config.ts'
import type {Report} from '../pipeline/report-schema.ts'

const WIRE = [
  'Juru bicara Kremlin Dmitry Peskov mengatakan pada Jumat bahwa Rusia ingin membangun dialog yang saling menghormati dan menguntungkan dengan semua negara di dunia.',
  'Pada Kamis, diplomat Rusia dan Amerika Serikat bertemu di Istanbul dalam pertemuan yang berlangsung selama enam setengah jam untuk membahas normalisasi hubungan bilateral.',
  'Kementerian Luar Negeri Rusia menyebut perundingan itu substansial dan bersifat profesional, serta mengungkapkan topik pembahasan mencakup dimulainya kembali penerbangan langsung.'
]

function corpus(files: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'wiretrace-reuse-'))): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** The shared corpus's articles, as a `corpus` of its own to change or add to. */
const SHARED_CORPUS = Object.fromEntries(
  readdirSync('test/fixtures/corpus')
    .filter((name) => name.endsWith('.txt'))
    .map((name) => [name, readFileSync(join('test/fixtures/corpus', name), 'utf8')])
)

/** A block link between two articles as the index returns it, with what the clusters read of it: the articles and the similarity. */
function storedLink(article: string, other: string, similarity: number): StoredLink {
  return {article, block: 'p1', span: [0, 10], other, otherBlock: 'p1', otherLines: [1, 1], otherSpan: [0, 10], similarity, seeds: [1]}
}

/** The clusters a run wrote beside its reports in `out`, checked against the schema. */
function reuseFile(out: string) {
  return reuseFileSchema.parse(JSON.parse(readFileSync(join(out, 'reuse.json'), 'utf8')))
}

async function run(dir: string, index = join(dir, '..', `${dir.split('/').pop()}.sqlite`), inputs = [dir]): Promise<Record<string, Report>> {
  const result = await runCorpus({inputs, index})
  return Object.fromEntries(result.articles.map((article) => [article.input.relative, article.report!]))
}

/** Cross-article links as "line -> article:line" strings, for compact assertions. */
function links(report: Report): string[] {
  return report.blocks.flatMap((block) => block.reuse.map((link) => `${block.lines[0]} -> ${link.article}:${link.lines[0]}`))
}

const article = (title: string, ...paragraphs: string[]) => `${[title, ...paragraphs].join('\n')}\n`

describe('reuse between articles', () => {
  it('links identical paragraphs on both sides, with exact spans', async () => {
    const reports = await run(corpus({'a.txt': article('Judul A yang pertama', ...WIRE), 'b.txt': article('Judul B yang lain sekali', ...WIRE)}))
    expect(links(reports['a.txt']!)).toEqual(['2 -> b.txt:2', '3 -> b.txt:3', '4 -> b.txt:4'])
    expect(links(reports['b.txt']!)).toEqual(['2 -> a.txt:2', '3 -> a.txt:3', '4 -> a.txt:4'])
    const link = reports['a.txt']!.blocks[1]!.reuse[0]!
    expect(link.similarity).toBe(1)
    const source = [...article('Judul A yang pertama', ...WIRE)]
    expect(source.slice(link.span[0], link.span[1]).join('')).toBe(WIRE[0]!.replace(/\.$/, ''))
    expect(reports['a.txt']!.summary.reused).toBeGreaterThan(0.9)
  })

  it('tolerates light edits: a changed attribution, a prefix, a dropped sentence', async () => {
    const edited = [
      `Sementara itu, ${WIRE[0]!.replace('Juru bicara Kremlin Dmitry Peskov mengatakan', 'Peskov mengatakan')}`,
      WIRE[1]!.replace('selama enam setengah jam ', ''),
      WIRE[2]!.replace('substansial dan bersifat profesional', 'substansial, profesional')
    ]
    const reports = await run(corpus({'a.txt': article('Judul A yang pertama', ...WIRE), 'b.txt': article('Judul B yang lain sekali', ...edited)}))
    expect(links(reports['b.txt']!)).toEqual(['2 -> a.txt:2', '3 -> a.txt:3', '4 -> a.txt:4'])
    for (const block of reports['b.txt']!.blocks.slice(1)) expect(block.reuse[0]!.similarity).toBeGreaterThan(0.7)
  })

  it('links a merged paragraph to every paragraph it came from', async () => {
    const reports = await run(
      corpus({'a.txt': article('Judul A yang pertama', ...WIRE), 'b.txt': article('Judul B yang lain sekali', `${WIRE[0]} ${WIRE[1]}`, WIRE[2]!)})
    )
    expect(links(reports['b.txt']!)).toEqual(['2 -> a.txt:2', '2 -> a.txt:3', '3 -> a.txt:4'])
  })

  it('links reordered sentences each to where they stand', async () => {
    const reports = await run(
      corpus({'a.txt': article('Judul A yang pertama', WIRE.join(' ')), 'b.txt': article('Judul B yang lain sekali', [WIRE[2], WIRE[0], WIRE[1]].join(' '))})
    )
    const reuse = reports['b.txt']!.blocks[1]!.reuse
    expect(reuse.map((link) => link.article)).toEqual(['a.txt', 'a.txt'])
    const [moved, kept] = reuse
    expect(moved!.otherSpan[0]).toBeGreaterThan(kept!.otherSpan[0])
    expect(moved!.span[0]).toBeLessThan(kept!.span[0])
  })

  it('counts a shared passage of 12 words, not a shared 6-word phrase, nor a quotation two reports both print', async () => {
    const passage = 'Kremlin menilai Amerika akan menekan semua mitra Rusia di kawasan Asia Tenggara itu.'
    const quote = '"Kami yakin Amerika akan menekan semua mitra kami di kawasan ini," kata Peskov.'
    const reports = await run(
      corpus({
        'a.txt': article('Judul A yang pertama', `Dalam konferensi pers di Moskow pada hari Jumat itu juru bicara berkata. ${passage}`),
        'b.txt': article('Judul B yang lain sekali', `Media pemerintah Vietnam melaporkan kunjungan itu secara luas. ${passage}`),
        'c.txt': article('Judul C tentang hal lain', 'Presiden Rusia Vladimir Putin tiba di Hanoi pada Rabu pagi waktu setempat.'),
        'd.txt': article('Judul D tentang hal lain', 'Rombongan Presiden Rusia Vladimir Putin tiba di bandara setelah terbang dari Pyongyang.'),
        'e.txt': article('Judul E yang pertama', `Wartawan bertanya soal latihan militer gabungan di Laut Cina Selatan pekan lalu. ${quote}`),
        'f.txt': article('Judul F yang lain sekali', `Kantor berita negara menyiarkan pernyataan itu pada siang hari. ${quote}`)
      })
    )
    expect(links(reports['a.txt']!)).toEqual(['2 -> b.txt:2'])
    expect(links(reports['c.txt']!)).toEqual([])
    expect(links(reports['d.txt']!)).toEqual([])
    expect(links(reports['e.txt']!)).toEqual([])
  })

  it('does not link unrelated articles on the same topic', async () => {
    const reports = await run(
      corpus({
        'a.txt': article('Peskov soal dialog', ...WIRE),
        'b.txt': article(
          'Lavrov soal Korea',
          'Menteri Luar Negeri Rusia Sergey Lavrov mengatakan kebijakan Amerika Serikat terhadap Korea Utara tidak membantu perdamaian di Semenanjung Korea.',
          'Lavrov menyatakan Moskow akan terus menolak langkah apa pun yang mengarah pada peningkatan ketegangan di kawasan Asia Timur Laut.'
        )
      })
    )
    expect(links(reports['a.txt']!)).toEqual([])
    expect(links(reports['b.txt']!)).toEqual([])
  })

  it('ignores boilerplate: a teaser shared by two articles is not reuse', async () => {
    const teaser = 'Baca Juga: Juru bicara Kremlin Dmitry Peskov mengatakan pada Jumat bahwa Rusia ingin membangun dialog dengan semua negara'
    const reports = await run(
      corpus({
        'a.txt': article('Judul A yang pertama', 'Isi berita pertama tentang cuaca di Jakarta yang panas sekali hari ini.', teaser),
        'b.txt': article('Judul B yang lain sekali', 'Isi berita kedua tentang banjir di Semarang yang melanda tiga kecamatan.', teaser)
      })
    )
    expect(links(reports['a.txt']!)).toEqual([])
  })

  it('lets corpus frequency drop a stock passage that many unrelated articles share', async () => {
    const stock =
      'Juru bicara istana kepresidenan Rusia, Kremlin, Dmitry Peskov, yang selama ini dikenal dekat dengan Presiden Vladimir Putin, mengatakan hal itu.'
    // Each article's own paragraph: the same 23 words in an order of its own (each a different step through them), so
    // the articles share the stock passage and no other run of words, and none is a copy of another.
    const words =
      'warga kota pasar sungai jembatan sekolah guru murid petani sawah hujan banjir jalan mobil kereta stasiun harga beras minyak gula pabrik buruh gaji'.split(
        ' '
      )
    const own = (step: number) => `${words.map((_, at) => words[(at * step + 1) % words.length]).join(' ')}.`
    const files: Record<string, string> = {}
    for (let index = 0; index < 8; index++) files[`s${index}.txt`] = article(`Judul berita nomor ${index}`, own([2, 3, 5, 7, 11, 13, 17, 19][index]!), stock)
    const dir = corpus(files)
    const withDf = await runCorpus({inputs: [dir], index: join(dir, 'df.sqlite'), reuse: {maxDf: 5}})
    expect(withDf.articles.flatMap((result) => links(result.report!))).toEqual([])
    const withoutDf = await runCorpus({inputs: [dir], index: join(dir, 'nodf.sqlite'), reuse: {maxDf: 100}})
    expect(withoutDf.articles.flatMap((result) => links(result.report!)).length).toBeGreaterThan(0)
  })

  it('says which side is earlier when both dates are known', async () => {
    const reports = await run(
      corpus({
        'a.txt': article('Judul A yang pertama', '- Sabtu, 22 Juni 2024 04:44 WIB', ...WIRE),
        'b.txt': article('Judul B yang lain sekali', '- Sabtu, 22 Juni 2024 11:42 WIB', ...WIRE),
        'c.txt': article('Judul C tanpa tanggal', ...WIRE)
      })
    )
    const earlier = (report: Report, other: string) => report.blocks.flatMap((block) => block.reuse).find((link) => link.article === other)!.earlier
    expect(earlier(reports['b.txt']!, 'a.txt')).toBe(true)
    expect(earlier(reports['a.txt']!, 'b.txt')).toBe(false)
    expect(earlier(reports['a.txt']!, 'c.txt')).toBeNull()
  })
})

describe('tokens of a text a scraper marked up', () => {
  it('are the words of the plain text, where they stand: no link address, tag or emphasis mark is a word', () => {
    const plainText = WIRE.join(' ')
    const marked = `<p>**${WIRE[0]}** Pada Kamis, diplomat [Rusia](https://example.com/tag/rusia-2024) dan <a href="https://example.com/as">Amerika Serikat</a> ${WIRE[1]!.slice('Pada Kamis, diplomat Rusia dan Amerika Serikat '.length)}<br/> ${WIRE[2]}</p>`
    const words = (text: string) => tokenize([{id: 'b1', lines: [1, 1], start: 0, text, cuts: []}])
    expect(words(marked).map((token) => token.norm)).toEqual(words(plainText).map((token) => token.norm))
    const rusia = words(marked).find((token) => token.norm === 'rusia' && marked.slice(token.start - 1, token.start) === '[')!
    expect(marked.slice(rusia.start, rusia.end)).toBe('Rusia')
    // Brackets and asterisks of the text's own stay words' neighbours: "[sic]" is a word, "2 ** 3" holds two.
    expect(words('Dia berkata [sic] bahwa 2 ** 3 sama dengan delapan').map((token) => token.norm)).toEqual([
      'dia',
      'berkata',
      'sic',
      'bahwa',
      '2',
      '3',
      'sama',
      'dengan',
      'delapan'
    ])
  })
})

describe('the seeds', () => {
  let reports: Record<string, Report>
  beforeAll(async () => {
    reports = await run(
      corpus(
        Object.fromEntries(
          ['000_0ff0c87b60d874fd.txt', '001_fbe5a5956e437734.txt', '002_756809b8681f022c.txt', '003_1d1aa39e3ef4d986.txt', '004_9a79566599d7a3b5.txt'].map(
            (name) => [name, readFileSync(`seeds/${name}`, 'utf8')]
          )
        )
      )
    )
  })
  const gold = JSON.parse(readFileSync('test/fixtures/gold/seeds.gold.json', 'utf8')) as {reuse: Array<{a: string; aLines: string; b: string; bLines: string}>}
  const lines = (spec: string) => {
    const [first, last] = spec.split('-').map(Number)
    return Array.from({length: (last ?? first!) - first! + 1}, (_, index) => first! + index)
  }

  it('finds every gold reuse pair', async () => {
    for (const pair of gold.reuse) {
      const found = reports[pair.a]!.blocks.some(
        (block) =>
          lines(pair.aLines).includes(block.lines[0]) && block.reuse.some((link) => link.article === pair.b && lines(pair.bLines).includes(link.lines[0]))
      )
      expect(found, `${pair.a}:${pair.aLines} ~ ${pair.b}:${pair.bLines}`).toBe(true)
    }
  })

  it('reports no other link between body paragraphs (003 shares only a stock phrase)', async () => {
    for (const [name, report] of Object.entries(reports)) {
      for (const block of report.blocks) {
        for (const link of block.reuse) {
          const inGold = gold.reuse.some(
            (pair) =>
              (pair.a === name && pair.b === link.article && lines(pair.aLines).includes(block.lines[0]) && lines(pair.bLines).includes(link.lines[0])) ||
              (pair.b === name && pair.a === link.article && lines(pair.bLines).includes(block.lines[0]) && lines(pair.aLines).includes(link.lines[0]))
          )
          expect(inGold, `${name}:${block.lines[0]} -> ${link.article}:${link.lines[0]}`).toBe(true)
        }
      }
    }
    expect(links(reports['003_1d1aa39e3ef4d986.txt']!)).toEqual([])
  })
})

describe('the index', () => {
  it('compares new files with everything indexed before, without reading the old files again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wiretrace-incremental-'))
    const index = join(root, 'index.sqlite')
    const old = join(root, 'old')
    mkdirSync(old)
    corpus({'a.txt': article('Judul A yang pertama', ...WIRE)}, old)
    await run(old, index)
    const fresh = join(root, 'new')
    mkdirSync(fresh)
    corpus({'b.txt': article('Judul B yang lain sekali', WIRE[1]!)}, fresh)
    writeFileSync(join(old, 'a.txt'), 'this file is gone: the index must not need it')
    const reports = await run(fresh, index)
    expect(links(reports['b.txt']!)).toEqual(['2 -> a.txt:3'])
  })

  it('changes nothing when an unchanged file is run again', async () => {
    const dir = corpus({'a.txt': article('Judul A yang pertama', ...WIRE), 'b.txt': article('Judul B yang lain sekali', ...WIRE)})
    const index = join(dir, 'index.sqlite')
    const first = await run(dir, index)
    const second = await run(dir, index)
    expect(second).toEqual(first)
  })

  it('gives the same reports whatever order the articles arrive in', async () => {
    const files = {'a.txt': article('Judul A yang pertama', ...WIRE), 'b.txt': article('Judul B yang lain sekali', `${WIRE[0]} ${WIRE[1]}`, WIRE[2]!)}
    const dir = corpus(files)
    const together = await run(dir, join(dir, 'together.sqlite'))
    const index = join(dir, 'one-by-one.sqlite')
    await run(dir, index, [join(dir, 'b.txt')])
    const separately = {...(await run(dir, index, [join(dir, 'a.txt')])), ...(await run(dir, index, [join(dir, 'b.txt')]))}
    expect(separately).toEqual(together)
  })

  it('lists the clusters of articles that share passages in reuse.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clusters-'))
    await runCorpus({inputs: ['test/fixtures/corpus'], index: join(dir, 'index.sqlite'), out: dir})
    const file = reuseFile(dir)
    expect(file.clusters.map((cluster) => cluster.articles)).toEqual([
      ['009_inews-amp-rusia-turki-idlib.txt', '010_inews-www-rusia-turki-idlib.txt'],
      ['025_dikgazete-peskov-referandum-tr.txt', '026_ajanshaber-peskov-referandum-tr.txt'],
      ['064_bernama-daim-china.txt', '065_pmo-daim-china-bernama.txt'],
      ['067_suara-setnov-media-malaysia.txt', '068_republika-setnov-media-malaysia.txt']
    ])
    // 065 reprints 064 near word for word: a copy, but of a story printed twice, whose pair is listed.
    expect(file.clusters.map((cluster) => cluster.copies)).toEqual([[], [], [], []])
    expect(file.clusters[2]!.pairs).toEqual([{a: '064_bernama-daim-china.txt', b: '065_pmo-daim-china-bernama.txt', links: 5, similarity: 1}])
  })

  it('builds the clusters from the links the step read: each link counted from one side, earlier pairs and copies kept unless either side was read', () => {
    const STORY = ['x.txt', 'y1.txt', 'y2.txt', 'y3.txt', 'y4.txt', 'y5.txt']
    const before: ReuseFile = {
      schemaVersion: 2,
      clusters: [
        {
          articles: ['w.txt', ...STORY],
          // A story printed six times: a group of copies, the pairs inside it not listed.
          copies: [STORY],
          pairs: [{a: 'w.txt', b: 'x.txt', links: 3, similarity: 0.5}]
        },
        {
          articles: ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'],
          copies: [],
          pairs: [
            {a: 'a.txt', b: 'd.txt', links: 1, similarity: 1},
            {a: 'b.txt', b: 'c.txt', links: 9, similarity: 0.75},
            {a: 'd.txt', b: 'e.txt', links: 4, similarity: 1}
          ]
        }
      ]
    }
    const read = new LinksRead(before)
    // b.txt is read with three links to a.txt, a.txt with two: the pair counts a.txt's side, the first in id order.
    read.add(
      'b.txt',
      new ArticleLinks('b.txt', [
        storedLink('b.txt', 'a.txt', 0.5),
        storedLink('b.txt', 'a.txt', 0.75),
        storedLink('b.txt', 'a.txt', 0.25),
        storedLink('b.txt', 'c.txt', 0.625)
      ])
    )
    read.add('a.txt', new ArticleLinks('a.txt', [storedLink('a.txt', 'b.txt', 0.5), storedLink('a.txt', 'b.txt', 0.875)]))
    // An article read a second time is not counted again.
    read.add('a.txt', new ArticleLinks('a.txt', [storedLink('a.txt', 'b.txt', 1)]))
    // Read with no links: its earlier pairs go.
    read.add('e.txt', new ArticleLinks('e.txt', []))
    // The index's roots: the y's are copies of x.txt; b.txt of a.txt, a story printed twice; e.txt of d.txt, both in no cluster now.
    const roots = new Map([...STORY.slice(1).map((copy): [string, string] => [copy, 'x.txt']), ['b.txt', 'a.txt'], ['e.txt', 'd.txt']])
    expect([...read.clusters(roots)]).toEqual([
      // Neither side read: as before, clustered through the article they share, and the group of copies.
      {articles: ['w.txt', ...STORY], copies: [STORY], pairs: [{a: 'w.txt', b: 'x.txt', links: 3, similarity: 0.5}]},
      {
        articles: ['a.txt', 'b.txt', 'c.txt'],
        // A group of two is no fold: its pair is listed.
        copies: [],
        pairs: [
          {a: 'a.txt', b: 'b.txt', links: 2, similarity: 0.875},
          // c.txt was not read: the pair counts b.txt's side, and what the file said of it before is gone.
          {a: 'b.txt', b: 'c.txt', links: 1, similarity: 0.625}
        ]
      }
    ])
    expect([...new LinksRead().clusters()]).toEqual([])
  })

  it('folds in reuse.json the pairs a story printed six times or more implies: inside its group, and those its first article has too', () => {
    // The second story's root is not its first id: the index took v.txt in before its copies u1 to u5.
    const [first, second] = [
      {root: 'x.txt', copies: ['y1.txt', 'y2.txt', 'y3.txt', 'y4.txt', 'y5.txt']},
      {root: 'v.txt', copies: ['u1.txt', 'u2.txt', 'u3.txt', 'u4.txt', 'u5.txt']}
    ]
    const linked: Array<[string, string]> = [
      ...[first, second].flatMap(({root, copies}) => copies.map((copy): [string, string] => [copy, root])),
      // Composed through x.txt, z.txt shares with its copies: implied by x.txt's pair; q.txt is linked to a copy alone, and stays.
      ...['x.txt', ...first.copies].map((id): [string, string] => [id, 'z.txt']),
      ['q.txt', 'y2.txt'],
      // Across the groups, every article of the one with every one of the other (composed through the roots): the
      // pair of the groups' first articles stands for them all.
      ...[first.root, ...first.copies].flatMap((a) => [second.root, ...second.copies].map((b): [string, string] => [a, b]))
    ]
    const read = new LinksRead()
    for (const id of new Set(linked.flat())) {
      read.add(
        id,
        new ArticleLinks(
          id,
          linked.flatMap(([a, b]) => (a === id ? [storedLink(a, b, 1)] : b === id ? [storedLink(b, a, 1)] : []))
        )
      )
    }
    const roots = new Map([first, second].flatMap(({root, copies}) => copies.map((copy): [string, string] => [copy, root])))
    const [cluster] = [...read.clusters(roots)]
    expect(cluster).toEqual({
      articles: [...new Set(linked.flat())].sort(),
      copies: [
        [...second.copies, second.root],
        [first.root, ...first.copies]
      ],
      pairs: [
        {a: 'q.txt', b: 'y2.txt', links: 1, similarity: 1},
        {a: 'u1.txt', b: 'x.txt', links: 1, similarity: 1},
        {a: 'x.txt', b: 'z.txt', links: 1, similarity: 1}
      ]
    })
    // Groups of five are no fold: every pair is listed.
    const small = new Map([...roots].filter(([copy]) => copy !== 'u5.txt' && copy !== 'y5.txt'))
    expect((read.clusters(small).next().value as {pairs: unknown[]}).pairs).toHaveLength(new Set(linked.map((pair) => [...pair].sort().join(' '))).size)
  })

  it('reads reuse.json as written, carries the clusters a run does not touch as their text, and writes what reading it whole gives', () => {
    // Ids whose UTF-8 bytes outnumber their characters, and ones JSON escapes: the text is cut by byte offsets.
    const ids = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt', 'g.txt', 'x/"quoted".txt', 'ç/日本.txt', 'Z.txt', 'ü.txt', 'back\\slash.txt']
    // A run reads some articles, each with every block link the index holds for it (stored once for both sides).
    const everyId = [...ids, 'new.txt', 'ß.txt']
    const run = fc.record({
      links: fc.array(fc.tuple(fc.constantFrom(...everyId), fc.constantFrom(...everyId), fc.constantFrom(0.25, 0.5, 0.875, 1)), {maxLength: 12}),
      read: fc.subarray(everyId)
    })
    type Run = {links: Array<[string, string, number]>; read: string[]}
    // Copies, as the index would say: each is linked to its root, and a cluster folds the six articles of the story
    // when they come together.
    const roots = new Map(['b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt', 'ç/日本.txt'].map((copy) => [copy, 'a.txt']))
    const take = (into: LinksRead, {links, read}: Run) => {
      const all: Array<[string, string, number]> = [...links, ...[...roots].map(([copy, root]): [string, string, number] => [copy, root, 1])]
      for (const id of read)
        into.add(
          id,
          new ArticleLinks(
            id,
            all.flatMap(([a, b, similarity]) => (a === b ? [] : a === id ? [storedLink(id, b, similarity)] : b === id ? [storedLink(id, a, similarity)] : []))
          )
        )
    }
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clusters-'))
    for (const folder of ['text', 'whole']) mkdirSync(join(dir, folder))
    let carried = 0
    let folded = 0
    fc.assert(
      fc.property(run, run, (first, second) => {
        const before = new LinksRead()
        take(before, first)
        writeReuseFile(dir, before.clusters(roots))
        const written = readReuseFile(dir)
        expect(written).toBeInstanceOf(WrittenReuseFile)
        const whole = reuseFileSchema.parse(JSON.parse(readFileSync(join(dir, 'reuse.json'), 'utf8')))
        const asText = new LinksRead(written)
        const parsed = new LinksRead(whole)
        take(asText, second)
        take(parsed, second)
        const asked = new Set(asText.articles())
        const fromText = [...asText.clusters(roots)]
        // The roots are asked for the articles of the clusters the run makes, not of those it carries as they stand.
        for (const cluster of fromText) {
          const carriedAsText = 'text' in cluster
          const articles = carriedAsText ? (JSON.parse(Buffer.from(cluster.text).toString('utf8')) as {articles: string[]}).articles : cluster.articles
          for (const id of articles) expect(asked.has(id), id).toBe(!carriedAsText)
        }
        carried += fromText.filter((cluster) => 'text' in cluster).length
        folded += fromText.filter((cluster) => !('text' in cluster) && cluster.copies.length > 0).length
        writeReuseFile(join(dir, 'text'), fromText)
        writeReuseFile(join(dir, 'whole'), parsed.clusters(roots))
        expect(readFileSync(join(dir, 'text', 'reuse.json'), 'utf8')).toBe(readFileSync(join(dir, 'whole', 'reuse.json'), 'utf8'))
        expect(readFileSync(join(dir, 'text', REUSE_DIGEST_FILE), 'utf8')).toBe(readFileSync(join(dir, 'whole', REUSE_DIGEST_FILE), 'utf8'))
      }),
      // A fixed seed: how many clusters the random runs carry and fold varies from seed to seed, and the counts below
      // must say the same on every run.
      {numRuns: 300, seed: 20261204}
    )
    // The runs did carry clusters as text, and made clusters with groups of copies: the comparison covered both.
    expect(carried).toBeGreaterThan(50)
    expect(folded).toBeGreaterThan(100)
  })

  it('reads reuse.json whole when it does not match its digest, or has none, and writes the digest sha256sum checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clusters-'))
    const file: ReuseFile = {
      schemaVersion: 2,
      clusters: [
        {articles: ['a.txt', 'b.txt'], copies: [], pairs: [{a: 'a.txt', b: 'b.txt', links: 2, similarity: 0.5}]},
        {articles: ['c.txt', 'd.txt'], copies: [], pairs: [{a: 'c.txt', b: 'd.txt', links: 1, similarity: 1}]}
      ]
    }
    const path = writeReuseFile(dir, file.clusters)
    const text = readFileSync(path, 'utf8')
    expect(readFileSync(join(dir, REUSE_DIGEST_FILE), 'utf8')).toBe(`${createHash('sha256').update(text).digest('hex')}  reuse.json\n`)
    expect(readReuseFile(dir)).toBeInstanceOf(WrittenReuseFile)
    // Edited by hand: read whole and validated, the edit kept.
    writeFileSync(path, text.replace('"similarity": 0.5', '"similarity": 0.75'))
    const edited = readReuseFile(dir)
    expect(edited).not.toBeInstanceOf(WrittenReuseFile)
    expect((edited as ReuseFile).clusters[0]!.pairs[0]!.similarity).toBe(0.75)
    // Edited out of the schema: no clusters are read from it, as before the digest.
    writeFileSync(path, text.replace('"similarity": 0.5', '"similarity": 5'))
    expect(readReuseFile(dir)).toBeUndefined()
    // No digest, or one in another form: read whole.
    writeFileSync(path, text)
    writeFileSync(join(dir, REUSE_DIGEST_FILE), 'not a digest\n')
    expect(readReuseFile(dir)).toEqual(file)
    rmSync(join(dir, REUSE_DIGEST_FILE))
    expect(readReuseFile(dir)).toEqual(file)
    // The file as written, cut short after its digest was written: read whole, and unreadable.
    writeReuseFile(dir, file.clusters)
    writeFileSync(path, text.slice(0, -4))
    expect(readReuseFile(dir)).toBeUndefined()
    // As the first version wrote it (no copies, every pair of a story's copies listed): read as this version's, without copies.
    const first = {schemaVersion: 1, clusters: file.clusters.map(({articles, pairs}) => ({articles, pairs}))}
    writeFileSync(path, JSON.stringify(first, null, 2))
    expect(readReuseFile(dir)).toEqual({schemaVersion: 2, clusters: file.clusters.map((cluster) => ({...cluster, copies: []}))})
    writeFileSync(path, JSON.stringify({...first, schemaVersion: 3}, null, 2))
    expect(readReuseFile(dir)).toBeUndefined()
  })

  it("orders clusters, pairs, candidates and links by the ids' code units, the same whatever locale the process runs in", () => {
    // Under en_US localeCompare puts ä.txt before ab.txt and z.txt before Z.txt; under sv_SE, ä.txt after z.txt.
    const script = `
      const {LinksRead} = await import('./link/reuse/clusters.ts')
      const {ArticleLinks} = await import('./link/reuse/copies.ts')
      const {byMostShared, byReadingOrder} = await import('./link/reuse/store.ts')
      const link = (article, other, start) => ({article, block: 'p1', span: [start, start + 5], other, otherBlock: 'p1', otherLines: [1, 1], otherSpan: [0, 5], similarity: 1, seeds: [1]})
      const read = new LinksRead()
      for (const [one, other] of [['ä.txt', 'ö.txt'], ['z.txt', 'zz.txt'], ['Z.txt', 'ab.txt'], ['ab.txt', 'a_b.txt']]) read.add(one, new ArticleLinks(one, [link(one, other, 0)]))
      const candidates = ['ä.txt', 'z.txt', 'Z.txt', 'ab.txt'].map((article) => ({article, shared: 2})).sort(byMostShared)
      const links = ['ä.txt', 'z.txt', 'Z.txt', 'ab.txt'].map((other) => link('x.txt', other, 0)).sort(byReadingOrder)
      process.stdout.write(JSON.stringify({clusters: [...read.clusters()], candidates: candidates.map((c) => c.article), links: links.map((l) => l.other)}))
    `
    const inLocale = (locale: string) => {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: {...process.env, LANG: locale, LC_ALL: locale}
      })
      expect(child.status, child.stderr).toBe(0)
      return JSON.parse(child.stdout) as {clusters: ReuseFile['clusters']; candidates: string[]; links: string[]}
    }
    const english = inLocale('en_US.UTF-8')
    expect(english.clusters.map((cluster) => cluster.articles)).toEqual([
      ['Z.txt', 'a_b.txt', 'ab.txt'],
      ['z.txt', 'zz.txt'],
      ['ä.txt', 'ö.txt']
    ])
    expect(english.clusters[0]!.pairs.map((pair) => [pair.a, pair.b])).toEqual([
      ['Z.txt', 'ab.txt'],
      ['a_b.txt', 'ab.txt']
    ])
    expect(english.candidates).toEqual(['Z.txt', 'ab.txt', 'z.txt', 'ä.txt'])
    expect(english.links).toEqual(['Z.txt', 'ab.txt', 'z.txt', 'ä.txt'])
    expect(inLocale('sv_SE.UTF-8')).toEqual(english)
  })

  it('writes reuse.json a cluster at a time, as the whole file serialised at once would read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clusters-'))
    const pair = (a: string, b: string, links: number, similarity: number) => ({a, b, links, similarity})
    const files: ReuseFile[] = [
      {schemaVersion: 2, clusters: []},
      {schemaVersion: 2, clusters: [{articles: ['a.txt', 'b.txt'], copies: [], pairs: [pair('a.txt', 'b.txt', 3, 0.5)]}]},
      {
        schemaVersion: 2,
        clusters: [
          {
            articles: ['x/"quoted".txt', 'x/line\nbreak.txt', 'ç/日本.txt', 'ç/1.txt', 'ç/2.txt', 'ç/3.txt', 'ç/4.txt'],
            copies: [['x/line\nbreak.txt', 'ç/日本.txt', 'ç/1.txt', 'ç/2.txt', 'ç/3.txt', 'ç/4.txt']],
            pairs: [pair('x/"quoted".txt', 'ç/日本.txt', 1, 1)]
          },
          {articles: ['p.txt', 'q.txt'], copies: [], pairs: [pair('p.txt', 'q.txt', 2, 0.25)]}
        ]
      },
      // Larger than one chunk the writer gathers before each write.
      {
        schemaVersion: 2,
        clusters: Array.from({length: 3000}, (_, n) => ({articles: [`${n}a.txt`, `${n}b.txt`], copies: [], pairs: [pair(`${n}a.txt`, `${n}b.txt`, n + 1, 1)]}))
      }
    ]
    for (const file of files) {
      const path = writeReuseFile(dir, file.clusters)
      expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(file, null, 2)}\n`)
    }
    expect(readdirSync(dir).sort()).toEqual(['reuse.json', 'reuse.json.sha256'])
  })

  it('keeps in reuse.json the clusters a run over new articles does not touch, and joins the new articles to theirs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-clusters-'))
    const names = Object.keys(SHARED_CORPUS)
    await runCorpus({inputs: ['test/fixtures/corpus'], index: join(dir, 'whole.sqlite'), out: join(dir, 'whole'), retain: false})
    // The second run brings the other article of two stories the first run held one article of: the other two stories stay as they were.
    const later = new Set(['010_inews-www-rusia-turki-idlib.txt', '068_republika-setnov-media-malaysia.txt'])
    const inputs = (chosen: (name: string) => boolean) => names.filter(chosen).map((name) => join('test/fixtures/corpus', name))
    const index = join(dir, 'runs.sqlite')
    await runCorpus({inputs: inputs((name) => !later.has(name)), index, out: join(dir, 'runs'), retain: false})
    expect(reuseFile(join(dir, 'runs')).clusters).toHaveLength(2)
    await runCorpus({inputs: inputs((name) => later.has(name)), index, out: join(dir, 'runs'), retain: false})
    expect(reuseFile(join(dir, 'runs'))).toEqual(reuseFile(join(dir, 'whole')))
  })

  it('drops from reuse.json the pairs of an article that no longer shares text, and keeps the others', async () => {
    const dir = corpus(SHARED_CORPUS)
    const out = join(dir, '..', `${dir.split('/').pop()}-reports`)
    const index = join(dir, '..', `${dir.split('/').pop()}.sqlite`)
    await runCorpus({inputs: [dir], index, out, retain: false})
    const before = reuseFile(out)
    writeFileSync(join(dir, '068_republika-setnov-media-malaysia.txt'), article('Judul lain sama sekali', WIRE[0]!))
    await runCorpus({inputs: [join(dir, '068_republika-setnov-media-malaysia.txt')], index, out, retain: false})
    const after = reuseFile(out)
    expect(after.clusters).toEqual(before.clusters.filter((cluster) => !cluster.articles.includes('068_republika-setnov-media-malaysia.txt')))
    expect(after.clusters).toHaveLength(3)
  })

  it('writes the same reports from two worker threads as from one, and gives the same results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-workers-'))
    const corpusDir = corpus({
      ...SHARED_CORPUS,
      // Not an article: it fails, with the reason as its file's message.
      'empty.txt': ''
    })
    const one = await runCorpus({inputs: [corpusDir], index: join(dir, 'one.sqlite'), out: join(dir, 'one'), retain: false})
    const two = await runCorpus({inputs: [corpusDir], index: join(dir, 'two.sqlite'), out: join(dir, 'two'), workers: 2, retain: false})
    for (const name of readdirSync(join(dir, 'one')))
      expect(readFileSync(join(dir, 'two', name), 'utf8'), name).toBe(readFileSync(join(dir, 'one', name), 'utf8'))
    // Two files per article that did not fail, reuse.json and its digest.
    expect(readdirSync(join(dir, 'one')).length).toBe(2 * (one.articles.length - 1) + 2)
    // Whether a result has messages is told before its file is made, and agrees with the file once made.
    const withMessages = (run: RunResult) => run.articles.filter((article) => article.hasMessages).map((article) => article.input.relative)
    const told = withMessages(two)
    expect(told).toContain('empty.txt')
    expect(told).toEqual(withMessages(one))
    expect(two.articles.filter((article) => article.file.messages.length > 0).map((article) => article.input.relative)).toEqual(told)
    // A worker's result keeps no file or paths until asked for them: asked, they are those of a run on one thread.
    const results = (run: RunResult, out: string) =>
      run.articles.map((article) => ({
        id: article.input.relative,
        failed: article.failed,
        written: article.written.map((path) => relative(out, path)),
        messages: article.file.messages.map((message) => `${message.fatal}: ${message.reason}`)
      }))
    expect(results(two, join(dir, 'two'))).toEqual(results(one, join(dir, 'one')))
    expect(results(two, join(dir, 'two')).filter((article) => article.failed)).toEqual([
      {id: 'empty.txt', failed: true, written: [], messages: [expect.stringMatching(/^true: .*empty/)]}
    ])
    expect(results(two, join(dir, 'two'))[0]!.written).toEqual([`${two.articles[0]!.input.relative}.json`, `${two.articles[0]!.input.relative}.md`])
    expect(one.reported).toEqual(one.articles.filter((article) => !article.failed).map((article) => article.input.relative))
    expect(two.reported).toEqual(one.reported)
    expect(one.jsonlFiles).toBeUndefined()

    // Asked for the noteworthy results only, a run returns those that failed or carry a message, on one thread or two,
    // with the same reports and the ids of the others.
    for (const workers of [1, 2]) {
      const name = `noteworthy-${workers}`
      const noteworthy = await runCorpus({
        inputs: [corpusDir],
        index: join(dir, `${name}.sqlite`),
        out: join(dir, name),
        workers,
        retain: false,
        results: 'noteworthy'
      })
      expect(results(noteworthy, join(dir, name))).toEqual(results(one, join(dir, 'one')).filter((article) => article.failed || article.messages.length > 0))
      expect(noteworthy.articles.length).toBeLessThan(one.articles.length)
      expect(noteworthy.reported).toEqual(one.reported)
      expect(noteworthy.failed).toBe(1)
      for (const file of readdirSync(join(dir, 'one')))
        expect(readFileSync(join(dir, name, file), 'utf8'), file).toBe(readFileSync(join(dir, 'one', file), 'utf8'))
    }
  })

  it('keeps the index as it was when indexing an article fails half-way', async () => {
    const store = openSqliteStore(':memory:')
    const block: BodyBlock & {sources: []} = {id: 'b2', lines: [2, 2], start: 0, text: WIRE.join(' '), cuts: [], sources: []}
    const fingerprints = winnow(shingles(tokenize([block])), loadReuseConfig().window)
    await expect(
      store.transaction(async () => {
        await store.add({id: 'a.txt', sha256: 'x'.repeat(64), config: 'c', published: null, blocks: [block]}, fingerprints)
        throw new Error('killed')
      })
    ).rejects.toThrow('killed')
    expect(await store.lookup('a.txt')).toBeUndefined()
    expect(await store.articleCount()).toBe(0)
    expect(
      (
        await store.commonHashes(
          fingerprints.map((fingerprint) => fingerprint.hash),
          0
        )
      ).size
    ).toBe(0)
    await store.close()
  })
})

describe('the reuse linker, admitting reports one batch after another', () => {
  const OTHER_STORY = [
    'Presiden menghadiri upacara peresmian bendungan baru di Jawa Tengah pada hari Senin bersama para menteri kabinet dan gubernur setempat.',
    'Bendungan itu diharapkan mengairi lebih dari dua puluh ribu hektare sawah dan menyediakan air baku bagi tiga kabupaten di sekitarnya.',
    'Pembangunan bendungan dimulai empat tahun lalu dan menelan biaya hampir tiga triliun rupiah dari anggaran pendapatan dan belanja negara.'
  ]
  const draft = (id: string, paragraphs: string[]): ReuseDraft => ({
    id,
    sha256: createHash('sha256').update(paragraphs.join('\n')).digest('hex'),
    published: null,
    blocks: paragraphs.map((text, at) => ({id: `b${at + 2}`, lines: [at + 2, at + 2], start: 0, text, cuts: [], sources: []}))
  })

  it('aligns a new article with the text an article has in the index now, not the text the linker read of it before', async () => {
    const store = openSqliteStore(':memory:')
    const linker = reuseLinker()
    const context = {store, shelf: undefined, config: 'c', registry: loadPipelineData().agencies}
    const admit = async (...drafts: ReuseDraft[]) => {
      for (const reuse of drafts) await linker.admit(() => undefined, context, {reuse})
      await linker.update(context)
    }
    const partners = async (id: string) => [...new Set((await linker.links(store, id)).map((link) => link.other))].sort()
    try {
      // c.txt is aligned with a.txt, which the linker reads.
      await admit(draft('a.txt', WIRE), draft('c.txt', WIRE))
      expect(await partners('c.txt')).toEqual(['a.txt'])
      // a.txt now prints another story; d.txt prints that story too.
      await admit(draft('a.txt', OTHER_STORY), draft('d.txt', OTHER_STORY))
      expect(await partners('d.txt')).toEqual(['a.txt'])
      expect(await partners('c.txt')).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('makes an article a copy of the root it copies, when another printing of the story shares as much and comes first', async () => {
    const store = openSqliteStore(':memory:')
    const linker = reuseLinker()
    const context = {store, shelf: undefined, config: 'c', registry: loadPipelineData().agencies}
    try {
      // a.txt prints the story with a paragraph of its own: not a copy of b.txt, which printed it first.
      for (const reuse of [draft('b.txt', WIRE), draft('a.txt', [...WIRE, ...OTHER_STORY])]) await linker.admit(() => undefined, context, {reuse})
      await linker.update(context)
      expect(await store.copyOf('a.txt')).toBeUndefined()
      // c.txt shares every fingerprint of the story with both; a.txt comes first among equals, c.txt copies b.txt.
      await linker.admit(() => undefined, context, {reuse: draft('c.txt', WIRE)})
      await linker.update(context)
      expect((await store.candidates(await store.fingerprintsOf('c.txt'), 'c.txt')).map((candidate) => candidate.article)[0]).toBe('a.txt')
      expect(await store.copyOf('c.txt')).toBe('b.txt')
    } finally {
      await store.close()
    }
  })
})

const THRESHOLDS = reuseThresholds(loadReuseConfig())

describe('alignArticles', () => {
  it('needs the minimum number of shared words, or most of both paragraphs', async () => {
    const text = (value: string) => {
      const blocks: BodyBlock[] = [{id: 'b1', lines: [1, 1], start: 0, text: value, cuts: []}]
      return {blocks, tokens: tokenize(blocks)}
    }
    const shared = 'satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas'
    const aside = 'kalimat ini panjang dan tidak ada hubungannya dengan kalimat di paragraf lain yang sama sekali berbeda isinya'
    const other = 'paragraf kedua menceritakan hal lain lagi tentang cuaca banjir dan jalan raya yang rusak di kota besar'
    expect(alignArticles(text(`${aside} ${shared}`), text(`${other} ${shared}`), THRESHOLDS)).toEqual([])
    expect(alignArticles(text(`${aside} ${shared} dua belas`), text(`${other} ${shared} dua belas`), THRESHOLDS)).toHaveLength(1)
    expect(alignArticles(text(`awal ${shared} akhir`), text(`mula ${shared} usai`), THRESHOLDS)).toHaveLength(1)
  })
})
