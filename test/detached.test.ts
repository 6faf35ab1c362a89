import {describe, expect, it} from 'vitest'
import {detached} from '../core/detached.ts'

describe('a detached copy of a string', () => {
  it('holds the same text, whatever its script, astral characters and unpaired surrogates included', () => {
    const texts = [
      '',
      'internationalisation',
      'Kuala Lumpur, 12 Mei (Bernama) --',
      'وبماليزيا',
      '新华社北京',
      'emoji 😀 after',
      'lone \uD800 high',
      'lone \uDFFF low'
    ]
    for (const text of texts) expect(detached(text)).toBe(text)
  })

  it('copies a word cut from a longer text', () => {
    const text = `${'x'.repeat(5000)} internationalisation ${'y'.repeat(5000)}`
    const word = text.slice(5001, 5021)
    expect(detached(word)).toBe('internationalisation')
  })
})
