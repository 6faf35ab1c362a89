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
import {closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync} from 'node:fs'
import {threadId} from 'node:worker_threads'

let written = 0

/** Writes `text` (or bytes) to `path` atomically (temporary file, then rename). */
export function replaceFile(path: string, text: string | Uint8Array): void {
  replaced(path, (temporary) => writeFileSync(temporary, text))
}

/** Text a streamed file gathers before each write: a few system calls for a file of megabytes. */
const STREAMED_CHUNK = 1 << 16

/**
 * Writes the pieces `write` hands to `add` to `path` atomically, as `replaceFile` does, a chunk of about 64 KB at a
 * time: a large file (the corpus's `reuse.json`) is never one string in memory, nor one buffer.
 */
export function replaceFileStreamed(path: string, write: (add: (text: string) => void) => void): void {
  replaced(path, (temporary) => {
    const descriptor = openSync(temporary, 'w')
    try {
      let pending = ''
      write((text) => {
        pending += text
        if (pending.length >= STREAMED_CHUNK) {
          writeAll(descriptor, pending)
          pending = ''
        }
      })
      if (pending.length > 0) writeAll(descriptor, pending)
    } finally {
      closeSync(descriptor)
    }
  })
}

function writeAll(descriptor: number, text: string): void {
  const bytes = Buffer.from(text)
  for (let at = 0; at < bytes.length; ) at += writeSync(descriptor, bytes, at)
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
