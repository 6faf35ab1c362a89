import {describe, expect, it} from 'vitest'
import {Uint32Column} from '../core/uint32-column.ts'

describe('a column of unsigned 32-bit integers', () => {
  it('holds every value pushed, across the chunks it grows by, and each value set after', () => {
    const column = new Uint32Column()
    const values = Array.from({length: 40_000}, (_, index) => (index * 2_654_435_761) >>> 0)
    for (const value of values) column.push(value)
    expect(column.length).toBe(values.length)
    expect(Array.from({length: column.length}, (_, index) => column.at(index))).toEqual(values)
    for (const index of [0, 16_383, 16_384, 32_768, 39_999]) {
      column.set(index, 0xffffffff - index)
      values[index] = 0xffffffff - index
    }
    expect(Array.from({length: column.length}, (_, index) => column.at(index))).toEqual(values)
  })

  it('refuses to set a value not pushed yet', () => {
    const column = new Uint32Column()
    column.push(7)
    expect(() => column.set(1, 8)).toThrow(new RangeError('no value 1 in a column of 1'))
    expect(column.at(0)).toBe(7)
  })
})
