/**
 * The per-article pipeline ends at the report; the link step ties reports
 * together afterwards, patching them instead of analysing them again.
 */
import {execFileSync} from 'node:child_process'
import {copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {processBytes} from '../run/article.ts'
import {runCheck} from '../run/check.ts'
import {rebuildOriginal} from '../render/rebuild.ts'
import {ARTICLES_PER_WORKER, runCorpus, threadCount, writeReport, type ArticleResult, type RunOptions} from '../run/run.ts'
import {renderMarkdown} from '../render/markdown.ts'
import {wiretraceDecode} from '../pipeline/decode.ts'
import {createProcessor, loadPipelineData} from '../pipeline/index.ts'
import {wiretraceParse} from '../pipeline/parse.ts'
import {wiretraceReport} from '../pipeline/report.ts'
import type {Report} from '../pipeline/report-schema.ts'
import {openLinkStep, type Linker, type ReportShelf} from '../link/index.ts'
import {unlinkedReport} from '../link/unlinked.ts'
import {reuseLinker} from '../link/reuse/linker.ts'
import {openStore} from '../link/reuse/open.ts'
import type {ReuseStore} from '../link/reuse/store.ts'
import {translationLinker} from '../link/translation/linker.ts'
import {anchorVocabulary, loadTranslationConfig} from '../link/translation/config.ts'
import {linkDrafter} from '../link/drafts.ts'

const SEED = 'seeds/001_fbe5a5956e437734.txt'

describe('the per-article pipeline', () => {
  it('runs synchronously on a bare processor, from the bytes to the report', () => {
    const processor = unified().use(wiretraceDecode).use(wiretraceParse).use(wiretraceReport)
    const bytes = readFileSync(SEED)
    const file = new VFile({path: SEED, value: bytes})
    const tree = processor.runSync({type: 'RootNode', children: []}, file)
    expect(tree.children.filter((node) => node.type === 'ParagraphNode').length).toBeGreaterThan(10)
    const report = file.data.report!
    expect(report.article).toMatchObject({id: SEED, bytes: bytes.length})
    expect(Buffer.from(rebuildOriginal(report)).equals(bytes)).toBe(true)
  })

  it('fails a file that is not an article at the decode stage, and no later stage runs', () => {
    const processor = unified().use(wiretraceDecode).use(wiretraceParse).use(wiretraceReport)
    const file = new VFile({path: 'photo.txt', value: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])})
    expect(() => processor.runSync({type: 'RootNode', children: []}, file)).toThrow(VFileMessage)
    expect(file.messages.map((message) => [message.ruleId, message.fatal])).toEqual([['input/binary', true]])
    expect(file.data.report).toBeUndefined()
    // The library entry point turns the same refusal into a failed file instead of an exception.
    const failed = processBytes(createProcessor(loadPipelineData()), new Uint8Array([0x00]), {relative: 'x.txt', display: 'x.txt'})
    expect(failed.messages[0]).toMatchObject({ruleId: 'input/binary', fatal: true})
  })

  it('leaves reuse to the link step: a report straight from the pipeline has no links and no reused share', () => {
    const file = processBytes(createProcessor(loadPipelineData()), readFileSync(SEED), {relative: 'a.txt', display: 'a.txt'})
    expect(file.data.report!.blocks.every((block) => block.reuse.length === 0)).toBe(true)
    expect(file.data.report!.summary.reused).toBeNull()
  })
})

