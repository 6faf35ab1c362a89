import {existsSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {cpuSecOfStat, threadCpuSec} from '../bench/thread-cpu.ts'

describe("a thread's CPU time from /proc", () => {
  it('reads the user and system times after a command name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const stat = '4242 (node (x) y) R 1 4242 4242 0 -1 4194304 90210 0 12 0 1234 56 7 8 20 0 11 0 100 1000000 5000'
    expect(cpuSecOfStat(stat)).toBeCloseTo(12.9, 9)
  })

  it('refuses a line that is not a stat line', () => {
    expect(() => cpuSecOfStat('MemTotal: 24000000 kB')).toThrow(/not a \/proc stat line/)
  })

  it.runIf(existsSync('/proc/thread-self/stat'))("counts this thread's work, and no more than the time it took", () => {
    const before = threadCpuSec()!
    const started = performance.now()
    let spin = 0
    while (performance.now() - started < 300) spin += Math.sqrt(spin + 1)
    const wallSec = (performance.now() - started) / 1000
    const spent = threadCpuSec()! - before
    expect(spin).toBeGreaterThan(0)
    expect(spent).toBeGreaterThan(0)
    // One tick of rounding on each reading.
    expect(spent).toBeLessThanOrEqual(wallSec + 0.02)
  })
})
