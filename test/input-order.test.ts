import {describe, expect, it} from 'vitest'
import {InputOrder, resolveInputs} from '../run/inputs.ts'

describe('input order', () => {
  it('finds each id at its position, in the order the inputs were named, not sorted', () => {
    // Two folders named in reverse order: the ids are not sorted, and every position is found by binary search.
    const inputs = resolveInputs(['test/fixtures/corpus2', 'test/fixtures/corpus'], process.cwd())
    const ids = inputs.map((input) => input.relative)
    expect([...ids].sort()).not.toEqual(ids)
    const order = new InputOrder(ids)
    expect(order.length).toBe(ids.length)
    for (const [position, id] of ids.entries()) expect(order.position(id)).toBe(position)
  })

  it('finds no position for an id outside the run', () => {
    const order = new InputOrder(['b/2.txt', 'a/1.txt', 'c/3.txt'])
    expect(order.position('a/1.txt')).toBe(1)
    expect(order.position('a/0.txt')).toBeUndefined()
    expect(order.position('d/4.txt')).toBeUndefined()
    expect(order.position('')).toBeUndefined()
  })

  it('gives an input the id and display path path.relative spells', () => {
    const [input] = resolveInputs(['test/fixtures/corpus2'], process.cwd())
    expect(input!.absolute.endsWith(`/${input!.relative}`)).toBe(true)
    expect(input!.display).toBe(`test/fixtures/corpus2/${input!.relative}`)
  })
})