describe('the link step over the reports the pipeline wrote', () => {
  // Seeds 000 and 001 share passages; 301 and 302 translate each other (Malay, English); seed 002 shares nothing.
  const files = ['seeds/000_0ff0c87b60d874fd.txt', 'seeds/001_fbe5a5956e437734.txt', 'seeds/002_756809b8681f022c.txt', ...['301', '302'].map(xlangFile)]
  const data = loadPipelineData()
  const processor = createProcessor(data)
  const written = new Map(
    files.map((path) => [path, unlinkedReport(processBytes(processor, readFileSync(path), {relative: path, display: path}).data.report!, data.agencies, true)])
  )
  const translation = loadTranslationConfig()
  const vocabulary = anchorVocabulary(translation, data.calendar)
  // With `drafted`, each report comes with what the thread that made it read of it, as a worker sends it.
  const link = async (asWritten: boolean, drafted = false) => {
    const store = await openStore(':memory:')
    const reports = new Map(written)
    const reads = new Map<string, number>()
    const shelf: ReportShelf = {
      holdsCorpus: false,
      read(id) {
        reads.set(id, (reads.get(id) ?? 0) + 1)
        return reports.get(id)
      },
      write: (id, report) => void reports.set(id, report)
    }
    const linkers = [reuseLinker(), translationLinker({config: translation, vocabulary})]
    const step = openLinkStep(linkers, {store, shelf, config: data.config, registry: data.agencies})
    const drafts = linkDrafter({vocabulary, reuse: true})
    try {
      for (const id of files) await step.admit(id, () => shelf.read(id), asWritten, drafted ? drafts(written.get(id)!) : undefined)
      const {patched} = await step.finish()
      return {reports, reads, patched}
    } finally {
      step.close()
      await store.close()
    }
  }

  it('reads back only the reports that gain links, and leaves the others with the bytes a patch gives them', async () => {
    const everyPatched = await link(false)
    const linkedOnly = await link(true)
    const [shared, sharing, alone, translated, translation] = files as [string, string, string, string, string]
    for (const id of files) expect(JSON.stringify(linkedOnly.reports.get(id))).toBe(JSON.stringify(everyPatched.reports.get(id)))
    // The unlinked report: not read to be patched, and left as the pipeline wrote it (no reuse, no translation).
    expect(linkedOnly.reads.get(alone)).toBe(everyPatched.reads.get(alone)! - 1)
    expect(linkedOnly.reports.get(alone)).toBe(written.get(alone))
    expect(linkedOnly.reports.get(alone)!.summary).toMatchObject({reused: 0, translated: 0})
    // Reuse alone, translation alone: each linker's links get the report read and patched.
    for (const id of [shared, sharing, translated, translation]) expect(linkedOnly.reads.get(id)).toBe(everyPatched.reads.get(id))
    expect(linkedOnly.reports.get(shared)!.summary.reused).toBeGreaterThan(0)
    expect(linkedOnly.reports.get(translated)!.summary.translated).toBeGreaterThan(0)
    expect(linkedOnly.patched.sort()).toEqual([shared, sharing, translated, translation].sort())
  }, 60_000)

  it('takes in a report with its drafts without reading it, and links it as it links the report read back', async () => {
    const read = await link(true)
    const drafted = await link(true, true)
    for (const id of files) {
      expect(JSON.stringify(drafted.reports.get(id))).toBe(JSON.stringify(read.reports.get(id)))
      // Read once fewer: not to be taken in, only, for those that gain links, to be patched.
      expect(drafted.reads.get(id) ?? 0).toBe(read.reads.get(id)! - 1)
    }
    expect(drafted.patched.sort()).toEqual(read.patched.sort())
    expect(drafted.patched.length).toBeGreaterThan(0)
  }, 60_000)
})

describe("the order of the link step's patches", () => {
  it('goes over every report once, in id order: the latest admission of an id counts, and those a linker or a pending mark names besides are read', async () => {
    const report = unlinkedReport(
      processBytes(createProcessor(loadPipelineData()), readFileSync(SEED), {relative: SEED, display: SEED}).data.report!,
      loadPipelineData().agencies,
      true
    )
    // A store that says which reports are pending, and holds no article in another version: all the step asks of it here.
    const cleared: string[] = []
    const store = {
      pending: async () => ['a', 'f'],
      clearPending: async (ids: string[]) => void cleared.push(...ids),
      lookup: async () => undefined
    } as unknown as ReuseStore
    const reads: string[] = []
    const kept: string[] = []
    const shelf: ReportShelf = {
      holdsCorpus: false,
      read(id) {
        reads.push(id)
        return report
      },
      write: () => undefined,
      keepUnchanged: (id) => void kept.push(id)
    }
    // Links nothing: a report admitted as written is not read, any other is read to be patched.
    const linker: Linker = {
      id: 'recording',
      admit: async () => undefined,
      update: async () => ['e', 'b'],
      patch: async (patched) => patched,
      linked: async () => false
    }
    const step = openLinkStep([linker], {store, shelf, config: 'test', registry: loadPipelineData().agencies})
    try {
      const admissions: Array<[string, boolean]> = [
        ['d', true],
        ['b', true],
        ['c', false],
        ['d', false],
        ['b', true]
      ]
      for (const [id, asWritten] of admissions) await step.admit(id, () => undefined, asWritten)
      await step.finish()
      // Each once, in id order (a report read and patched to the same bytes is kept as it is too). d's latest admission
      // is not as written, so d is read; b's is, so b is not read, though the linker names it.
      expect(kept).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
      expect(reads).toEqual(['a', 'c', 'd', 'e', 'f'])
      expect(cleared.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    } finally {
      step.close()
    }
  })
})

function xlangFile(number: string): string {
  return join('test/fixtures/xlang', readdirSync('test/fixtures/xlang').find((name) => name.startsWith(`${number}_`))!)
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {cwd, encoding: 'utf8'})
}

