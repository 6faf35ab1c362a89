#!/usr/bin/env node
// The installed package runs its compiled CLI (dist/, built by `npm pack` or by
// `prepare` when installed from git). A clone, which has the TypeScript
// sources, runs them through tsx, so a change needs no build step.
import {existsSync} from 'node:fs'

const sources = new URL('../cli/wiretrace.ts', import.meta.url)
let main
if (existsSync(sources)) {
  const {register} = await import('tsx/esm/api')
  register()
  ;({main} = await import(sources.href))
} else {
  ;({main} = await import(new URL('../dist/cli/wiretrace.js', import.meta.url).href))
}
process.exitCode = await main(process.argv.slice(2))
