import {describe, expect, it} from 'vitest'
import {byCodeUnits, SortedIds} from '../core/sorted-ids.ts'

describe('ids sorted by position', () => {
  it("finds an id's last position and walks each id once in code unit order, whatever order the list is in", () => {
    // Repeated ids, upper case before lower case (code units, not a locale's order), and a list out of order.
    const ids = ['b/2.txt', 'a/1.txt', 'B.txt', 'b/2.txt', 'c.txt', 'a/1.txt', 'b/2.txt']
    const sorted = SortedIds.of(ids)
    expect(sorted.last('b/2.txt')).toBe(6)
    expect(sorted.last('a/1.txt')).toBe(5)
    expect(sorted.last('B.txt')).toBe(2)
    for (const absent of ['', 'a', 'a/0.txt', 'b/3.txt', 'd.txt', 'b.txt']) expect(sorted.last(absent), absent).toBeUndefined()
    expect([...sorted.runs()]).toEqual([
      [2, 2],
      [1, 5],
      [0, 6],
      [4, 4]
    ])
  })

  it('takes a list already in order as it is, repeated ids included, and an empty one', () => {
    const ids = ['a', 'a', 'b', 'c', 'c', 'c']
    const sorted = SortedIds.of(ids)
    expect([...sorted.runs()]).toEqual([
      [0, 1],
      [2, 2],
      [3, 5]
    ])
    expect(ids.map((id) => sorted.last(id))).toEqual([1, 1, 2, 5, 5, 5])
    expect([...SortedIds.of([]).runs()]).toEqual([])
    expect(SortedIds.of([]).last('a')).toBeUndefined()
  })

  it("sorts a list it reads through an accessor (the run's inputs, not a copy of their ids)", () => {
    const inputs = [{relative: 'b.txt'}, {relative: 'a.txt'}, {relative: 'c.txt'}]
    const read: number[] = []
    const sorted = new SortedIds(inputs.length, (position) => {
      read.push(position)
      return inputs[position]!.relative
    })
    expect([...sorted.runs()]).toEqual([
      [1, 1],
      [0, 0],
      [2, 2]
    ])
    expect(read.length).toBeGreaterThan(0)
    expect(sorted.last('a.txt')).toBe(1)
    expect(sorted.last('b.txt')).toBe(0)
  })
})

describe('ids compared by code units', () => {
  it("orders as the default sort does, not as the process's locale would", () => {
    const ids = ['ä.txt', 'z.txt', 'ab.txt', 'Z.txt', 'a_b.txt', 'a1.txt', 'ab.txt']
    expect([...ids].sort(byCodeUnits)).toEqual(['Z.txt', 'a1.txt', 'a_b.txt', 'ab.txt', 'ab.txt', 'z.txt', 'ä.txt'])
    expect([...ids].sort(byCodeUnits)).toEqual([...ids].sort())
    expect(byCodeUnits('ab.txt', 'ab.txt')).toBe(0)
  })
})
