/**
 * The corpus view of reuse, `reuse.json` beside the reports: clusters of
 * articles that share passages (connected through any chain of links), so
 * a reader sees at once that one wire story fed many outlets.
 *
 * A run over a few new articles touches a few clusters of a large file
 * (7.9 MB at 100,000 bench articles, 17,774 clusters). Reading, validating
 * and writing every cluster took about 0.4 s of such a run's 2.5, and grew
 * with the corpus's reuse; the file as this writer wrote it is read as
 * text instead, trusted by its digest written beside it (`reuse.json.sha256`,
 * as `sha256sum` writes one): each cluster's ids are read, the clusters the
 * run touches are parsed and validated, and the others are written back as
 * they stand. A file that does not match its digest (edited by hand, written
 * by another program) is read whole and validated, as before.
 */
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {z} from 'zod'
import {replaceFile, replaceFileStreamed} from '../../core/replace-file.ts'
import {byCodeUnits} from '../../core/sorted-ids.ts'
import {Uint32Column} from '../../core/uint32-column.ts'
import {ALIGN_EVERY_COPY_BELOW} from './copies.ts'

export const REUSE_FILE_VERSION = 2

/** The clusters' file, beside the reports. */
export const REUSE_FILE = 'reuse.json'

/** The digest of the clusters' file as it was written, beside it: `<sha256 in hex>  reuse.json`, a line `sha256sum -c` checks. */
export const REUSE_DIGEST_FILE = `${REUSE_FILE}.sha256`

const reusePairSchema = z.strictObject({
  a: z.string(),
  b: z.string(),
  links: z.number().int().positive().describe('block links between the two articles'),
  similarity: z.number().min(0).max(1).describe('highest similarity among those links')
})

const reuseClusterSchema = z.strictObject({
  articles: z.array(z.string()).describe('ids of the articles in the cluster, sorted'),
  copies: z
    .array(z.array(z.string()).min(ALIGN_EVERY_COPY_BELOW))
    .describe(
      'groups of near-exact copies of a story printed six times or more (a root and its copies, aligned with it alone), each sorted, by first id: the articles of a group share their text with one another, and each shares what the root shares'
    ),
  pairs: z
    .array(reusePairSchema)
    .describe(
      "linked articles, sorted, less the pairs a group implies: the articles of a group share what each shares, so a pair with an article of a group is left out where the group's first article has the same pair"
    )
})

export const reuseFileSchema = z.strictObject({
  schemaVersion: z.literal(REUSE_FILE_VERSION),
  clusters: z.array(reuseClusterSchema)
})
export type ReuseFile = z.infer<typeof reuseFileSchema>

/**
 * The file as the first version wrote it, read so that a folder from before keeps its clusters: no groups of copies,
 * and every pair listed, those inside a group among them, so a story printed by 80 outlets held 3,160 pairs.
 */
const reuseFileV1Schema = z.strictObject({
  schemaVersion: z.literal(1),
  clusters: z.array(z.strictObject({articles: z.array(z.string()), pairs: z.array(reusePairSchema)}))
})

type ReuseCluster = ReuseFile['clusters'][number]
type ReusePair = ReuseCluster['pairs'][number]

/** A cluster of the folder's file carried over as its text: the run read none of its articles, nor a link to one. */
export interface ClusterText {
  /** Its number of articles and its first id, which place it among the clusters. */
  size: number
  first: string
  /** Its text in the file, from the indentation before its opening brace to its closing brace. */
  text: Uint8Array
}

/** The file's text around its clusters, as `writeReuseFile` writes it (`JSON.stringify(file, null, 2)` and a line end). */
const FILE_HEAD = `{\n  "schemaVersion": ${REUSE_FILE_VERSION},\n  "clusters": [\n`
const FILE_TAIL = '\n  ]\n}\n'
const EMPTY_FILE = `{\n  "schemaVersion": ${REUSE_FILE_VERSION},\n  "clusters": []\n}\n`
/** A cluster's last line: the only line indented by four spaces that closes a brace (its contents are indented by six and more). */
const CLUSTER_END = '\n    }'
const CLUSTER_SEPARATOR = ',\n'
/** Where a cluster's list of ids ends. */
const ARTICLES_END = '\n      ]'

