#!/usr/bin/env node
// The command runs the bundled CLI in dist/bundle/, built by `npm run build`
// (and by `prepare`, so `npm install` in a clone or from a git URL builds it).
import {existsSync} from 'node:fs'

const compiled = new URL('../dist/bundle/wiretrace.js', import.meta.url)
if (!existsSync(compiled)) {
  process.stderr.write('wiretrace: dist/ is missing; run `npm run build` (npm install runs it) before using the command.\n')
  process.exit(3)
}
const {main} = await import(compiled.href)
process.exitCode = await main(process.argv.slice(2))
