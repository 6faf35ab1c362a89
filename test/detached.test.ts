import {describe, expect, it} from 'vitest'
import {detached} from '../core/detached.ts'
import {boundedMemo} from '../core/bounded-memo.ts'

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

describe('a bounded memo of words', () => {
  it('computes on the word it was asked, and answers an equal word from memory', () => {
    const asked: string[] = []
    const lower = boundedMemo(10, (word) => {
      asked.push(word)
      return word.toLowerCase()
    })
    const text = 'Reuters reported INTERNATIONALISATION twice: INTERNATIONALISATION'
    const first = text.slice(17, 37)
    const second = text.slice(-20)
    expect(lower(first)).toBe('internationalisation')
    expect(lower(second)).toBe('internationalisation')
    expect(asked).toEqual(['INTERNATIONALISATION'])
  })
})