/**
 * The folder's `reuse.json` as `writeReuseFile` wrote it, its digest matching: each cluster's place in the text and
 * its ids, read from the text without parsing the rest.
 */
export class WrittenReuseFile {
  private constructor(
    readonly bytes: Buffer,
    readonly clusters: ReadonlyArray<{start: number; end: number; articles: string[]}>
  ) {}

  /**
   * The file read as text, or undefined when the digest file beside it (`digestFile`, its text) is not the one its
   * bytes give or the file is not in the form the writer gives.
   */
  static of(bytes: Buffer, digestFile: string | undefined): WrittenReuseFile | undefined {
    if (digestFile !== digestLine(createHash('sha256').update(bytes).digest('hex'))) return undefined
    if (bytes.equals(Buffer.from(EMPTY_FILE))) return new WrittenReuseFile(bytes, [])
    if (!bytes.subarray(0, FILE_HEAD.length).equals(Buffer.from(FILE_HEAD))) return undefined
    const clusters: Array<{start: number; end: number; articles: string[]}> = []
    for (let start = FILE_HEAD.length; ; ) {
      const close = bytes.indexOf(CLUSTER_END, start)
      const articlesStart = bytes.indexOf('[', start)
      const articlesEnd = bytes.indexOf(ARTICLES_END, articlesStart)
      if (close === -1 || articlesStart === -1 || articlesEnd === -1 || articlesEnd > close) return undefined
      const end = close + CLUSTER_END.length
      clusters.push({start, end, articles: JSON.parse(bytes.toString('utf8', articlesStart, articlesEnd + ARTICLES_END.length)) as string[]})
      if (bytes.toString('utf8', end, end + CLUSTER_SEPARATOR.length) === CLUSTER_SEPARATOR) start = end + CLUSTER_SEPARATOR.length
      else if (end === bytes.length - FILE_TAIL.length && bytes.toString('utf8', end) === FILE_TAIL) return new WrittenReuseFile(bytes, clusters)
      else return undefined
    }
  }

  /** A cluster parsed and validated: the run touches it. */
  parsed(cluster: number): ReuseCluster {
    const {start, end} = this.clusters[cluster]!
    return reuseClusterSchema.parse(JSON.parse(this.bytes.toString('utf8', start, end)))
  }
}

/** No article or pair: the end of a chain of pairs. */
const NONE = 0xffffffff

/** What the clusters read of an article's links (`ArticleLinks`, copies.ts): the articles they reach, and each link's other article and similarity. */
export interface PartnerLinks {
  readonly reached: ReadonlySet<string>
  /** Each article the links reach, once, with how many links reach it and their highest similarity. */
  forEachPartner(visit: (other: string, links: number, similarity: number) => void): void
}

/**
 * The pairs of linked articles that make `reuse.json`: those the folder's file held before the link step, and those
 * the step reads from the links of each report it goes over, so that the links are not read from the index a second
 * time for the clusters (at 100,000 articles, 5.4–6.1 s and 41–46 MB of allocations at the run's end, beside everything
 * the run still held). Held in columns by pair and by article number, not as objects and keys: only articles that
 * stand in a pair are numbered, so what this holds grows with the corpus's reuse, not with its size.
 */
