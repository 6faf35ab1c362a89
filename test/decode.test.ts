import {describe, expect, it} from 'vitest'
import {decodeInput, firstInvalidUtf8, InputError} from '../core/decode.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

function refusal(bytes: Uint8Array, limits?: Parameters<typeof decodeInput>[1]): InputError {
  try {
    decodeInput(bytes, limits)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected the input to be refused')
}

describe('decodeInput', () => {
  it('keeps a byte-order mark as U+FEFF so the original can be rebuilt', () => {
    const decoded = decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Judul\r\nIsi.')]))
    expect(decoded.text).toBe('\uFEFFJudul\r\nIsi.')
    expect(decoded.bytes).toBe(14)
    expect(decoded.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array()).ruleId).toBe('input/empty')
  })

  it('refuses a file of white space only, NBSP and zero-width included', () => {
    const error = refusal(utf8(' \n\u00A0\r\n\u200B\t\n'))
    expect(error.ruleId).toBe('input/empty')
    expect(error.message).toBe('file has no text, only white space')
  })

  it('refuses binary data and says where the NUL byte is', () => {
    const error = refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x10]))
    expect(error.ruleId).toBe('input/binary')
    expect(error.message).toBe('file is binary, not text (NUL byte at offset 4)')
  })

  it('refuses Latin-1 text with the offset of the first bad byte and a hint', () => {
    const error = refusal(new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' au lait')]))
    expect(error.ruleId).toBe('input/encoding')
    expect(error.message).toMatch(/^file is not valid UTF-8 \(byte 0xe9 at offset 3\); it looks like a legacy 8-bit encoding/)
  })

  it('refuses UTF-16 text by its byte-order mark', () => {
    const error = refusal(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))
    expect(error.ruleId).toBe('input/encoding')
    expect(error.message).toContain('UTF-16')
  })

  it('refuses a file over the size limit, saying how to raise it', () => {
    const error = refusal(utf8('a'.repeat(2048)), {maxBytes: 1024, maxLineChars: 100_000})
    expect(error.ruleId).toBe('input/too-large')
    expect(error.message).toBe('file is 2.0 KiB, over the 1.0 KiB limit for one article (raise it with --max-bytes)')
  })

  it('refuses a line over the length limit and names the line', () => {
    const error = refusal(utf8(`Judul\n${'kata '.repeat(30)}\n`), {maxBytes: 1024 * 1024, maxLineChars: 100})
    expect(error.ruleId).toBe('input/line-too-long')
    expect(error.message).toMatch(/^line 2 is 150 characters, over the 100 limit/)
  })
})

describe('firstInvalidUtf8', () => {
  it('accepts every well-formed sequence length', () => {
    expect(firstInvalidUtf8(utf8('a é € 𝄞 İstanbul'))).toBe(-1)
  })

  it.each([
    ['an overlong encoding', [0x41, 0xc0, 0xaf], 1],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated sequence', [0x41, 0x42, 0xe2, 0x82], 2],
    ['a stray continuation byte', [0x80], 0]
  ])('finds %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset)
  })
})
