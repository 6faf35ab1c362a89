/**
 * The run's per-article reports held in memory until the link step writes them, up to a budget of bytes shared by
 * every thread of the run.
 *
 * The link step goes over every report of a run once the pipeline is done (to write its Markdown twin with its links,
 * and to patch the reports that gained links), so a report the pipeline writes is read back and, when patched,
 * written again. Held, a report's JSON is written once, by the link step: with the index, a story printed by 80
 * outlets has every report patched, and writing each twice and reading it back was about 2.5% of the run's CPU
 * (`bench/HISTORY.md`, twelfth round). The budget keeps memory flat: once it is spent, the pipeline writes its reports
 * as before, so a run holds at most `HELD_REPORT_BYTES` of them whatever its size.
 *
 * A report is held as its JSON's UTF-8 bytes, outside the heap, and crosses threads without a copy (transferred).
 * A run stopped before its link step loses the reports it held, as it loses the reports of articles not yet analysed:
 * the next run over them makes them again, and the link step does not patch a report on disk that the index no longer
 * describes (link/index.ts).
 */
import {Buffer} from 'node:buffer'

/** What a run may hold at once: about 2,700 reports of the bench's syndicated articles (24 KB each). */
export const HELD_REPORT_BYTES = 64 * 1024 * 1024

/** The budget is kept in KiB in a 32-bit cell: every thread takes from it and gives back with one atomic operation. */
const UNIT = 1024

/** A held report's JSON, UTF-8, in a buffer of its own: transferable between threads. */
export type HeldJson = Uint8Array<ArrayBuffer>

/** The room left in a run's budget, shared with its worker threads. */
export type HeldRoom = Int32Array

/** A budget of `bytes`, in memory every thread of the run can reach. */
export function heldRoom(bytes: number = HELD_REPORT_BYTES): HeldRoom {
  const room = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
  room[0] = Math.floor(bytes / UNIT)
  return room
}

/** Whether the budget has any room left: once it is spent, a report is written without being serialised to be held. */
export function hasRoom(room: HeldRoom): boolean {
  return Atomics.load(room, 0) > 0
}

/** A report's JSON as the bytes to hold, if the budget has room for them; undefined (and nothing taken) if not. */
export function takeRoom(room: HeldRoom, json: string): HeldJson | undefined {
  const length = Buffer.byteLength(json)
  const units = unitsOf(length)
  if (Atomics.sub(room, 0, units) < units) {
    Atomics.add(room, 0, units)
    return undefined
  }
  // A buffer of its own (not a slice of Node's shared pool), so it can be transferred between threads.
  const bytes = new Uint8Array(length)
  Buffer.from(bytes.buffer, 0, length).write(json, 'utf8')
  return bytes
}

/** A held report's JSON as text, read in place. */
export function heldText(json: HeldJson): string {
  return Buffer.from(json.buffer, json.byteOffset, json.length).toString('utf8')
}

function unitsOf(length: number): number {
  return Math.ceil(length / UNIT)
}

/** The reports the main thread holds, by article id, and the room they take. */
export class HeldReports {
  private readonly held = new Map<string, HeldJson>()

  constructor(readonly room: HeldRoom) {}

  hold(id: string, bytes: HeldJson): void {
    const before = this.held.get(id)
    if (before) this.giveBack(before)
    this.held.set(id, bytes)
  }

  /** The held report's JSON, if it is held. */
  text(id: string): string | undefined {
    const bytes = this.held.get(id)
    return bytes && heldText(bytes)
  }

  /** Lets go of a report, once it is written (or replaced), and gives its room back: the bytes, for writing them. */
  release(id: string): HeldJson | undefined {
    const bytes = this.held.get(id)
    if (!bytes) return undefined
    this.held.delete(id)
    this.giveBack(bytes)
    return bytes
  }

  /** Every report still held, each let go as it is given. */
  *drain(): Generator<[string, HeldJson]> {
    for (const id of [...this.held.keys()]) yield [id, this.release(id)!]
  }

  private giveBack(bytes: HeldJson): void {
    Atomics.add(this.room, 0, unitsOf(bytes.length))
  }
}