export class LinksRead {
  private readonly names: string[] = []
  private readonly numberOf = new Map<string, number>()
  /** Per article: 1 once its links were read; its first pair as the pair's lower article, and as its higher (`NONE`: none). */
  private readonly read = new Uint32Column()
  private readonly firstPair = new Uint32Column()
  private readonly firstPairAsHigher = new Uint32Column()
  /**
   * Per pair: its articles (`lower`'s id before `higher`'s in code-unit order), the next pair of the same lower article,
   * and the next of the same higher one.
   */
  private readonly lower = new Uint32Column()
  private readonly higher = new Uint32Column()
  private readonly nextPair = new Uint32Column()
  private readonly nextPairOfHigher = new Uint32Column()
  /** Per pair: the block links read from each side, the highest similarity among them. */
  private readonly fromLower = new Uint32Column()
  private readonly fromHigher = new Uint32Column()
  private readonly similarity: number[] = []
  /** The groups of copies of the clusters the file held before the step and the step touches, by article number. */
  private readonly groupsBefore: number[][] = []
  private tookTouched = false
  /** Per pair: its links and similarity in the folder's file before the step (0 links: not there). */
  private readonly linksBefore = new Uint32Column()
  private readonly similarityBefore: number[] = []
  /** The folder's file read as text: per article, its cluster there (`NONE`: none); per cluster, 1 once the step touches it. */
  private readonly written: WrittenReuseFile | undefined
  private readonly writtenCluster = new Uint32Column()
  private readonly touched: Uint8Array

  /**
   * @param before the folder's `reuse.json` as it stands, whose pairs stay unless the step reads either article's
   * links: validated whole, or as written, whose clusters the step does not touch stay as their text
   */
  constructor(before?: ReuseFile | WrittenReuseFile) {
    if (before instanceof WrittenReuseFile) {
      this.written = before
      before.clusters.forEach((cluster, at) => {
        for (const id of cluster.articles) this.writtenCluster.set(this.number(id), at)
      })
      this.touched = new Uint8Array(before.clusters.length)
      return
    }
    this.written = undefined
    this.touched = new Uint8Array(0)
    for (const cluster of before?.clusters ?? []) this.takeBefore(cluster)
  }

  /** Takes an article's links, once: a second call for the same article is ignored. */
  add(id: string, links: PartnerLinks): void {
    const article = this.numberOf.get(id)
    // An article in no pair that has no link now makes none: it is not numbered.
    if (article === undefined && links.reached.size === 0) return
    if (article !== undefined && this.read.at(article) === 1) return
    const numbered = article ?? this.number(id)
    this.read.set(numbered, 1)
    this.touch(numbered)
    // The article's pairs by partner, from its two lists walked once: a copy of a story printed 80 times has a pair with
    // each other copy, and finding each by walking the lower article's list made the work grow with the square of them.
    const pairs = new Map<number, number>()
    for (let at = this.firstPair.at(numbered); at !== NONE; at = this.nextPair.at(at)) pairs.set(this.higher.at(at), at)
    for (let at = this.firstPairAsHigher.at(numbered); at !== NONE; at = this.nextPairOfHigher.at(at)) pairs.set(this.lower.at(at), at)
    // Once per partner, not once per link: a report's links are block links, many to one partner (a copy's composed
    // links, about 15 to each other copy of its story).
    links.forEachPartner((other, count, similarity) => {
      const partner = this.number(other)
      this.touch(partner)
      let at = pairs.get(partner)
      if (at === undefined) {
        at = id < other ? this.newPair(numbered, partner) : this.newPair(partner, numbered)
        pairs.set(partner, at)
      }
      if (id < other) this.fromLower.set(at, this.fromLower.at(at) + count)
      else this.fromHigher.set(at, this.fromHigher.at(at) + count)
      this.similarity[at] = Math.max(this.similarity[at]!, similarity)
    })
  }

