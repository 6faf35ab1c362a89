/**
 * Writes dist/parsed-rules.json: the built-in rule files parsed once at build
 * time, so that a run does not parse them again (core/rules/yaml-precompiled.ts
 * says why). Run after `tsc -p tsconfig.build.json` (npm run build does).
 */
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import fg from 'fast-glob'
import {replaceFile} from '../core/replace-file.ts'
import {BUILTIN_RULES_DIR} from '../core/rules/load.ts'
import {PRECOMPILED_YAML_FILE, precompileYaml} from '../core/rules/yaml-precompiled.ts'

export function parseBuiltinRules(): void {
  const files = fg.sync('**/*.{yaml,yml}', {cwd: BUILTIN_RULES_DIR, absolute: true}).sort()
  replaceFile(PRECOMPILED_YAML_FILE, `${JSON.stringify(precompileYaml(files.map((file) => readFileSync(file, 'utf8'))))}\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) parseBuiltinRules()
