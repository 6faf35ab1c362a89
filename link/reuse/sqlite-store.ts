/**
 * The reuse index in embedded SQLite (better-sqlite3): one file, no setup.
 * WAL mode, prepared statements, the schema versioned with
 * `PRAGMA user_version`, and every change inside a transaction, so an
 * interrupted run leaves the index as it was before the article it was on.
 */
import {mkdirSync} from 'node:fs'
import {dirname} from 'node:path'
import Database from 'better-sqlite3'
import {z} from 'zod'
import {
  byMostShared,
  byReadingOrder,
  countedKeysSchema,
  indexedBlockSchema,
  namedCountsSchema,
  sortedNamedCounts,
  RECENT_POSTINGS_LIMIT,
  type Candidate,
  type CountedEntry,
  type ReuseStore,
  type StoredLink
} from './store.ts'
import {SharedHashes} from './shared-hashes.ts'
import {fingerprintHashes, type Fingerprint} from './tokens.ts'
import {OWN_OUTLET} from '../../pipeline/generic/corpus.ts'

const SCHEMA_VERSION = 8

/** Version 2: the link step's journal of reports to patch. */
const PENDING = 'CREATE TABLE pending (article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE);'
/** Version 3: near-exact copies, whose links to the other copies of their root are composed, not stored. */
const COPIES = `CREATE TABLE IF NOT EXISTS copies (
  article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
  root INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS copies_by_root ON copies(root);`

/**
 * Version 4: the corpus statistics of the generic stage. Apart from the
 * reuse tables: an article is counted before it is analysed, and indexed
 * for reuse only after.
 */
const COUNTS = `CREATE TABLE IF NOT EXISTS counted (
  id TEXT PRIMARY KEY,
  outlet TEXT NOT NULL,
  keys TEXT NOT NULL,
  view TEXT
);
CREATE TABLE IF NOT EXISTS line_counts (
  key INTEGER NOT NULL,
  outlet TEXT NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (key, outlet)
) WITHOUT ROWID;`

/**
 * Version 5: no table of document frequencies. It held, for every hash, the
 * number of articles whose postings hold it, which the postings answer as
 * well; kept up to date, it was a second tree of the size of the postings
 * written at random places for every article indexed, the larger share of
 * indexing's cost in a large index.
 */
const NO_GRAMS = 'DROP TABLE IF EXISTS grams;'

/**
 * Version 6: the postings of the articles indexed since the last merge, in a
 * table of their own that candidate and frequency queries read together with
 * the main one. An insert into the main tree, clustered by hash, lands on a
 * page of its own once the tree outgrows the page cache, and every page it
 * touches is written to the log at commit and back at checkpoint; the small
 * tree stays in the cache, and a merge writes its rows into the main tree in
 * hash order, many to a page (see RECENT_POSTINGS_LIMIT). An article's
 * postings are all in one of the two tables.
 */
const RECENT_POSTINGS = `CREATE TABLE IF NOT EXISTS recent_postings (
  hash INTEGER NOT NULL,
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (hash, article, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS recent_postings_by_article ON recent_postings(article);`

/**
 * Version 7: postings in one tree each, ordered by hash. Until version 6 a
 * posting was written three times: its row, a row of an index by article,
 * and a lookup of its article for the foreign key, a read of the articles
 * table (the blocks of every article) at a random place for every row
 * inserted or merged. The article's fingerprints are kept with it instead
 * (`articles.fingerprints`), and its postings are deleted by their keys
 * when it goes. Admitting 100,000 generated reports into a fresh index, side
 * by side with version 6: 1.93 → 1.62 ms of CPU a report, the same index
 * exported byte for byte.
 */
const POSTINGS_BY_HASH = (table: string) => `CREATE TABLE ${table} (
  hash INTEGER NOT NULL,
  article INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (hash, article, position)
) WITHOUT ROWID;`

/**
 * Version 8: an article's links found by article and partner. The links between two articles were replaced through the
 * index by partner, which read every link to the other article: admitting a story's 80th copy read the links of the 79
 * copies before it to its root.
 */
const LINKS_BY_PAIR = 'CREATE INDEX links_by_pair ON links(article, other);'

