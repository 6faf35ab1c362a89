/**
 * The reuse index in PostgreSQL, for corpora and CI fleets that outgrow one
 * SQLite file: several wiretrace processes on several machines share it.
 *
 * Safety under concurrency comes from the database, not from care:
 * - every article is indexed in one transaction, holding a transaction-level
 *   advisory lock, so two runners never index at the same moment and miss
 *   each other's articles (the CPU-heavy stages before indexing still run in
 *   parallel);
 * - unique keys and upserts make an article indexed twice one article.
 * The schema is created and migrated by wiretrace (table `wiretrace_meta`).
 */
import pg from 'pg'
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
  type ReuseStore,
  type StoredLink
} from './store.ts'
import {OWN_OUTLET} from '../../pipeline/generic/corpus.ts'

const SCHEMA_VERSION = 7
/** Arbitrary constant naming wiretrace's indexing lock among the database's advisory locks. */
const INDEX_LOCK = 0x77697265

/** Each entry moves the schema one version up; the index of an entry is the version it starts from. */
const MIGRATIONS = [
  `
  CREATE TABLE wiretrace_articles (
    rowid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    config TEXT NOT NULL,
    published TEXT,
    blocks JSONB NOT NULL
  );
  CREATE TABLE wiretrace_grams (hash BIGINT PRIMARY KEY, df INTEGER NOT NULL);
  CREATE TABLE wiretrace_postings (
    hash BIGINT NOT NULL,
    article BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (hash, article, position)
  );
  CREATE INDEX wiretrace_postings_by_article ON wiretrace_postings(article);
  CREATE TABLE wiretrace_links (
    article BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    block TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    other BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    other_block TEXT NOT NULL,
    other_first INTEGER NOT NULL,
    other_last INTEGER NOT NULL,
    other_start INTEGER NOT NULL,
    other_end INTEGER NOT NULL,
    similarity REAL NOT NULL,
    seeds BIGINT[] NOT NULL
  );
  CREATE INDEX wiretrace_links_by_article ON wiretrace_links(article);
  CREATE INDEX wiretrace_links_by_other ON wiretrace_links(other);
  `,
  // The link step's journal of reports to patch.
  'CREATE TABLE wiretrace_pending (article BIGINT PRIMARY KEY REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE)',
  // Near-exact copies, whose links to the other copies of their root are composed, not stored.
  `CREATE TABLE wiretrace_copies (
    article BIGINT PRIMARY KEY REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    root BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE
  );
  CREATE INDEX wiretrace_copies_by_root ON wiretrace_copies(root)`,
  // The corpus statistics of the generic stage, apart from the reuse tables: an article is counted before it is analysed.
  `CREATE TABLE wiretrace_counted (
    id TEXT PRIMARY KEY,
    outlet TEXT NOT NULL,
    keys BIGINT[] NOT NULL,
    view TEXT
  );
  CREATE TABLE wiretrace_line_counts (
    key BIGINT NOT NULL,
    outlet TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (key, outlet)
  )`,
  // No table of document frequencies: the postings, clustered by hash, count a hash's articles as well, and keeping
  // the counts up to date wrote a second tree at random places for every article indexed.
  'DROP TABLE IF EXISTS wiretrace_grams',
  // The postings of the articles indexed since the last merge, read together with the main table: an insert into the
  // main index lands on a page of its own once it outgrows the cache, a merge writes many rows to a page (sqlite-store.ts).
  `CREATE TABLE wiretrace_recent_postings (
    hash BIGINT NOT NULL,
    article BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (hash, article, position)
  );
  CREATE INDEX wiretrace_recent_postings_by_article ON wiretrace_recent_postings(article)`,
  // A near-exact copy's postings of the hashes its root holds, set aside while it is a copy (store.ts, setCopyOf); and
  // links found by article and partner, where replacing the links of a copy and its root read every link to the root.
  `CREATE TABLE wiretrace_copy_postings (
    article BIGINT NOT NULL REFERENCES wiretrace_articles(rowid) ON DELETE CASCADE,
    hash BIGINT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (article, hash, position)
  );
  DROP INDEX wiretrace_links_by_article;
  CREATE INDEX wiretrace_links_by_pair ON wiretrace_links(article, other)`
]

