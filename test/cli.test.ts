import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {EXIT_FAILED, EXIT_OK, EXIT_USAGE, main} from '../cli/wiretrace.ts'
import {sha256} from '../core/decode.ts'
import {runCorpus} from '../run/run.ts'

let stderr: string
let work: string

beforeEach(() => {
  stderr = ''
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  work = mkdtempSync(join(tmpdir(), 'wiretrace-cli-'))
  // Each test gets its own reuse index, never the working copy's .wiretrace/.
  process.env.WIRETRACE_INDEX = join(work, 'index.sqlite')
})

afterEach(() => {
  vi.restoreAllMocks()
  delete process.env.WIRETRACE_INDEX
})

function writeCorpus(files: Record<string, string | Uint8Array>): string {
  const dir = join(work, 'corpus')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), {recursive: true})
    writeFileSync(join(dir, name), content)
  }
  return dir
}

const good = 'Judul berita yang bagus\nIsi berita pertama yang panjang.\nBaca Juga: Berita lain\n'

describe('wiretrace run', () => {
  it('reports every good file, names every bad one, and exits 1 when any failed', async () => {
    const dir = writeCorpus({
      'a.txt': good,
      'nested/b.txt': good.replace('pertama', 'kedua'),
      'empty.txt': '',
      'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9]),
      'long-line.txt': `Judul\n${'x'.repeat(1024 * 1024)}\n`
    })
    const out = join(work, 'reports')
    const code = await main(['run', dir, '--out', out])
    expect(code).toBe(EXIT_FAILED)
    expect(readdirSync(out).sort()).toEqual(['a.txt.json', 'a.txt.md', 'nested', 'reuse.json', 'reuse.json.sha256'])
    expect(readdirSync(join(out, 'nested')).sort()).toEqual(['b.txt.json', 'b.txt.md'])
    expect(stderr).toMatch(/empty\.txt\n.*error\s+file is empty\s+input\/empty/)
    expect(stderr).toMatch(/binary\.txt\n.*error\s+file is binary, not text \(NUL byte at offset 4\)/)
    expect(stderr).toMatch(/latin1\.txt\n.*error\s+file is not valid UTF-8 \(byte 0xe9 at offset 3\)/)
    expect(stderr).toMatch(/long-line\.txt\n.*error\s+line 2 is 1,048,576 characters, over the 100,000 limit/)
    expect(stderr).toContain('2 of 6 articles reported')
  })

  it('names every file of a run none of whose files can be read, exits 1, and writes the clusters of none', async () => {
    const dir = writeCorpus({'empty.txt': '', 'binary.txt': new Uint8Array([0x00, 0x01])})
    const out = join(work, 'nothing-reported')
    expect(await main(['run', dir, '--out', out, '--index', join(work, 'nothing.sqlite')])).toBe(EXIT_FAILED)
    expect(stderr).toMatch(/empty\.txt\n.*error\s+file is empty/)
    expect(stderr).toContain('0 of 2 articles reported')
    expect(readdirSync(out).sort()).toEqual(['reuse.json', 'reuse.json.sha256'])
    expect(JSON.parse(readFileSync(join(out, 'reuse.json'), 'utf8'))).toEqual({schemaVersion: 2, clusters: []})
  })

  it('leaves reuse to reuse --finalize in a sharded run, and says so', async () => {
    const out = join(work, 'sharded')
    const reused = () =>
      ['000_0ff0c87b60d874fd.txt', '001_fbe5a5956e437734.txt'].map(
        (id) => (JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as {blocks: Array<{reuse: unknown[]}>}).blocks.flatMap((block) => block.reuse).length
      )
    for (const shard of ['1/2', '2/2']) expect(await main(['run', 'seeds', '--out', out, '--shard', shard])).toBe(EXIT_OK)
    expect(stderr.match(/run `wiretrace reuse --finalize` once every shard has run/g)).toHaveLength(2)
    expect(reused()).toEqual([0, 0])
    expect(await main(['reuse', '--finalize', 'seeds', '--out', out])).toBe(EXIT_OK)
    // The two seeds that print one Anadolu story link each other's paragraphs.
    for (const links of reused()) expect(links).toBeGreaterThan(5)
    expect(await main(['run', 'seeds', '--out', join(work, 'whole'), '--quiet', '--index', join(work, 'whole.sqlite')])).toBe(EXIT_OK)
    expect(stderr.match(/reuse --finalize/g)).toHaveLength(2)
  })

  it('makes the HTML site of sharded runs again over every report once reuse --finalize has linked them', async () => {
    const out = join(work, 'sharded-html')
    const ids = readdirSync('seeds').filter((name) => name.endsWith('.txt'))
    const page = (name: string) => readFileSync(join(out, name), 'utf8')
    const listed = () => ids.filter((id) => page('index.html').includes(id))
    for (const shard of ['1/2', '2/2']) expect(await main(['run', 'seeds', '--out', out, '--shard', shard, '--format', 'html', '--quiet'])).toBe(EXIT_OK)
    // Each runner wrote the site over its own share, the last one's standing.
    expect(listed().length).toBeLessThan(ids.length)
    expect(page('000_0ff0c87b60d874fd.txt.html')).not.toContain('001_fbe5a5956e437734.txt.html')
    expect(await main(['reuse', '--finalize', 'seeds', '--out', out])).toBe(EXIT_OK)
    expect(stderr).toContain(`HTML report: ${join(out, 'index.html')}`)
    expect(listed()).toEqual(ids)
    expect(page('000_0ff0c87b60d874fd.txt.html')).toContain('001_fbe5a5956e437734.txt.html')
  })

  it('tells how far reuse --finalize has gone through the reports it takes in', async () => {
    const out = join(work, 'sharded-progress')
    for (const shard of ['1/2', '2/2']) expect(await main(['run', 'seeds', '--out', out, '--shard', shard, '--quiet'])).toBe(EXIT_OK)
    const seen: Array<[number, number]> = []
    await runCorpus({inputs: ['seeds'], out, index: process.env.WIRETRACE_INDEX!, finalize: true, onAdmitted: (done, total) => seen.push([done, total])})
    expect(seen).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]))
  })

  it('names in reuse --finalize the inputs it cannot link: those with no report yet, and a report it cannot read (exit 1)', async () => {
    const out = join(work, 'half-sharded')
    expect(await main(['run', 'seeds', '--out', out, '--shard', '1/2', '--quiet'])).toBe(EXIT_OK)
    const written = readdirSync(out).filter((name) => name.endsWith('.txt.json'))
    expect(written.length).toBeLessThan(5)
    expect(await main(['reuse', '--finalize', 'seeds', '--out', out])).toBe(EXIT_OK)
    expect(stderr).toContain(`${5 - written.length} of the inputs have no report in ${out}/, and are not linked`)
    stderr = ''
    expect(await main(['run', 'seeds', '--out', out, '--shard', '2/2', '--quiet'])).toBe(EXIT_OK)
    writeFileSync(join(out, '004_9a79566599d7a3b5.txt.json'), '{"truncated": ')
    expect(await main(['reuse', '--finalize', 'seeds', '--out', out])).toBe(EXIT_FAILED)
    expect(stderr).toContain(`${join(out, '004_9a79566599d7a3b5.txt.json')}: not a readable report, not linked`)
    expect(stderr).not.toContain('have no report')
    // The others are linked: the two seeds that print one Anadolu story.
    const report = JSON.parse(readFileSync(join(out, '000_0ff0c87b60d874fd.txt.json'), 'utf8')) as {blocks: Array<{reuse: unknown[]}>}
    expect(report.blocks.flatMap((block) => block.reuse).length).toBeGreaterThan(5)
  })

  it('leaves a folder without an HTML site without one after reuse --finalize', async () => {
    const out = join(work, 'sharded-json')
    for (const shard of ['1/2', '2/2']) expect(await main(['run', 'seeds', '--out', out, '--shard', shard, '--quiet'])).toBe(EXIT_OK)
    expect(await main(['reuse', '--finalize', 'seeds', '--out', out])).toBe(EXIT_OK)
    expect(existsSync(join(out, 'index.html'))).toBe(false)
    expect(stderr).not.toContain('HTML report')
  })

  it("writes the JSON reports alone with --no-markdown or the config's markdown: false, the same JSON, and removes the twins a run before left", async () => {
    const dir = writeCorpus({'a.txt': good, 'nested/b.txt': good.replace('pertama', 'kedua')})
    const out = join(work, 'reports')
    expect(await main(['run', dir, '--out', out, '--quiet'])).toBe(EXIT_OK)
    const json = readFileSync(join(out, 'nested', 'b.txt.json'), 'utf8')
    expect(await main(['run', dir, '--out', out, '--quiet', '--no-markdown'])).toBe(EXIT_OK)
    expect(readdirSync(out).sort()).toEqual(['a.txt.json', 'nested', 'reuse.json', 'reuse.json.sha256'])
    expect(readdirSync(join(out, 'nested'))).toEqual(['b.txt.json'])
    expect(readFileSync(join(out, 'nested', 'b.txt.json'), 'utf8')).toBe(json)
    const config = join(work, 'wiretrace.config.yaml')
    writeFileSync(config, 'markdown: false\n')
    const configured = join(work, 'configured')
    expect(await main(['run', dir, '--out', configured, '--quiet', '--config', config])).toBe(EXIT_OK)
    expect(readdirSync(join(configured, 'nested'))).toEqual(['b.txt.json'])
    writeFileSync(config, 'markdown: true\n')
    expect(await main(['run', dir, '--out', configured, '--quiet', '--config', config])).toBe(EXIT_OK)
    expect(readdirSync(join(configured, 'nested')).sort()).toEqual(['b.txt.json', 'b.txt.md'])
  })

  it('refuses a 20 MB file and goes on with the rest', async () => {
    const dir = writeCorpus({'huge.txt': `${'Kalimat panjang sekali. '.repeat(900_000)}\n`, 'a.txt': good})
    const code = await main(['run', dir, '--out', join(work, 'reports')])
    expect(code).toBe(EXIT_FAILED)
    expect(stderr).toMatch(/huge\.txt\n.*error\s+file is 20\.6 MiB, over the 5\.0 MiB limit for one article \(raise it with --max-bytes\)/)
    expect(readdirSync(join(work, 'reports'))).toContain('a.txt.json')
  })

  // 10,000 articles through the whole pipeline and the link step: the test proves the run gets through, the bench measures how fast.
  it('runs through a folder of 10,000 files', async () => {
    const files: Record<string, string> = {}
    for (let index = 0; index < 10_000; index++) files[`d${index % 10}/${index}.txt`] = `Judul ${index}\nIsi berita nomor ${index}.\n`
    const dir = writeCorpus(files)
    files['d3/13.txt'] = ''
    writeFileSync(join(dir, 'd3/13.txt'), '')
    const code = await main(['run', dir, '--out', join(work, 'reports'), '--quiet'])
    expect(code).toBe(EXIT_FAILED)
    expect(readdirSync(join(work, 'reports', 'd7'))).toHaveLength(2 * 1000)
    expect(stderr).toMatch(/d3\/13\.txt\n.*file is empty/)
  }, 240_000)

  it('never modifies its inputs and leaves no temporary files behind', async () => {
    const dir = writeCorpus({'a.txt': `\uFEFF${good.replaceAll('\n', '\r\n')}`})
    const before = sha256(readFileSync(join(dir, 'a.txt')))
    await main(['run', dir, '--out', dir])
    expect(sha256(readFileSync(join(dir, 'a.txt')))).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'a.txt.json', 'a.txt.md', 'reuse.json', 'reuse.json.sha256'])
    expect(readdirSync(work).sort()).toEqual(['corpus', 'index.sqlite', 'index.sqlite-shm', 'index.sqlite-wal'].filter((name) => existsSync(join(work, name))))
  })

  it('exits 2 naming the input that matches nothing', async () => {
    expect(await main(['run', join(work, 'nothing-here', '*.txt')])).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/^wiretrace: no article files match ".*nothing-here\/\*\.txt"/)
  })

  it('exits 2 on a malformed rule file with file:line:column', async () => {
    const rules = join(work, 'my-rules')
    mkdirSync(rules)
    writeFileSync(
      join(rules, 'mine.yaml'),
      'rules:\n  - id: teaser\n    kind: block\n    pattern: "^Lihat"\n    colour: red\n    examples: {match: [Lihat ini], noMatch: [Itu]}\n'
    )
    const dir = writeCorpus({'a.txt': good})
    expect(await main(['run', dir, '--rules', rules, '--out', join(work, 'reports')])).toBe(EXIT_USAGE)
    expect(stderr).toMatch(/my-rules\/mine\.yaml:5:5: rules\.0: unknown key "colour"\n$/)
  })

  it('exits 0 on a clean run', async () => {
    const dir = writeCorpus({'a.txt': good})
    expect(await main(['run', dir, '--out', join(work, 'reports')])).toBe(EXIT_OK)
  })
})

describe('wiretrace rebuild', () => {
  it('writes the original bytes, BOM and CRLF included, through the installed bin', () => {
    const original = `\uFEFF${good.replaceAll('\n', '\r\n')}  \r\n`
    const dir = writeCorpus({'a.txt': original})
    const out = join(work, 'reports')
    execFileSync('node', ['bin/wiretrace.js', 'run', dir, '--out', out, '--quiet', '--index', join(work, 'index.sqlite')])
    const rebuilt = execFileSync('node', ['bin/wiretrace.js', 'rebuild', join(out, 'a.txt.json')])
    expect(rebuilt.equals(Buffer.from(original))).toBe(true)
  })
})

describe('npm start', () => {
  it('keeps the `npm start -- DIR --out OUT` form other tools call', () => {
    const dir = writeCorpus({'a.txt': good})
    const out = join(work, 'from-npm-start')
    const result = spawnSync('npm', ['start', '--silent', '--', dir, '--out', out, '--index', join(work, 'index.sqlite')], {encoding: 'utf8'})
    expect(result.status).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['a.txt.json', 'a.txt.md', 'reuse.json', 'reuse.json.sha256'])
  })
})