const readReport = (out: string, id: string) => JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Report
const partnersOf = (report: Report) => [...new Set(report.blocks.flatMap((block) => block.reuse.map((link) => link.article)))].sort()

describe('the link step', () => {
  it('check --changed with a new copy of a story patches the partner reports without analysing them again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wiretrace-link-'))
    mkdirSync(join(root, 'articles'))
    for (const name of readdirSync('seeds')) copyFileSync(join('seeds', name), join(root, 'articles', name))
    writeFileSync(join(root, '.gitignore'), 'index.sqlite*\nreports/\n')
    git(root, 'init', '-q', '-b', 'main')
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'seeds')
    const cwd = process.cwd()
    process.chdir(root)
    try {
      const index = join(root, 'index.sqlite')
      const out = join(root, 'reports')
      await runCorpus({inputs: ['articles'], index, out, retain: false})
      expect(partnersOf(readReport(out, '000_0ff0c87b60d874fd.txt'))).toEqual(['001_fbe5a5956e437734.txt'])
      // Another outlet prints seed 001 under its own title.
      const lines = readFileSync(join(root, 'articles', '001_fbe5a5956e437734.txt'), 'utf8').split('\n')
      writeFileSync(join(root, 'articles', '005_copy.txt'), ['Kremlin ingin dialog dengan semua negara', ...lines.slice(1)].join('\n'))
      const analysed: string[] = []
      const result = await runCheck({
        inputs: ['articles'],
        changed: {since: 'HEAD'},
        index,
        out,
        policy: {failOn: [], maxUncreditedShare: null, allowedOutlets: []},
        onArticle: (article) => analysed.push(article.input.relative)
      })
      expect(analysed).toEqual(['005_copy.txt'])
      expect(result.refreshed).toBe(0)
      expect(partnersOf(readReport(out, '005_copy.txt'))).toEqual(['000_0ff0c87b60d874fd.txt', '001_fbe5a5956e437734.txt'])
      expect(partnersOf(readReport(out, '000_0ff0c87b60d874fd.txt'))).toEqual(['001_fbe5a5956e437734.txt', '005_copy.txt'])
      expect(partnersOf(readReport(out, '001_fbe5a5956e437734.txt'))).toContain('005_copy.txt')
      // The patched partner is what a fresh run over the whole corpus writes.
      const fresh = join(root, 'fresh')
      await runCorpus({inputs: ['articles'], index: join(root, 'fresh.sqlite'), out: fresh, retain: false})
      for (const id of ['000_0ff0c87b60d874fd.txt', '001_fbe5a5956e437734.txt', '005_copy.txt']) expect(readReport(out, id), id).toEqual(readReport(fresh, id))
    } finally {
      process.chdir(cwd)
    }
  }, 120_000)

  it('writes the same reports whether the run holds them for its link step (all, some or none), on one thread and on many', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-held-'))
    const corpus = join(dir, 'corpus')
    cpSync('seeds', corpus, {recursive: true})
    // Translations: a twin shows its partner's paragraphs, read from the partner's report on disk, held or not.
    cpSync('test/fixtures/xlang', corpus, {recursive: true, filter: (source) => !source.endsWith('.tsv')})
    const lines = readFileSync(join(corpus, '001_fbe5a5956e437734.txt'), 'utf8').split('\n')
    for (let copy = 0; copy < 3; copy++) writeFileSync(join(corpus, `copy-${copy}.txt`), [`Salinan ${copy}`, ...lines.slice(1)].join('\n'))
    const run = async (name: string, options: Partial<RunOptions>) => {
      const out = join(dir, name)
      // A held report is not on disk when its article is done: the link step writes it.
      let held = 0
      const onArticle = (article: ArticleResult) => {
        if (!existsSync(article.written[0]!)) held++
      }
      const result = await runCorpus({inputs: [corpus], index: join(dir, `${name}.sqlite`), out, retain: false, onArticle, ...options})
      return {out, held, reported: result.reported.length}
    }
    const none = await run('none', {heldReportBytes: 0})
    expect(none.held).toBe(0)
    const files = readdirSync(none.out).sort()
    expect(files.filter((name) => name.endsWith('.md'))).toHaveLength(none.reported)
    const translated = files.filter((name) => name.endsWith('.md') && readFileSync(join(none.out, name), 'utf8').includes('## Translated in'))
    expect(translated.length).toBeGreaterThan(3)
    const runs = [
      {name: 'all', options: {}, held: 'all'},
      {name: 'all-threads', options: {workers: 3}, held: 'all'},
      {name: 'some', options: {heldReportBytes: 200_000, workers: 2}, held: 'some'}
    ] as const
    for (const {name, options, held} of runs) {
      const other = await run(name, options)
      if (held === 'all') expect(other.held, name).toBe(other.reported)
      else expect(other.held, name).toBeGreaterThan(0)
      if (held === 'some') expect(other.held, name).toBeLessThan(other.reported)
      expect(readdirSync(other.out).sort(), name).toEqual(files)
      for (const file of files) expect(readFileSync(join(other.out, file), 'utf8'), `${name}: ${file}`).toBe(readFileSync(join(none.out, file), 'utf8'))
    }
  }, 300_000)

  it('does not patch a report the index holds in another version (a run stopped before writing it); the next run over it does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-stale-'))
    const corpus = join(dir, 'articles')
    mkdirSync(corpus)
    for (const id of ['000_0ff0c87b60d874fd.txt', '001_fbe5a5956e437734.txt']) copyFileSync(join('seeds', id), join(corpus, id))
    const id = '001_fbe5a5956e437734.txt'
    const index = join(dir, 'index.sqlite')
    const out = join(dir, 'reports')
    const run = (only?: string[]) => runCorpus({inputs: [corpus], index, out, retain: false, ...(only ? {only} : {})})
    await run()
    const lines = readFileSync(join(corpus, id), 'utf8').split('\n')
    const written = (name: string) => readFileSync(join(out, name))
    const before = {json: written(`${id}.json`), md: written(`${id}.md`)}
    // A new version of the article is indexed; its report is then put back as it was, as a run stopped between the two leaves it.
    writeFileSync(join(corpus, id), [lines[0], `${lines[1]} Dikemaskini.`, ...lines.slice(2)].join('\n'))
    await run([id])
    expect(readReport(out, id).article.sha256).not.toBe(JSON.parse(before.json.toString('utf8')).article.sha256)
    writeFileSync(join(out, `${id}.json`), before.json)
    writeFileSync(join(out, `${id}.md`), before.md)
    // Another outlet prints the story: the article is its partner, and its report on disk is not the version indexed.
    writeFileSync(join(corpus, '005_copy.txt'), ['Kremlin ingin dialog dengan semua negara', ...lines.slice(1)].join('\n'))
    await run(['005_copy.txt'])
    expect(partnersOf(readReport(out, '005_copy.txt'))).toContain(id)
    expect(written(`${id}.json`)).toEqual(before.json)
    expect(written(`${id}.md`)).toEqual(before.md)
    await run([id])
    expect(partnersOf(readReport(out, id))).toContain('005_copy.txt')
  }, 120_000)

  it('writes the same reports with many worker threads, run after run, as with one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-workers-'))
    const corpus = join(dir, 'corpus')
    cpSync('seeds', corpus, {recursive: true})
    cpSync('test/fixtures/corpus', corpus, {recursive: true, filter: (source) => !source.endsWith('.tsv')})
    for (const name of ['001_fbe5a5956e437734.txt', '064_bernama-daim-china.txt']) {
      const lines = readFileSync(join(corpus, name), 'utf8').split('\n')
      for (let copy = 0; copy < 4; copy++) writeFileSync(join(corpus, `copy-${copy}-${name}`), [`Salinan ${copy}`, ...lines.slice(1)].join('\n'))
    }
    await runCorpus({inputs: [corpus], index: join(dir, 'one.sqlite'), out: join(dir, 'one'), retain: false})
    const expected = readdirSync(join(dir, 'one'))
    for (let run = 0; run < 3; run++) {
      const out = join(dir, `many-${run}`)
      await runCorpus({inputs: [corpus], index: join(dir, `many-${run}.sqlite`), out, workers: 4, retain: false})
      expect(readdirSync(out)).toEqual(expected)
      for (const name of expected) expect(readFileSync(join(out, name), 'utf8'), `run ${run}: ${name}`).toBe(readFileSync(join(dir, 'one', name), 'utf8'))
    }
  }, 300_000)

  it('writes the same JSON reports without Markdown twins, on one thread and on many, and patches them without writing a twin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-no-markdown-'))
    const corpus = join(dir, 'corpus')
    cpSync('seeds', corpus, {recursive: true})
    const lines = readFileSync(join(corpus, '001_fbe5a5956e437734.txt'), 'utf8').split('\n')
    for (let copy = 0; copy < 3; copy++) writeFileSync(join(corpus, `copy-${copy}.txt`), [`Salinan ${copy}`, ...lines.slice(1)].join('\n'))
    const twins = join(dir, 'twins')
    await runCorpus({inputs: [corpus], index: join(dir, 'twins.sqlite'), out: twins, retain: false})
    const jsonOf = (out: string) => readdirSync(out).filter((name) => name.endsWith('.json'))
    // Over the reports of a run with twins, on this thread; then in a new folder, on three threads (their link step's writers too).
    const again = join(dir, 'again')
    cpSync(twins, again, {recursive: true})
    const runs = [
      {out: again, result: await runCorpus({inputs: [corpus], index: join(dir, 'again.sqlite'), out: again, retain: false, markdown: false})},
      {
        out: join(dir, 'threads'),
        result: await runCorpus({inputs: [corpus], index: join(dir, 'threads.sqlite'), out: join(dir, 'threads'), workers: 3, retain: false, markdown: false})
      }
    ]
    for (const {out, result} of runs) {
      expect(readdirSync(out).filter((name) => name.endsWith('.md'))).toEqual([])
      expect(jsonOf(out)).toEqual(jsonOf(twins))
      for (const name of jsonOf(out)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(readFileSync(join(twins, name), 'utf8'))
      expect(result.articles.flatMap((article) => article.written).every((path) => path.endsWith('.json'))).toBe(true)
      expect(result.articles.flatMap((article) => article.written)).toHaveLength(result.articles.length)
    }
    // The copies gained links in the link step: their reports were patched, and still have no twin.
    expect(partnersOf(readReport(join(dir, 'threads'), 'copy-0.txt'))).toContain('001_fbe5a5956e437734.txt')
  }, 120_000)

  it('starts a worker thread per 250 articles by default, up to the cores; a number asked for is kept, up to one per article', () => {
    expect(threadCount({workers: 'auto'}, 100)).toBe(1)
    expect(threadCount({workers: 'auto'}, ARTICLES_PER_WORKER + 1)).toBe(Math.min(2, availableParallelism()))
    expect(threadCount({workers: 'auto'}, 100_000)).toBe(availableParallelism())
    expect(threadCount({workers: 'auto', index: ':memory:'}, 100_000)).toBe(1)
    expect(threadCount({workers: 4}, 3)).toBe(3)
    expect(threadCount({workers: 4}, 100)).toBe(4)
    expect(threadCount({}, 100_000)).toBe(1)
    expect(threadCount({workers: 'auto'}, 0)).toBe(1)
  })

  it('folds the copies of a story: a report stays the same size whether a story has 2 copies or 12', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-fold-'))
    const original = readFileSync('seeds/002_756809b8681f022c.txt', 'utf8').split('\n')
    const story = (copies: number) => {
      const corpus = join(dir, `story-${copies}`)
      mkdirSync(corpus)
      writeFileSync(join(corpus, '000_original.txt'), original.join('\n'))
      for (let copy = 1; copy <= copies; copy++)
        writeFileSync(join(corpus, `${String(copy).padStart(3, '0')}_copy.txt`), [`Salinan ${copy} dari berita Kremlin`, ...original.slice(1)].join('\n'))
      return corpus
    }
    const reportsOf = async (copies: number) => {
      const out = join(dir, `out-${copies}`)
      await runCorpus({inputs: [story(copies)], index: join(dir, `index-${copies}.sqlite`), out, retain: false})
      return out
    }
    const two = await reportsOf(1)
    const twelve = await reportsOf(11)
    const few = readReport(two, '001_copy.txt')
    const many = readReport(twelve, '001_copy.txt')
    const body = many.blocks.filter((block) => block.copies > 0)
    expect(body.length).toBeGreaterThan(3)
    for (const block of body) {
      expect(block.copies).toBe(11)
      // The earliest copy, and one copy per agency the copies credit.
      expect(new Set(block.reuse.map((link) => link.article)).size).toBeLessThanOrEqual(1 + Object.keys(many.summary.agencies).length)
    }
    expect(few.blocks.filter((block) => block.copies > 0).every((block) => block.copies === 1)).toBe(true)
    // Folding keeps what the copies carry: the same agencies and the same reused share.
    expect(many.summary.agencies).toEqual(few.summary.agencies)
    expect(many.summary.reused).toBe(few.summary.reused)
    const size = (out: string) => readFileSync(join(out, '001_copy.txt.json')).length
    expect(size(twelve)).toBeLessThan(size(two) * 1.25)
  }, 120_000)

  it('leaves a report and its Markdown twin matching when another writer replaces the report while the twin is rendered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-twin-'))
    const id = '001_fbe5a5956e437734.txt'
    // Seed 001 shares passages with seed 000: the report the pipeline wrote and the one the link step patched differ.
    await runCorpus({inputs: ['seeds'], index: join(dir, 'index.sqlite'), out: join(dir, 'linked'), retain: false})
    const linked = readReport(join(dir, 'linked'), id)
    const unlinked = processBytes(createProcessor(loadPipelineData()), readFileSync(join('seeds', id)), {relative: id, display: id}).data.report!
    const byId = {agencyName: (agency: string) => agency}
    expect(renderMarkdown(unlinked, byId)).not.toBe(renderMarkdown(linked, byId))
    // Sharded runners sharing a folder: one renders the Markdown of the report it has just written when the other
    // (patching a partner of its own articles) writes that report whole. Naming the first agency runs the second writer.
    for (const [first, second] of [
      [unlinked, linked],
      [linked, unlinked]
    ] as const) {
      const out = join(dir, `out-${first === linked ? 'linked' : 'unlinked'}-first`)
      let interleaved = false
      const naming = {
        agencyName(agency: string) {
          if (!interleaved) {
            interleaved = true
            writeReport(out, {relative: id}, second, byId)
          }
          return agency
        }
      }
      writeReport(out, {relative: id}, first, naming)
      expect(interleaved).toBe(true)
      // The JSON is the second writer's, and so is the Markdown beside it.
      expect(readReport(out, id)).toEqual(second)
      expect(readFileSync(join(out, `${id}.md`), 'utf8')).toBe(renderMarkdown(second, byId))
    }
  }, 120_000)
})

