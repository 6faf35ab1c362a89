/**
 * The stage clock the bench reads: a run over the test corpus in a process
 * of its own (the clock is switched on by the environment when a process
 * starts), with the index, so the asynchronous link step and its phases are
 * timed until they finish, not only up to their first await.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {STAGE_TIMES_ENV, type StageTimes} from '../core/stage-clock.ts'

const work = mkdtempSync(join(tmpdir(), 'wiretrace-stage-clock-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

function measuredRun(clock: boolean, workers = 1): StageTimes {
  const task = {
    kind: 'pipeline',
    inputs: ['test/fixtures/corpus'],
    index: join(work, `${clock}-${workers}.sqlite`),
    out: join(work, `${clock}-${workers}`),
    workers,
    label: 'clock'
  }
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/measure.ts', JSON.stringify(task)], {
    encoding: 'utf8',
    env: {...process.env, [STAGE_TIMES_ENV]: clock ? '1' : '0'}
  })
  expect(child.status, child.stderr).toBe(0)
  return (JSON.parse(child.stdout) as {stages: StageTimes}).stages
}

describe('stage clock', () => {
  it('times the link step until it settles, with its phases inside it', () => {
    const stages = measuredRun(true)
    const phases = ['link step: reuse', 'link step: translation', 'link step: patch', 'link step: clusters']
    for (const phase of phases) expect(stages[phase]?.calls, phase).toBe(1)
    const inside = phases.reduce((sum, phase) => sum + stages[phase]!.ms, 0)
    // Timed only up to its first await, the step measured a few milliseconds, less than its own phases.
    expect(stages['link step']!.ms).toBeGreaterThanOrEqual(inside)
    expect(stages['corpus statistics']!.calls).toBe(1)
  }, 120_000)

  it("adds the link step's writer threads: every Markdown twin of a run on two threads is rendered there, and counted", () => {
    const stages = measuredRun(true, 2)
    // The 24 articles of the corpus, each twin rendered once, on the writer threads alone.
    expect(stages['render markdown']?.calls).toBe(24)
  }, 120_000)

  it('records nothing when it is off', () => {
    expect(measuredRun(false)).toEqual({})
  }, 120_000)
})
