/**
 * `rules test` for the registry's citation phrases and reporting-verb
 * lexicons: each example a phrase or a lexicon carries is read as the
 * attribution stage reads a paragraph, and must credit the agency it names
 * (`match`) or nothing (`noMatch`), as a rule's examples must match or not.
 */
import {loadAgencies, type CitationMatch} from '../pipeline/agencies.ts'
import type {ExampleFailure, RuleTestResult} from '../core/rules/tester.ts'
import type {RuleSource} from '../core/rules/load.ts'

interface CitationExample {
  text: string
  agency?: string
}

/** The examples of the written phrases and lexicons of the registry the folders make, those whose file `include` accepts, run. */
export function testCitationExamples(dirs: string[], include: (file: string) => boolean): RuleTestResult[] {
  const registry = loadAgencies(dirs)
  const written = registry.citations
    .filter((pattern) => include(pattern.source.file))
    .map((pattern) =>
      result(pattern.id, 'citation', pattern.source, pattern.spec.examples, (text) => registry.findCitations(text).filter((found) => found.pattern === pattern))
    )
  const lexicons = registry.reporting
    .filter((lexicon) => include(lexicon.source.file))
    .map((lexicon) =>
      // Any phrase may credit a lexicon's example; one of the lexicon's own language must not credit its negatives.
      result(`agencies/reporting-${lexicon.language}`, 'lexicon', lexicon.source, lexicon.spec.examples, (text, negative) =>
        registry.findCitations(text).filter((found) => !negative || found.pattern.language === lexicon.language)
      )
    )
  return [...written, ...lexicons]
}

function result(
  id: string,
  what: 'citation' | 'lexicon',
  source: RuleSource,
  examples: {match: CitationExample[]; noMatch: CitationExample[]},
  find: (text: string, negative: boolean) => CitationMatch[]
): RuleTestResult {
  const failures: ExampleFailure[] = []
  const credited = (found: CitationMatch[]) => [...new Set(found.map((match) => match.agency))].join(', ') || 'nothing'
  for (const example of examples.match) {
    const found = find(example.text, false)
    if (!found.some((match) => match.agency === example.agency))
      failures.push({at: source, example: example.text, message: 'does not credit the agency it must', expected: example.agency, actual: credited(found)})
  }
  for (const example of examples.noMatch) {
    const found = find(example.text, true)
    if (found.length > 0)
      failures.push({at: source, example: example.text, message: 'credits an agency where it must not', expected: 'nothing', actual: credited(found)})
  }
  return {id, what, source, examples: examples.match.length + examples.noMatch.length, failures}
}
