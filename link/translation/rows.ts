/**
 * The translation pass's resident rows, one per article of the run, kept
 * field by field until the links are found: every row's anchor key ids in
 * one run of numbers, every row's vocabulary in another, the rest in a record
 * of numbers per row. Two typed arrays and an object per row cost about 0.5 KB
 * of the main thread's heap an article besides what they hold (a typed
 * array and its buffer are objects of their own); runs cost what they
 * hold. A row is handed out as a `TranslationRow` whose arrays are views of
 * the runs, made when it is asked for.
 *
 * Records, keys, vocabularies (about 0.6 KB an article) and publication dates
 * (a string of about 25 characters, some 50 bytes of the heap, read only to
 * patch a report that has translation links) wait in a scratch file while the
 * run's reports come in, a chunk of each in memory at a time, and are read
 * back when asked for: the main thread's memory grows with the rows' ids
 * alone while the pipeline's workers run.
 */
import {closeSync, openSync, readSync, rmSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {scratchFolder} from '../../core/scratch-folder.ts'
import type {TranslationRow, TranslationRowSource} from './link.ts'
import {SortedIds} from '../../core/sorted-ids.ts'

/** Entries of a chunk of `Runs`: 256 KB. */
const CHUNK = 65_536
/**
 * Chunks read back from the scratch file that a `Runs` keeps, the latest read: the translation pass reads the rows in
 * order, and a candidate's partner is most often a recent article. Bounded, so the pass does not hold every row's
 * keys and vocabulary at once (about 0.6 KB an article).
 */
const CHUNKS_READ_BACK = 16

/**
 * Runs of unsigned 32-bit integers (a row's keys, its vocabulary) appended to fixed chunks, never copied as they grow:
 * a run starts a new chunk when it does not fit in the last (a run longer than a chunk has one of its own), and is
 * read back as a view of its chunk. A run's place is its chunk times `CHUNK` plus where it starts there. A chunk
 * filled is written to the scratch file and let go; it is read back when one of its runs is asked for, and kept among
 * the latest `CHUNKS_READ_BACK` read.
 */
class Runs {
  /** Chunks in memory; undefined for one in the scratch file. */
  private readonly chunks: Array<Uint32Array | undefined> = []
  /** The chunks read back and kept, oldest first. */
  private readonly readBack: number[] = []
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

  /** Lets go of the chunks read back from the scratch file: one is read again when one of its runs is next asked for. */
  forgetReadBack(): void {
    for (const index of this.readBack.splice(0)) this.chunks[index] = undefined
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
      if (this.readBack.push(index) > CHUNKS_READ_BACK) this.chunks[this.readBack.shift()!] = undefined
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
  /**
   * Each row's article id, in the order taken in (an article taken in again has a row of its own, which replaces its
   * first). An article's rows are found through the ids sorted (`SortedIds`), once the pipeline is over and the rows
   * are first read: a map from id to slot cost about 40 bytes an article of the main thread's heap, 4 MB at 100,000
   * articles through the whole link step.
   */
  private readonly ids: string[] = []
  /** The rows' ids sorted; undefined until asked for, and again once a row is set. */
  private sortedIds: SortedIds | undefined
  /** The languages of the rows, each once: a row's record holds the index of its own. */
  private readonly languages: string[] = []
  private readonly scratch = new ScratchFile()
  /**
   * Per row, its record (`RECORD` values): its language, its count of lower-case words, and where its keys, vocabulary
   * and publication date are in their runs and how long each is. Records wait in the scratch file with the runs: kept
   * in a typed array per field, they were 4.3 MB of the main thread's memory at 100,000 articles (eight arrays of 0.5
   * MB, each grown by copying), held through the pipeline.
   */
  private readonly records = new Runs(this.scratch)
  /** The record of the row being taken in, copied into `records`. */
  private readonly nextRecord = new Uint32Array(RECORD)
  private readonly keys = new Runs(this.scratch)
  private readonly vocabulary = new Runs(this.scratch)
  /** Dates as UTF-16 code units. */
  private readonly texts = new Runs(this.scratch)

  /** Takes a row in; a row of an article taken in before replaces it, in its place. */
  set(row: TranslationRow): void {
    let language = this.languages.indexOf(row.language)
    if (language < 0) language = this.languages.push(row.language) - 1
    this.sortedIds = undefined
    this.ids.push(row.id)
    const record = this.nextRecord
    record[LANGUAGE] = language
    record[LOWER_CASE_WORDS] = row.lowerCaseWords
    record[KEY_PLACE] = this.keys.append(row.keys)
    record[KEY_COUNT] = row.keys.length
    record[VOCABULARY_PLACE] = this.vocabulary.append(row.vocabulary)
    record[VOCABULARY_LENGTH] = row.vocabulary.length
    record[PUBLISHED_PLACE] = row.published === null ? 0 : this.texts.append(codeUnits(row.published))
    record[PUBLISHED_LENGTH] = row.published === null ? NO_DATE : row.published.length
    this.records.append(record)
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined
  }

  get(id: string): TranslationRow | undefined {
    const slot = this.slotOf(id)
    return slot === undefined ? undefined : this.row(id, slot)
  }

  /**
   * Every article's latest row, in the order the articles were first taken in, as a source: a row's keys, vocabulary
   * and date are read from the scratch file when it is asked for, so the pass never holds them all.
   */
  source(): TranslationRowSource {
    // Per slot: the latest slot of its article when it is the article's first, else -1.
    const latest = new Int32Array(this.ids.length).fill(-1)
    for (const [first, last] of this.sorted().runs()) latest[first] = last
    const firsts = Uint32Array.from(latest.keys()).filter((slot) => latest[slot] !== -1)
    return {size: firsts.length, at: (index) => this.row(this.ids[firsts[index]!]!, latest[firsts[index]!]!)}
  }

  /** An article's publication date alone, read without its keys and vocabulary. */
  publication(id: string): Pick<TranslationRow, 'published'> | undefined {
    const slot = this.slotOf(id)
    return slot === undefined ? undefined : {published: this.publishedDate(slot)}
  }

  /** Lets go of the chunks of records, keys, vocabularies and dates read back from the scratch file; a row asked for after is read again. */
  forgetReadBack(): void {
    this.records.forgetReadBack()
    this.keys.forgetReadBack()
    this.vocabulary.forgetReadBack()
    this.texts.forgetReadBack()
  }

  /** Removes the scratch file; no row is asked for after. */
  close(): void {
    this.scratch.close()
  }

  private sorted(): SortedIds {
    this.sortedIds ??= SortedIds.of(this.ids)
    return this.sortedIds
  }

  /** The slot of an article's latest row; undefined for an article not taken in. */
  private slotOf(id: string): number | undefined {
    return this.sorted().last(id)
  }

  /** The slot's record, a view of its chunk: read at once, as reading another record may let go of that chunk. */
  private record(slot: number): Uint32Array {
    return this.records.view(slot * RECORD, RECORD)
  }

  private publishedDate(slot: number): string | null {
    const record = this.record(slot)
    const [place, length] = [record[PUBLISHED_PLACE]!, record[PUBLISHED_LENGTH]!]
    return length === NO_DATE ? null : fromCodeUnits(this.texts.view(place, length))
  }

  private row(id: string, slot: number): TranslationRow {
    const rows = this
    const [language, lowerCaseWords, keyPlace, keyCount, vocabularyPlace, vocabularyLength] = this.record(slot)
    return {
      id,
      language: this.languages[language!]!,
      // Read when asked for: the pass that reads every row reads no date.
      get published() {
        return rows.publishedDate(slot)
      },
      keys: this.keys.view(keyPlace!, keyCount!),
      vocabulary: this.vocabulary.view(vocabularyPlace!, vocabularyLength!),
      lowerCaseWords: lowerCaseWords!
    }
  }
}

/** The fields of a row's record, by index. */
const [LANGUAGE, LOWER_CASE_WORDS, KEY_PLACE, KEY_COUNT, VOCABULARY_PLACE, VOCABULARY_LENGTH, PUBLISHED_PLACE, PUBLISHED_LENGTH] = [0, 1, 2, 3, 4, 5, 6, 7]
/** Values in a row's record: `CHUNK` is a multiple of it, so records fill chunks exactly and a row's is at its slot times `RECORD`. */
const RECORD = 8

/** The length written for a row with no publication date. */
const NO_DATE = 0xffffffff

function codeUnits(text: string): Uint32Array {
  const units = new Uint32Array(text.length)
  for (let index = 0; index < text.length; index++) units[index] = text.charCodeAt(index)
  return units
}

/** Code units per call of `String.fromCharCode`, whose arguments are bounded. */
const UNITS_AT_ONCE = 4096

function fromCodeUnits(units: Uint32Array): string {
  let text = ''
  for (let start = 0; start < units.length; start += UNITS_AT_ONCE) text += String.fromCharCode(...units.subarray(start, start + UNITS_AT_ONCE))
  return text
}