const SCHEMA = `
CREATE TABLE articles (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  config TEXT NOT NULL,
  published TEXT,
  blocks TEXT NOT NULL,
  fingerprints BLOB NOT NULL
);
${POSTINGS_BY_HASH('postings')}
${POSTINGS_BY_HASH('recent_postings')}
CREATE TABLE links (
  article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  block TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  other INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  other_block TEXT NOT NULL,
  other_first INTEGER NOT NULL,
  other_last INTEGER NOT NULL,
  other_start INTEGER NOT NULL,
  other_end INTEGER NOT NULL,
  similarity REAL NOT NULL,
  seeds TEXT NOT NULL
);
${LINKS_BY_PAIR}
CREATE INDEX links_by_other ON links(other);
${PENDING}
${COPIES}
${COUNTS}
`

/**
 * Postings written by one statement: an article holds about 56 (the bench's generated articles). Over the postings of
 * 20,000 bench reports, each written alone took 2.2–2.6 µs, 32 a statement 0.74 and 0.81 times as long (two runs each
 * way): the call into SQLite is the smaller part, the tree's insert the larger. The last few are written one by one.
 */
const POSTINGS_PER_INSERT = 32

const blocksSchema = z.array(indexedBlockSchema)
/** A link's seeds as stored; the schema made once, not for every link read. */
const seedsSchema = z.array(z.number())

export interface SqliteStoreOptions {
  /** Recent postings held before a merge; default RECENT_POSTINGS_LIMIT (tests merge sooner). */
  recentPostingsLimit?: number
  /** Articles this connection adds to an index that has postings before it reads them into its shared-hash filter; default `scanAfterAdded` of the index's size. */
  scanAfterAdded?: number
}

/**
 * Articles a connection adds to an index that already has postings before it reads every posting's hash into its
 * shared-hash filter: at least `SCAN_AFTER_ADDED`, and one for every `INDEXED_PER_ADDED` articles the index holds. The
 * read costs about 18 µs an article of the index (1.8 s at 100,000 articles), which the probes skipped for about
 * 2,000 new articles give back at that size (measured: 45 s of CPU saved over a 100,000-article run); a run of a
 * hundred new articles would not get it back, and a larger index takes longer to read.
 */
export const SCAN_AFTER_ADDED = 2_000
const INDEXED_PER_ADDED = 50

/** The articles to add before the filter is read from an index of `indexed` articles. */
export function scanAfterAdded(indexed: number): number {
  return Math.max(SCAN_AFTER_ADDED, Math.ceil(indexed / INDEXED_PER_ADDED))
}

/**
 * Bytes a page of a new index file holds (SQLite's default is 4,096). The postings tree is read a leaf per probe and
 * rewritten leaf by leaf at each merge of the recent postings, and an article's row (its blocks, a few KB) runs over
 * into pages of its own when it is longer than a page. Admitting the 100,000 reports of a bench run into a fresh
 * index, two processes side by side: 0.85–0.92 times the CPU of 4,096-byte pages (three pairs), 0.94–0.98 times that
 * of 8,192, the same as 32,768. A 100,000-article run's index is 453 MB against 497 MB. The cache (`cache_size`) is
 * set in bytes, so it holds as much whatever the page size.
 */
export const PAGE_SIZE = 16_384

