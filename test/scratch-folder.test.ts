import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {scratchFolder} from '../core/scratch-folder.ts'

/** The id of a process that has ended: a child run to its end. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(child.stdout)
}

describe('scratch folders', () => {
  let parent: string
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'wiretrace-scratch-test-'))
  })
  afterEach(() => rmSync(parent, {recursive: true, force: true}))

  it('is named after the process that makes it', () => {
    const made = scratchFolder('wiretrace-rows-', parent)
    expect(made.startsWith(join(parent, `wiretrace-rows-${process.pid}-`))).toBe(true)
    expect(existsSync(made)).toBe(true)
  })

  it("removes a folder a killed process left, keeps a running process's and any other folder", () => {
    const dead = join(parent, `wiretrace-rows-${endedPid()}-abc123`)
    mkdirSync(dead)
    writeFileSync(join(dead, 'rows.bin'), Buffer.alloc(1024))
    const running = join(parent, `wiretrace-rows-${process.ppid}-def456`)
    mkdirSync(running)
    // Made by mkdtemp without a process id (as older versions named them), or by another prefix: not ours to judge.
    const unnamed = join(parent, 'wiretrace-rows-Xy12Ab')
    const other = join(parent, `wiretrace-reports-${endedPid()}-ghi789`)
    mkdirSync(unnamed)
    mkdirSync(other)
    const made = scratchFolder('wiretrace-rows-', parent)
    expect(existsSync(dead)).toBe(false)
    expect(new Set(readdirSync(parent).map((name) => join(parent, name)))).toEqual(new Set([running, unnamed, other, made]))
  })
})
