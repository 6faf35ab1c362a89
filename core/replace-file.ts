/**
 * Writes a file whole or not at all, with as few system calls as that
 * takes: the text goes to a temporary file beside the target (same folder,
 * so the same file system), which is then renamed over it. A reader sees
 * the old file or the new one, never half of one. No fsync: a report lost
 * to a power cut is written again by the next run. write-file-atomic does
 * the same plus a realpath, an lstat and ownership bookkeeping per file,
 * which cost more than a short article's analysis when a run writes
 * thousands of reports.
 */
import {closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync, writevSync} from 'node:fs'
import {threadId} from 'node:worker_threads'

let written = 0

/** Writes `text` (or bytes) to `path` atomically (temporary file, then rename). */
export function replaceFile(path: string, text: string | Uint8Array): void {
  replaced(path, (temporary) => writeFileSync(temporary, text))
}

/** Bytes a streamed file gathers before each write: a few system calls for a file of megabytes. */
const STREAMED_CHUNK = 1 << 16
/** Pieces a streamed file gathers before each write, at most: one `writev` takes up to 1,024 on Linux. */
const STREAMED_PIECES = 1024

/**
 * Writes the pieces `write` hands to `add` to `path` atomically, as `replaceFile` does, about 64 KB at a time: a large
 * file (the corpus's `reuse.json`) is never one string in memory, nor one buffer. Pieces are gathered and written
 * together (`writev`), so many small pieces, text or bytes, cost a few system calls, not one each.
 */
export function replaceFileStreamed(path: string, write: (add: (piece: string | Uint8Array) => void) => void): void {
  replaced(path, (temporary) => {
    const descriptor = openSync(temporary, 'w')
    try {
      let pieces: Uint8Array[] = []
      let gathered = 0
      const flush = () => {
        writeAll(descriptor, pieces, gathered)
        pieces = []
        gathered = 0
      }
      write((piece) => {
        const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece
        pieces.push(bytes)
        gathered += bytes.length
        if (gathered >= STREAMED_CHUNK || pieces.length >= STREAMED_PIECES) flush()
      })
      if (gathered > 0) flush()
    } finally {
      closeSync(descriptor)
    }
  })
}

function writeAll(descriptor: number, pieces: Uint8Array[], length: number): void {
  const written = writevSync(descriptor, pieces)
  if (written === length) return
  // A short write (a full disk reports its error on the next call): the rest, piece by piece.
  const rest = Buffer.concat(pieces).subarray(written)
  for (let at = 0; at < rest.length; ) at += writeSync(descriptor, rest, at)
}

function replaced(path: string, writeTemporary: (temporary: string) => void): void {
  // Unique per process, thread and call, so two writers of one folder never share a temporary file.
  const temporary = `${path}.${process.pid}.${threadId}.${written++}.tmp`
  try {
    writeTemporary(temporary)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}
