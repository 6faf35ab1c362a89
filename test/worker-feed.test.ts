import {describe, expect, it} from 'vitest'
import {resolveInputs, type InputFile} from '../run/inputs.ts'
import {WorkerFeed} from '../run/workers.ts'

// The fixture corpora's 87 articles, sent in batches of 5 to 3 workers: several batches each, and a short last one.
const inputs = resolveInputs(['test/fixtures/corpus', 'test/fixtures/corpus2'], process.cwd())
const BATCH = 5

/** Feeds the workers as the run does, each reporting one article at a time in a fixed, uneven order; records what each held. */
function runFeed(order: (step: number) => number, workers: number) {
  const feed = new WorkerFeed(inputs, workers, BATCH)
  const sent: InputFile[][] = Array.from({length: workers}, () => [])
  const reported: InputFile[][] = Array.from({length: workers}, () => [])
  let mostHeld = 0
  const fill = (worker: number) => {
    for (let batch = feed.take(worker); batch; batch = feed.take(worker)) sent[worker]!.push(...batch)
    mostHeld = Math.max(mostHeld, feed.held(worker))
  }
  for (let worker = 0; worker < workers; worker++) fill(worker)
  for (let step = 0; !Array.from({length: workers}, (_, worker) => feed.finished(worker)).every(Boolean); step++) {
    const worker = order(step)
    if (feed.held(worker) === 0) continue
    reported[worker]!.push(inputs[feed.reported(worker)]!)
    fill(worker)
  }
  return {sent, reported, mostHeld}
}

describe('worker feed', () => {
  it('gives a worker at most two batches not yet reported, and every input once', () => {
    expect(inputs.length).toBeGreaterThan(6 * BATCH)
    // Worker 0 reports three articles for every one of worker 1's: it is sent more batches, never more at once.
    const {sent, reported, mostHeld} = runFeed((step) => (step % 4 === 3 ? 1 : 0), 2)
    expect(mostHeld).toBe(2 * BATCH)
    expect(sent[0]!.length).toBeGreaterThan(sent[1]!.length)
    expect([...sent[0]!, ...sent[1]!].map((input) => input.relative).sort()).toEqual(inputs.map((input) => input.relative).sort())
    // Each worker's results are matched to its inputs in the order it was sent them.
    expect(reported).toEqual(sent)
  })

  it('sends a worker that reports nothing no more than its two batches', () => {
    const feed = new WorkerFeed(inputs, 2, BATCH)
    expect(feed.take(0)).toHaveLength(BATCH)
    expect(feed.take(0)).toHaveLength(BATCH)
    expect(feed.take(0)).toBeUndefined()
    expect(feed.held(0)).toBe(2 * BATCH)
    // The other worker takes the inputs that follow, in order.
    expect(feed.take(1)?.[0]).toBe(inputs[2 * BATCH])
    expect(feed.finished(0)).toBe(false)
  })

  it('refuses a result from a worker that was sent nothing', () => {
    const feed = new WorkerFeed(inputs, 2, BATCH)
    expect(() => feed.reported(1)).toThrow(/worker 1 reported more articles than it was sent/)
  })
})