  /**
   * The clusters of the folder after the step, largest first, then by first id: the pairs it held before, less every
   * pair of an article read now, with the pairs read now. A run over a few new articles keeps the stories it did not
   * touch, which a report's "reuse.json lists them all" promises; a run over every article of the folder gives what it
   * alone reads. Each cluster's names and values are made as it is asked for; a cluster of the file as written that
   * the step did not touch comes as its text.
   */
  *clusters(roots: ReadonlyMap<string, string> = new Map()): Generator<ReuseCluster | ClusterText> {
    this.takeTouched()
    const kept = [...this.keptPairs()]
    const parent = Uint32Array.from({length: this.names.length}, (_, article) => article)
    const root = (article: number): number => {
      let top = article
      while (parent[top] !== top) top = parent[top]!
      for (let step = article; step !== top; ) {
        const up = parent[step]!
        parent[step] = top
        step = up
      }
      return top
    }
    for (const at of kept) parent[root(this.lower.at(at))] = root(this.higher.at(at))
    // A group of copies the file held stands for the pairs inside it, which it does not list: its articles the step did
    // not read stay joined (one the step read has its own links now).
    const groupsKept = this.groupsBefore.map((group) => group.filter((article) => this.read.at(article) === 0)).filter((group) => group.length > 1)
    for (const group of groupsKept) for (const article of group.slice(1)) parent[root(article)] = root(group[0]!)
    // Articles and pairs grouped by cluster in one pass, by number: their names and values are made cluster by cluster.
    const byRoot = new Map<number, {articles: number[]; pairs: number[]; first: string}>()
    const placed = new Uint8Array(this.names.length)
    const place = (article: number) => {
      const top = root(article)
      let cluster = byRoot.get(top)
      if (!cluster) {
        cluster = {articles: [], pairs: [], first: this.names[article]!}
        byRoot.set(top, cluster)
      }
      if (placed[article] === 1) return cluster
      placed[article] = 1
      cluster.articles.push(article)
      if (this.names[article]! < cluster.first) cluster.first = this.names[article]!
      return cluster
    }
    for (const at of kept) {
      place(this.lower.at(at)).pairs.push(at)
      place(this.higher.at(at))
    }
    for (const group of groupsKept) for (const article of group) place(article)
    const made = [...byRoot.values()].map((cluster) => ({size: cluster.articles.length, first: cluster.first, made: cluster}))
    const carried = (this.written?.clusters ?? [])
      .filter((_, cluster) => this.touched[cluster] === 0)
      .map(({start, end, articles}) => ({size: articles.length, first: articles[0]!, text: this.written!.bytes.subarray(start, end)}))
    const ordered = [...made, ...carried].sort((x, y) => y.size - x.size || byCodeUnits(x.first, y.first))
    for (const cluster of ordered) {
      if ('text' in cluster) {
        yield cluster
        continue
      }
      const pairs = cluster.made.pairs.map((at) => this.pairValues(at))
      pairs.sort((x, y) => byCodeUnits(x.a, y.a) || byCodeUnits(x.b, y.b))
      yield foldCopies(cluster.made.articles.map((article) => this.names[article]!).sort(), pairs, roots)
    }
  }

  /**
   * Every article of the clusters the step makes (those it read links of, or touched), not of those it carries over as
   * they stand: the link step reads their roots for `clusters`.
   */
  articles(): string[] {
    this.takeTouched()
    const articles = new Set<number>()
    for (const at of this.keptPairs()) articles.add(this.lower.at(at)).add(this.higher.at(at))
    for (const group of this.groupsBefore) for (const article of group) articles.add(article)
    return [...articles].map((article) => this.names[article]!)
  }

  /** Takes the pairs and groups of the clusters of the file as written that the step touches, once. */
  private takeTouched(): void {
    if (this.tookTouched) return
    this.tookTouched = true
    this.touched.forEach((touched, cluster) => {
      if (touched === 1) this.takeBefore(this.written!.parsed(cluster))
    })
  }

  /** Takes a cluster of the file before the step: its pairs stay unless the step reads either article. */
  private takeBefore(cluster: ReuseCluster): void {
    for (const group of cluster.copies) this.groupsBefore.push(group.map((id) => this.number(id)))
    for (const pair of cluster.pairs) {
      const at = this.pairAt(pair.a, pair.b)
      this.linksBefore.set(at, pair.links)
      this.similarityBefore[at] = pair.similarity
    }
  }

  /** Marks the written file's cluster of an article as touched by the step: it is parsed, and its pairs weighed again. */
  private touch(article: number): void {
    const cluster = this.writtenCluster.at(article)
    if (cluster !== NONE) this.touched[cluster] = 1
  }

