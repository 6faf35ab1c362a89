/**
 * The corpus counts a run reads back from the index: the same repeated lines,
 * with the same counts per outlet, as a run without an index counts itself;
 * a line printed too rarely for any corpus rule is not handed on.
 */
import {describe, expect, it} from 'vitest'
import {countCorpusFiles, countedHere, sharedCorpusLines} from '../run/corpus.ts'
import {InputOrder, readInput, resolveInputs, type InputFile} from '../run/inputs.ts'
import {openStore} from '../link/reuse/open.ts'
import {loadPipelineData} from '../pipeline/index.ts'
import {DEFAULT_LIMITS, decodeInput} from '../core/decode.ts'
import {corpusView, countedArticle, type CorpusLines} from '../pipeline/generic/corpus.ts'

const data = loadPipelineData({dirs: [], outletRules: true})
const outlets = data.rules.outlets
/** The counts the corpus rules fire at, as `generic.yaml` sets them: from 2 articles. */
const VIEWS = {least: 2, most: 3}

/** An input as the corpus counts take it in. */
function counted(input: InputFile) {
  return countedArticle({id: input.relative, text: decodeInput(readInput(input), DEFAULT_LIMITS).text}, outlets)
}

/** The inputs' ids by position, as a run reads the counts for them. */
const orderOf = (inputs: readonly InputFile[]) => InputOrder.of(inputs.map((input) => input.relative))

/** The counts as sorted plain data, to compare two of them whatever order their maps were filled in. */
function plain(lines: CorpusLines['lines']): Array<[number, number, Array<[string, number]>]> {
  return [...lines]
    .map(([key, counts]): [number, number, Array<[string, number]>] => [key, counts.outlets, [...counts.named].sort()])
    .sort((a, b) => a[0] - b[0])
}

