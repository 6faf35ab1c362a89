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
import {renameSync, rmSync, writeFileSync} from 'node:fs'
import {threadId} from 'node:worker_threads'

let written = 0

/** Writes `text` (or bytes) to `path` atomically (temporary file, then rename). */
export function replaceFile(path: string, text: string | Uint8Array): void {
  // Unique per process, thread and call, so two writers of one folder never share a temporary file.
  const temporary = `${path}.${process.pid}.${threadId}.${written++}.tmp`
  try {
    writeFileSync(temporary, text)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}