const blocksSchema = z.array(indexedBlockSchema)

/** How long to wait for the server to accept a connection. */
export const PG_CONNECT_TIMEOUT_MS = 10_000
/**
 * How long one statement may take before the server cancels it, and the
 * client gives up on a server that stopped answering (a little later, so the
 * server's own message wins when it can send one). Generous: the indexing
 * lock may be held by another runner for a while.
 */
export const PG_STATEMENT_TIMEOUT_MS = 120_000

export interface PgStoreOptions {
  /** Recent postings held before a merge; default RECENT_POSTINGS_LIMIT (tests merge sooner). */
  recentPostingsLimit?: number
}

/** Opens the PostgreSQL reuse index at a `postgres://` URL, creating or migrating its tables. */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<ReuseStore> {
  const recentLimit = options.recentPostingsLimit ?? RECENT_POSTINGS_LIMIT
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    query_timeout: PG_STATEMENT_TIMEOUT_MS + 5_000,
    keepAlive: true
  })
  // A connection lost between statements is reported by the next statement; without a listener it would crash the process.
  client.on('error', () => undefined)
  await client.connect()
  try {
    await migrate(client)
  } catch (error) {
    await client.end()
    throw error
  }
  const rootsOf = async (ids: readonly string[]): Promise<Map<string, string>> => {
    const result = await client.query<{id: string; root: string}>(
      `SELECT a.id, r.id AS root FROM wiretrace_articles a JOIN wiretrace_copies c ON c.article = a.rowid JOIN wiretrace_articles r ON r.rowid = c.root
       WHERE a.id = ANY($1::text[])`,
      [ids]
    )
    return new Map(result.rows.map((row) => [row.id, row.root]))
  }
  const rowidOf = async (id: string): Promise<string | undefined> =>
    (await client.query<{rowid: string}>('SELECT rowid FROM wiretrace_articles WHERE id = $1', [id])).rows[0]?.rowid
  // A copy's postings in full again, all of them recent (an article's postings are all in one of the two tables).
  const restorePostings = async (rowid: string) => {
    for (const table of ['wiretrace_copy_postings', 'wiretrace_postings'])
      await client.query(
        `WITH moved AS (DELETE FROM ${table} WHERE article = $1 RETURNING hash, article, position)
         INSERT INTO wiretrace_recent_postings (hash, article, position) SELECT hash, article, position FROM moved ON CONFLICT DO NOTHING`,
        [rowid]
      )
  }
  // Its postings, links and copy records go with it (ON DELETE CASCADE); its copies' postings come back first: it stood for them.
  const removeRow = async (rowid: string) => {
    const copies = await client.query<{article: string}>('SELECT article FROM wiretrace_copies WHERE root = $1', [rowid])
    for (const {article} of copies.rows) await restorePostings(article)
    await client.query('DELETE FROM wiretrace_articles WHERE rowid = $1', [rowid])
  }
  // Rows in the recent postings as this runner last counted them.
  let recentRows: number | undefined
  const countRecent = async () => Number((await client.query<{rows: string}>('SELECT COUNT(*) AS rows FROM wiretrace_recent_postings')).rows[0]!.rows)
  let inTransaction = false
  /** Runs `work` in a transaction holding the indexing lock, or in the caller's. */
  const atomically = async (work: () => Promise<void>) => {
    if (inTransaction) return work()
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK])
      await work()
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  }

  return {
    async lookup(id) {
      const row = (await client.query<{sha256: string; config: string}>('SELECT sha256, config FROM wiretrace_articles WHERE id = $1', [id])).rows[0]
      return row ? {sha256: row.sha256, config: row.config} : undefined
    },
    async add(article, fingerprints, root = null) {
      const existing = await rowidOf(article.id)
      if (existing) await removeRow(existing)
      const rootRow = root === null ? undefined : await rowidOf(root)
      if (root !== null && !rootRow) throw new Error(`article ${root} is not in the reuse index`)
      const inserted = await client.query<{rowid: string}>(
        'INSERT INTO wiretrace_articles (id, sha256, config, published, blocks) VALUES ($1, $2, $3, $4, $5) RETURNING rowid',
        [article.id, article.sha256, article.config, article.published, JSON.stringify(article.blocks)]
      )
      const rowid = inserted.rows[0]!.rowid
      const hashes = fingerprints.map((fingerprint) => fingerprint.hash)
      const positions = fingerprints.map((fingerprint) => fingerprint.position)
      if (rootRow) await client.query('INSERT INTO wiretrace_copies (article, root) VALUES ($1, $2)', [rowid, rootRow])
      // A copy's postings of the hashes its root holds go straight to where `setCopyOf` sets them aside.
      const posted = await client.query(
        `WITH held AS (
           SELECT hash FROM wiretrace_postings WHERE article = $4 UNION SELECT hash FROM wiretrace_recent_postings WHERE article = $4
         ), aside AS (
           INSERT INTO wiretrace_copy_postings (article, hash, position)
           SELECT $2, hash, position FROM unnest($1::bigint[], $3::int[]) AS t(hash, position) WHERE hash IN (SELECT hash FROM held)
           ON CONFLICT DO NOTHING
         )
         INSERT INTO wiretrace_recent_postings (hash, article, position)
         SELECT hash, $2, position FROM unnest($1::bigint[], $3::int[]) AS t(hash, position) WHERE hash NOT IN (SELECT hash FROM held)
         ON CONFLICT DO NOTHING`,
        [hashes, rowid, positions, rootRow ?? '-1']
      )
      // Counted once a run, then kept: another runner may have merged since, so the count is taken again before a merge.
      recentRows = recentRows === undefined ? await countRecent() : recentRows + (posted.rowCount ?? fingerprints.length)
      if (recentRows < recentLimit) return
      await atomically(async () => {
        // Under the lock, the count another runner's merge may have lowered; kept when there is nothing to merge yet.
        recentRows = await countRecent()
        if (recentRows < recentLimit) return
        await client.query(
          `INSERT INTO wiretrace_postings (hash, article, position)
           SELECT hash, article, position FROM wiretrace_recent_postings ORDER BY hash, article, position ON CONFLICT DO NOTHING`
        )
        await client.query('DELETE FROM wiretrace_recent_postings')
        recentRows = undefined
      })
    },
    async candidates(fingerprints, exclude) {
      const self = (await rowidOf(exclude)) ?? '-1'
      const result = await client.query<{id: string; shared: string}>(
        `SELECT a.id, COUNT(*) AS shared
         FROM (
           SELECT article FROM wiretrace_postings WHERE hash = ANY($1::bigint[]) AND article <> $2
           UNION ALL SELECT article FROM wiretrace_recent_postings WHERE hash = ANY($1::bigint[]) AND article <> $2
         ) p JOIN wiretrace_articles a ON a.rowid = p.article
         GROUP BY a.id`,
        [[...new Set(fingerprints.map((fingerprint) => fingerprint.hash))], self]
      )
      const out: Candidate[] = result.rows.map((row) => ({article: row.id, shared: Number(row.shared)}))
      return out.sort(byMostShared)
    },
    async commonHashes(hashes, maxDf) {
      // The document frequency bounds the number of groups from above: only hashes over the limit are counted by group.
      // Both counts stop one past the limit (a stock phrase in thousands of articles is judged from the first few). An
      // article's postings are all in one of the two tables, so their document counts add up.
      const result = await client.query<{hash: string}>(
        `SELECT h.hash FROM unnest($1::bigint[]) AS h(hash)
         WHERE (SELECT COUNT(*) FROM (SELECT DISTINCT article FROM wiretrace_postings WHERE hash = h.hash LIMIT $2::bigint + 1) AS df)
             + (SELECT COUNT(*) FROM (SELECT DISTINCT article FROM wiretrace_recent_postings WHERE hash = h.hash LIMIT $2::bigint + 1) AS df) > $2::bigint
           AND (SELECT COUNT(*) FROM (
                  SELECT DISTINCT COALESCE(c.root, p.article) FROM (
                    SELECT article FROM wiretrace_postings WHERE hash = h.hash UNION ALL SELECT article FROM wiretrace_recent_postings WHERE hash = h.hash
                  ) p LEFT JOIN wiretrace_copies c ON c.article = p.article
                  LIMIT $2::bigint + 1
                ) AS groups) > $2::bigint`,
        [[...new Set(hashes)], maxDf]
      )
      return new Set(result.rows.map((row) => Number(row.hash)))
    },
    async load(id) {
      const row = (
        await client.query<{id: string; sha256: string; config: string; published: string | null; blocks: unknown}>(
          'SELECT id, sha256, config, published, blocks FROM wiretrace_articles WHERE id = $1',
          [id]
        )
      ).rows[0]
      return row ? {id: row.id, sha256: row.sha256, config: row.config, published: row.published, blocks: blocksSchema.parse(row.blocks)} : undefined
    },
    async recordLinks(article, other, links) {
      const a = await rowidOf(article)
      const b = await rowidOf(other)
      if (!a || !b) throw new Error(`cannot link ${article} and ${other}: not both in the reuse index`)
      await client.query('DELETE FROM wiretrace_links WHERE (article = $1 AND other = $2) OR (article = $2 AND other = $1)', [a, b])
      for (const link of links) {
        await client.query(
          `INSERT INTO wiretrace_links (article, block, span_start, span_end, other, other_block, other_first, other_last, other_start, other_end, similarity, seeds)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            link.article === article ? a : b,
            link.block,
            link.span[0],
            link.span[1],
            link.other === article ? a : b,
            link.otherBlock,
            link.otherLines[0],
            link.otherLines[1],
            link.otherSpan[0],
            link.otherSpan[1],
            link.similarity,
            link.seeds
          ]
        )
      }
    },
    async linksOf(id) {
      const result = await client.query<LinkRow>(
        `SELECT l.block, l.span_start, l.span_end, o.id AS other, l.other_block, l.other_first, l.other_last, l.other_start, l.other_end, l.similarity, l.seeds
         FROM wiretrace_links l JOIN wiretrace_articles a ON a.rowid = l.article JOIN wiretrace_articles o ON o.rowid = l.other
         WHERE a.id = $1`,
        [id]
      )
      return result.rows
        .map(
          (row): StoredLink => ({
            article: id,
            block: row.block,
            span: [row.span_start, row.span_end],
            other: row.other,
            otherBlock: row.other_block,
            otherLines: [row.other_first, row.other_last],
            otherSpan: [row.other_start, row.other_end],
            similarity: Math.round(row.similarity * 1000) / 1000,
            seeds: row.seeds.map(Number)
          })
        )
        .sort(byReadingOrder)
    },
    async remove(id) {
      const rowid = await rowidOf(id)
      if (rowid) await removeRow(rowid)
    },
    async articleIds() {
      return (await client.query<{id: string}>('SELECT id FROM wiretrace_articles ORDER BY id COLLATE "C"')).rows.map((row) => row.id)
    },
    async fingerprintsOf(id) {
      const result = await client.query<{hash: string; position: number}>(
        `SELECT p.hash, p.position FROM (
           SELECT hash, article, position FROM wiretrace_postings UNION ALL SELECT hash, article, position FROM wiretrace_recent_postings
           UNION ALL SELECT hash, article, position FROM wiretrace_copy_postings
         ) p JOIN wiretrace_articles a ON a.rowid = p.article WHERE a.id = $1 ORDER BY p.position, p.hash`,
        [id]
      )
      return result.rows.map((row) => ({hash: Number(row.hash), position: row.position}))
    },
    async setCopyOf(id, root) {
      const article = await rowidOf(id)
      if (!article) throw new Error(`article ${id} is not in the reuse index`)
      const was = await client.query('DELETE FROM wiretrace_copies WHERE article = $1', [article])
      if ((was.rowCount ?? 0) > 0) await restorePostings(article)
      if (root === null) return
      const rootRow = await rowidOf(root)
      if (!rootRow) throw new Error(`article ${root} is not in the reuse index`)
      await client.query('INSERT INTO wiretrace_copies (article, root) VALUES ($1, $2)', [article, rootRow])
      for (const table of ['wiretrace_postings', 'wiretrace_recent_postings'])
        await client.query(
          `WITH held AS (
             SELECT hash FROM wiretrace_postings WHERE article = $2 UNION SELECT hash FROM wiretrace_recent_postings WHERE article = $2
           ), moved AS (
             DELETE FROM ${table} p USING held WHERE p.article = $1 AND p.hash = held.hash RETURNING p.hash, p.article, p.position
           )
           INSERT INTO wiretrace_copy_postings (article, hash, position) SELECT article, hash, position FROM moved`,
          [article, rootRow]
        )
    },
    copyOf: async (id) => (await rootsOf([id])).get(id),
    rootsOf,
    async copiesOf(root) {
      const result = await client.query<{id: string}>(
        'SELECT a.id FROM wiretrace_copies c JOIN wiretrace_articles a ON a.rowid = c.article JOIN wiretrace_articles r ON r.rowid = c.root WHERE r.id = $1 ORDER BY a.id COLLATE "C"',
        [root]
      )
      return result.rows.map((row) => row.id)
    },
    async linkedAmong(id, others) {
      if (others.length === 0) return new Set()
      const result = await client.query<{id: string}>(
        `SELECT o.id FROM wiretrace_articles o WHERE o.id = ANY($2::text[]) AND EXISTS (
           SELECT 1 FROM wiretrace_links l JOIN wiretrace_articles a ON a.rowid = l.article WHERE a.id = $1 AND l.other = o.rowid)`,
        [id, others]
      )
      return new Set(result.rows.map((row) => row.id))
    },
    async markPending(ids) {
      await client.query(
        'INSERT INTO wiretrace_pending (article) SELECT rowid FROM wiretrace_articles WHERE id = ANY($1::text[]) ORDER BY rowid ON CONFLICT DO NOTHING',
        [ids]
      )
    },
    async pending() {
      return (
        await client.query<{id: string}>('SELECT a.id FROM wiretrace_pending p JOIN wiretrace_articles a ON a.rowid = p.article ORDER BY a.id COLLATE "C"')
      ).rows.map((row) => row.id)
    },
    async clearPending(ids) {
      await client.query('DELETE FROM wiretrace_pending WHERE article IN (SELECT rowid FROM wiretrace_articles WHERE id = ANY($1::text[]))', [ids])
    },
    async counted(ids) {
      const result = await client.query<{id: string; outlet: string; keys: string[]; view: string | null}>(
        'SELECT id, outlet, keys, view FROM wiretrace_counted WHERE id = ANY($1::text[])',
        [ids]
      )
      return new Map(result.rows.map((row) => [row.id, {outlet: row.outlet, keys: countedKeysSchema.parse(row.keys.map(Number)), view: row.view}]))
    },
    async count(articles) {
      if (articles.length === 0) return
      const ids = articles.map((article) => article.id)
      const added = new Map<string, {key: number; outlet: string; articles: number}>()
      for (const article of articles) {
        for (const key of article.keys) {
          const entry = added.get(`${key} ${article.outlet}`) ?? {key, outlet: article.outlet, articles: 0}
          entry.articles++
          added.set(`${key} ${article.outlet}`, entry)
        }
      }
      const rows = [...added.values()].sort((x, y) => x.key - y.key || (x.outlet < y.outlet ? -1 : x.outlet > y.outlet ? 1 : 0))
      await atomically(async () => {
        // What an earlier count of these articles added is taken back first.
        await client.query(
          `UPDATE wiretrace_line_counts l SET articles = l.articles - c.n
           FROM (SELECT key, outlet, COUNT(*) AS n FROM (SELECT unnest(keys) AS key, outlet FROM wiretrace_counted WHERE id = ANY($1::text[])) k GROUP BY key, outlet) c
           WHERE l.key = c.key AND l.outlet = c.outlet`,
          [ids]
        )
        await client.query('DELETE FROM wiretrace_line_counts WHERE articles <= 0')
        await client.query('DELETE FROM wiretrace_counted WHERE id = ANY($1::text[])', [ids])
        await client.query(
          `INSERT INTO wiretrace_counted (id, outlet, keys)
           SELECT t.id, t.outlet, ARRAY(SELECT jsonb_array_elements_text(t.keys)::bigint) FROM jsonb_to_recordset($1::jsonb) AS t(id text, outlet text, keys jsonb)`,
          [JSON.stringify(articles.map((article) => ({id: article.id, outlet: article.outlet, keys: article.keys})))]
        )
        await client.query(
          `INSERT INTO wiretrace_line_counts (key, outlet, articles) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])
           ON CONFLICT (key, outlet) DO UPDATE SET articles = wiretrace_line_counts.articles + EXCLUDED.articles`,
          [rows.map((row) => row.key), rows.map((row) => row.outlet), rows.map((row) => row.articles)]
        )
      })
    },
    async lineCounts(keys) {
      const result = await client.query<{key: string; outlets: string; articles: string; named: unknown}>(
        `SELECT key, COUNT(*) AS outlets, SUM(articles) AS articles,
           COALESCE(json_agg(json_build_array(outlet, articles)) FILTER (WHERE left(outlet, length($2)) <> $2), '[]') AS named
         FROM wiretrace_line_counts WHERE key = ANY($1::bigint[]) GROUP BY key`,
        [[...new Set(keys)], OWN_OUTLET]
      )
      return result.rows.map((row) => ({
        key: Number(row.key),
        outlets: Number(row.outlets),
        articles: Number(row.articles),
        named: sortedNamedCounts(namedCountsSchema.parse(row.named))
      }))
    },
    async setViews(views) {
      if (views.length === 0) return
      await client.query('UPDATE wiretrace_counted c SET view = t.view FROM unnest($1::text[], $2::text[]) AS t(id, view) WHERE c.id = t.id', [
        views.map((entry) => entry.id),
        views.map((entry) => entry.view)
      ])
    },
    async markStale(ids) {
      await atomically(async () => {
        await client.query("UPDATE wiretrace_articles SET config = '' WHERE id = ANY($1::text[])", [ids])
      })
    },
    async transaction(work) {
      if (inTransaction) throw new Error('reuse index transactions do not nest')
      inTransaction = true
      await client.query('BEGIN')
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK])
        const result = await work()
        await client.query('COMMIT')
        return result
      } catch (error) {
        // A rollback on a connection that is gone fails too; the first error says what happened.
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        inTransaction = false
      }
    },
    async articleCount() {
      return Number((await client.query<{count: string}>('SELECT COUNT(*) AS count FROM wiretrace_articles')).rows[0]!.count)
    },
    async close() {
      await client.end()
    }
  }
}

/** Creates the tables on a fresh database and applies any migration the stored version lacks, under the indexing lock. */
async function migrate(client: pg.Client): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INDEX_LOCK])
    await client.query('CREATE TABLE IF NOT EXISTS wiretrace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    const stored = (await client.query<{value: string}>("SELECT value FROM wiretrace_meta WHERE key = 'schema_version'")).rows[0]
    const version = stored ? Number(stored.value) : 0
    if (version > SCHEMA_VERSION)
      throw new Error(`the reuse index has schema version ${version}, newer than the ${SCHEMA_VERSION} this wiretrace knows; upgrade wiretrace`)
    for (let step = version; step < SCHEMA_VERSION; step++) await client.query(MIGRATIONS[step]!)
    await client.query("INSERT INTO wiretrace_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [
      String(SCHEMA_VERSION)
    ])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

interface LinkRow {
  block: string
  span_start: number
  span_end: number
  other: string
  other_block: string
  other_first: number
  other_last: number
  other_start: number
  other_end: number
  similarity: number
  seeds: string[]
}
