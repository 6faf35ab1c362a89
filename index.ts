/**
 * wiretrace as a library: the same pipeline, stages and reports as the CLI.
 *
 * - `runCorpus` runs a corpus end to end (rules, reuse index, reports on disk);
 * - `createProcessor` gives the unified processor for your own loop;
 * - every stage is a named unified plugin, to build a pipeline of your own.
 */
export {
  createProcessor,
  loadPipelineData,
  summariseReport,
  wiretraceAttribute,
  wiretraceDecode,
  wiretraceBoilerplate,
  wiretraceGeneric,
  wiretraceLanguage,
  detectLanguage,
  wiretraceMetadata,
  wiretraceOutlet,
  wiretraceParse,
  wiretraceRepeats,
  wiretraceReport,
  wiretraceSummary,
  type PipelineData,
  type ProcessorOptions
} from './pipeline/index.ts'
export {reportJsonSchema, reportSchema, SCHEMA_VERSION, type Report, type ReportBlock, type ReportReuse, type ReportSource} from './pipeline/report-schema.ts'
export {processArticle, processBytes} from './run/article.ts'
export {reuseLinker} from './link/reuse/linker.ts'
export {runLinkStep, type Linker, type LinkContext, type ReportShelf} from './link/index.ts'
export {runCorpus, writeReport, type ArticleResult, type RunOptions, type RunResult} from './run/run.ts'
export {openStore} from './link/reuse/open.ts'
export type {ReuseStore} from './link/reuse/store.ts'
export {rebuildOriginal} from './render/rebuild.ts'
export {renderMarkdown} from './render/markdown.ts'
export {DataFileError} from './core/rules/yaml-file.ts'
export {VERSION} from './core/version.ts'
