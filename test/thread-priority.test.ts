/**
 * A run's pipeline workers yield the cores to the main thread when it has an index to keep up with (run/worker.ts):
 * the priority lowered is the calling thread's own, not the process's.
 */
import {once} from 'node:events'
import {platform} from 'node:os'
import {describe, expect, it} from 'vitest'
import {startModuleWorker} from '../core/module-worker.ts'
import {threadNice} from './helpers/thread-nice.ts'

describe.runIf(platform() === 'linux')('a thread’s priority', () => {
  it('is lowered for the thread that asks, and the thread that started it keeps its own', async () => {
    const before = threadNice()
    const asked = Math.min(before + 5, 19)
    const helper = new URL('./helpers/lowered-thread.ts', import.meta.url).href
    const worker = startModuleWorker(helper, 'lowered-thread', {workerData: asked})
    const [reply] = (await once(worker, 'message')) as [{lowered: boolean; nice: number}]
    await worker.terminate()
    expect(reply).toEqual({lowered: true, nice: asked})
    expect(threadNice()).toBe(before)
  })
})
