/**
 * The reuse index on both engines: the same contract tests, two runners
 * sharing one index, and a run killed half-way. The PostgreSQL half needs
 * WIRETRACE_PG_URL (CI always sets it: .ci/run starts a server on loopback).
 */
import {spawn} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import {afterAll, describe, expect, it} from 'vitest'
import {Readable, Writable} from 'node:stream'
import {isPostgresUrl, openStore, withStore} from '../link/reuse/open.ts'
import {openSqliteStore, PAGE_SIZE, scanAfterAdded} from '../link/reuse/sqlite-store.ts'
import {openPgStore} from '../link/reuse/pg-store.ts'
import {ownOutlet} from '../pipeline/generic/corpus.ts'
import {exportIndex, importIndex} from '../link/reuse/transfer.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {fingerprintHashes, shingles, tokenize, winnow, type BodyBlock, type Fingerprint} from '../link/reuse/tokens.ts'
import {reuseLinker} from '../link/reuse/linker.ts'
import {ALIGN_EVERY_COPY_BELOW} from '../link/reuse/copies.ts'
import {writeCopies} from '../bench/syndicated.ts'
import type {ReuseFile} from '../link/reuse/clusters.ts'
import {runCorpus} from '../run/run.ts'
import {loadReuseConfig} from '../link/reuse/config.ts'

const PG_URL = process.env.WIRETRACE_PG_URL
if (!PG_URL && process.env.CI === 'true') throw new Error('CI must run the PostgreSQL half: set WIRETRACE_PG_URL (.ci/run starts a server)')

const work = mkdtempSync(join(tmpdir(), 'wiretrace-store-'))
const databases: string[] = []

/** A fresh, empty index location on an engine. */
async function freshIndex(engine: 'sqlite' | 'postgres'): Promise<string> {
  const name = `wt_${process.pid}_${databases.length}_${Date.now() % 100000}`
  if (engine === 'sqlite') return join(work, `${name}.sqlite`)
  const admin = new pg.Client({connectionString: PG_URL})
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  databases.push(name)
  const url = new URL(PG_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

/** A store on an engine whose recent postings are merged into the main table past `limit` rows. */
async function openWithRecentLimit(engine: 'sqlite' | 'postgres', location: string, limit: number) {
  return engine === 'sqlite' ? openSqliteStore(location, {recentPostingsLimit: limit}) : openPgStore(location, {recentPostingsLimit: limit})
}

afterAll(async () => {
  if (!PG_URL || databases.length === 0) return
  const admin = new pg.Client({connectionString: PG_URL})
  await admin.connect()
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

/** How to run the PostgreSQL half, said wherever it is skipped. */
const PG_COMMAND = 'WIRETRACE_PG_URL="$(bash scripts/pg-test-server.sh start /tmp/wiretrace-pg)" npx vitest run test/store.test.ts'
/** Without a server the PostgreSQL half is reported as skipped, with the reason and the command, never left out silently. */
const PG_SKIPPED = PG_URL ? undefined : `skipped: WIRETRACE_PG_URL is unset; run it with ${PG_COMMAND}`
if (PG_SKIPPED) console.warn(`store: the postgres index tests are ${PG_SKIPPED}`)

const WIRE =
  'Juru bicara Kremlin Dmitry Peskov mengatakan pada Jumat bahwa Rusia ingin membangun dialog yang saling menghormati dan menguntungkan dengan semua negara di dunia.'

function block(id: string, text: string): BodyBlock & {sources: []} {
  return {id, lines: [Number(id.slice(1)), Number(id.slice(1))], start: 0, text, cuts: [], sources: []}
}

function fingerprintsOf(blocks: BodyBlock[]) {
  return winnow(shingles(tokenize(blocks)), loadReuseConfig().window)
}

/** A wire paragraph, a copy of it, a paragraph that quotes it, and the fingerprints of the copy's own sentence. */
function copiedWire() {
  const wire = [block('b2', WIRE)]
  // The copy adds a sentence of its own: those fingerprints are its alone, and stay posted.
  const copy = [block('b2', `${WIRE} Pernyataan itu disampaikan dalam jumpa pers harian di Moskow.`)]
  const reader = [block('b3', `Sementara itu, ${WIRE}`)]
  const held = fingerprintHashes(fingerprintsOf(wire))
  const ownSentence = fingerprintsOf(copy).filter((fingerprint) => !held.has(fingerprint.hash))
  return {wire, copy, reader, ownSentence}
}

/** The articles an index gives as candidates for these blocks, for an article it does not hold. */
async function candidateIds(store: ReuseStore, blocks: BodyBlock[]): Promise<string[]> {
  return (await store.candidates(fingerprintsOf(blocks), 'z.txt')).map((hit) => hit.article)
}

/** Seeds plus the shared-corpus fixtures, and copies of some of them under other names: reuse across any split. */
function corpusWithReuse(copies: number): string {
  const dir = join(work, `corpus-${copies}-${Date.now()}`)
  mkdirSync(dir)
  cpSync('seeds', dir, {recursive: true})
  cpSync('test/fixtures/corpus', dir, {recursive: true, filter: (source) => !source.endsWith('.tsv')})
  const originals = readdirSync(dir).filter((name) => name.endsWith('.txt'))
  for (let index = 0; index < copies; index++) {
    const original = originals[index % originals.length]!
    const lines = readFileSync(join(dir, original), 'utf8').split('\n')
    writeFileSync(join(dir, `copy-${index}-${original}`), [`Salinan nomor ${index} dari sebuah berita`, ...lines.slice(1)].join('\n'))
  }
  return dir
}

/**
 * Every link in an index as the reuse linker reads it (stored, or composed through the root of near-exact
 * copies), as sorted strings: what "the same reuse links" means, whichever copy became the root.
 */
async function allLinks(location: string, ids: string[]): Promise<string[]> {
  return withStore(location, async (store) => {
    const out: string[] = []
    const linker = reuseLinker()
    for (const id of ids)
      for (const link of await linker.links(store, id)) out.push(`${id}:${link.block} -> ${link.other}:${link.otherBlock} ${link.span} ${link.otherSpan}`)
    return out.sort()
  })
}

async function exportText(location: string): Promise<string> {
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    }
  })
  await withStore(location, (store) => exportIndex(store, sink))
  return chunks.join('')
}

/** How far a run has gone: its reports on disk, its articles in the index, its inputs. */
interface Progress {
  reported: number
  indexed: number
  total: number
}

function wiretrace(args: string[]) {
  return spawn(process.execPath, ['bin/wiretrace.js', ...args], {stdio: ['ignore', 'ignore', 'pipe']})
}

let oneRunnerRun: Promise<{corpus: string; ids: string[]; index: string; out: string}> | undefined

/**
 * The corpus the different-input-lists tests split, and one runner over it
 * (SQLite; the reports do not depend on the engine), made once. Each copy
 * prints its original's lines: in one run those are outlet template
 * (generic/outlet-template); a half holding the originals alone sees none.
 */
function oneRunner() {
  oneRunnerRun ??= (async () => {
    const corpus = corpusWithReuse(12)
    const ids = readdirSync(corpus).filter((name) => name.endsWith('.txt'))
    const index = join(work, 'one-runner.sqlite')
    const out = join(work, 'one-runner')
    await runCorpus({inputs: [corpus], index, out, retain: false})
    return {corpus, ids, index, out}
  })()
  return oneRunnerRun
}

/** `wiretrace reuse --finalize` over a corpus: its exit code and what it said on stderr. */
async function finalized(corpus: string, index: string, out: string): Promise<{code: number | null; said: string}> {
  const child = wiretrace(['reuse', '--finalize', corpus, '--index', index, '--out', out])
  let said = ''
  child.stderr!.on('data', (chunk) => {
    said += String(chunk)
  })
  return {code: await exited(child), said}
}

function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

/** Rows in the main and the recent postings. */
async function postingRows(location: string): Promise<{main: number; recent: number}> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({connectionString: location})
    await client.connect()
    const count = async (table: string) => Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n)
    const out = {main: await count('wiretrace_postings'), recent: await count('wiretrace_recent_postings')}
    await client.end()
    return out
  }
  const db = new Database(location, {readonly: true})
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as {n: number}).n
  const out = {main: count('postings'), recent: count('recent_postings')}
  db.close()
  return out
}