describe('the corpus counts read back from the index', () => {
  const inputs = resolveInputs(['test/fixtures/corpus', 'test/fixtures/corpus2'], process.cwd())

  it('are the counts a run without an index makes, for the lines printed twice or more', async () => {
    const store = await openStore(':memory:')
    try {
      const shared = await sharedCorpusLines(store, countedHere(inputs, DEFAULT_LIMITS, outlets), orderOf(inputs), {views: VIEWS, forgetViews: false})
      const own = await countCorpusFiles(countedHere(inputs, DEFAULT_LIMITS, outlets), 2)
      expect(shared.lines.lines.size).toBeGreaterThan(30)
      expect(plain(shared.lines.lines)).toEqual(plain(own.lines))
      const outletsOf = (lines: CorpusLines) => inputs.map((input) => lines.outletOf.get(input.relative))
      expect(new Set(outletsOf(shared.lines)).size).toBeGreaterThan(10)
      expect(outletsOf(shared.lines)).toEqual(outletsOf(own))
      expect(shared.lines.outletOf.size).toBe(inputs.length)
    } finally {
      await store.close()
    }
  })

  it('leave out a line printed by one article, which a run keeping every line has', async () => {
    const store = await openStore(':memory:')
    try {
      const reading = orderOf(inputs)
      const countedInputs = () => countedHere(inputs, DEFAULT_LIMITS, outlets)
      const every = (await sharedCorpusLines(store, countedInputs(), reading, {forgetViews: false, views: {...VIEWS, least: 1}})).lines.lines
      const repeated = (await sharedCorpusLines(store, countedInputs(), reading, {forgetViews: false, views: VIEWS})).lines.lines
      // Every article counts a line once: a line one article prints is printed by one outlet.
      const once = [...every].filter(([, counts]) => counts.outlets === 1 && [...counts.named.values()].every((count) => count === 1))
      expect(once.length).toBeGreaterThan(100)
      for (const [key] of once) expect(repeated.has(key)).toBe(false)
      expect(repeated.size).toBe(every.size - once.length)
    } finally {
      await store.close()
    }
  })

  it('give a reading article the counts of every article counted, itself outside the reading set', async () => {
    const store = await openStore(':memory:')
    try {
      const first = inputs.slice(0, 20)
      const reading = orderOf(first)
      const shared = await sharedCorpusLines(store, countedHere(inputs, DEFAULT_LIMITS, outlets), reading, {views: VIEWS, forgetViews: false})
      const own = await countCorpusFiles(countedHere(inputs, DEFAULT_LIMITS, outlets), 2)
      // Only the lines the reading articles print are read back, each with the counts of the whole corpus.
      const printed = new Set(first.flatMap((input) => counted(input).keys))
      const expected = plain(own.lines).filter(([key]) => printed.has(key))
      expect(expected.length).toBeGreaterThan(10)
      expect(plain(shared.lines.lines)).toEqual(expected)
      expect(shared.lines.outletOf.size).toBe(first.length)
    } finally {
      await store.close()
    }
  })

  it('give each reading article the view of the whole counts, though its keys are let go after each batch of look-ups', async () => {
    const store = await openStore(':memory:')
    try {
      const reading = orderOf(inputs)
      // Batches of 50 keys: the first articles' views are taken long before the last keys are looked up.
      const shared = await sharedCorpusLines(store, countedHere(inputs, DEFAULT_LIMITS, outlets), reading, {views: VIEWS, forgetViews: false, lookupBatch: 50})
      const whole = await countCorpusFiles(countedHere(inputs, DEFAULT_LIMITS, outlets), 1)
      const views = new Map(inputs.map((input) => [input.relative, corpusView(whole, counted(input), VIEWS.least, VIEWS.most)]))
      expect(new Set(views.values()).size).toBeGreaterThan(inputs.length / 2)
      expect(new Map(inputs.map((input, position) => [input.relative, shared.now.get(position)]))).toEqual(views)
      // Counted for the first time: no report was made with a view of these counts.
      expect(inputs.every((_, position) => shared.then.get(position) === undefined)).toBe(true)
    } finally {
      await store.close()
    }
  })

  it('give back the view each report was made with while the article is unchanged, and forget them when asked', async () => {
    const store = await openStore(':memory:')
    try {
      const reading = orderOf(inputs)
      const countedInputs = () => countedHere(inputs, DEFAULT_LIMITS, outlets)
      const first = await sharedCorpusLines(store, countedInputs(), reading, {views: VIEWS, forgetViews: false})
      // Reports made with the first two inputs' views; a view of another form (an older version's) for the third.
      const [a, b, c] = inputs.map((input) => input.relative)
      await store.setViews([
        {id: a!, view: first.now.get(0)!},
        {id: b!, view: first.now.get(1)!},
        {id: c!, view: 'short'}
      ])
      const again = await sharedCorpusLines(store, countedInputs(), reading, {views: VIEWS, forgetViews: true})
      expect([0, 1, 2, 3].map((position) => again.then.get(position))).toEqual([first.now.get(0), first.now.get(1), undefined, undefined])
      expect(inputs.map((_, position) => again.now.get(position))).toEqual(inputs.map((_, position) => first.now.get(position)))
      // Forgotten: the reports are about to be made again.
      const after = await sharedCorpusLines(store, countedInputs(), reading, {views: VIEWS, forgetViews: false})
      expect(inputs.every((_, position) => after.then.get(position) === undefined)).toBe(true)
    } finally {
      await store.close()
    }
  })

  it('leave out an input that cannot be read: no outlet and no view at its position', async () => {
    const store = await openStore(':memory:')
    try {
      const missing: InputFile = {...inputs[0]!, absolute: `${inputs[0]!.absolute}.missing`, relative: '0-missing.txt', display: '0-missing.txt'}
      const withMissing = [missing, ...inputs.slice(0, 5)]
      const shared = await sharedCorpusLines(store, countedHere(withMissing, DEFAULT_LIMITS, outlets), orderOf(withMissing), {views: VIEWS, forgetViews: false})
      expect(shared.lines.outletOf.get('0-missing.txt')).toBeUndefined()
      expect(shared.now.get(0)).toBeUndefined()
      expect(shared.lines.outletOf.size).toBe(5)
      expect([1, 2, 3, 4, 5].every((position) => shared.now.get(position) !== undefined)).toBe(true)
    } finally {
      await store.close()
    }
  })
})