/** Opens (creating if needed) the SQLite reuse index at `path` (`:memory:` for a throwaway one). */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): ReuseStore {
  const recentLimit = options.recentPostingsLimit ?? RECENT_POSTINGS_LIMIT
  if (path !== ':memory:') mkdirSync(dirname(path), {recursive: true})
  const db = new Database(path)
  // Only a new file takes it, so it comes before anything writes the file's first page (switching to WAL does); an
  // index made with smaller pages keeps them.
  db.pragma(`page_size = ${PAGE_SIZE}`)
  // Several runners may share one file; a writer waits for another instead of failing.
  db.pragma('busy_timeout = 60000')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  // Each article's transaction touches pages all over the postings tree: with the default
  // checkpoint every 1,000 WAL pages, most commits paid for a checkpoint (and its fsync), and the default
  // 2 MB cache reread pages from disk once the index held a few thousand articles.
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma('cache_size = -32768')
  db.pragma('foreign_keys = ON')
  // Created under the write lock, so two runners opening a new file at once do not both create it.
  db.exec('BEGIN IMMEDIATE')
  const version = db.pragma('user_version', {simple: true}) as number
  // Read under the write lock: a commit by another connection after it changes the data version the filter compares.
  const versionAtOpen = db.pragma('data_version', {simple: true}) as number
  if (version === 0) {
    db.exec(SCHEMA)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  } else if (version < SCHEMA_VERSION) {
    if (version < 2) db.exec(PENDING)
    db.exec(COPIES)
    db.exec(COUNTS)
    db.exec(NO_GRAMS)
    if (version < 6) db.exec(RECENT_POSTINGS)
    if (version < 7) keepFingerprintsWithArticles(db)
    if (version < 8) db.exec(`DROP INDEX IF EXISTS links_by_article; ${LINKS_BY_PAIR}`)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }
  const emptyAtOpen = version <= SCHEMA_VERSION && db.prepare('SELECT 1 FROM postings UNION ALL SELECT 1 FROM recent_postings LIMIT 1').get() === undefined
  // The largest row id stands for the number of articles: counting the rows would read the whole table.
  const indexedAtOpen =
    emptyAtOpen || version > SCHEMA_VERSION ? 0 : (db.prepare<[], number>('SELECT COALESCE(MAX(rowid), 0) FROM articles').pluck().get() ?? 0)
  db.exec('COMMIT')
  if (version > SCHEMA_VERSION) {
    db.close()
    throw new Error(`${path}: reuse index schema version ${version} is not the ${SCHEMA_VERSION} this wiretrace reads; delete the file to rebuild it`)
  }

  const statements = {
    lookup: db.prepare<[string], {sha256: string; config: string}>('SELECT sha256, config FROM articles WHERE id = ?'),
    rowid: db.prepare<[string], {rowid: number}>('SELECT rowid FROM articles WHERE id = ?'),
    insertArticle: db.prepare('INSERT INTO articles (id, sha256, config, published, blocks, fingerprints) VALUES (?, ?, ?, ?, ?, ?)'),
    deleteArticle: db.prepare('DELETE FROM articles WHERE rowid = ?'),
    storedFingerprints: db.prepare<[number], {fingerprints: Buffer}>('SELECT fingerprints FROM articles WHERE rowid = ?'),
    fingerprintsById: db.prepare<[string], {fingerprints: Buffer}>('SELECT fingerprints FROM articles WHERE id = ?'),
    insertPosting: db.prepare('INSERT OR IGNORE INTO recent_postings (hash, article, position) VALUES (?, ?, ?)'),
    insertPostings: db.prepare(
      `INSERT OR IGNORE INTO recent_postings (hash, article, position) VALUES ${Array(POSTINGS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`
    ),
    // An article's postings are in one of the two tables.
    deletePosting: db.prepare('DELETE FROM postings WHERE hash = ? AND article = ? AND position = ?'),
    deleteRecentPosting: db.prepare('DELETE FROM recent_postings WHERE hash = ? AND article = ? AND position = ?'),
    recentCount: db.prepare<[], {rows: number}>('SELECT COUNT(*) AS rows FROM recent_postings'),
    // In the main tree's order, so that consecutive rows land on the same page.
    merge: db.prepare('INSERT INTO postings (hash, article, position) SELECT hash, article, position FROM recent_postings ORDER BY hash, article, position'),
    clearRecent: db.prepare('DELETE FROM recent_postings'),
    // One query per article, not one per hash: the hashes go in as a JSON array.
    candidates: db.prepare<[{hashes: string; self: number}], {id: string; shared: number}>(
      `SELECT a.id AS id, COUNT(*) AS shared FROM (
         SELECT article FROM postings WHERE hash IN (SELECT value FROM json_each(@hashes)) AND article != @self
         UNION ALL SELECT article FROM recent_postings WHERE hash IN (SELECT value FROM json_each(@hashes)) AND article != @self
       ) p JOIN articles a ON a.rowid = p.article GROUP BY p.article`
    ),
    // Hashes with more than `maxDf` postings in the two tables (clustered by hash), read up to one past the limit: a
    // bound from above on the articles that hold them, which the count by group (`groups`) settles. Stepping over the
    // rows took 0.4–0.7 times as long as counting their distinct articles (two indexes, 300 hashes a query).
    frequent: db.prepare<[{hashes: string; maxDf: number}], {hash: number}>(
      `SELECT j.value AS hash FROM json_each(@hashes) j
       WHERE EXISTS (
         SELECT 1 FROM (SELECT article FROM postings WHERE hash = j.value UNION ALL SELECT article FROM recent_postings WHERE hash = j.value)
         LIMIT 1 OFFSET @maxDf
       )`
    ),
    // Stops counting one past the limit: a stock phrase in thousands of articles is judged from the first few.
    groups: db.prepare<[{hash: number; limit: number}], {groups: number}>(
      `SELECT COUNT(*) AS groups FROM (
         SELECT DISTINCT COALESCE(c.root, p.article) FROM (
           SELECT article FROM postings WHERE hash = @hash UNION ALL SELECT article FROM recent_postings WHERE hash = @hash
         ) p LEFT JOIN copies c ON c.article = p.article LIMIT @limit
       )`
    ),
    load: db.prepare<[string], {id: string; sha256: string; config: string; published: string | null; blocks: string}>(
      'SELECT id, sha256, config, published, blocks FROM articles WHERE id = ?'
    ),
    deleteLinks: db.prepare('DELETE FROM links WHERE (article = ? AND other = ?) OR (article = ? AND other = ?)'),
    insertLink: db.prepare(
      'INSERT INTO links (article, block, span_start, span_end, other, other_block, other_first, other_last, other_start, other_end, similarity, seeds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    // Rows as arrays of values: the link step reads every link of every report it patches, and an object per row took
    // two fifths of the reading.
    linksOf: db
      .prepare<[number], LinkRow>(
        `SELECT l.block, l.span_start, l.span_end, o.id AS other, l.other_block, l.other_first, l.other_last, l.other_start, l.other_end, l.similarity, l.seeds
         FROM links l JOIN articles o ON o.rowid = l.other WHERE l.article = ?`
      )
      .raw(),
    count: db.prepare<[], {count: number}>('SELECT COUNT(*) AS count FROM articles'),
    ids: db.prepare<[], {id: string}>('SELECT id FROM articles ORDER BY id'),
    markPending: db.prepare('INSERT OR IGNORE INTO pending (article) SELECT rowid FROM articles WHERE id = ?'),
    pending: db.prepare<[], {id: string}>('SELECT a.id FROM pending p JOIN articles a ON a.rowid = p.article ORDER BY a.id'),
    clearPending: db.prepare('DELETE FROM pending WHERE article = (SELECT rowid FROM articles WHERE id = ?)'),
    deleteCopy: db.prepare('DELETE FROM copies WHERE article = ?'),
    insertCopy: db.prepare('INSERT INTO copies (article, root) VALUES (?, ?)'),
    copiesAt: db.prepare<[number], {article: number}>('SELECT article FROM copies WHERE root = ?'),
    rootsOf: db.prepare<[string], {id: string; root: string}>(
      `SELECT a.id AS id, r.id AS root FROM json_each(?) j JOIN articles a ON a.id = j.value
       JOIN copies c ON c.article = a.rowid JOIN articles r ON r.rowid = c.root`
    ),
    linkedAmong: db.prepare<[string, number], {id: string}>(
      'SELECT o.id FROM json_each(?) j JOIN articles o ON o.id = j.value WHERE EXISTS (SELECT 1 FROM links l WHERE l.article = ? AND l.other = o.rowid)'
    ),
    copiesOf: db.prepare<[string], {id: string}>(
      'SELECT a.id FROM copies c JOIN articles a ON a.rowid = c.article JOIN articles r ON r.rowid = c.root WHERE r.id = ? ORDER BY a.id'
    ),
    counted: db.prepare<[string], {outlet: string; keys: string; view: string | null}>('SELECT outlet, keys, view FROM counted WHERE id = ?'),
    deleteCounted: db.prepare('DELETE FROM counted WHERE id = ?'),
    insertCounted: db.prepare('INSERT INTO counted (id, outlet, keys, view) VALUES (?, ?, ?, NULL)'),
    countLine: db.prepare('INSERT INTO line_counts (key, outlet, articles) VALUES (?, ?, 1) ON CONFLICT(key, outlet) DO UPDATE SET articles = articles + 1'),
    uncountLine: db.prepare('UPDATE line_counts SET articles = articles - 1 WHERE key = ? AND outlet = ?'),
    dropUncounted: db.prepare('DELETE FROM line_counts WHERE key = ? AND outlet = ? AND articles <= 0'),
    lineCounts: db.prepare<[{keys: string; own: string}], {key: number; outlets: number; articles: number; named: string}>(
      `SELECT key, COUNT(*) AS outlets, SUM(articles) AS articles,
         json_group_array(json_array(outlet, articles)) FILTER (WHERE substr(outlet, 1, length(@own)) != @own) AS named
       FROM line_counts WHERE key IN (SELECT value FROM json_each(@keys)) GROUP BY key`
    ),
    setView: db.prepare('UPDATE counted SET view = ? WHERE id = ?'),
    markStale: db.prepare("UPDATE articles SET config = '' WHERE id = ?")
  }

  // Rows in the recent postings as this runner last counted them.
  let recentRows: number | undefined
  const shared = sharedHashFilter(db, emptyAtOpen ? versionAtOpen : undefined, options.scanAfterAdded ?? scanAfterAdded(indexedAtOpen))
  const fingerprintsAt = (rowid: number) => unpackFingerprints(statements.storedFingerprints.get(rowid)!.fingerprints)
  // The hashes an article holds, as a root holds them for its copies.
  const hashesAt = (rowid: number) => fingerprintHashes(fingerprintsAt(rowid))
  // Each from the recent table, or else the main one: a copy's are recent when it is set aside in the transaction that added it.
  const deletePostings = (rowid: number, fingerprints: readonly Fingerprint[]) => {
    for (const {hash, position} of fingerprints)
      if (statements.deleteRecentPosting.run(hash, rowid, position).changes === 0) statements.deletePosting.run(hash, rowid, position)
  }
  // An article's postings, into the recent table, `POSTINGS_PER_INSERT` a statement.
  const values = new Array<number>(3 * POSTINGS_PER_INSERT)
  const insertPostings = (rowid: number, fingerprints: readonly Fingerprint[]) => {
    let at = 0
    for (; at + POSTINGS_PER_INSERT <= fingerprints.length; at += POSTINGS_PER_INSERT) {
      for (let k = 0; k < POSTINGS_PER_INSERT; k++) {
        const {hash, position} = fingerprints[at + k]!
        values[3 * k] = hash
        values[3 * k + 1] = rowid
        values[3 * k + 2] = position
      }
      statements.insertPostings.run(values)
    }
    for (; at < fingerprints.length; at++) statements.insertPosting.run(fingerprints[at]!.hash, rowid, fingerprints[at]!.position)
  }
  // A copy's postings in full again, all of them recent (an article's postings are all in one of the two tables).
  const restorePostings = (rowid: number) => {
    const fingerprints = fingerprintsAt(rowid)
    deletePostings(rowid, fingerprints)
    shared.adding(fingerprints.map((fingerprint) => fingerprint.hash))
    insertPostings(rowid, fingerprints)
    if (recentRows !== undefined) recentRows += fingerprints.length
  }
  // Its postings by their keys, from the fingerprints it keeps; its links and copy records go with it (ON DELETE CASCADE).
  // Its copies' postings come back first: it stood for them.
  const removeRow = (rowid: number) => {
    for (const {article} of statements.copiesAt.all(rowid)) restorePostings(article)
    deletePostings(rowid, fingerprintsAt(rowid))
    statements.deleteArticle.run(rowid)
  }
  const rootsOf = (ids: readonly string[]) => new Map(statements.rootsOf.all(JSON.stringify(ids)).map((row) => [row.id, row.root]))
  const rowidOf = (id: string): number => {
    const row = statements.rowid.get(id)
    if (!row) throw new Error(`article ${id} is not in the reuse index`)
    return row.rowid
  }

  return {
    lookup: async (id) => statements.lookup.get(id),
    async add(article, fingerprints, root = null) {
      const existing = statements.rowid.get(article.id)
      if (existing) removeRow(existing.rowid)
      const rootRow = root === null ? undefined : rowidOf(root)
      const kept = distinctFingerprints(fingerprints)
      const {lastInsertRowid} = statements.insertArticle.run(
        article.id,
        article.sha256,
        article.config,
        article.published,
        JSON.stringify(article.blocks),
        packFingerprints(kept)
      )
      const rowid = Number(lastInsertRowid)
      let posted = kept
      if (rootRow !== undefined) {
        statements.insertCopy.run(rowid, rootRow)
        const held = hashesAt(rootRow)
        posted = kept.filter((fingerprint) => !held.has(fingerprint.hash))
      }
      shared.adding(posted.map((fingerprint) => fingerprint.hash))
      insertPostings(rowid, posted)
      // Counted once a run, then kept: another runner sharing the file may have merged since, so the count is taken
      // again before a merge.
      recentRows = recentRows === undefined ? statements.recentCount.get()!.rows : recentRows + posted.length
      if (recentRows < recentLimit) return
      recentRows = statements.recentCount.get()!.rows
      if (recentRows < recentLimit) return
      // Inside the caller's transaction: a merge is stored whole with the articles it follows, or not at all.
      statements.merge.run()
      statements.clearRecent.run()
      // Counted again at the next article: the caller's transaction may yet roll the merge back.
      recentRows = undefined
    },
    async candidates(fingerprints, exclude) {
      const self = statements.rowid.get(exclude)?.rowid ?? -1
      // Another article holds a hash of `exclude`'s own only if two articles do; any other hash, if one does.
      const own = () => (self === -1 ? [] : unpackFingerprints(statements.storedFingerprints.get(self)!.fingerprints).map((fingerprint) => fingerprint.hash))
      const held = shared.heldElsewhere(
        fingerprints.map((fingerprint) => fingerprint.hash),
        own
      )
      if (held.length === 0) return []
      const hashes = JSON.stringify(held)
      const out: Candidate[] = statements.candidates.all({hashes, self}).map((row) => ({article: row.id, shared: row.shared}))
      return out.sort(byMostShared)
    },
    async commonHashes(hashes, maxDf) {
      // Below zero every hash is in more documents than the limit, those no document holds included.
      if (maxDf < 0) return new Set(hashes)
      const common = new Set<number>()
      // A hash no two articles hold has a document frequency of one, under any limit but zero.
      const probed = maxDf >= 1 ? shared.heldTwice(hashes) : [...new Set(hashes)]
      if (probed.length === 0) return common
      // Only hashes with more postings than the limit are counted by group.
      for (const {hash} of statements.frequent.all({hashes: JSON.stringify(probed), maxDf})) {
        if (statements.groups.get({hash, limit: maxDf + 1})!.groups > maxDf) common.add(hash)
      }
      return common
    },
    async load(id) {
      const row = statements.load.get(id)
      if (!row) return undefined
      return {id: row.id, sha256: row.sha256, config: row.config, published: row.published, blocks: blocksSchema.parse(JSON.parse(row.blocks))}
    },
    async recordLinks(article, other, links) {
      const a = rowidOf(article)
      const b = rowidOf(other)
      statements.deleteLinks.run(a, b, b, a)
      for (const link of links) {
        // The links run between the two articles, both ways (as the PostgreSQL store reads them): their row ids were
        // looked up above, where looking them up again cost two queries a link.
        const from = link.article === article ? a : b
        const to = link.other === article ? a : b
        statements.insertLink.run(
          from,
          link.block,
          link.span[0],
          link.span[1],
          to,
          link.otherBlock,
          link.otherLines[0],
          link.otherLines[1],
          link.otherSpan[0],
          link.otherSpan[1],
          link.similarity,
          JSON.stringify(link.seeds)
        )
      }
    },
    async linksOf(id) {
      const row = statements.rowid.get(id)
      if (!row) return []
      return statements.linksOf
        .all(row.rowid)
        .map(
          ([block, spanStart, spanEnd, other, otherBlock, otherFirst, otherLast, otherStart, otherEnd, similarity, seeds]): StoredLink => ({
            article: id,
            block,
            span: [spanStart, spanEnd],
            other,
            otherBlock,
            otherLines: [otherFirst, otherLast],
            otherSpan: [otherStart, otherEnd],
            similarity,
            seeds: seedsSchema.parse(JSON.parse(seeds))
          })
        )
        .sort(byReadingOrder)
    },
    async remove(id) {
      const row = statements.rowid.get(id)
      if (row) removeRow(row.rowid)
    },
    articleIds: async () => statements.ids.all().map((row) => row.id),
    async fingerprintsOf(id) {
      const row = statements.fingerprintsById.get(id)
      return row ? unpackFingerprints(row.fingerprints) : []
    },
    async setCopyOf(id, root) {
      const rowid = rowidOf(id)
      if (statements.deleteCopy.run(rowid).changes > 0) restorePostings(rowid)
      if (root === null) return
      const rootRow = rowidOf(root)
      statements.insertCopy.run(rowid, rootRow)
      const held = hashesAt(rootRow)
      deletePostings(
        rowid,
        fingerprintsAt(rowid).filter((fingerprint) => held.has(fingerprint.hash))
      )
    },
    copyOf: async (id) => rootsOf([id]).get(id),
    rootsOf: async (ids) => rootsOf(ids),
    copiesOf: async (root) => statements.copiesOf.all(root).map((row) => row.id),
    async linkedAmong(id, others) {
      const row = statements.rowid.get(id)
      if (!row || others.length === 0) return new Set()
      return new Set(statements.linkedAmong.all(JSON.stringify(others), row.rowid).map((linked) => linked.id))
    },
    async markPending(ids) {
      for (const id of ids) statements.markPending.run(id)
    },
    pending: async () => statements.pending.all().map((row) => row.id),
    async clearPending(ids) {
      db.transaction(() => {
        for (const id of ids) statements.clearPending.run(id)
      })()
    },
    async counted(ids) {
      const out = new Map<string, CountedEntry>()
      for (const id of ids) {
        const row = statements.counted.get(id)
        if (row) out.set(id, {outlet: row.outlet, keys: countedKeysSchema.parse(JSON.parse(row.keys)), view: row.view})
      }
      return out
    },
    async count(articles) {
      db.transaction(() => {
        for (const article of articles) {
          const before = statements.counted.get(article.id)
          if (before) {
            for (const key of countedKeysSchema.parse(JSON.parse(before.keys))) {
              statements.uncountLine.run(key, before.outlet)
              statements.dropUncounted.run(key, before.outlet)
            }
            statements.deleteCounted.run(article.id)
          }
          statements.insertCounted.run(article.id, article.outlet, JSON.stringify(article.keys))
          for (const key of article.keys) statements.countLine.run(key, article.outlet)
        }
      }).immediate()
    },
    async lineCounts(keys) {
      return statements.lineCounts
        .all({keys: JSON.stringify([...new Set(keys)]), own: OWN_OUTLET})
        .map((row) => ({...row, named: sortedNamedCounts(namedCountsSchema.parse(JSON.parse(row.named)))}))
    },
    async setViews(views) {
      db.transaction(() => {
        for (const {id, view} of views) statements.setView.run(view, id)
      }).immediate()
    },
    async markStale(ids) {
      db.transaction(() => {
        for (const id of ids) statements.markStale.run(id)
      }).immediate()
    },
    async transaction(work) {
      // better-sqlite3's transaction() takes only synchronous work; the index is used by one article at a time, so plain BEGIN/COMMIT is safe.
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work()
        db.exec('COMMIT')
        return result
      } catch (error) {
        // SQLite has already rolled back after some errors (a full disk among them); a second rollback would hide the cause.
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      }
    },
    articleCount: async () => statements.count.get()!.count,
    async close() {
      db.close()
    }
  }
}

