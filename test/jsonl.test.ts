import {spawn} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {EXIT_OK, EXIT_USAGE} from '../cli/wiretrace.ts'
import {cli} from './helpers/rules-cli.ts'
import {JsonlReports, jsonlFileName} from '../run/jsonl-reports.ts'
import {InputOrder} from '../run/inputs.ts'
import {runCorpus} from '../run/run.ts'
import {reportSchema, type Report} from '../pipeline/report-schema.ts'

let work: string

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'wiretrace-jsonl-'))
})

afterEach(() => {
  vi.restoreAllMocks()
  rmSync(work, {recursive: true, force: true})
})

/** Every line of every batch file of a folder, in file order, as JSON text. */
function batchLines(out: string): string[] {
  return readdirSync(out)
    .filter((name) => /^reports-\d+\.jsonl$/.test(name))
    .sort()
    .flatMap((name) => readFileSync(join(out, name), 'utf8').split('\n').slice(0, -1))
}

/** The per-article JSON reports of a folder, by article id, each as the JSON text of its parsed object. */
function perArticle(out: string, ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, JSON.stringify(JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')))]))
}

const FIXTURES = 'test/fixtures/corpus'
const fixtureIds = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .sort()

// Whole runs over the fixture corpus, two or three each: minutes on a loaded machine.
describe('run --format jsonl', {timeout: 300_000}, () => {
  it('writes the same reports as the per-article files, one per line in input order, in files of N articles', async () => {
    await runCorpus({inputs: [FIXTURES], index: join(work, 'files.sqlite'), out: join(work, 'files'), retain: false})
    const out = join(work, 'lines')
    const result = await runCorpus({inputs: [FIXTURES], index: join(work, 'lines.sqlite'), out, workers: 2, jsonl: {batch: 7}, retain: false})
    const expected = Math.ceil(fixtureIds.length / 7)
    expect(result.jsonlFiles).toBe(expected)
    expect(readdirSync(out).sort()).toEqual([...Array.from({length: expected}, (_, index) => jsonlFileName(index + 1)), 'reuse.json', 'reuse.json.sha256'])
    const lines = batchLines(out)
    expect(lines.map((line) => (JSON.parse(line) as Report).article.id)).toEqual(fixtureIds)
    const files = perArticle(join(work, 'files'), fixtureIds)
    // The same object, key order included; and a valid report.
    for (const line of lines) {
      const report = JSON.parse(line) as Report
      expect(JSON.stringify(report)).toBe(files.get(report.article.id))
      expect(JSON.stringify(reportSchema.parse(report))).toBe(line)
    }
    // The link step patched reports inside their files: links reached the lines.
    expect(lines.some((line) => (JSON.parse(line) as Report).blocks.some((block) => block.reuse.length > 0))).toBe(true)
    expect(readFileSync(join(out, 'reuse.json'), 'utf8')).toBe(readFileSync(join(work, 'files', 'reuse.json'), 'utf8'))
    expect(readdirSync(join(work, 'files')).some((name) => name.endsWith('.md'))).toBe(true)
    expect(readdirSync(out).some((name) => name.endsWith('.md') || name.endsWith('.tmp'))).toBe(false)
  })

  it('gives the seeds the same reports on one thread as the per-article files, and retained results the linked report', async () => {
    await runCorpus({inputs: ['seeds'], index: join(work, 'files.sqlite'), out: join(work, 'files'), retain: false})
    const out = join(work, 'lines')
    const result = await runCorpus({inputs: ['seeds'], index: join(work, 'lines.sqlite'), out, jsonl: {batch: 2}})
    const ids = result.articles.map((article) => article.input.relative)
    const files = perArticle(join(work, 'files'), ids)
    expect(batchLines(out)).toEqual(ids.map((id) => files.get(id)))
    for (const article of result.articles) expect(JSON.stringify(article.report)).toBe(files.get(article.input.relative))
    expect(result.articles.map((article) => article.written)).toEqual(ids.map((_, index) => [join(out, jsonlFileName(Math.floor(index / 2) + 1))]))
  })

  it('links a second run over a grown corpus as the per-article files do, and drops the files a larger run left', async () => {
    const corpus = join(work, 'corpus')
    mkdirSync(corpus)
    const first = fixtureIds.filter((_, index) => index % 2 === 0)
    for (const id of first) cpSync(join(FIXTURES, id), join(corpus, id))
    const both = async (batch: number) => {
      await runCorpus({inputs: [corpus], index: join(work, 'files.sqlite'), out: join(work, 'files'), retain: false})
      await runCorpus({inputs: [corpus], index: join(work, 'lines.sqlite'), out: join(work, 'lines'), jsonl: {batch}, retain: false})
    }
    await both(3)
    for (const id of fixtureIds) cpSync(join(FIXTURES, id), join(corpus, id))
    await both(3)
    const files = perArticle(join(work, 'files'), fixtureIds)
    expect(batchLines(join(work, 'lines'))).toEqual(fixtureIds.map((id) => files.get(id)))
    // Larger files: fewer of them, and none of the earlier run's numbering left behind.
    await both(10)
    expect(readdirSync(join(work, 'lines')).filter((name) => name.endsWith('.jsonl'))).toEqual(
      Array.from({length: Math.ceil(fixtureIds.length / 10)}, (_, index) => jsonlFileName(index + 1))
    )
    expect(batchLines(join(work, 'lines'))).toEqual(fixtureIds.map((id) => files.get(id)))
  })

  it('leaves only whole files when killed between files, and the next run removes what the kill left', async () => {
    const out = join(work, 'lines')
    const command = ['run', FIXTURES, '--out', out, '--no-index', '--workers', '1', '--format', 'jsonl', '--jsonl-batch', '1', '-q']
    const child = spawn(process.execPath, ['bin/wiretrace.js', ...command])
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    // Killed as soon as some files are written and before the last (a run that ends first is still checked for whole files).
    while (child.exitCode === null && (!existsSync(out) || readdirSync(out).filter((name) => name.endsWith('.jsonl')).length < 3))
      await new Promise((resolve) => setTimeout(resolve, 5))
    child.kill('SIGKILL')
    await exited
    // A temporary file such as a kill leaves mid-write, with half a report in it.
    writeFileSync(join(out, `${jsonlFileName(1)}.999.0.0.tmp`), '{"schemaVersion":2,"gener')
    const written = readdirSync(out).filter((name) => name.endsWith('.jsonl'))
    expect(written.length).toBeGreaterThanOrEqual(3)
    for (const name of written) {
      const lines = readFileSync(join(out, name), 'utf8').split('\n')
      expect(lines.at(-1)).toBe('')
      for (const line of lines.slice(0, -1)) reportSchema.parse(JSON.parse(line))
    }
    await runCorpus({inputs: [FIXTURES], out, jsonl: {batch: 1}, retain: false})
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(batchLines(out).map((line) => (JSON.parse(line) as Report).article.id)).toEqual(fixtureIds)
  })
})

describe('the JSON Lines shelf', () => {
  const report = (id: string, title: string) => ({article: {id, title}}) as unknown as Report

  it('writes a file once all its articles are in, in input order, leaving out failed ones', () => {
    const out = join(work, 'shelf')
    const shelf = new JsonlReports(out, InputOrder.of(['a', 'b', 'c', 'd', 'e']), 2)
    shelf.add('b', report('b', 'B'))
    expect(existsSync(join(out, jsonlFileName(1)))).toBe(false)
    shelf.add('a', report('a', 'A'))
    shelf.add('e', undefined)
    shelf.add('d', report('d', 'D'), JSON.stringify(report('d', 'D from a worker')))
    shelf.add('c', report('c', 'C'))
    shelf.finish()
    expect(readdirSync(out).sort()).toEqual([1, 2, 3].map(jsonlFileName))
    expect(readFileSync(join(out, jsonlFileName(1)), 'utf8')).toBe('{"article":{"id":"a","title":"A"}}\n{"article":{"id":"b","title":"B"}}\n')
    expect(readFileSync(join(out, jsonlFileName(3)), 'utf8')).toBe('')
    expect(shelf.read('d')?.article.title).toBe('D from a worker')
    expect(shelf.read('e')).toBeUndefined()
    expect(shelf.read('not in the run')).toBeUndefined()
    shelf.close()
  })

  it('lands patched reports on their own lines, each touched file rewritten once they are flushed, not before', async () => {
    const out = join(work, 'shelf')
    const ids = ['a', 'b', 'c', 'd', 'e']
    const shelf = new JsonlReports(out, InputOrder.of(ids), 2)
    for (const id of ids) shelf.add(id, report(id, id.toUpperCase()))
    shelf.finish()
    expect(shelf.read('d')?.article.title).toBe('D')
    const untouched = readFileSync(join(out, jsonlFileName(3)), 'utf8')
    let settled = 0
    const writes = [shelf.write('d', report('d', 'D, linked')), shelf.write('a', report('a', 'A, linked'))].map((write) => write.then(() => settled++))
    await new Promise((resolve) => setTimeout(resolve, 10))
    // Staged, not written: a report is on disk (and its pending mark may go) only once its promise settles.
    expect(settled).toBe(0)
    expect(readFileSync(join(out, jsonlFileName(1)), 'utf8')).toContain('"A"')
    expect(shelf.read('a')?.article.title).toBe('A, linked')
    await shelf.flush()
    await Promise.all(writes)
    expect(settled).toBe(2)
    expect(readFileSync(join(out, jsonlFileName(1)), 'utf8')).toBe('{"article":{"id":"a","title":"A, linked"}}\n{"article":{"id":"b","title":"B"}}\n')
    expect(readFileSync(join(out, jsonlFileName(2)), 'utf8')).toBe('{"article":{"id":"c","title":"C"}}\n{"article":{"id":"d","title":"D, linked"}}\n')
    expect(readFileSync(join(out, jsonlFileName(3)), 'utf8')).toBe(untouched)
    // Read back from the rewritten files, at the lines' new offsets.
    expect(ids.map((id) => shelf.read(id)?.article.title)).toEqual(['A, linked', 'B', 'C', 'D, linked', 'E'])
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([])
    shelf.close()
  })
})

describe('bad usage', () => {
  it('refuses a batch size without --format jsonl, a batch of none, sharded runs, and check --format jsonl, each naming why', async () => {
    const out = join(work, 'lines')
    const index = join(work, 'index.sqlite')
    expect(await cli(['run', 'seeds', '--out', out, '--index', index, '--jsonl-batch', '5'])).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringContaining('--jsonl-batch sets the articles per JSON Lines file; add --format jsonl')
    })
    expect((await cli(['run', 'seeds', '--out', out, '--index', index, '--format', 'jsonl', '--jsonl-batch', '0'])).code).toBe(EXIT_USAGE)
    expect(await cli(['run', 'seeds', '--out', out, '--index', index, '--format', 'jsonl', '--shard', '1/2'])).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringContaining('sharded runners would overwrite each other')
    })
    expect(await cli(['check', 'seeds', '--no-config', '--index', index, '--format', 'jsonl'])).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringContaining('jsonl writes the reports of a corpus run (wiretrace run --format jsonl)')
    })
    expect(existsSync(out)).toBe(false)
  })

  it('refuses reuse --finalize over a folder of JSON Lines reports, which a JSON Lines run has linked already', async () => {
    const out = join(work, 'lines')
    const index = join(work, 'index.sqlite')
    expect((await cli(['run', 'seeds', '--out', out, '--index', index, '--format', 'jsonl', '-q'])).code).toBe(EXIT_OK)
    expect(readdirSync(out).sort()).toEqual([jsonlFileName(1), 'reuse.json', 'reuse.json.sha256'])
    expect(await cli(['reuse', 'seeds', '--finalize', '--out', out, '--index', index])).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringContaining('holds JSON Lines reports')
    })
  })
})