  /** The pairs the folder keeps after the step: those read now, or, when neither article was read, those it held before. */
  private *keptPairs(): Generator<number> {
    for (let at = 0; at < this.lower.length; at++) {
      if (this.readNow(at) ? this.fromLower.at(at) + this.fromHigher.at(at) > 0 : this.linksBefore.at(at) > 0) yield at
    }
  }

  /** Whether the step read either article of a pair. */
  private readNow(at: number): boolean {
    return this.read.at(this.lower.at(at)) === 1 || this.read.at(this.higher.at(at)) === 1
  }

  /** A kept pair's values after the step: read now when either article was read, else as before. */
  private pairValues(at: number): ReusePair {
    const lower = this.lower.at(at)
    const [a, b] = [this.names[lower]!, this.names[this.higher.at(at)]!]
    if (!this.readNow(at)) return {a, b, links: this.linksBefore.at(at), similarity: this.similarityBefore[at]!}
    // Each link is stored for both sides: it is counted from one side, the lower id's when the step read both.
    return {a, b, links: this.read.at(lower) === 1 ? this.fromLower.at(at) : this.fromHigher.at(at), similarity: this.similarity[at]!}
  }

  private number(id: string): number {
    let article = this.numberOf.get(id)
    if (article === undefined) {
      article = this.names.push(id) - 1
      this.numberOf.set(id, article)
      this.read.push(0)
      this.firstPair.push(NONE)
      this.firstPairAsHigher.push(NONE)
      this.writtenCluster.push(NONE)
    }
    return article
  }

  /** The pair of two articles, added when it is new. */
  private pairAt(one: string, other: string): number {
    const [lower, higher] = one < other ? [this.number(one), this.number(other)] : [this.number(other), this.number(one)]
    for (let at = this.firstPair.at(lower); at !== NONE; at = this.nextPair.at(at)) if (this.higher.at(at) === higher) return at
    return this.newPair(lower, higher)
  }

  /** Adds the pair of two numbered articles, `lower` the one whose id comes first. */
  private newPair(lower: number, higher: number): number {
    const at = this.lower.length
    this.lower.push(lower)
    this.higher.push(higher)
    this.nextPair.push(this.firstPair.at(lower))
    this.firstPair.set(lower, at)
    this.nextPairOfHigher.push(this.firstPairAsHigher.at(higher))
    this.firstPairAsHigher.set(higher, at)
    this.fromLower.push(0)
    this.fromHigher.push(0)
    this.similarity.push(0)
    this.linksBefore.push(0)
    this.similarityBefore.push(0)
    return at
  }
}

/**
 * A cluster with its groups of copies: each root with its copies in the cluster (a copy whose root is elsewhere, its
 * links to it all become stock phrases, stands alone), and the pairs less those a group implies, which grow with the
 * square of a story's printings: those inside a group, and a group's article's pair with an article (or an article of
 * another group) whose pair with the group's first article (or with both groups' first) is listed, since a copy
 * shares what its root shares. Only groups large enough for their copies to be aligned with the root alone
 * (`ALIGN_EVERY_COPY_BELOW`, copies.ts) are folded: a smaller group's pairs were each aligned, and are listed.
 *
 * @param roots the root each copy among the articles is a copy of, as the index says
 */