/**
 * One connection's shared-hash filter (shared-hashes.ts) while it is complete: kept from the start in an index with no
 * postings, read from the postings once the connection has added `scanAfter` articles to one with some, and given up
 * for the rest of the connection's life as soon as another connection has committed to the file (a runner sharing it
 * adds postings this one does not see). `emptyAt` is the data version at which the index was seen empty.
 */
function sharedHashFilter(db: Database.Database, emptyAt: number | undefined, scanAfter: number) {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck()
  const everyHash = db.prepare<[], number>('SELECT hash FROM postings UNION ALL SELECT hash FROM recent_postings').pluck()
  let filter = emptyAt === undefined ? undefined : new SharedHashes()
  let version = emptyAt
  let added = 0
  let givenUp = false
  const current = (): SharedHashes | undefined => {
    if (filter && dataVersion.get() !== version) {
      filter = undefined
      givenUp = true
    }
    return filter
  }
  return {
    /** Takes in an article's hashes as it is added, inside the transaction that adds it, before its postings are. */
    adding(hashes: readonly number[]): void {
      if (!filter && !givenUp && ++added > scanAfter) {
        // Under the caller's write lock: no other connection commits between the version read and the postings read.
        version = dataVersion.get()
        filter = new SharedHashes()
        for (const hash of everyHash.iterate()) filter.add(hash)
      }
      current()?.addArticle(hashes)
    },
    /** The distinct hashes among `hashes` two articles may hold, worth a probe of the postings: all of them without a filter. */
    heldTwice(hashes: readonly number[]): number[] {
      const distinct = [...new Set(hashes)]
      const known = current()
      return known ? distinct.filter((hash) => known.mayBeShared(hash)) : distinct
    },
    /**
     * The distinct hashes among `hashes` an article besides one may hold: two articles, for the hashes of its own
     * (`own`, read only when there is a filter), one, for the others.
     */
    heldElsewhere(hashes: readonly number[], own: () => readonly number[]): number[] {
      const distinct = [...new Set(hashes)]
      const known = current()
      if (!known) return distinct
      const owned = new Set(own())
      return distinct.filter((hash) => (owned.has(hash) ? known.mayBeShared(hash) : known.mayBeHeld(hash)))
    }
  }
}

