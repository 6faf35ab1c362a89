/**
 * Runs one article through a processor: read, decode, parse, run the
 * stages. Bad input never throws: it comes back as a file with a fatal
 * message, so a corpus run goes on with the other files.
 */
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {decodeInput, DEFAULT_LIMITS, InputError, type InputLimits} from './decode.ts'
import {readInput, type InputFile} from './inputs.ts'

/** Marks a file as failed with a fatal message, the unified way, without throwing. */
export function failFile(file: VFile, reason: string, ruleId: string): void {
  const message = file.message(reason, {ruleId, source: 'wiretrace'})
  message.fatal = true
}

/** Reads and processes one article; the report is in `file.data.report` unless the file failed. */
export async function processArticle(processor: Processor<Root, Root, Root>, input: InputFile, limits: InputLimits = DEFAULT_LIMITS): Promise<VFile> {
  const file = new VFile({path: input.display})
  let bytes: Uint8Array
  try {
    bytes = input.bytes ?? readInput(input)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    failFile(file, error.message, error.ruleId)
    return file
  }
  return processBytes(processor, bytes, input, limits, file)
}

/** Processes bytes already in memory (tests, workers, the library API). */
export async function processBytes(
  processor: Processor<Root, Root, Root>,
  bytes: Uint8Array,
  input: Pick<InputFile, 'relative' | 'display'>,
  limits: InputLimits = DEFAULT_LIMITS,
  file = new VFile({path: input.display})
): Promise<VFile> {
  if (decodeInto(file, bytes, input, limits)) await processor.run(processor.parse(file), file)
  return file
}

/**
 * Like `processBytes`, for a processor whose stages are all synchronous
 * (every stage but reuse, which waits on the index), as unified's `runSync`.
 */
export function processBytesSync(
  processor: Processor<Root, Root, Root>,
  bytes: Uint8Array,
  input: Pick<InputFile, 'relative' | 'display'>,
  limits: InputLimits = DEFAULT_LIMITS,
  file = new VFile({path: input.display})
): VFile {
  if (decodeInto(file, bytes, input, limits)) processor.runSync(processor.parse(file), file)
  return file
}

/** Decodes the bytes into the file; on bad input marks it failed and returns false. */
function decodeInto(file: VFile, bytes: Uint8Array, input: Pick<InputFile, 'relative' | 'display'>, limits: InputLimits): boolean {
  try {
    const decoded = decodeInput(bytes, limits)
    file.value = decoded.text
    file.data.input = {id: input.relative, path: input.display, sha256: decoded.sha256, bytes: decoded.bytes}
    return true
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    failFile(file, error.message, error.ruleId)
    return false
  }
}
