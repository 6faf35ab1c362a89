/**
 * `wiretrace rules new OUTLET --from ARTICLE`: the start of a rule file for
 * an outlet, written from one of its articles so that it works at once.
 * The outlet block recognises the outlet where the article names it; one
 * block rule takes the first line the generic stage had to call
 * boilerplate; each carries examples from the article. Beside it goes a
 * whole-file fixture (the article and what wiretrace now decides for every
 * line), so `rules test` checks the article stays as the author saw it. The
 * patterns match the article's own lines: the author widens them to the
 * outlet's other articles, with the examples and the fixture as the check.
 */
import {copyFileSync, existsSync, mkdirSync} from 'node:fs'
import {basename, join, relative} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import {stringify} from 'yaml'
import {PACKAGE_ROOT} from '../core/paths.ts'
import {FIXTURE_SUFFIX} from '../core/rules/load.ts'
import {explainFile, type LineExplanation} from './explain.ts'
import {UsageError} from './inputs.ts'
import {expectedFrom} from './rule-fixtures.ts'
import {escapeRegExp} from '../core/text.ts'

export interface NewRuleFileOptions {
  /** The outlet id, which is also the file name. */
  outlet: string
  /** The outlet's name for people; default the id. */
  name?: string
  /** The site's domains, for articles whose source URL is given. */
  domains?: string[]
  /** The article to learn from. */
  article: string
  /** The rules folder to write into. */
  dir: string
  /** Other user rule folders loaded beside it. */
  otherDirs?: string[]
}

export interface NewRuleFile {
  ruleFile: string
  fixtureArticle: string
  fixtureExpected: string
}

const OUTLET_ID = /^[a-z0-9][a-z0-9-]*$/
/** A line longer than this makes a poor first rule (and its pattern would pass the pattern length limit). */
const MAX_EXAMPLE_LINE = 200

/**
 * Writes `<dir>/<outlet>.yaml` and the fixture `<dir>/tests/<outlet>.txt` with its `.expected.yaml`.
 *
 * @throws {UsageError} when the id is not a valid one, a file would be overwritten, or the article never names the outlet.
 */
export async function newRuleFile(options: NewRuleFileOptions): Promise<NewRuleFile> {
  const {outlet, dir} = options
  if (!OUTLET_ID.test(outlet)) throw new UsageError(`"${outlet}" is not an outlet id: use lower-case letters, digits and dashes (e.g. "arrahmah")`)
  const ruleFile = join(dir, `${outlet}.yaml`)
  const fixtureArticle = join(dir, 'tests', `${outlet}.txt`)
  const fixtureExpected = join(dir, 'tests', `${outlet}${FIXTURE_SUFFIX}`)
  for (const path of [ruleFile, fixtureArticle, fixtureExpected])
    if (existsSync(path)) throw new UsageError(`${path} exists; rules new never overwrites a file`)

  const before = await explainFile(options.article, {dirs: options.otherDirs ?? []})
  if (before.failure) throw new UsageError(`${options.article}: ${before.failure}`)
  const name = options.name ?? outlet
  const recognition = recognitionLine(before.lines, [name, outlet])
  if (!recognition) {
    throw new UsageError(`no line of ${options.article} names "${name}"; give the name the site prints (--name), or start from an article that prints it`)
  }
  const body = before.lines.filter((line) => line.role === 'body' && line !== recognition.line && !recognition.regex.test(line.text))
  const boilerplate = before.lines.find(
    (line) => line.role === 'boilerplate' && line.ruleId?.startsWith('generic/') && line.lines[0] === line.lines[1] && line.text.length <= MAX_EXAMPLE_LINE
  )
  const noMatch = body[0]?.text ?? before.lines.find((line) => line !== recognition.line && !recognition.regex.test(line.text))?.text
  if (noMatch === undefined) throw new UsageError(`${options.article} has no line that does not name "${name}": take a whole article`)

  const source = basename(options.article)
  const spec = {
    description: `${name}. Written by wiretrace rules new from ${source}: widen the patterns to the outlet's other articles, with their lines as examples.`,
    outlet: {
      id: outlet,
      name,
      ...(options.domains && options.domains.length > 0 ? {domains: options.domains} : {}),
      recognise: [recognition.pattern],
      examples: {match: [recognition.line.text], noMatch: [noMatch]}
    },
    rules: boilerplate
      ? [
          {
            id: 'boilerplate-line',
            kind: 'block',
            description: `line ${boilerplate.lines[0]} of ${source}, boilerplate by ${boilerplate.ruleId}; name the rule for what the line is`,
            pattern: `^${escapeRegExp(boilerplate.text)}$`,
            examples: {match: [boilerplate.text], noMatch: [noMatch]}
          }
        ]
      : []
  }
  mkdirSync(join(dir, 'tests'), {recursive: true})
  const schema = (file: string, from: string) =>
    relative(from, join(PACKAGE_ROOT, 'schema', file))
      .split('\\')
      .join('/')
  writeFileAtomic.sync(ruleFile, `# yaml-language-server: $schema=${schema('rules.schema.json', dir)}\n${stringify(spec, {lineWidth: 0})}`)
  copyFileSync(options.article, fixtureArticle)
  const after = await explainFile(fixtureArticle, {dirs: [...(options.otherDirs ?? []), dir]})
  const description = `${source} as wiretrace decided it when ${outlet}.yaml was written; correct what is wrong, then make the rules agree`
  writeFileAtomic.sync(fixtureExpected, expectedFrom(after, schema('fixture.schema.json', join(dir, 'tests')), description))
  return {ruleFile, fixtureArticle, fixtureExpected}
}

/**
 * The line that names the outlet and the pattern that finds the name there:
 * the name as printed with any web-address tail (".com", ".co.id"), not
 * inside a longer word. A line that opens or closes with the name (a
 * dateline, a sign-off) is preferred to one that names it in passing.
 */
function recognitionLine(lines: LineExplanation[], names: string[]): {line: LineExplanation; pattern: string; regex: RegExp} | undefined {
  const candidates: Array<{line: LineExplanation; pattern: string; regex: RegExp; edge: boolean}> = []
  for (const name of names) {
    const finder = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?:\\.[\\p{L}]{2,})*(?![\\p{L}\\p{N}])`, 'iu')
    for (const line of lines) {
      const found = finder.exec(line.text)
      if (!found) continue
      const pattern = `(?<![\\p{L}\\p{N}])${escapeRegExp(found[0])}(?![\\p{L}\\p{N}])`
      const edge = found.index < 40 || line.text.length - (found.index + found[0].length) < 40
      candidates.push({line, pattern, regex: new RegExp(pattern, 'iu'), edge})
    }
  }
  return candidates.find((candidate) => candidate.edge) ?? candidates[0]
}
