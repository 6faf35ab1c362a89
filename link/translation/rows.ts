/**
 * The translation pass's resident rows, one per article of the run, kept
 * column by column until the links are found: every row's anchor key ids in
 * one typed array, every row's vocabulary in another, the rest in arrays
 * indexed by row. Two typed arrays and an object per row cost about 0.5 KB
 * of the main thread's heap an article besides what they hold (a typed
 * array and its buffer are objects of their own); columns cost what they
 * hold. A row is handed out as a `TranslationRow` whose arrays are views of
 * the columns, made when it is asked for.
 *
 * Keys and vocabularies (about 0.6 KB an article) wait in a scratch file
 * while the run's reports come in, a chunk in memory at a time, and are read
 * back when the links are sought: the main thread's heap does not grow with
 * them while the pipeline's workers run.
 */
import {closeSync, openSync, readSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {scratchFolder} from '../../core/scratch-folder.ts'
import type {TranslationRow} from './link.ts'

/** Unsigned 32-bit integers, one a row, in one typed array that grows by half as it fills. */
class Column {
  private values = new Uint32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(Math.ceil(this.values.length * 1.5))
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }

  at(index: number): number {
    return this.values[index]!
  }

  set(index: number, value: number): void {
    this.values[index] = value
  }
}

/** Entries of a chunk of `Runs`: 256 KB. */
const CHUNK = 65_536

/**
 * Runs of unsigned 32-bit integers (a row's keys, its vocabulary) appended to fixed chunks, never copied as they grow:
 * a run starts a new chunk when it does not fit in the last (a run longer than a chunk has one of its own), and is
 * read back as a view of its chunk. A run's place is its chunk times `CHUNK` plus where it starts there. A chunk
 * filled is written to the scratch file and let go; it is read back, and kept, when one of its runs is asked for.
 */
class Runs {
  /** Chunks in memory; undefined for one in the scratch file. */
  private readonly chunks: Array<Uint32Array | undefined> = []
  /** Per chunk written to the scratch file, where it starts there and how many values it holds. */
  private readonly written: Array<{at: number; length: number}> = []
  private used = 0

  constructor(private readonly scratch: ScratchFile) {}

  append(values: ArrayLike<number>): number {
    if (this.chunks.length === 0 || this.used + values.length > CHUNK) {
      const last = this.chunks.length - 1
      if (last >= 0) {
        this.written[last] = {at: this.scratch.write(this.chunks[last]!.subarray(0, this.used)), length: this.used}
        this.chunks[last] = undefined
      }
      this.chunks.push(new Uint32Array(Math.max(CHUNK, values.length)))
      this.used = 0
    }
    const place = (this.chunks.length - 1) * CHUNK + this.used
    this.chunks.at(-1)!.set(values, this.used)
    this.used += values.length
    return place
  }

  /** The run of `length` values at `place`, sharing the chunk's memory. */
  view(place: number, length: number): Uint32Array {
    const start = place % CHUNK
    const index = (place - start) / CHUNK
    let chunk = this.chunks[index]
    if (!chunk) {
      const {at, length: held} = this.written[index]!
      chunk = this.scratch.read(at, held)
      this.chunks[index] = chunk
    }
    return chunk.subarray(start, start + length)
  }
}

/**
 * An append-only file of 32-bit values in a scratch folder of its own under the system's temporary folder: made at the
 * first write, removed by `close` (or, when the process was killed, by the next run's `scratchFolder`).
 */
class ScratchFile {
  private dir: string | undefined
  private fd: number | undefined
  private size = 0

  /** Appends the values; returns the byte where they start. */
  write(values: Uint32Array): number {
    if (this.fd === undefined) {
      this.dir = scratchFolder('wiretrace-translation-rows-')
      this.fd = openSync(join(this.dir, 'rows.bin'), 'w+')
    }
    const at = this.size
    for (let done = 0; done < values.byteLength; ) done += writeSync(this.fd, values, done, values.byteLength - done, at + done)
    this.size += values.byteLength
    return at
  }

  read(at: number, length: number): Uint32Array {
    const values = new Uint32Array(length)
    for (let done = 0; done < values.byteLength; ) {
      const read = readSync(this.fd!, values, done, values.byteLength - done, at + done)
      if (read === 0) throw new Error(`${join(this.dir!, 'rows.bin')} ends before byte ${at + values.byteLength}`)
      done += read
    }
    return values
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    if (this.dir !== undefined) rmSync(this.dir, {recursive: true, force: true})
    this.fd = undefined
    this.dir = undefined
  }
}

export class TranslationRows {
  /** Each row's slot by article id, in the order taken in. */
  private readonly slots = new Map<string, number>()
  private readonly published: Array<string | null> = []
  /** Index of each row's language in `languages`: a run writes a few. */
  private readonly language = new Column()
  private readonly languages: string[] = []
  private readonly lowerCaseWords = new Column()
  private readonly scratch = new ScratchFile()
  private readonly keys = new Runs(this.scratch)
  /** Per row, the place of its keys in `keys` and how many there are (a row taken in again is appended, its slot kept). */
  private readonly keyPlace = new Column()
  private readonly keyCount = new Column()
  private readonly vocabulary = new Runs(this.scratch)
  private readonly vocabularyPlace = new Column()
  private readonly vocabularyLength = new Column()

  /** Takes a row in; a row of an article taken in before replaces it, in its place. */
  set(row: TranslationRow): void {
    let language = this.languages.indexOf(row.language)
    if (language < 0) language = this.languages.push(row.language) - 1
    const slot = this.slots.get(row.id)
    const keys = this.keys.append(row.keys)
    const vocabulary = this.vocabulary.append(row.vocabulary)
    if (slot === undefined) {
      this.slots.set(row.id, this.slots.size)
      this.published.push(row.published)
      this.language.push(language)
      this.lowerCaseWords.push(row.lowerCaseWords)
      this.keyPlace.push(keys)
      this.keyCount.push(row.keys.length)
      this.vocabularyPlace.push(vocabulary)
      this.vocabularyLength.push(row.vocabulary.length)
      return
    }
    this.published[slot] = row.published
    this.language.set(slot, language)
    this.lowerCaseWords.set(slot, row.lowerCaseWords)
    this.keyPlace.set(slot, keys)
    this.keyCount.set(slot, row.keys.length)
    this.vocabularyPlace.set(slot, vocabulary)
    this.vocabularyLength.set(slot, row.vocabulary.length)
  }

  has(id: string): boolean {
    return this.slots.has(id)
  }

  get(id: string): TranslationRow | undefined {
    const slot = this.slots.get(id)
    return slot === undefined ? undefined : this.row(id, slot)
  }

  /** Every row, in the order the articles were first taken in. */
  all(): TranslationRow[] {
    return Array.from(this.slots, ([id, slot]) => this.row(id, slot))
  }

  /** Removes the scratch file; no row is asked for after. */
  close(): void {
    this.scratch.close()
  }

  private row(id: string, slot: number): TranslationRow {
    return {
      id,
      language: this.languages[this.language.at(slot)]!,
      published: this.published[slot]!,
      keys: this.keys.view(this.keyPlace.at(slot), this.keyCount.at(slot)),
      vocabulary: this.vocabulary.view(this.vocabularyPlace.at(slot), this.vocabularyLength.at(slot)),
      lowerCaseWords: this.lowerCaseWords.at(slot)
    }
  }
}
