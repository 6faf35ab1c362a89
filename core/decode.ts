/**
 * Turns the bytes of an input file into text, or says clearly why it cannot.
 * Nothing here guesses: a file that is not UTF-8 is refused with a hint at
 * what it looks like, never silently re-decoded.
 */
import {createHash} from 'node:crypto'
import {isBlank} from './text.ts'

/** Limits that protect a run from inputs that are not articles. */
export interface InputLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number
  /** Longest line accepted, in characters. */
  maxLineChars: number
}

export const DEFAULT_LIMITS: InputLimits = {maxBytes: 5 * 1024 * 1024, maxLineChars: 100_000}

/** Why an input was refused; `ruleId` names the check, as every finding does. */
export class InputError extends Error {
  readonly ruleId: string
  constructor(ruleId: string, reason: string) {
    super(reason)
    this.name = 'InputError'
    this.ruleId = ruleId
  }
}

export interface DecodedInput {
  /** The decoded text, byte-order mark included as U+FEFF so that nothing is lost. */
  text: string
  /** Hex SHA-256 of the raw bytes. */
  sha256: string
  bytes: number
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Decodes one input file.
 *
 * @throws {InputError} for empty, oversized, binary, UTF-16 or invalid UTF-8
 *   input, and for a line longer than the limit.
 */
export function decodeInput(bytes: Uint8Array, limits: InputLimits = DEFAULT_LIMITS): DecodedInput {
  if (bytes.length === 0) throw new InputError('input/empty', 'file is empty')
  if (bytes.length > limits.maxBytes) {
    throw new InputError(
      'input/too-large',
      `file is ${formatBytes(bytes.length)}, over the ${formatBytes(limits.maxBytes)} limit for one article (raise it with --max-bytes)`
    )
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError('input/encoding', 'file is UTF-16 (byte-order mark at the start); convert it to UTF-8')
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) throw new InputError('input/binary', `file is binary, not text (NUL byte at offset ${nul})`)
  const invalidAt = firstInvalidUtf8(bytes)
  if (invalidAt !== -1) {
    const byte = bytes[invalidAt]!
    const hint = byte >= 0x80 && byte <= 0xff ? '; it looks like a legacy 8-bit encoding such as Windows-1252 or Latin-1: convert it to UTF-8' : ''
    throw new InputError('input/encoding', `file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at offset ${invalidAt})${hint}`)
  }
  const text = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)
  if (isBlank(text)) throw new InputError('input/empty', 'file has no text, only white space')
  const longest = longestLine(text)
  if (longest.length > limits.maxLineChars) {
    throw new InputError(
      'input/line-too-long',
      `line ${longest.line} is ${longest.length.toLocaleString('en')} characters, over the ${limits.maxLineChars.toLocaleString('en')} limit for one paragraph (raise it with --max-line-chars)`
    )
  }
  return {text, sha256: sha256(bytes), bytes: bytes.length}
}

function formatBytes(count: number): string {
  return count >= 1024 * 1024 ? `${(count / 1024 / 1024).toFixed(1)} MiB` : `${(count / 1024).toFixed(1)} KiB`
}

function longestLine(text: string): {line: number; length: number} {
  let best = {line: 1, length: 0}
  let line = 1
  let start = 0
  for (let index = 0; index <= text.length; index++) {
    if (index === text.length || text.charCodeAt(index) === 10) {
      if (index - start > best.length) best = {line, length: index - start}
      line++
      start = index + 1
    }
  }
  return best
}

/**
 * Offset of the first byte that breaks UTF-8 (overlongs, surrogates and
 * code points past U+10FFFF included), or -1. Node's `isUtf8` says only
 * whether; a user fixing a file needs where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index]!
    if (lead < 0x80) {
      index++
      continue
    }
    let need: number
    let min: number
    let max = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1
      min = 0x80
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      min = lead === 0xe0 ? 0xa0 : 0x80
      if (lead === 0xed) max = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      min = lead === 0xf0 ? 0x90 : 0x80
      if (lead === 0xf4) max = 0x8f
    } else {
      return index
    }
    for (let k = 1; k <= need; k++) {
      const byte = bytes[index + k]
      const low = k === 1 ? min : 0x80
      const high = k === 1 ? max : 0xbf
      if (byte === undefined || byte < low || byte > high) return index
    }
    index += need + 1
  }
  return -1
}
