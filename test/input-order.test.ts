import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {InputList, InputOrder, plainInput, resolveInputs, type InputFile} from '../run/inputs.ts'

/** An input's paths, read through whatever holds them. */
const pathsOf = (input: InputFile) => ({absolute: input.absolute, relative: input.relative, display: input.display, root: input.root, source: input.source})

describe('input order', () => {
  it('finds each id at its position, in the order the inputs were named, not sorted', () => {
    // Two folders named in reverse order: the ids are not sorted, and every position is found by binary search.
    const inputs = resolveInputs(['test/fixtures/corpus2', 'test/fixtures/corpus'], process.cwd())
    const ids = inputs.map((input) => input.relative)
    expect([...ids].sort()).not.toEqual(ids)
    const order = InputOrder.of(ids)
    expect(order.length).toBe(ids.length)
    for (const [position, id] of ids.entries()) expect(order.position(id)).toBe(position)
  })

  it('finds no position for an id outside the run', () => {
    const order = InputOrder.of(['b/2.txt', 'a/1.txt', 'c/3.txt'])
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

  it('gives each way of naming inputs its absolute path, id, display path, root and source', () => {
    const root = mkdtempSync(join(tmpdir(), 'wiretrace-inputs-'))
    for (const file of ['news/a.txt', 'news/deep/b.txt', 'other/c.txt']) {
      mkdirSync(dirname(join(root, file)), {recursive: true})
      writeFileSync(join(root, file), 'Text.\n')
    }
    writeFileSync(join(root, 'news/sources.tsv'), 'file\turl\na.txt\thttps://example.org/a\n')
    const news = join(root, 'news')
    // From inside the root (display paths from the working folder) and from a folder beside it (display paths absolute).
    expect(resolveInputs(['news', 'other/c.txt', '*/deep/*.txt'], root).map(pathsOf)).toEqual([
      {absolute: join(news, 'a.txt'), relative: 'a.txt', display: 'news/a.txt', root: news, source: expect.objectContaining({url: 'https://example.org/a'})},
      {absolute: join(news, 'deep/b.txt'), relative: 'deep/b.txt', display: 'news/deep/b.txt', root: news, source: undefined},
      {absolute: join(root, 'other/c.txt'), relative: 'c.txt', display: 'other/c.txt', root: join(root, 'other'), source: undefined}
    ])
    const beside = mkdtempSync(join(tmpdir(), 'wiretrace-cwd-'))
    expect(relative(beside, news).startsWith('..')).toBe(true)
    expect(resolveInputs([news], beside).map(pathsOf)).toEqual([
      {
        absolute: join(news, 'a.txt'),
        relative: 'a.txt',
        display: join(news, 'a.txt'),
        root: news,
        source: expect.objectContaining({url: 'https://example.org/a'})
      },
      {absolute: join(news, 'deep/b.txt'), relative: 'deep/b.txt', display: join(news, 'deep/b.txt'), root: news, source: undefined}
    ])
  })

  it("holds a run's inputs as ids and folders and gives each back with its paths, source and bytes", () => {
    const root = mkdtempSync(join(tmpdir(), 'wiretrace-inputs-'))
    for (const file of ['news/a.txt', 'news/deep/b.txt', 'other/c.txt', 'other/d.txt']) {
      mkdirSync(dirname(join(root, file)), {recursive: true})
      writeFileSync(join(root, file), 'Text.\n')
    }
    // a.txt has a source, so it is kept as it is; the others are made again from their folders when asked for.
    writeFileSync(join(root, 'news/sources.tsv'), 'file\turl\na.txt\thttps://example.org/a\n')
    const found = resolveInputs(['news', 'other', '-'], root, {stdin: {bytes: Buffer.from('Piped.\n'), filename: 'piped.txt'}})
    const list = InputList.of(found)
    expect(list.length).toBe(5)
    expect([...list].map(pathsOf)).toEqual(found.map(pathsOf))
    expect(list.slice(1, 3).map(pathsOf)).toEqual(found.slice(1, 3).map(pathsOf))
    expect(list.at(4)?.bytes).toEqual(Buffer.from('Piped.\n'))
    expect(list.ids()).toEqual(['a.txt', 'deep/b.txt', 'c.txt', 'd.txt', 'piped.txt'])
    expect(list.id(1)).toBe('deep/b.txt')
    expect(list.at(5)).toBeUndefined()
    expect(() => list.id(5)).toThrow(RangeError)
    const kept = list.filter((input) => input.relative !== 'c.txt')
    expect([...kept].map(pathsOf)).toEqual(found.filter((input) => input.relative !== 'c.txt').map(pathsOf))
  })

  it('sends an input to another thread as its paths, which a structured clone of the input itself would leave behind', () => {
    const root = mkdtempSync(join(tmpdir(), 'wiretrace-inputs-'))
    writeFileSync(join(root, 'a.txt'), 'Text.\n')
    const [input] = resolveInputs([root], process.cwd())
    expect(structuredClone(plainInput(input!))).toEqual({absolute: join(root, 'a.txt'), relative: 'a.txt', display: join(root, 'a.txt'), root})
    // The input keeps its folder once, not its paths: were they fields, the clone would not need `plainInput`.
    expect(structuredClone(input!)).not.toHaveProperty('absolute')
  })
})