function foldCopies(articles: string[], pairs: ReusePair[], roots: ReadonlyMap<string, string>): ReuseCluster {
  const inCluster = new Set(articles)
  const groupOf = (id: string) => {
    const root = roots.get(id)
    return root !== undefined && inCluster.has(root) ? root : id
  }
  const groups = new Map<string, string[]>()
  for (const id of articles) {
    const of = groupOf(id)
    const group = groups.get(of)
    if (group) group.push(id)
    else groups.set(of, [id])
  }
  // The articles come sorted: so does each group, and the groups by their first id.
  const copies = [...groups.values()].filter((group) => group.length >= ALIGN_EVERY_COPY_BELOW).sort((x, y) => byCodeUnits(x[0]!, y[0]!))
  // An article of a folded group stands for the group's first id: not its root, which depends on the order the index
  // took the copies in (sharded runners would write other pairs than one process). A copy shares with every article
  // its root shares with, so that first article has the pairs the root has.
  const first = new Map(copies.flatMap((group) => group.map((id): [string, string] => [id, group[0]!])))
  const standsFor = (id: string) => first.get(id) ?? id
  const key = (a: string, b: string) => (byCodeUnits(a, b) < 0 ? `${a}\n${b}` : `${b}\n${a}`)
  const listed = new Set(pairs.map((pair) => key(pair.a, pair.b)))
  // Inside a group, a pair is implied; across, a pair is implied by the pair of the articles its ends stand for.
  const implied = (pair: ReusePair) => {
    const [a, b] = [standsFor(pair.a), standsFor(pair.b)]
    return a === b || ((a !== pair.a || b !== pair.b) && listed.has(key(a, b)))
  }
  return {articles, copies, pairs: pairs.filter((pair) => !implied(pair))}
}

/**
 * The `reuse.json` a folder of reports holds, or undefined when it holds none, or one this version cannot read (a file
 * cut short, edited out of the schema): the file is derived from the index and rewritten whole by the run that reads
 * it. A file that matches the digest beside it is read as written (`WrittenReuseFile`); any other is validated whole,
 * and one of the first version is read as this version's, without copies.
 */
export function readReuseFile(out: string): ReuseFile | WrittenReuseFile | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(join(out, REUSE_FILE))
  } catch {
    return undefined
  }
  const written = WrittenReuseFile.of(bytes, readDigestFile(out))
  if (written) return written
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  const file = reuseFileSchema.safeParse(parsed)
  if (file.success) return file.data
  const first = reuseFileV1Schema.safeParse(parsed)
  return first.success
    ? {schemaVersion: REUSE_FILE_VERSION, clusters: first.data.clusters.map(({articles, pairs}) => ({articles, copies: [], pairs}))}
    : undefined
}

/**
 * Writes `reuse.json` from its clusters, one at a time as they come, then its digest beside it: the text is what
 * `JSON.stringify(file, null, 2)` of the whole file gives, where at 100,000 articles the file (7.9 MB) as one object,
 * then one string, then one buffer stood at the run's end beside everything the run still held. A cluster carried
 * over as its text is written as it stands. The tests check the file against the schema.
 */
export function writeReuseFile(out: string, clusters: Iterable<ReuseCluster | ClusterText>): string {
  // A run none of whose files could be read wrote no report that would have made the folder.
  mkdirSync(out, {recursive: true})
  const path = join(out, REUSE_FILE)
  const digest = createHash('sha256')
  replaceFileStreamed(path, (write) => {
    const add = (piece: string | Uint8Array) => {
      digest.update(piece)
      write(piece)
    }
    let count = 0
    for (const cluster of clusters) {
      add(count++ === 0 ? FILE_HEAD : CLUSTER_SEPARATOR)
      add('text' in cluster ? cluster.text : `    ${JSON.stringify(cluster, null, 2).replaceAll('\n', '\n    ')}`)
    }
    add(count === 0 ? EMPTY_FILE : FILE_TAIL)
  })
  // Written after the file it describes: a run that ends between the two leaves a digest the file does not match, and the next reads the file whole.
  replaceFile(join(out, REUSE_DIGEST_FILE), digestLine(digest.digest('hex')))
  return path
}

/** The digest file's text for a digest: the line `sha256sum` writes for the file. */
function digestLine(hex: string): string {
  return `${hex}  ${REUSE_FILE}\n`
}

/** The folder's digest file's text, or undefined when it has none. */
function readDigestFile(out: string): string | undefined {
  try {
    return readFileSync(join(out, REUSE_DIGEST_FILE), 'utf8')
  } catch {
    return undefined
  }
}
