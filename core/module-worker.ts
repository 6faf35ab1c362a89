import {Worker, type WorkerOptions} from 'node:worker_threads'

/**
 * Starts a thread on the worker module `name` beside the caller's own module (`callerUrl`, its `import.meta.url`).
 * Compiled code (the built package, the command's bundle, the bench's bundle) runs the compiled module directly; from
 * the TypeScript sources the thread must register tsx itself, which `core/tsx-worker.js` does before importing it.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options)
  return new Worker(new URL('./tsx-worker.js', import.meta.url), {...options, argv: [new URL(`./${name}.ts`, callerUrl).href]})
}