describe('agencies carried over shared text', () => {
  const run = async (files: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'wiretrace-carry-'))
    for (const file of files) copyFileSync(join('test/fixtures/corpus2', file), join(dir, file))
    const out = join(dir, 'out')
    await runCorpus({inputs: [dir], out, index: join(dir, 'index.sqlite')})
    const agenciesOn = (file: string, line: number) =>
      readReport(out, file)
        .blocks.find((block) => block.lines[0] <= line && line <= block.lines[1])!
        .sources.map((source) => source.agency)
        .sort()
    return agenciesOn
  }

  it('add no agency to a paragraph its own article credits: Devdiscourse credits Reuters, and text it shares with an AFP copy stays Reuters', async () => {
    const agenciesOn = await run(['244_devdiscourse-abe-shot-reuters.txt', '245_india-com-abe-shot-reuters-afp.txt'])
    expect(agenciesOn('244_devdiscourse-abe-shot-reuters.txt', 3)).toEqual(['reuters'])
    expect(agenciesOn('244_devdiscourse-abe-shot-reuters.txt', 4)).toEqual(['reuters'])
  }, 60_000)

  it('still give an uncredited copy the agency of the credited text it shares (Times of Malta, stripped of its credit)', async () => {
    const agenciesOn = await run(['232_chicagotribune-shenzhou10-reuters-xinhua.txt', '233_timesofmalta-shenzhou10-reuters-stripped.txt'])
    expect(agenciesOn('233_timesofmalta-shenzhou10-reuters-stripped.txt', 1)).toContain('reuters')
  }, 60_000)
})
