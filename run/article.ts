/**
 * Runs one article through a processor: read the bytes, run the stages
 * (decoding is the first). Bad input never throws: it comes back as a file
 * with a fatal message, so a corpus run goes on with the other files.
 */
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {InputError} from '../core/decode.ts'
import {readInput, type InputFile} from './inputs.ts'
import {timed} from '../core/stage-clock.ts'

/** Marks a file as failed with a fatal message, the unified way, without throwing. */
export function failFile(file: VFile, reason: string, ruleId: string): void {
  const message = file.message(reason, {ruleId, source: 'wiretrace'})
  message.fatal = true
}

/**
 * Adds each decision the stages recorded (`file.data.decisions`) to the
 * file as a vfile message, after its warnings and failures, for a caller
 * that prints every decision.
 */
export function addDecisionMessages(file: VFile): void {
  for (const decision of file.data.decisions ?? []) {
    if (decision.severity !== 'info') continue
    const start = decision.line === null ? undefined : {line: decision.line, column: decision.column ?? 1}
    const end = decision.endLine === null ? undefined : {line: decision.endLine, column: decision.endColumn ?? 1}
    const message = new VFileMessage(decision.reason, {
      ...(start ? {place: end ? {start, end} : start} : {}),
      ...(decision.ruleId ? {ruleId: decision.ruleId} : {}),
      ...(decision.source ? {source: decision.source} : {})
    })
    // As `file.message` names it: the path first.
    if (file.path) {
      message.name = `${file.path}:${message.name}`
      message.file = file.path
    }
    file.messages.push(message)
  }
}

/** Reads and processes one article; the report is in `file.data.report` unless the file failed. */
export function processArticle(processor: Processor<Root, Root, Root>, input: InputFile): VFile {
  let bytes: Uint8Array
  try {
    bytes = input.bytes ?? timed('read', () => readInput(input))
  } catch (error) {
    const file = new VFile({path: input.display})
    if (!(error instanceof InputError)) throw error
    failFile(file, error.message, error.ruleId)
    return file
  }
  return processBytes(processor, bytes, input)
}

/** Processes bytes already in memory (tests, the library API): the whole pipeline, synchronously. */
export function processBytes(processor: Processor<Root, Root, Root>, bytes: Uint8Array, input: Pick<InputFile, 'relative' | 'display' | 'source'>): VFile {
  const file = new VFile({path: input.display, value: bytes, data: {articleId: input.relative, ...(input.source ? {source: input.source} : {})}})
  try {
    processor.runSync({type: 'RootNode', children: []}, file)
  } catch (error) {
    // A stage that refuses the input fails the file (`file.fail`): the message is on the file already.
    if (!(error instanceof VFileMessage && file.messages.includes(error))) throw error
  }
  return file
}
