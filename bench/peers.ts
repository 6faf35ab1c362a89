/**
 * Other tools over the bench's corpus, side by side with the pipeline (issue #16's table): jusText doing boilerplate
 * removal alone and datasketch's MinHash-LSH doing near-duplicate search alone, each on one thread, through
 * `bench/peers.py` in a Python process of its own. Where Python or a tool's module is missing, the tool is reported
 * as skipped, with the reason, and the bench goes on.
 */
import {spawn} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'

export const PEER_TOOLS = ['justext', 'minhash'] as const
export type PeerTool = (typeof PEER_TOOLS)[number]

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'peers.py')

const measuredSchema = z.strictObject({
  tool: z.enum(PEER_TOOLS),
  articles: z.number().int().nonnegative(),
  wallSec: z.number().nonnegative(),
  cpuSec: z.number().nonnegative(),
  peakRssMb: z.number().nonnegative(),
  /** Paragraphs kept (jusText) or candidate pairs found (MinHash-LSH). */
  found: z.number().int().nonnegative()
})
const skippedSchema = z.strictObject({tool: z.enum(PEER_TOOLS), skipped: z.string()})

/** One tool over one corpus: its figures, or why it did not run. */
export type PeerRun =
  | {tool: PeerTool; articles: number; articlesPerSec: number; cpuMsPerArticle: number; peakRssMb: number; found: number}
  | {tool: PeerTool; skipped: string}

export interface PythonCommand {
  /** The interpreter; `python3` from the PATH by default. */
  command: string
  /** Arguments before the script's. */
  args: readonly string[]
  env?: NodeJS.ProcessEnv
}

const PYTHON: PythonCommand = {command: 'python3', args: []}

/** Each tool over the corpus in `dir`, one after the other. */
export async function measurePeers(dir: string, python: PythonCommand = PYTHON): Promise<PeerRun[]> {
  const runs: PeerRun[] = []
  for (const tool of PEER_TOOLS) runs.push(await measurePeer(tool, dir, python))
  return runs
}

/**
 * One tool over the corpus in `dir`.
 *
 * @throws {Error} when the script fails or prints something else than its result: a tool that is installed and
 * breaks is a measurement that failed, not one skipped.
 */
export function measurePeer(tool: PeerTool, dir: string, python: PythonCommand = PYTHON): Promise<PeerRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python.command, [...python.args, SCRIPT, tool, dir], {stdio: ['ignore', 'pipe', 'pipe'], env: python.env ?? process.env})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolvePromise({tool, skipped: `${python.command} is not installed`})
      else reject(error)
    })
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench/peers.py ${tool} exited with code ${code}: ${stderr.trim()}`))
      try {
        resolvePromise(peerRun(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')))
      } catch (error) {
        reject(new Error(`bench/peers.py ${tool} printed no result: ${(error as Error).message}`))
      }
    })
  })
}

function peerRun(printed: unknown): PeerRun {
  const skipped = skippedSchema.safeParse(printed)
  if (skipped.success) return skipped.data
  const run = measuredSchema.parse(printed)
  return {
    tool: run.tool,
    articles: run.articles,
    articlesPerSec: run.wallSec > 0 ? Math.round(run.articles / run.wallSec) : 0,
    cpuMsPerArticle: run.articles > 0 ? Math.round((run.cpuSec * 1e6) / run.articles) / 1000 : 0,
    peakRssMb: Math.round(run.peakRssMb),
    found: run.found
  }
}
