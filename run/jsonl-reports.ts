/**
 * Reports as JSON Lines, for corpus builders: one report per line, in files
 * of `batch` articles (`reports-00001.jsonl`, …) in the order of the run's
 * inputs, each file written whole or not at all (temporary file, then
 * rename). No Markdown twin. A run writes every file of the folder: files
 * numbered past its last one, from an earlier and larger run, are removed
 * once its own are written.
 *
 * The link step reads reports back through a shelf over those files: an
 * article's place (input position, byte offset and length of its line) is
 * held in typed arrays, a line read with one positioned read. Patched
 * reports wait, grouped by file, until the ones waiting pass a byte budget
 * or the step ends; each touched file is then rewritten once, atomically.
 */
import {closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {replaceFile} from '../core/replace-file.ts'
import {timed} from '../core/stage-clock.ts'
import type {ReportShelf} from '../link/index.ts'
import type {Report} from '../pipeline/report-schema.ts'
import type {InputOrder} from './inputs.ts'

/** Articles per file when the command line does not say. */
export const DEFAULT_JSONL_BATCH = 1000

/** A batch file's name: numbered from 1, five digits at least, so a folder lists them in order. */
export function jsonlFileName(batchNumber: number): string {
  return `reports-${String(batchNumber).padStart(5, '0')}.jsonl`
}

/** Batch files, and the temporary files a killed writer leaves beside them. */
const BATCH_FILE = /^reports-(\d{5,})\.jsonl$/
const LEFT_BEHIND = /^reports-\d{5,}\.jsonl\..+\.tmp$/

/** Whether a folder holds JSON Lines batch files. */
export function holdsJsonl(out: string): boolean {
  try {
    return readdirSync(out).some((name) => BATCH_FILE.test(name))
  } catch {
    return false
  }
}

/**
 * Characters of patched reports held before the touched files are rewritten: bounds the link step's memory (twice
 * this in bytes at most), not its correctness; a larger budget rewrites fewer files more than once.
 */
const STAGED_CHARACTERS = 16 * 1024 * 1024

const NEWLINE = Buffer.from('\n')

/** An article with no line: it failed, or its batch is not written yet. */
const NO_LINE = -1

interface Staged {
  lines: Map<number, string>
  settle: Array<{resolve: () => void; reject: (error: Error) => void}>
}

/** A run's reports as JSON Lines files under `out`: written batch by batch as the pipeline reports, read and patched by the link step. */
export class JsonlReports implements ReportShelf {
  readonly holdsCorpus = true
  private readonly offsets: Float64Array
  private readonly lengths: Int32Array
  /** Lines of each batch not yet written, by position in the batch; a batch is written when none of its articles is missing. */
  private readonly pending = new Map<number, {lines: Array<string | undefined>; missing: number}>()
  private readonly staged = new Map<number, Staged>()
  private stagedCharacters = 0
  private readonly descriptors = new Map<number, number>()
  private readonly batches: number
  /** Each batch file's path, by batch number, as `fileOf` gives it. */
  private readonly paths: string[] = []

  /**
   * @param out the folder of the files
   * @param order the run's articles in input order: an article's line is in file `position / batch + 1`
   * @param batch articles per file
   */
  constructor(
    private readonly out: string,
    private readonly order: InputOrder,
    private readonly batch: number
  ) {
    this.offsets = new Float64Array(order.length)
    this.lengths = new Int32Array(order.length).fill(NO_LINE)
    this.batches = Math.ceil(order.length / batch)
    mkdirSync(out, {recursive: true})
  }

  /**
   * The file holding an article of the run, by its id: one string for every article of a file, since a run's result
   * keeps it for each article (a path spelt for each was about 100 bytes an article of the main thread's heap).
   */
  fileOf(id: string): string {
    return this.pathOf(Math.floor(this.order.position(id)! / this.batch))
  }

  /** The path of a batch file, by batch number from 0. */
  private pathOf(number: number): string {
    this.paths[number] ??= join(this.out, jsonlFileName(number + 1))
    return this.paths[number]
  }

  /**
   * Takes an article's report as the pipeline left it (or none: the article failed), serialised already when a worker
   * thread did it; writes the article's file once every article of the file is in.
   */
  add(id: string, report: Report | undefined, line?: string): void {
    const position = this.order.position(id)
    if (position === undefined) throw new Error(`${id} is not an article of this run`)
    const number = Math.floor(position / this.batch)
    let waiting = this.pending.get(number)
    if (!waiting) {
      const size = Math.min(this.batch, this.order.length - number * this.batch)
      waiting = {lines: new Array<string | undefined>(size), missing: size}
      this.pending.set(number, waiting)
    }
    waiting.lines[position - number * this.batch] = line ?? (report ? timed('serialise json', () => JSON.stringify(report)) : undefined)
    if (--waiting.missing > 0) return
    this.pending.delete(number)
    timed('write files', () => this.writeBatch(number, waiting.lines))
  }

  /** Removes the batch files of an earlier, larger run and the temporary files a killed writer left; call once every batch is in. */
  finish(): void {
    if (this.pending.size > 0) throw new Error(`${this.pending.size} batch file(s) still wait for articles`)
    for (const name of readdirSync(this.out)) {
      const numbered = BATCH_FILE.exec(name)
      if ((numbered && Number(numbered[1]) > this.batches) || LEFT_BEHIND.test(name)) rmSync(join(this.out, name), {force: true})
    }
  }

  read(id: string): Report | undefined {
    const position = this.order.position(id)
    if (position === undefined) return undefined
    const number = Math.floor(position / this.batch)
    const staged = this.staged.get(number)?.lines.get(position)
    if (staged !== undefined) return JSON.parse(staged) as Report
    // The link step takes a report in while its file still waits for other articles.
    const waiting = this.pending.get(number)?.lines[position - number * this.batch]
    if (waiting !== undefined) return JSON.parse(waiting) as Report
    const length = this.lengths[position]!
    if (length === NO_LINE) return undefined
    let descriptor = this.descriptors.get(number)
    if (descriptor === undefined) {
      descriptor = openSync(this.pathOf(number), 'r')
      this.descriptors.set(number, descriptor)
    }
    const bytes = Buffer.allocUnsafe(length)
    readSync(descriptor, bytes, 0, length, this.offsets[position]!)
    // A report this run wrote: validating it again costs a third of reading it (as for per-article files).
    return JSON.parse(bytes.toString('utf8')) as Report
  }

  /** Stages a patched report; the promise settles once its file is rewritten. */
  write(id: string, report: Report): Promise<void> {
    const position = this.order.position(id)
    if (position === undefined) return Promise.reject(new Error(`${id} is not an article of this run`))
    const number = Math.floor(position / this.batch)
    let staged = this.staged.get(number)
    if (!staged) {
      staged = {lines: new Map(), settle: []}
      this.staged.set(number, staged)
    }
    const line = JSON.stringify(report)
    this.stagedCharacters += line.length - (staged.lines.get(position)?.length ?? 0)
    staged.lines.set(position, line)
    const written = new Promise<void>((resolve, reject) => staged.settle.push({resolve, reject}))
    if (this.stagedCharacters >= STAGED_CHARACTERS) this.flushNow()
    return written
  }

  /** Rewrites every file with staged reports, each once. */
  async flush(): Promise<void> {
    this.flushNow()
  }

  /** Closes the files the reads opened. */
  close(): void {
    for (const descriptor of this.descriptors.values()) closeSync(descriptor)
    this.descriptors.clear()
  }

  private flushNow(): void {
    const files = [...this.staged].sort(([a], [b]) => a - b)
    this.staged.clear()
    this.stagedCharacters = 0
    for (const [number, staged] of files) {
      try {
        timed('write files', () => this.rewriteBatch(number, staged.lines))
      } catch (error) {
        for (const {reject} of staged.settle) reject(error as Error)
        continue
      }
      for (const {resolve} of staged.settle) resolve()
    }
  }

  /** Writes a batch file from its lines (undefined: a failed article) and records where each line starts. */
  private writeBatch(number: number, lines: ReadonlyArray<string | Uint8Array | undefined>): void {
    const first = number * this.batch
    const parts: Uint8Array[] = []
    let offset = 0
    for (const [index, line] of lines.entries()) {
      if (line === undefined) continue
      const bytes = typeof line === 'string' ? Buffer.from(line) : line
      this.offsets[first + index] = offset
      this.lengths[first + index] = bytes.length
      parts.push(bytes, NEWLINE)
      offset += bytes.length + 1
    }
    replaceFile(this.pathOf(number), Buffer.concat(parts, offset))
  }

  /** A written batch file again, with the staged lines in place of the old ones; the others are copied as bytes. */
  private rewriteBatch(number: number, patched: ReadonlyMap<number, string>): void {
    const path = this.pathOf(number)
    const old = readFileSync(path)
    const first = number * this.batch
    const size = Math.min(this.batch, this.order.length - first)
    const lines = Array.from({length: size}, (_, index) => {
      const position = first + index
      const length = this.lengths[position]!
      if (length === NO_LINE) return undefined
      return patched.get(position) ?? old.subarray(this.offsets[position]!, this.offsets[position]! + length)
    })
    const descriptor = this.descriptors.get(number)
    if (descriptor !== undefined) {
      // The rename leaves the open file the old one: the next read opens the new.
      closeSync(descriptor)
      this.descriptors.delete(number)
    }
    this.writeBatch(number, lines)
  }
}
