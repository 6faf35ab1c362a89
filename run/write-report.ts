/** Writing one article's reports: light enough for a thread that does nothing else. */
import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {replaceFile} from '../core/replace-file.ts'
import {timed} from '../core/stage-clock.ts'
import {reportSchema, type Report} from '../pipeline/report-schema.ts'
import type {InputFile} from './inputs.ts'
import {renderMarkdown, type MarkdownOptions} from '../render/markdown.ts'
import {heldText, type HeldJson} from './held-reports.ts'

/** Makes the folder of a report when writing finds it missing: most reports go to a folder an earlier one made, so no mkdir per article. */
function makeFolderAndWrite(path: string, text: string | Uint8Array): void {
  try {
    replaceFile(path, text)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    mkdirSync(dirname(path), {recursive: true})
    replaceFile(path, text)
  }
}

/**
 * How a report's Markdown twin is written beside its JSON: rendered with these options, or, `false` (`run
 * --no-markdown`), not at all, and a twin an earlier run left is removed, so a folder never holds a Markdown twin that
 * says something its JSON no longer does.
 */
export type TwinWriting = MarkdownOptions | false

/**
 * Writes `<out>/<relative path>.json` and `.md`, each atomically (temp file, then rename; not fsynced: see
 * `replaceFile`); with `twin` false, the JSON alone. `serialised` is the JSON (`jsonText`), when the caller has made it
 * already.
 *
 * Two processes can write one report at once (sharded runners sharing a folder: one patches a partner's report while
 * the partner's own runner writes it), and the pair is two renames, so one writer's JSON could be left beside the
 * other's Markdown, which `reuse --finalize` would never rewrite (it writes a report only when its JSON changes).
 * So the JSON goes first and the Markdown last, and the writer then reads the JSON back: if another writer replaced
 * it in between, the Markdown is rendered again from the JSON on disk, until the JSON stays the one rendered. Whoever
 * renames a Markdown twin last has then checked it against the JSON that stays, so the pair ends up matching.
 */
export function writeReport(out: string, input: Pick<InputFile, 'relative'>, report: Report, twin: TwinWriting = {}, serialised?: string): string[] {
  const [json, markdown] = reportPaths(out, input.relative)
  const jsonText = writeJson(json, report, serialised)
  if (twin === false) {
    timed('write files', () => rmSync(markdown, {force: true}))
    return [json]
  }
  writeTwin(markdown, json, jsonText, report, twin)
  return [json, markdown]
}

/**
 * Writes the JSON report alone, as the pipeline of a run does: its Markdown twin waits for the link step, which writes
 * it (`writeMarkdownTwin`) with the report's links, once, instead of a twin without links that a patch would replace.
 */
export function writeJsonReport(out: string, input: Pick<InputFile, 'relative'>, report: Report, serialised?: string): string[] {
  const paths = reportPaths(out, input.relative)
  writeJson(paths[0], report, serialised)
  return paths
}

/**
 * Writes a report the run held (run/held-reports.ts) as the JSON it was serialised to, and its Markdown twin as
 * `writeReport` writes it, or removes a twin an earlier run left (`twin` false).
 */
export function writeHeldReport(out: string, id: string, json: HeldJson, twin: TwinWriting): void {
  const [jsonPath, markdown] = writeHeldJson(out, id, json)
  if (twin === false) return void timed('write files', () => rmSync(markdown, {force: true}))
  const text = heldText(json)
  writeTwin(markdown, jsonPath, text, JSON.parse(text) as Report, twin)
}

/** Writes a held report's JSON alone, as the pipeline writes it when the link step writes the twin. */
export function writeHeldJson(out: string, id: string, json: HeldJson): [string, string] {
  const paths = reportPaths(out, id)
  timed('write files', () => makeFolderAndWrite(paths[0], json))
  return paths
}

/**
 * Writes the Markdown twin of a report this run wrote, rendered from its JSON on disk (taken as it is, as
 * `readWrittenReport` takes a report this process wrote) and checked against that JSON as `writeReport` checks it.
 * Read, not handed over: sending a report to a writer thread cost the sender a structured clone and the writer a
 * serialisation to compare with the file, more than reading the file.
 */
export function writeMarkdownTwin(out: string, id: string, markdownOptions: MarkdownOptions = {}): void {
  const [json, markdown] = reportPaths(out, id)
  const onDisk = timed('write files', () => readFileSync(json, 'utf8'))
  writeTwin(markdown, json, onDisk, JSON.parse(onDisk) as Report, markdownOptions)
}

/** Where an article's JSON report and its Markdown twin go under `out`. */
export function reportPaths(out: string, id: string): [string, string] {
  const base = join(out, id)
  return [`${base}.json`, `${base}.md`]
}

/** The files an article's report is written to under `out`: its JSON, and its Markdown twin unless the run writes none. */
export function reportFiles(out: string, id: string, markdown: boolean): string[] {
  const paths = reportPaths(out, id)
  return markdown ? paths : [paths[0]]
}

/** A report's JSON as it is written: indented, with a final newline. */
export function jsonText(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** Writes the report's JSON (`serialised`, when the caller has serialised it already: `jsonText`). */
function writeJson(path: string, report: Report, serialised?: string): string {
  const text = serialised ?? timed('serialise json', () => jsonText(report))
  timed('write files', () => makeFolderAndWrite(path, text))
  return text
}

/** Renders and writes the twin, then again from the JSON on disk for as long as another writer replaced it meanwhile. */
function writeTwin(markdown: string, json: string, written: string, report: Report, markdownOptions: MarkdownOptions): void {
  let jsonText = written
  let rendered = report
  for (;;) {
    const markdownText = timed('render markdown', () => renderMarkdown(rendered, markdownOptions))
    timed('write files', () => makeFolderAndWrite(markdown, markdownText))
    const onDisk = timed('write files', () => readFileSync(json, 'utf8'))
    if (onDisk === jsonText) break
    jsonText = onDisk
    rendered = reportSchema.parse(JSON.parse(onDisk))
  }
}

/**
 * A report the run (or an earlier one) wrote to `out`, or undefined when there is none or it is not a report of this version.
 * With `validated` false (a report this process wrote itself), the JSON is taken as it is: validating it again was a third
 * of the time the link step spent reading reports.
 */
export function readWrittenReport(out: string, id: string, validated = true): Report | undefined {
  try {
    const parsed = JSON.parse(readFileSync(reportPaths(out, id)[0], 'utf8')) as unknown
    return validated ? reportSchema.parse(parsed) : (parsed as Report)
  } catch {
    return undefined
  }
}
