/**
 * The bench's side-by-side tools (bench/peers.py through bench/peers.ts): what the script reads of a corpus and hands
 * the tools, measured with stand-ins for jusText and datasketch that implement the part of their interfaces the script
 * calls; a tool whose module is missing, or Python itself, is reported as skipped; a failing script fails the bench.
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {measurePeer, measurePeers, type PythonCommand} from '../bench/peers.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const hasPython = spawnSync('python3', ['--version']).status === 0

/** Python without the site packages (`-S`), so that only the modules on `path` are found, whatever the machine has installed. */
function pythonWith(path: string): PythonCommand {
  return {command: 'python3', args: ['-S'], env: {...process.env, PYTHONPATH: path}}
}

const STAND_INS = pythonWith(join(ROOT, 'test/fixtures/peer-stand-ins'))

describe.runIf(hasPython)('the bench beside jusText and MinHash-LSH', () => {
  let corpus: string
  beforeAll(() => {
    corpus = mkdtempSync(join(tmpdir(), 'wiretrace-peers-'))
    const english = 'Home | Sports\nThe minister said the talks would go on until Friday.\n\n'
    writeFileSync(join(corpus, 'a.txt'), english)
    mkdirSync(join(corpus, 'later'))
    writeFileSync(join(corpus, 'later', 'b.txt'), english)
    writeFileSync(join(corpus, 'later', 'c.txt'), 'Menteri yang baru & lama <berkata> tidak.\nLogin\n')
    writeFileSync(join(corpus, '.hidden.txt'), 'The hidden file of the folder is not an article.\n')
  })

  it('gives jusText each line as a paragraph of a page and every language’s stopwords, and counts what it keeps', async () => {
    const run = await measurePeer('justext', corpus, STAND_INS)
    // One line an article reads as text: the English ones by "the", the Indonesian one by "yang", through its escaped & and <>.
    expect(run).toMatchObject({tool: 'justext', articles: 3, found: 3})
    expect(run).toHaveProperty('cpuMsPerArticle')
    expect(run).toHaveProperty('peakRssMb')
  })

  it('looks each article up in the LSH index before adding it, so an identical copy is one candidate pair', async () => {
    expect(await measurePeer('minhash', corpus, STAND_INS)).toMatchObject({tool: 'minhash', articles: 3, found: 1})
  })

  it('reports a tool whose module is not installed as skipped, naming the module', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wiretrace-no-modules-'))
    expect(await measurePeers(corpus, pythonWith(empty))).toEqual([
      {tool: 'justext', skipped: 'the Python module justext is not installed'},
      {tool: 'minhash', skipped: 'the Python module datasketch is not installed'}
    ])
  })

  it('fails the measurement when the script fails, rather than skipping the tool', async () => {
    await expect(measurePeer('justext', join(corpus, 'no-such-folder'), STAND_INS)).rejects.toThrow(/exited with code 2: usage/)
  })
})

it('reports the tools as skipped where Python is not installed', async () => {
  expect(await measurePeer('minhash', ROOT, {command: 'python3-not-installed-here', args: []})).toEqual({
    tool: 'minhash',
    skipped: 'python3-not-installed-here is not installed'
  })
})