/** An article's fingerprints as postings hold them: each (hash, position) once, by position, then hash. */
function distinctFingerprints(fingerprints: readonly Fingerprint[]): Fingerprint[] {
  const sorted = [...fingerprints].sort((a, b) => a.position - b.position || a.hash - b.hash)
  return sorted.filter((fingerprint, at) => at === 0 || fingerprint.position !== sorted[at - 1]!.position || fingerprint.hash !== sorted[at - 1]!.hash)
}

const UINT32_MAX = 0xffff_ffff

/**
 * Fingerprints as stored with their article: pairs of unsigned 32-bit integers, hash then position, little-endian (8
 * bytes a fingerprint, where JSON took about 16).
 *
 * @throws {RangeError} for a hash or position that is not an unsigned 32-bit integer (shingle hashes are).
 */
function packFingerprints(fingerprints: readonly Fingerprint[]): Buffer {
  const packed = Buffer.allocUnsafe(fingerprints.length * 8)
  for (const [at, {hash, position}] of fingerprints.entries()) {
    for (const value of [hash, position])
      if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX)
        throw new RangeError(`a fingerprint's hash and position are unsigned 32-bit integers, not ${value}`)
    packed.writeUInt32LE(hash, at * 8)
    packed.writeUInt32LE(position, at * 8 + 4)
  }
  return packed
}