/** Articles an index holds, read without taking its write lock (a run may be writing it). */
async function indexedArticles(location: string): Promise<number> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({connectionString: location})
    await client.connect()
    try {
      return Number((await client.query('SELECT COUNT(*) AS n FROM wiretrace_articles')).rows[0].n)
    } catch {
      // Not created yet.
      return 0
    } finally {
      await client.end()
    }
  }
  if (!existsSync(location)) return 0
  const db = new Database(location, {readonly: true})
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as {n: number}).n
  } catch (error) {
    // Not created yet: the file is made before its schema.
    if (/no such table/.test((error as Error).message)) return 0
    throw error
  } finally {
    db.close()
  }
}

/** Counts that must hold in any consistent index, whatever was interrupted. */
async function consistency(location: string): Promise<{orphanPostings: number; orphans: number}> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({connectionString: location})
    await client.connect()
    const postings = await client.query(
      `SELECT COUNT(*) AS n FROM (SELECT article FROM wiretrace_postings UNION ALL SELECT article FROM wiretrace_recent_postings) p
       LEFT JOIN wiretrace_articles a ON a.rowid = p.article WHERE a.rowid IS NULL`
    )
    const orphans = await client.query(`SELECT COUNT(*) AS n FROM wiretrace_links l LEFT JOIN wiretrace_articles a ON a.rowid = l.other WHERE a.rowid IS NULL`)
    await client.end()
    return {orphanPostings: Number(postings.rows[0].n), orphans: Number(orphans.rows[0].n)}
  }
  const db = new Database(location, {readonly: true})
  const orphanPostings = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM (SELECT article FROM postings UNION ALL SELECT article FROM recent_postings) p
         LEFT JOIN articles a ON a.rowid = p.article WHERE a.rowid IS NULL`
      )
      .get() as {n: number}
  ).n
  const orphans = (db.prepare('SELECT COUNT(*) AS n FROM links l LEFT JOIN articles a ON a.rowid = l.other WHERE a.rowid IS NULL').get() as {n: number}).n
  expect(db.pragma('integrity_check', {simple: true})).toBe('ok')
  db.close()
  return {orphanPostings, orphans}
}

for (const engine of ['sqlite', 'postgres'] as const) {
  const skipped = engine === 'postgres' ? PG_SKIPPED : undefined
  describe.skipIf(skipped !== undefined)(`links read from the ${engine} index${skipped ? ` (${skipped})` : ''}`, () => {
    it('leave out a link whose every seed is a stock phrase now, and keep one with a rare seed in any place', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const [stock, rare] = [101, 202]
        const blocks = [block('b2', WIRE)]
        await store.transaction(async () => {
          // The stock shingle stands in five unrelated articles, the rare one in the two linked articles alone.
          for (const id of ['x1.txt', 'x2.txt', 'x3.txt']) await store.add({id, sha256: id, config: 'c', published: null, blocks}, [{hash: stock, position: 0}])
          for (const id of ['a.txt', 'b.txt'])
            await store.add({id, sha256: id, config: 'c', published: null, blocks}, [
              {hash: stock, position: 0},
              {hash: rare, position: 1}
            ])
          const linkWith = (start: number, seeds: number[]) => ({
            block: 'b2',
            span: [start, start + 5] as [number, number],
            otherBlock: 'b2',
            otherLines: [2, 2] as [number, number],
            otherSpan: [start, start + 5] as [number, number],
            similarity: 1,
            seeds
          })
          const seeded = [[stock], [stock, rare], [rare, stock], [], [stock, stock]]
          await store.recordLinks(
            'a.txt',
            'b.txt',
            seeded.flatMap((seeds, at) => [
              {...linkWith(at * 10, seeds), article: 'a.txt', other: 'b.txt'},
              {...linkWith(at * 10, seeds), article: 'b.txt', other: 'a.txt'}
            ])
          )
        })
        const spans = async (maxDf: number) => (await reuseLinker({maxDf}).links(store, 'a.txt')).map((link) => link.span[0])
        expect(await spans(2)).toEqual([10, 20, 30])
        expect(await spans(5)).toEqual([0, 10, 20, 30, 40])
      } finally {
        await store.close()
      }
    })

    it('name the articles among some that an article has links with, in either direction of the pair', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const blocks = [block('b2', WIRE)]
        const span: [number, number] = [0, 5]
        const linkOf = (article: string, other: string) => ({
          article,
          block: 'b2',
          span,
          other,
          otherBlock: 'b2',
          otherLines: [2, 2] as [number, number],
          otherSpan: span,
          similarity: 1,
          seeds: []
        })
        await store.transaction(async () => {
          for (const id of ['a.txt', 'b.txt', 'c.txt', 'd.txt'])
            await store.add({id, sha256: id, config: 'c', published: null, blocks}, [{hash: 7, position: 0}])
          await store.recordLinks('a.txt', 'b.txt', [linkOf('a.txt', 'b.txt'), linkOf('b.txt', 'a.txt')])
          await store.recordLinks('c.txt', 'a.txt', [linkOf('c.txt', 'a.txt'), linkOf('a.txt', 'c.txt')])
        })
        expect(await store.linkedAmong('a.txt', ['d.txt', 'c.txt', 'z.txt', 'a.txt', 'b.txt'])).toEqual(new Set(['b.txt', 'c.txt']))
        expect(await store.linkedAmong('b.txt', ['a.txt', 'c.txt'])).toEqual(new Set(['a.txt']))
        expect(await store.linkedAmong('d.txt', ['a.txt', 'b.txt'])).toEqual(new Set())
        expect(await store.linkedAmong('z.txt', ['a.txt'])).toEqual(new Set())
        expect(await store.linkedAmong('a.txt', [])).toEqual(new Set())
      } finally {
        await store.close()
      }
    })
  })
}

/** The SQLite index as version 6 laid it out, frozen here: the migration tests start from it. */
const VERSION_6_SCHEMA = `
CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, config TEXT NOT NULL, published TEXT, blocks TEXT NOT NULL);
CREATE TABLE postings (
  hash INTEGER NOT NULL, article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, position INTEGER NOT NULL,
  PRIMARY KEY (hash, article, position)
) WITHOUT ROWID;
CREATE INDEX postings_by_article ON postings(article);
CREATE TABLE links (
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, block TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  other INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, other_block TEXT NOT NULL, other_first INTEGER NOT NULL, other_last INTEGER NOT NULL,
  other_start INTEGER NOT NULL, other_end INTEGER NOT NULL, similarity REAL NOT NULL, seeds TEXT NOT NULL
);
CREATE INDEX links_by_article ON links(article);
CREATE INDEX links_by_other ON links(other);
CREATE TABLE pending (article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE);
CREATE TABLE copies (article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE, root INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE);
CREATE INDEX copies_by_root ON copies(root);
CREATE TABLE counted (id TEXT PRIMARY KEY, outlet TEXT NOT NULL, keys TEXT NOT NULL, view TEXT);
CREATE TABLE line_counts (key INTEGER NOT NULL, outlet TEXT NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (key, outlet)) WITHOUT ROWID;
CREATE TABLE recent_postings (
  hash INTEGER NOT NULL, article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE, position INTEGER NOT NULL,
  PRIMARY KEY (hash, article, position)
) WITHOUT ROWID;
CREATE INDEX recent_postings_by_article ON recent_postings(article);`

/** Writes an index in version 6's layout, each article's postings in the table `merged` says (the recent one by default). */
function writeVersion6Index(
  location: string,
  articles: Array<{id: string; sha256?: string; blocks: unknown[]; fingerprints: Fingerprint[]; merged?: boolean}>
): void {
  const db = new Database(location)
  db.exec(VERSION_6_SCHEMA)
  db.pragma('foreign_keys = ON')
  for (const {id, sha256, blocks, fingerprints, merged} of articles) {
    const {lastInsertRowid} = db
      .prepare('INSERT INTO articles (id, sha256, config, published, blocks) VALUES (?, ?, ?, NULL, ?)')
      .run(id, sha256 ?? id.repeat(16), 'c', JSON.stringify(blocks))
    const insert = db.prepare(`INSERT INTO ${merged ? 'postings' : 'recent_postings'} (hash, article, position) VALUES (?, ?, ?)`)
    for (const {hash, position} of fingerprints) insert.run(hash, lastInsertRowid, position)
  }
  db.pragma('user_version = 6')
  db.close()
}

describe('the SQLite index', () => {
  it('refuses a fingerprint it cannot store in 32 bits, and stores nothing of the article', async () => {
    const store = await openStore(await freshIndex('sqlite'))
    try {
      const article = {id: 'a.txt', sha256: 'a', config: 'c', published: null, blocks: [block('b2', WIRE)]}
      for (const fingerprint of [
        {hash: -1, position: 0},
        {hash: 2 ** 32, position: 0},
        {hash: 1, position: 0.5}
      ])
        await expect(store.transaction(() => store.add(article, [fingerprint]))).rejects.toThrow(
          /: a fingerprint.s hash and position are unsigned 32-bit integers, not /
        )
      expect(await store.articleCount()).toBe(0)
      await store.transaction(() => store.add(article, [{hash: 2 ** 32 - 1, position: 7}]))
      expect(await store.fingerprintsOf('a.txt')).toEqual([{hash: 2 ** 32 - 1, position: 7}])
    } finally {
      await store.close()
    }
  })

  it('makes a new file with pages of PAGE_SIZE bytes, and keeps the pages of a file made with smaller ones', async () => {
    const pageSize = (location: string) => {
      const db = new Database(location, {readonly: true})
      try {
        return db.pragma('page_size', {simple: true})
      } finally {
        db.close()
      }
    }
    const blocks = [block('b2', WIRE)]
    const fresh = await freshIndex('sqlite')
    await withStore(fresh, (store) =>
      store.transaction(() => store.add({id: 'a.txt', sha256: 'a', config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
    )
    expect(pageSize(fresh)).toBe(PAGE_SIZE)
    // An index of an earlier wiretrace, made with SQLite's default pages, is read and written as it is.
    const earlier = join(work, `small-pages-${Date.now()}.sqlite`)
    writeVersion6Index(earlier, [{id: 'a.txt', blocks, fingerprints: fingerprintsOf(blocks)}])
    expect(pageSize(earlier)).toBe(4096)
    await withStore(earlier, (store) =>
      store.transaction(() => store.add({id: 'b.txt', sha256: 'b', config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
    )
    expect(pageSize(earlier)).toBe(4096)
    // Both articles hold every hash: each is common past one document.
    const hashes = fingerprintsOf(blocks).map((fingerprint) => fingerprint.hash)
    const store = await openStore(earlier)
    try {
      expect((await store.commonHashes(hashes, 1)).size).toBe(new Set(hashes).size)
    } finally {
      await store.close()
    }
  })
})

describe("the SQLite index's filter of shared hashes", () => {
  const wire = [block('b2', WIRE)]
  const reprint = [block('b3', `Sementara itu, ${WIRE}`)]
  // Words of their own for each n: no two of these share a shingle.
  const unrelated = (n: number) => [block('b4', Array.from({length: 30}, (_, index) => `kata${n}x${index}`).join(' '))]
  type Blocks = ReturnType<typeof block>[]
  const article = (id: string, blocks: Blocks) => ({id, sha256: id.padEnd(64, '0'), config: 'c', published: null, blocks})
  const add = (store: ReuseStore, id: string, blocks: Blocks) => store.transaction(() => store.add(article(id, blocks), fingerprintsOf(blocks)))
  const candidatesOf = async (store: ReuseStore, id: string, blocks: Blocks) =>
    (await store.candidates(fingerprintsOf(blocks), id)).map((found) => found.article).sort()

  it('finds what another connection added to the file after it opened, and what an index held before', async () => {
    const location = await freshIndex('sqlite')
    const first = openSqliteStore(location)
    const second = openSqliteStore(location)
    try {
      // Both opened the file empty; the second adds the wire story, which the first has not seen added.
      await add(second, 'a.txt', wire)
      await add(first, 'b.txt', reprint)
      expect(await candidatesOf(first, 'b.txt', reprint)).toEqual(['a.txt'])
      // Held by both articles, those of the reprint's fingerprints the wire story has are over a limit of one.
      const wireHashes = new Set(fingerprintsOf(wire).map((fingerprint) => fingerprint.hash))
      const reprintHashes = fingerprintsOf(reprint).map((fingerprint) => fingerprint.hash)
      const both = new Set(reprintHashes.filter((hash) => wireHashes.has(hash)))
      expect(both.size).toBeGreaterThan(0)
      expect(await first.commonHashes(reprintHashes, 1)).toEqual(both)
    } finally {
      await first.close()
      await second.close()
    }
    // Opened on an index with postings, before and after its connection reads them all into a filter.
    for (const scanAfterAdded of [2, 1000]) {
      const later = openSqliteStore(location, {scanAfterAdded})
      try {
        for (const n of [1, 2, 3]) await add(later, `z${n}.txt`, unrelated(n))
        await add(later, 'c.txt', reprint)
        expect(await candidatesOf(later, 'c.txt', reprint)).toEqual(['a.txt', 'b.txt'])
        expect(await candidatesOf(later, 'd.txt', wire)).toEqual(['a.txt', 'b.txt', 'c.txt'])
        expect(await candidatesOf(later, 'z1.txt', unrelated(1))).toEqual([])
      } finally {
        await later.close()
      }
    }
  })

  it('waits for more new articles before it reads the postings of a larger index', () => {
    expect([0, 10_000, 100_000, 1_000_000].map(scanAfterAdded)).toEqual([2_000, 2_000, 2_000, 20_000])
  })

  it('reads the main postings and the recent ones alike when it fills the filter', async () => {
    const location = await freshIndex('sqlite')
    const merging = openSqliteStore(location, {recentPostingsLimit: 1})
    await add(merging, 'merged.txt', wire)
    await merging.close()
    const keeping = openSqliteStore(location, {recentPostingsLimit: Number.POSITIVE_INFINITY})
    await add(keeping, 'recent.txt', unrelated(9))
    await keeping.close()
    const store = openSqliteStore(location, {scanAfterAdded: 1})
    try {
      for (const n of [1, 2]) await add(store, `z${n}.txt`, unrelated(n))
      await add(store, 'b.txt', reprint)
      expect(await candidatesOf(store, 'b.txt', reprint)).toEqual(['merged.txt'])
      expect(await candidatesOf(store, 'x.txt', unrelated(9))).toEqual(['recent.txt'])
    } finally {
      await store.close()
    }
  })
})

describe('the SQLite index of an earlier wiretrace', () => {
  it('is migrated in place: version 4 loses its table of document frequencies, which the postings count instead', async () => {
    const location = join(work, `v4-${Date.now()}.sqlite`)
    const blocks = [block('b2', WIRE)]
    const hashes = fingerprintsOf(blocks).map((fingerprint) => fingerprint.hash)
    writeVersion6Index(
      location,
      ['a.txt', 'b.txt'].map((id) => ({id, blocks, fingerprints: fingerprintsOf(blocks)}))
    )
    const db = new Database(location)
    // The table version 4 kept, with counts no longer true: nothing may read them.
    db.exec('CREATE TABLE grams (hash INTEGER PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID')
    const insert = db.prepare('INSERT OR IGNORE INTO grams (hash, df) VALUES (?, 1000)')
    for (const hash of hashes) insert.run(hash)
    db.pragma('user_version = 4')
    db.close()
    const migrated = await openStore(location)
    try {
      expect((await migrated.commonHashes(hashes, 1)).size).toBe(new Set(hashes).size)
      expect((await migrated.commonHashes(hashes, 2)).size).toBe(0)
    } finally {
      await migrated.close()
    }
    const after = new Database(location, {readonly: true})
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'grams'").all()).toEqual([])
    expect(after.pragma('user_version', {simple: true})).toBe(8)
    after.close()
  })

  it('is migrated in place: version 5 gains the recent postings, and the postings it holds still pick candidates and count', async () => {
    const location = join(work, `v5-${Date.now()}.sqlite`)
    const blocks = [block('b2', WIRE)]
    const fingerprints = fingerprintsOf(blocks)
    const hashes = fingerprints.map((fingerprint) => fingerprint.hash)
    const add = (target: ReuseStore, id: string) =>
      target.transaction(() => target.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprints))
    writeVersion6Index(
      location,
      ['a.txt', 'b.txt'].map((id) => ({id, blocks, fingerprints}))
    )
    // Version 5 kept every posting in the one table.
    const db = new Database(location)
    db.exec('INSERT INTO postings SELECT * FROM recent_postings; DROP TABLE recent_postings')
    db.pragma('user_version = 5')
    db.close()
    const migrated = await openStore(location)
    try {
      expect(await migrated.fingerprintsOf('a.txt')).toEqual(fingerprints)
      expect((await migrated.commonHashes(hashes, 2)).size).toBe(0)
      await add(migrated, 'c.txt')
      // Counted across both tables: two articles in the main one, one in the recent one.
      expect((await migrated.commonHashes(hashes, 2)).size).toBe(new Set(hashes).size)
      expect(await migrated.candidates(fingerprints, 'c.txt')).toEqual([
        {article: 'a.txt', shared: new Set(hashes).size},
        {article: 'b.txt', shared: new Set(hashes).size}
      ])
    } finally {
      await migrated.close()
    }
    const after = new Database(location, {readonly: true})
    expect(after.pragma('user_version', {simple: true})).toBe(8)
    expect((after.prepare('SELECT COUNT(DISTINCT article) AS n FROM recent_postings').get() as {n: number}).n).toBe(1)
    after.close()
  })

  it("is migrated in place: version 6 keeps each article's fingerprints with it, and its postings lose the index by article and the foreign key", async () => {
    const location = join(work, `v6-${Date.now()}.sqlite`)
    const blocks = [block('b2', WIRE)]
    const fingerprints = fingerprintsOf(blocks)
    const hashes = [...new Set(fingerprints.map((fingerprint) => fingerprint.hash))]
    // One article's postings merged into the main table, the others' still recent, as a version 6 run leaves them.
    writeVersion6Index(location, [
      {id: 'a.txt', blocks, fingerprints, merged: true},
      {id: 'b.txt', blocks, fingerprints},
      {id: 'c.txt', blocks, fingerprints: fingerprints.slice(0, 3)}
    ])
    const migrated = await openStore(location)
    try {
      expect(await migrated.fingerprintsOf('a.txt')).toEqual(fingerprints)
      expect(await migrated.fingerprintsOf('b.txt')).toEqual(fingerprints)
      expect(await migrated.fingerprintsOf('c.txt')).toEqual(fingerprints.slice(0, 3))
      expect(await migrated.candidates(fingerprints, 'b.txt')).toEqual([
        {article: 'a.txt', shared: hashes.length},
        {article: 'c.txt', shared: new Set(fingerprints.slice(0, 3).map((fingerprint) => fingerprint.hash)).size}
      ])
      expect((await migrated.commonHashes(hashes, 2)).size).toBe(new Set(fingerprints.slice(0, 3).map((fingerprint) => fingerprint.hash)).size)
      // An article removed, or indexed again, takes its postings from whichever table holds them.
      await migrated.transaction(async () => {
        await migrated.remove('a.txt')
        await migrated.add({id: 'b.txt', sha256: 'new', config: 'c', published: null, blocks}, fingerprints.slice(1))
      })
      expect(await migrated.candidates(fingerprints, 'x.txt')).toEqual([
        {article: 'b.txt', shared: new Set(fingerprints.slice(1).map((fingerprint) => fingerprint.hash)).size},
        {article: 'c.txt', shared: new Set(fingerprints.slice(0, 3).map((fingerprint) => fingerprint.hash)).size}
      ])
    } finally {
      await migrated.close()
    }
    expect(await consistency(location)).toEqual({orphanPostings: 0, orphans: 0})
    const after = new Database(location, {readonly: true})
    expect(after.pragma('user_version', {simple: true})).toBe(8)
    for (const table of ['postings', 'recent_postings']) {
      expect(after.pragma(`foreign_key_list(${table})`)).toEqual([])
      expect(after.pragma(`index_list(${table})`)).toEqual([expect.objectContaining({origin: 'pk'})])
    }
    // Version 8: the links between two articles are found by the pair, not by reading all of one side's.
    const linkIndexes = (after.pragma('index_list(links)') as Array<{name: string}>).map((index) => index.name).sort()
    expect(linkIndexes).toEqual(['links_by_other', 'links_by_pair'])
    expect((after.pragma('index_info(links_by_pair)') as Array<{name: string}>).map((column) => column.name)).toEqual(['article', 'other'])
    const rows =
      (after.prepare('SELECT COUNT(*) AS n FROM postings').get() as {n: number}).n +
      (after.prepare('SELECT COUNT(*) AS n FROM recent_postings').get() as {n: number}).n
    expect(rows).toBe(new Set(fingerprints.slice(1).map(({hash, position}) => `${hash}:${position}`)).size + 3)
    after.close()
  })

  it("is migrated in place: version 1 gains the link step's journal and the corpus counts", async () => {
    const location = join(work, `v1-${Date.now()}.sqlite`)
    const blocks = [block('b2', WIRE)]
    writeVersion6Index(location, [{id: 'a.txt', sha256: 'a'.repeat(64), blocks, fingerprints: fingerprintsOf(blocks)}])
    const db = new Database(location)
    db.exec('DROP TABLE pending; DROP TABLE counted; DROP TABLE line_counts')
    db.pragma('user_version = 1')
    db.close()
    const migrated = await openStore(location)
    try {
      expect(await migrated.lookup('a.txt')).toEqual({sha256: 'a'.repeat(64), config: 'c'})
      await migrated.markPending(['a.txt'])
      expect(await migrated.pending()).toEqual(['a.txt'])
      expect(await migrated.copiesOf('a.txt')).toEqual([])
      await migrated.count([{id: 'a.txt', outlet: 'x', keys: [1, 2]}])
      expect(await migrated.lineCounts([1])).toEqual([{key: 1, outlets: 1, articles: 1, named: [['x', 1]]}])
    } finally {
      await migrated.close()
    }
  })
})

for (const engine of ['sqlite', 'postgres'] as const) {
  const skipped = engine === 'postgres' ? PG_SKIPPED : undefined
  describe.skipIf(skipped !== undefined)(`the ${engine} index${skipped ? ` (${skipped})` : ''}`, () => {
    it("keeps the link step's journal of reports to patch until they are cleared", async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        for (const id of ['b.txt', 'a.txt']) {
          const blocks = [block('b2', WIRE)]
          await store.transaction(() => store.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
        }
        await store.transaction(() => store.markPending(['b.txt', 'a.txt', 'not-indexed.txt']))
        expect(await store.pending()).toEqual(['a.txt', 'b.txt'])
        await store.clearPending(['a.txt'])
        expect(await store.pending()).toEqual(['b.txt'])
        await store.remove('b.txt')
        expect(await store.pending()).toEqual([])
      } finally {
        await store.close()
      }
    })

    it('keeps the corpus line counts: an article counted again replaces its earlier count, views are recorded and forgotten', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const big = 2 ** 52 + 7
        await store.count([
          {id: 'a.txt', outlet: 'contoh.com', keys: [5, big]},
          {id: 'b.txt', outlet: 'contoh.com', keys: [5]},
          {id: 'c.txt', outlet: 'lain.id', keys: [5, 9]}
        ])
        const sorted = async (keys: number[]) => (await store.lineCounts(keys)).sort((x, y) => x.key - y.key)
        expect(await sorted([5, big, 404])).toEqual([
          {
            key: 5,
            outlets: 2,
            articles: 3,
            named: [
              ['contoh.com', 2],
              ['lain.id', 1]
            ]
          },
          {key: big, outlets: 1, articles: 1, named: [['contoh.com', 1]]}
        ])
        await store.setViews([{id: 'a.txt', view: 'v1'}])
        expect((await store.counted(['a.txt', 'z.txt'])).get('a.txt')).toEqual({outlet: 'contoh.com', keys: [5, big], view: 'v1'})
        // Counted again with other lines and another outlet: the earlier count is taken back, the view is unknown.
        await store.count([{id: 'a.txt', outlet: 'lain.id', keys: [9]}])
        expect(await sorted([5, big, 9])).toEqual([
          {
            key: 5,
            outlets: 2,
            articles: 2,
            named: [
              ['contoh.com', 1],
              ['lain.id', 1]
            ]
          },
          {key: 9, outlets: 1, articles: 2, named: [['lain.id', 2]]}
        ])
        // An article of no known outlet is an outlet of its own: it adds an outlet and an article to a line, and no named count.
        await store.count([{id: 'd.txt', outlet: ownOutlet('d.txt'), keys: [9]}])
        expect(await sorted([9])).toEqual([{key: 9, outlets: 2, articles: 3, named: [['lain.id', 2]]}])
        expect([...(await store.counted(['a.txt', 'z.txt'])).entries()]).toEqual([['a.txt', {outlet: 'lain.id', keys: [9], view: null}]])
        // A stale article is indexed again by the next link step, as if its text had changed.
        const blocks = [block('b2', WIRE)]
        await store.transaction(() => store.add({id: 'a.txt', sha256: 'a'.repeat(64), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
        await store.markStale(['a.txt'])
        expect((await store.lookup('a.txt'))?.config).not.toBe('c')
      } finally {
        await store.close()
      }
    })

    it('stores, finds and forgets an article with its fingerprints', async () => {
      const store: ReuseStore = await openStore(await freshIndex(engine))
      try {
        const a = [block('b2', WIRE)]
        await store.transaction(() => store.add({id: 'a.txt', sha256: 'a'.repeat(64), config: 'c1', published: '2024-06-22', blocks: a}, fingerprintsOf(a)))
        expect(await store.lookup('a.txt')).toEqual({sha256: 'a'.repeat(64), config: 'c1'})
        expect((await store.load('a.txt'))?.blocks[0]?.text).toBe(WIRE)
        const b = [block('b3', `Sementara itu, ${WIRE}`)]
        expect(await store.candidates(fingerprintsOf(b), 'b.txt')).toEqual([{article: 'a.txt', shared: expect.any(Number)}])
        await store.remove('a.txt')
        expect(await store.lookup('a.txt')).toBeUndefined()
        expect(await store.candidates(fingerprintsOf(b), 'b.txt')).toEqual([])
      } finally {
        await store.close()
      }
    })

    it('keeps an article indexed twice as one article', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const a = [block('b2', WIRE)]
        for (const config of ['c1', 'c2'])
          await store.transaction(() => store.add({id: 'a.txt', sha256: 'a'.repeat(64), config, published: null, blocks: a}, fingerprintsOf(a)))
        expect(await store.articleCount()).toBe(1)
        const hashes = fingerprintsOf(a).map((fingerprint) => fingerprint.hash)
        expect((await store.commonHashes(hashes, 0)).size).toBe(new Set(hashes).size)
        expect((await store.commonHashes(hashes, 1)).size).toBe(0)
      } finally {
        await store.close()
      }
    })

    it('counts an article and its near-exact copies as one document when it judges stock phrases', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const blocks = [block('b2', WIRE)]
        const hashes = fingerprintsOf(blocks).map((fingerprint) => fingerprint.hash)
        const add = (id: string) =>
          store.transaction(() => store.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
        for (const id of ['a.txt', 'b.txt', 'c.txt']) await add(id)
        // Three articles that are not known to be copies: three documents.
        expect((await store.commonHashes(hashes, 2)).size).toBe(new Set(hashes).size)
        await store.transaction(async () => {
          await store.setCopyOf('b.txt', 'a.txt')
          await store.setCopyOf('c.txt', 'a.txt')
        })
        expect(await store.rootsOf(['c.txt', 'a.txt', 'z.txt', 'b.txt'])).toEqual(
          new Map([
            ['c.txt', 'a.txt'],
            ['b.txt', 'a.txt']
          ])
        )
        expect((await store.commonHashes(hashes, 1)).size).toBe(0)
        // A fourth article of its own makes two groups.
        await add('d.txt')
        expect((await store.commonHashes(hashes, 1)).size).toBe(new Set(hashes).size)
        expect((await store.commonHashes(hashes, 2)).size).toBe(0)
      } finally {
        await store.close()
      }
    })

    it("sets a copy's postings aside while its root stands for them, and gives them back when it stops being a copy", async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const {wire, copy, reader, ownSentence} = copiedWire()
        expect(ownSentence.length).toBeGreaterThan(0)
        const add = (id: string, blocks: ReturnType<typeof block>[]) =>
          store.transaction(() => store.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
        await add('a.txt', wire)
        await add('b.txt', copy)
        const found = (blocks: ReturnType<typeof block>[]) => candidateIds(store, blocks)
        expect(await found(reader)).toEqual(['a.txt', 'b.txt'])
        await store.transaction(() => store.setCopyOf('b.txt', 'a.txt'))
        // The story's fingerprints find its root alone; the copy's own sentence still finds the copy.
        expect(await found(reader)).toEqual(['a.txt'])
        expect(await store.candidates(ownSentence, 'z.txt')).toEqual([{article: 'b.txt', shared: fingerprintHashes(ownSentence).size}])
        expect(await store.fingerprintsOf('b.txt')).toEqual(fingerprintsOf(copy))
        await store.transaction(() => store.setCopyOf('b.txt', null))
        expect(await found(reader)).toEqual(['a.txt', 'b.txt'])
        // Its root forgotten, a copy is found again by every fingerprint it has.
        await store.transaction(() => store.setCopyOf('b.txt', 'a.txt'))
        await store.transaction(() => store.remove('a.txt'))
        expect(await store.copyOf('b.txt')).toBeUndefined()
        expect(await found(reader)).toEqual(['b.txt'])
        expect(await store.candidates(fingerprintsOf(copy), 'z.txt')).toEqual([
          {article: 'b.txt', shared: new Set(fingerprintsOf(copy).map((f) => f.hash)).size}
        ])
      } finally {
        await store.close()
      }
    })

    it('adds a copy with its root as setting it a copy does: postings its root holds never written, the same candidates, counts and fingerprints', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const {wire, copy, reader, ownSentence} = copiedWire()
        const hashes = fingerprintsOf(wire).map((fingerprint) => fingerprint.hash)
        const article = (id: string, blocks: ReturnType<typeof block>[]) => ({id, sha256: id.repeat(16), config: 'c', published: null, blocks})
        await store.transaction(() => store.add(article('a.txt', wire), fingerprintsOf(wire)))
        await store.transaction(() => store.add(article('b.txt', copy), fingerprintsOf(copy), 'a.txt'))
        const found = (blocks: ReturnType<typeof block>[]) => candidateIds(store, blocks)
        expect(await store.copyOf('b.txt')).toBe('a.txt')
        expect(await found(reader)).toEqual(['a.txt'])
        expect(await store.candidates(ownSentence, 'z.txt')).toEqual([{article: 'b.txt', shared: fingerprintHashes(ownSentence).size}])
        expect(await store.fingerprintsOf('b.txt')).toEqual(fingerprintsOf(copy))
        expect((await store.commonHashes(hashes, 1)).size).toBe(0)
        expect((await store.commonHashes(hashes, 0)).size).toBe(new Set(hashes).size)
        // Below zero, every hash is common, one no article holds included.
        expect(await store.commonHashes([...hashes, 7], -1)).toEqual(new Set([...hashes, 7]))
        // No longer a copy, it is found by every fingerprint it has, as one set aside by setCopyOf is.
        await store.transaction(() => store.setCopyOf('b.txt', null))
        expect(await found(reader)).toEqual(['a.txt', 'b.txt'])
        await store.transaction(() => store.add(article('b.txt', copy), fingerprintsOf(copy), 'a.txt'))
        await store.transaction(() => store.remove('a.txt'))
        expect(await store.candidates(fingerprintsOf(copy), 'z.txt')).toEqual([
          {article: 'b.txt', shared: new Set(fingerprintsOf(copy).map((f) => f.hash)).size}
        ])
        await expect(store.transaction(() => store.add(article('c.txt', copy), fingerprintsOf(copy), 'gone.txt'))).rejects.toThrow(/gone\.txt/)
        expect(await store.lookup('c.txt')).toBeUndefined()
      } finally {
        await store.close()
      }
    })

    it("counts a hash's documents from the postings: an article removed or indexed again counts as it is now", async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const wire = [block('b2', WIRE)]
        const other = [block('b2', 'Presiden menghadiri upacara peresmian bendungan baru di Jawa Tengah pada hari Senin bersama para menteri kabinet.')]
        const hashes = fingerprintsOf(wire).map((fingerprint) => fingerprint.hash)
        const add = (id: string, blocks: ReturnType<typeof block>[]) =>
          store.transaction(() => store.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
        for (const id of ['a.txt', 'b.txt', 'c.txt']) await add(id, wire)
        expect((await store.commonHashes(hashes, 2)).size).toBe(new Set(hashes).size)
        await store.transaction(() => store.remove('b.txt'))
        expect((await store.commonHashes(hashes, 2)).size).toBe(0)
        expect((await store.commonHashes(hashes, 1)).size).toBe(new Set(hashes).size)
        // Indexed again with other text: its earlier fingerprints no longer count.
        await add('c.txt', other)
        expect((await store.commonHashes(hashes, 1)).size).toBe(0)
        expect((await store.commonHashes(hashes, 0)).size).toBe(new Set(hashes).size)
      } finally {
        await store.close()
      }
    })

    it('answers the same whether postings are recent or merged, and merges only past the limit', async () => {
      // Merged at two articles' rows: the second article's postings move the first two articles' into the main table.
      const perArticle = fingerprintsOf([block('b2', WIRE)]).length
      const location = await freshIndex(engine)
      const store = await openWithRecentLimit(engine, location, perArticle * 2)
      const unmerged = openSqliteStore(':memory:', {recentPostingsLimit: Number.POSITIVE_INFINITY})
      try {
        const wire = [block('b2', WIRE)]
        const other = [block('b2', 'Presiden menghadiri upacara peresmian bendungan baru di Jawa Tengah pada hari Senin bersama para menteri kabinet.')]
        const texts: Array<[string, ReturnType<typeof block>[]]> = [
          ['a.txt', wire],
          ['b.txt', wire],
          ['c.txt', other],
          ['d.txt', wire]
        ]
        const seen: Array<{main: number; recent: number}> = []
        for (const [id, blocks] of texts) {
          for (const target of [store, unmerged])
            await target.transaction(() => target.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks}, fingerprintsOf(blocks)))
          seen.push(await postingRows(location))
          const hashes = fingerprintsOf(blocks).map((fingerprint) => fingerprint.hash)
          for (const maxDf of [0, 1, 2]) expect(await store.commonHashes(hashes, maxDf)).toEqual(await unmerged.commonHashes(hashes, maxDf))
          expect(await store.candidates(fingerprintsOf(blocks), id)).toEqual(await unmerged.candidates(fingerprintsOf(blocks), id))
        }
        expect(seen[0]).toEqual({main: 0, recent: perArticle})
        expect(seen[1]).toEqual({main: perArticle * 2, recent: 0})
        for (const [id] of texts) expect(await store.fingerprintsOf(id)).toEqual(await unmerged.fingerprintsOf(id))
        // An article removed takes its postings from whichever table holds them.
        await store.transaction(() => store.remove('a.txt'))
        await store.transaction(() => store.remove('d.txt'))
        expect(await store.candidates(fingerprintsOf(wire), 'x.txt')).toEqual([
          {article: 'b.txt', shared: new Set(fingerprintsOf(wire).map((f) => f.hash)).size}
        ])
        expect(await consistency(location)).toEqual({orphanPostings: 0, orphans: 0})
      } finally {
        await store.close()
        await unmerged.close()
      }
    })

    it('rolls back a merge with the articles it follows', async () => {
      const perArticle = fingerprintsOf([block('b2', WIRE)]).length
      const location = await freshIndex(engine)
      const store = await openWithRecentLimit(engine, location, perArticle * 2)
      try {
        const wire = [block('b2', WIRE)]
        const add = (id: string) => store.add({id, sha256: id.repeat(16), config: 'c', published: null, blocks: wire}, fingerprintsOf(wire))
        await store.transaction(() => add('a.txt'))
        // The second article takes the recent postings past the limit: merged, then rolled back with it.
        await expect(
          store.transaction(async () => {
            await add('b.txt')
            throw new Error('killed')
          })
        ).rejects.toThrow('killed')
        expect(await postingRows(location)).toEqual({main: 0, recent: perArticle})
        expect(await store.articleCount()).toBe(1)
        expect(await store.fingerprintsOf('a.txt')).toEqual(fingerprintsOf(wire))
        expect(await consistency(location)).toEqual({orphanPostings: 0, orphans: 0})
        // Added again, it merges them.
        await store.transaction(() => add('b.txt'))
        expect(await postingRows(location)).toEqual({main: perArticle * 2, recent: 0})
      } finally {
        await store.close()
      }
    })

    it('rolls back an article whose indexing fails half-way', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        const a = [block('b2', WIRE)]
        await expect(
          store.transaction(async () => {
            await store.add({id: 'a.txt', sha256: 'a'.repeat(64), config: 'c', published: null, blocks: a}, fingerprintsOf(a))
            throw new Error('killed')
          })
        ).rejects.toThrow('killed')
        expect(await store.articleCount()).toBe(0)
      } finally {
        await store.close()
      }
    })

    it('finds the seeds reuse pairs', async () => {
      const result = await runCorpus({inputs: ['seeds'], index: await freshIndex(engine)})
      const pairs = result.articles.flatMap((article) =>
        article.report!.blocks.flatMap((b) => b.reuse.map((link) => `${article.input.relative}:${b.lines[0]} -> ${link.article}:${link.lines[0]}`))
      )
      expect(pairs.filter((pair) => pair.startsWith('000'))).toEqual([
        '000_0ff0c87b60d874fd.txt:4 -> 001_fbe5a5956e437734.txt:23',
        '000_0ff0c87b60d874fd.txt:5 -> 001_fbe5a5956e437734.txt:25',
        '000_0ff0c87b60d874fd.txt:6 -> 001_fbe5a5956e437734.txt:27',
        '000_0ff0c87b60d874fd.txt:8 -> 001_fbe5a5956e437734.txt:31',
        '000_0ff0c87b60d874fd.txt:9 -> 001_fbe5a5956e437734.txt:31',
        '000_0ff0c87b60d874fd.txt:10 -> 001_fbe5a5956e437734.txt:33',
        '000_0ff0c87b60d874fd.txt:12 -> 001_fbe5a5956e437734.txt:35',
        '000_0ff0c87b60d874fd.txt:13 -> 001_fbe5a5956e437734.txt:35',
        '000_0ff0c87b60d874fd.txt:14 -> 001_fbe5a5956e437734.txt:39',
        '000_0ff0c87b60d874fd.txt:16 -> 001_fbe5a5956e437734.txt:41'
      ])
    })

    it('gives two runners over two halves the links, clusters and reports of one runner over the whole corpus', async () => {
      const corpus = corpusWithReuse(12)
      // A story printed by more outlets than are aligned pair by pair: its copies are composed through a root.
      writeCopies(corpus, [{lines: readFileSync('seeds/003_1d1aa39e3ef4d986.txt', 'utf8').split('\n')}], ALIGN_EVERY_COPY_BELOW + 4, 7)
      const ids = readdirSync(corpus).filter((name) => name.endsWith('.txt'))
      const single = await freshIndex(engine)
      const singleOut = join(work, `single-${engine}-${Date.now()}`)
      await runCorpus({inputs: [corpus], index: single, out: singleOut, retain: false})
      const shared = await freshIndex(engine)
      const out = join(work, `sharded-${engine}-${Date.now()}`)
      const runners = ['1/2', '2/2'].map((shard) => wiretrace(['run', corpus, '--index', shared, '--shard', shard, '--out', out, '--quiet']))
      expect(await Promise.all(runners.map(exited))).toEqual([0, 0])
      expect(readdirSync(out).filter((name) => name.endsWith('.txt.json'))).toHaveLength(ids.length)
      // The runners leave reuse to the finalize pass, which admits the corpus in input order: whichever runner reached a
      // story first, its root is the one of one process.
      expect(await allLinks(shared, ids)).toEqual([])
      const finalize = wiretrace(['reuse', '--finalize', corpus, '--index', shared, '--out', out])
      expect(await exited(finalize)).toBe(0)
      const links = await allLinks(single, ids)
      expect(links.length).toBeGreaterThan(20)
      expect(await allLinks(shared, ids)).toEqual(links)
      const reportLinks = ids.flatMap((id) =>
        (
          JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as {
            blocks: Array<{id: string; reuse: Array<{article: string; block: string; span: number[]; otherSpan: number[]}>}>
          }
        ).blocks.flatMap((b) => b.reuse.map((link) => `${id}:${b.id} -> ${link.article}:${link.block} ${link.span} ${link.otherSpan}`))
      )
      // A report shows a few of a block's links to the copies of a story printed more often and counts the rest.
      expect(links).toEqual(expect.arrayContaining(reportLinks))
      expect(reportLinks.length).toBeLessThan(links.length)
      const groups = (JSON.parse(readFileSync(join(singleOut, 'reuse.json'), 'utf8')) as ReuseFile).clusters.flatMap((cluster) => cluster.copies)
      expect(groups.map((group) => group.length)).toEqual([ALIGN_EVERY_COPY_BELOW + 6])
      // The same clusters, and report for report the same bytes.
      for (const name of readdirSync(singleOut)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(singleOut, name), 'utf8'))
    }, 240_000)

    for (const together of [false, true]) {
      it(`gives two runners over two different input lists (${together ? 'at once' : 'one after the other'}) the reports of one runner, once reuse --finalize has settled the corpus counts`, async () => {
        const {corpus, ids, index: single, out: singleOut} = await oneRunner()
        const template = ids.filter((id) => readFileSync(join(singleOut, `${id}.json`), 'utf8').includes('"ruleId": "generic/outlet-template"'))
        expect(template.filter((id) => !id.startsWith('copy-')).length).toBeGreaterThan(0)
        const shared = await freshIndex(engine)
        const out = join(work, `halves-${engine}-${together}-${Date.now()}`)
        const halves = [[join(corpus, '[0-9]*.txt')], [join(corpus, 'copy-*.txt')]]
        const half = (inputs: string[]) => wiretrace(['run', ...inputs, '--index', shared, '--out', out, '--quiet'])
        if (together) expect(await Promise.all(halves.map((inputs) => exited(half(inputs))))).toEqual([0, 0])
        else for (const inputs of halves) expect(await exited(half(inputs))).toBe(0)
        const differing = () => ids.filter((id) => readFileSync(join(out, `${id}.json`), 'utf8') !== readFileSync(join(singleOut, `${id}.json`), 'utf8'))
        // The originals ran first, counting only themselves: their reports differ until settled.
        if (!together) expect(differing().length).toBeGreaterThan(0)
        const first = await finalized(corpus, shared, out)
        expect(first.code).toBe(0)
        expect(differing()).toEqual([])
        // Only articles whose counts changed under them are analysed again: at most the originals that have a copy, and their copies.
        const again = Number(/\((\d+) analysed again/.exec(first.said)?.[1] ?? 0)
        if (!together) expect(again).toBe(12)
        expect(again).toBeLessThanOrEqual(24)
        expect(await allLinks(shared, ids)).toEqual(await allLinks(single, ids))
        for (const name of readdirSync(singleOut)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(singleOut, name), 'utf8'))
        // Settled: a second finalize analyses nothing and changes nothing.
        expect(await finalized(corpus, shared, out)).toEqual({code: 0, said: `0 reports patched, ${ids.length} unchanged\n`})
      }, 240_000)
    }

    it('takes an exported SQLite index in whole, links included (wiretrace index export | import)', async () => {
      const source = join(work, `export-source-${engine}-${Date.now()}.sqlite`)
      await runCorpus({inputs: ['test/fixtures/corpus'], index: source})
      const exported = await exportText(source)
      const target = await freshIndex(engine)
      const store = await openStore(target)
      try {
        expect(await importIndex(store, Readable.from([exported]))).toBe(24)
      } finally {
        await store.close()
      }
      expect(await exportText(target)).toBe(exported)
      const ids = readdirSync('test/fixtures/corpus').filter((name) => name.endsWith('.txt'))
      expect((await allLinks(target, ids)).length).toBe(36)
    })

    it('refuses an export it cannot read, naming the line', async () => {
      const store = await openStore(await freshIndex(engine))
      try {
        await expect(importIndex(store, Readable.from(['{"format":"wiretrace-index","version":1}\n{"id": 3}\n']), 'dump.jsonl')).rejects.toThrow(
          /^dump\.jsonl:2: id: /
        )
        await expect(importIndex(store, Readable.from(['{"format":"something-else"}\n']), 'dump.jsonl')).rejects.toThrow(
          /^dump\.jsonl:1: not a wiretrace-index version 1 export/
        )
        const record = {id: 'a.txt', sha256: 'a', config: 'c', published: null, blocks: [], links: []}
        await expect(
          importIndex(
            store,
            Readable.from([`{"format":"wiretrace-index","version":1}\n${JSON.stringify({...record, fingerprints: [[2 ** 32, 0]]})}\n`]),
            'dump.jsonl'
          )
        ).rejects.toThrow(/^dump\.jsonl:2: fingerprints\.0\.0: /)
        expect(await store.articleCount()).toBe(0)
      } finally {
        await store.close()
      }
    })

    it('stays consistent when killed while merging recent postings into the main table', async () => {
      const location = await freshIndex(engine)
      const perArticle = 4000
      // Every second article fills the recent postings: most of the time goes to merges, where the kill lands.
      const script = `
        const {${engine === 'sqlite' ? 'openSqliteStore' : 'openPgStore'}: open} = await import(${JSON.stringify(join(process.cwd(), 'link/reuse', `${engine === 'sqlite' ? 'sqlite' : 'pg'}-store.ts`))})
        const store = await open(${JSON.stringify(location)}, {recentPostingsLimit: ${perArticle * 2}})
        for (let n = 0; ; n++) {
          const fingerprints = Array.from({length: ${perArticle}}, (_, position) => ({hash: n * ${perArticle} + position, position}))
          await store.transaction(() => store.add({id: 'a' + n, sha256: 'x', config: 'c', published: null, blocks: []}, fingerprints))
          process.stdout.write(n + '\\n')
        }`
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'pipe']})
      let committed = 0
      child.stdout!.on('data', (chunk: Buffer) => {
        committed += chunk.toString().split('\n').length - 1
      })
      while (committed < 7 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 5))
      child.kill('SIGKILL')
      await exited(child)
      expect(child.signalCode).toBe('SIGKILL')
      expect(await consistency(location)).toEqual({orphanPostings: 0, orphans: 0})
      const store = await openStore(location)
      try {
        const count = await store.articleCount()
        expect(count).toBeGreaterThanOrEqual(7)
        // Every article kept has every one of its postings, in one table or the other, and nothing is counted twice.
        expect(await postingRows(location).then(({main, recent}) => main + recent)).toBe(count * perArticle)
        for (const n of [0, count - 1]) expect((await store.fingerprintsOf(`a${n}`)).length).toBe(perArticle)
      } finally {
        await store.close()
      }
    }, 120_000)

    it('stays consistent when reuse --finalize is killed while it indexes the reports of sharded runners, and the next one completes it', async () => {
      const corpus = corpusWithReuse(150)
      const ids = readdirSync(corpus).filter((name) => name.endsWith('.txt'))
      const single = await freshIndex(engine)
      const singleOut = join(work, `finalize-single-${engine}-${Date.now()}`)
      await runCorpus({inputs: [corpus], index: single, out: singleOut, retain: false})
      const index = await freshIndex(engine)
      const out = join(work, `finalize-killed-${engine}-${Date.now()}`)
      const runners = ['1/2', '2/2'].map((shard) => wiretrace(['run', corpus, '--index', index, '--shard', shard, '--out', out, '--quiet']))
      expect(await Promise.all(runners.map(exited))).toEqual([0, 0])
      const child = wiretrace(['reuse', '--finalize', corpus, '--index', index, '--out', out])
      // Killed once the first batch of articles is committed, while the next is being indexed.
      while (child.exitCode === null && (await indexedArticles(index)) === 0) await new Promise((resolve) => setTimeout(resolve, 5))
      child.kill('SIGKILL')
      await exited(child)
      expect(child.signalCode).toBe('SIGKILL')
      expect(await indexedArticles(index)).toBeLessThan(ids.length)
      expect(await consistency(index)).toEqual({orphanPostings: 0, orphans: 0})
      expect((await finalized(corpus, index, out)).code).toBe(0)
      expect(await allLinks(index, ids)).toEqual(await allLinks(single, ids))
      for (const name of readdirSync(singleOut)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(singleOut, name), 'utf8'))
    }, 240_000)

    // Killed while the pipeline holds its reports for the link step (run/held-reports.ts), some of them indexed, and
    // while the link step writes them.
    it.each([
      ['mid-pipeline, its reports held and part of them indexed', ({indexed, total}: Progress) => indexed > 0 && indexed < total],
      ['during the link step', ({reported}: Progress) => reported > 0]
    ])(
      'stays consistent when a run is killed %s, and the next run completes it',
      async (_when, killAt) => {
        const corpus = corpusWithReuse(150)
        const ids = readdirSync(corpus).filter((name) => name.endsWith('.txt'))
        const index = await freshIndex(engine)
        const out = join(work, `killed-${engine}-${Date.now()}`)
        const child = wiretrace(['run', corpus, '--index', index, '--out', out, '--quiet', '--workers', '1'])
        let killed = false
        while (child.exitCode === null && !killed) {
          const reported = existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.txt.json')).length : 0
          killed = killAt({reported, indexed: await indexedArticles(index), total: ids.length})
          if (!killed) await new Promise((resolve) => setTimeout(resolve, 5))
        }
        child.kill('SIGKILL')
        await exited(child)
        expect(child.signalCode).toBe('SIGKILL')
        expect(await consistency(index)).toEqual({orphanPostings: 0, orphans: 0})
        await runCorpus({inputs: [corpus], index, out, retain: false})
        const fresh = await freshIndex(engine)
        const freshOut = join(work, `fresh-${engine}-${Date.now()}`)
        await runCorpus({inputs: [corpus], index: fresh, out: freshOut, retain: false})
        expect(await allLinks(index, ids)).toEqual(await allLinks(fresh, ids))
        for (const name of readdirSync(freshOut)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(freshOut, name), 'utf8'))
      },
      240_000
    )
  })
}
