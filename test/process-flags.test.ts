/**
 * The V8 flags the `wiretrace` command sets (core/process-flags.ts), each
 * checked in a process of its own (a V8 flag belongs to the whole process).
 *
 * The heap bound: a program that holds live data and makes garbage that
 * lives long enough to be promoted, as the runner's threads do with each
 * article, stays within twice its live data; under V8's defaults on a
 * machine with a few GB of memory the same program grows to about four
 * times it.
 *
 * Regular expressions compiled to machine code at once: V8 says whether an
 * expression run once was compiled to bytecode for its interpreter, in a
 * thread the command's process starts too.
 *
 * Less inlined into each optimised function: V8's trace of what it inlines
 * into a function of six calls to a callee of 169 bytes of bytecode: five
 * of the six under the defaults, none in the command.
 *
 * Functions optimised later: how many calls of a small loop V8 makes before
 * it marks the function for its optimising compiler (19 under the defaults,
 * 153 in the command).
 */
import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'

/**
 * Runs a module script in a Node process of its own with `flags`, first starting the command (which sets its V8 flags
 * for the process) when `throughCommand`; what it printed. A script reports on standard error, as one JSON object.
 */
function runScript(script: string, throughCommand: boolean, flags: readonly string[]): {stdout: string; reported: unknown} {
  const started = `${throughCommand ? "const {main} = await import('./cli/wiretrace.ts'); await main(['--version'])" : ''}\n${script}`
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', started], {encoding: 'utf8'})
  expect(child.status, child.stderr).toBe(0)
  const at = child.stderr.lastIndexOf('{')
  return {stdout: child.stdout, reported: at === -1 ? undefined : JSON.parse(child.stderr.slice(at))}
}

/** Peak heap in use while the program runs, and its live data after a forced collection at the end, in bytes. */
function churn(throughCommand: boolean): {peak: number; live: number} {
  const script = `
    import v8 from 'node:v8'
    const live = Array.from({length: 300_000}, (_, i) => ({i, text: 'live '.repeat(4) + i}))
    // Garbage that survives a few young collections before it dies: promoted, then left to the full collections.
    const recent = []
    let peak = 0
    for (let round = 0; round < 6000; round++) {
      recent.push(Array.from({length: 1000}, (_, i) => ({round, i, text: 'garbage ' + i})))
      if (recent.length > 300) recent.shift()
      if (round % 50 === 0) peak = Math.max(peak, v8.getHeapStatistics().used_heap_size)
    }
    globalThis.gc()
    process.stderr.write(JSON.stringify({peak, live: v8.getHeapStatistics().used_heap_size, held: live.length + recent.length}))
  `
  return runScript(script, throughCommand, ['--expose-gc']).reported as {peak: number; live: number}
}

/**
 * Whether an expression run once in a worker thread was compiled to bytecode, as V8's test
 * function `%RegexpHasBytecode` tells (machine code is compiled either way once it has run).
 */
function compiledToBytecode(throughCommand: boolean): boolean {
  const script = `
    import {Worker} from 'node:worker_threads'
    const rule = "const rule = /(?<![\\\\p{L}])(?:Anadolu Agency|Reuters|AFP)(?![\\\\p{L}])/giu; rule.exec('(Reuters) -')"
    const worker = new Worker(rule + "; const bytecode = %RegexpHasBytecode(rule, true); import('node:worker_threads').then(({parentPort}) => parentPort.postMessage(bytecode))", {eval: true})
    worker.once('message', (bytecode) => process.stderr.write(JSON.stringify({bytecode})))
  `
  return (runScript(script, throughCommand, ['--allow-natives-syntax']).reported as {bytecode: boolean}).bytecode
}

describe('regular expressions', () => {
  it('are compiled to machine code alone on their first run, in every thread of the command', () => {
    expect(compiledToBytecode(true)).toBe(false)
  }, 60_000)

  it('are compiled to bytecode first under V8 defaults', () => {
    expect(compiledToBytecode(false)).toBe(true)
  }, 60_000)
})

/** Calls V8 inlined into a function of six calls to one callee, forced to be optimised, as its trace tells. */
function callsInlined(throughCommand: boolean): number {
  const script = `
    function callee(x) {
      let sum = 0
      for (let i = 0; i < 3; i++) sum += x * i + (x >> 1) - (x & 3) + Math.max(x, i) + Math.min(x, i) + (x ^ i) + (x | i)
      return sum + x * 2 + x * 3 + x * 4 + x * 5 + x * 6 + x * 7 + x * 8
    }
    function caller(x) {
      return callee(x) + callee(x + 1) + callee(x + 2) + callee(x + 3) + callee(x + 4) + callee(x + 5)
    }
    // Semicolons: a line opening with % would read as the remainder of the one before.
    %PrepareFunctionForOptimization(caller);
    caller(1);
    caller(2);
    %OptimizeFunctionOnNextCall(caller);
    caller(3);
  `
  const {stdout} = runScript(script, throughCommand, ['--allow-natives-syntax', '--trace-turbo-inlining'])
  return stdout.split('\n').filter((line) => /^Inlining .*<SharedFunctionInfo callee>.* into .*<SharedFunctionInfo caller>/.test(line)).length
}

describe('inlining', () => {
  it('stops at a smaller budget of bytecode in the command than under V8 defaults', () => {
    expect(callsInlined(false)).toBeGreaterThan(0)
    expect(callsInlined(true)).toBe(0)
  }, 60_000)
})

/** Calls of a function of a 100-step loop before V8 marks it for optimisation, or begins or ends optimising it. */
function callsBeforeOptimising(throughCommand: boolean): number {
  const script = `
    function work(n) {
      let sum = 0
      for (let i = 0; i < n; i++) sum = (sum + i * 7) % 1000003
      return sum
    }
    // V8's status bits: optimised, marked for optimisation, marked for concurrent optimisation, being optimised.
    const TIERED = 16 | 256 | 512 | 1024
    let calls = 0
    for (; calls < 100000; calls++) {
      work(100);
      if (%GetOptimizationStatus(work) & TIERED) break
    }
    process.stderr.write(JSON.stringify({calls}))
  `
  return (runScript(script, throughCommand, ['--allow-natives-syntax']).reported as {calls: number}).calls
}

describe('optimisation', () => {
  it('comes later in the command than under V8 defaults', () => {
    const defaults = callsBeforeOptimising(false)
    expect(defaults).toBeLessThan(100)
    expect(callsBeforeOptimising(true)).toBeGreaterThan(4 * defaults)
  }, 60_000)
})

describe('heap growth', () => {
  it('keeps the heap of the command within twice its live data', () => {
    const bounded = churn(true)
    expect(bounded.peak).toBeLessThan(2 * bounded.live)
  }, 120_000)
})