function unpackFingerprints(packed: Buffer): Fingerprint[] {
  const out: Fingerprint[] = []
  for (let at = 0; at + 8 <= packed.length; at += 8) out.push({hash: packed.readUInt32LE(at), position: packed.readUInt32LE(at + 4)})
  return out
}

/**
 * Version 7's step for an index of an earlier version: each article's fingerprints read from its postings (by the
 * index by article that version still has) into the article's row, then both posting tables made again in version 7's
 * form, their rows copied in key order.
 */
function keepFingerprintsWithArticles(db: Database.Database): void {
  db.exec("ALTER TABLE articles ADD COLUMN fingerprints BLOB NOT NULL DEFAULT x''")
  const postingsOf = db.prepare<[number, number], {hash: number; position: number}>(
    'SELECT hash, position FROM postings WHERE article = ? UNION ALL SELECT hash, position FROM recent_postings WHERE article = ?'
  )
  const store = db.prepare('UPDATE articles SET fingerprints = ? WHERE rowid = ?')
  const rowids = db.prepare<[], {rowid: number}>('SELECT rowid FROM articles').all()
  for (const {rowid} of rowids) store.run(packFingerprints(distinctFingerprints(postingsOf.all(rowid, rowid))), rowid)
  for (const table of ['postings', 'recent_postings']) {
    db.exec(`${POSTINGS_BY_HASH(`${table}_v7`)}
INSERT INTO ${table}_v7 (hash, article, position) SELECT hash, article, position FROM ${table} ORDER BY hash, article, position;
DROP TABLE ${table};
ALTER TABLE ${table}_v7 RENAME TO ${table};`)
  }
}

/** A link as `linksOf` reads it, in the order of its columns. */
type LinkRow = [
  block: string,
  spanStart: number,
  spanEnd: number,
  other: string,
  otherBlock: string,
  otherFirst: number,
  otherLast: number,
  otherStart: number,
  otherEnd: number,
  similarity: number,
  seeds: string
]
