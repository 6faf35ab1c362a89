/**
 * Bundles the compiled command (dist/cli) and its worker entries into
 * dist/bundle, which bin/wiretrace.js runs. Node spends about half of a
 * small run's start-up resolving, reading and compiling the ~640 modules the
 * command imports one by one; a bundle is a few files, so a `wiretrace check`
 * over a handful of new articles starts in half the CPU time. The library
 * (dist/index.js) stays unbundled, as callers import it.
 *
 * Run after `tsc -p tsconfig.build.json` (npm run build does both). The bench runs it too, on its own entries, to
 * measure the code as the command runs it.
 */
import {rmSync} from 'node:fs'
import {resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

export const BUNDLE_DIR = 'dist/bundle'
/** The command's bundled entry, written last by a build: its age says when the bundle was built. */
export const BUNDLED_COMMAND = `${BUNDLE_DIR}/wiretrace.js`

export async function bundleCommand(): Promise<void> {
  // The worker entries stay entries: run/workers.ts starts them by file name beside its own module.
  await bundleModules(['dist/cli/wiretrace.js', 'dist/run/worker.js', 'dist/run/write-worker.js'], BUNDLE_DIR)
}

/**
 * Bundles `entryPoints` (compiled modules or TypeScript sources) into `outdir`, emptied first, one file per entry
 * under the entry's own name and the shared code in chunks beside them. `outdir` must sit inside the package: the
 * bundled code finds the package's rules from where it runs.
 */
export async function bundleModules(entryPoints: string[], outdir: string): Promise<void> {
  rmSync(outdir, {recursive: true, force: true})
  await build({
    entryPoints,
    bundle: true,
    // Chunks keep the lazily imported parts (the HTML site, the PostgreSQL store) out of a run that does not use them.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // esbuild's table of what Node supports leaves out \p{…} escapes, so it rewrote every regular expression literal with
    // one into `new RegExp(…)`, a new expression at each evaluation: inside a function, on every call (134–145 ns
    // against 27–34 for the literal's test of a word). Node 20 has them (ES2018); the literals stay literals.
    supported: {'regexp-unicode-property-escapes': true},
    outdir,
    // Flat names: every chunk sits beside the worker entries, so `new URL('./worker.js', import.meta.url)` finds them.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // Native bindings and the PostgreSQL client load their own files at run time.
    external: ['better-sqlite3', 'pg'],
    // CommonJS dependencies inside an ES module bundle still read `require` and `__filename` (write-file-atomic names its temporary files by it).
    banner: {
      js: [
        "import {createRequire as __wiretraceRequire} from 'node:module'",
        "import {fileURLToPath as __wiretracePath} from 'node:url'",
        'const require = __wiretraceRequire(import.meta.url)',
        'const __filename = __wiretracePath(import.meta.url)'
      ].join('; ')
    },
    logLevel: 'warning'
  })
}

// `tsx scripts/bundle.ts` bundles the command; `tsx scripts/bundle.ts OUTDIR ENTRY...` bundles the entries into OUTDIR (the bench's measurements).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outdir, ...entries] = process.argv.slice(2)
  await (outdir === undefined ? bundleCommand() : bundleModules(entries, outdir))
}
