/**
 * Every rule id wiretrace's code can put on a decision, a removed span, a
 * piece of evidence or a CI finding, with what it means: the one place
 * `explain`, the SARIF output, the HTML pages and the README ("Rule ids")
 * read them from. Ids written in data files (cleaning rules, agency citation
 * patterns) are described there; `describeRule` names the file family.
 */

export interface RuleDoc {
  id: string
  /** The stage or step that gives the id. */
  by: string
  meaning: string
}

export const RULE_CATALOG = [
  {id: 'input/empty', by: 'decode', meaning: 'the file is empty: not an article'},
  {id: 'input/binary', by: 'decode', meaning: 'the file holds a NUL byte: binary, not text'},
  {id: 'input/encoding', by: 'decode', meaning: 'the file is not UTF-8 (UTF-16, or invalid bytes)'},
  {id: 'input/too-large', by: 'decode', meaning: 'the file is over the size limit for one article (--max-bytes)'},
  {id: 'input/line-too-long', by: 'decode', meaning: 'a line is over the length limit (--max-line-chars)'},
  {id: 'input/unreadable', by: 'run', meaning: 'the file could not be read'},
  {id: 'input/link-outside', by: 'run', meaning: 'a symbolic link points outside the folders given'},
  {id: 'input/byte-order-mark', by: 'report', meaning: 'the byte-order mark, kept as a removed span of its own'},
  {id: 'layout/white-space', by: 'report', meaning: 'white space between blocks, kept so the report rebuilds the file'},
  {id: 'rules/time-budget', by: 'boilerplate', meaning: 'the rules took longer than their time budget on this file and were stopped'},
  {id: 'outlet/config', by: 'outlet', meaning: 'the outlet given by the configuration (`sources:` or sources.tsv)'},
  {id: 'outlet/domain', by: 'outlet', meaning: "the outlet recognised from the article's source URL, under a domain an outlet file declares"},
  {id: 'generic/hard-wrap', by: 'join', meaning: 'the lines of one hard-wrapped paragraph joined into one block'},
  {id: 'credits/credit-line', by: 'credits', meaning: 'a line of its own that credits an agency'},
  {id: 'credits/credit-field', by: 'credits', meaning: 'a labelled credit in one field of a line of meta fields ("Editor: Budi | Sumber: ANTARA")'},
  {id: 'credits/byline', by: 'credits', meaning: 'a byline that names an agency'},
  {id: 'credits/dateline', by: 'credits', meaning: "an agency named in the dateline's brackets, cut as a span"},
  {id: 'credits/sign-off', by: 'credits', meaning: "an agency's sign-off at the end of a paragraph, cut as a span"},
  {id: 'credits/end-mark', by: 'credits', meaning: 'the end mark after the last paragraph, with an agency in it'},
  {id: 'credits/photo-credit', by: 'credits', meaning: "a photo credit: the agency's picture, not its text"},
  {id: 'credits/unknown-agency', by: 'credits', meaning: 'a code stands where credits name agencies but is not in the registry'},
  {id: 'metadata/title', by: 'metadata', meaning: 'the headline-shaped line above the first paragraph'},
  {id: 'metadata/dek', by: 'metadata', meaning: 'the sentence under the title, above the lead'},
  {id: 'generic/meta-label', by: 'metadata', meaning: 'a meta line opened by a label (editor, reporter, source …)'},
  {id: 'generic/byline', by: 'metadata', meaning: 'a byline opened by a byline word'},
  {id: 'generic/date-line', by: 'metadata', meaning: 'a line that is only a date'},
  {id: 'generic/copyright', by: 'metadata', meaning: 'a copyright line'},
  {
    id: 'generic/sign-off',
    by: 'metadata',
    meaning: "a writer's or editor's sign-off: initials, a name or desks' codes in brackets, or the desks' initials joined by a slash"
  },
  {id: 'generic/byline-name', by: 'metadata', meaning: 'a bare name under the title or beside a meta line'},
  {id: 'generic/dateline-alone', by: 'metadata', meaning: 'a dateline printed alone above the lead'},
  {id: 'repeat/title', by: 'repeats', meaning: 'the title printed again (over a photo, in a caption)'},
  {id: 'repeat/block', by: 'repeats', meaning: 'a line printed a second time in the same article'},
  {id: 'generic/credit-label', by: 'generic', meaning: 'a credit line: a credit word and an agency'},
  {id: 'generic/caption-credit', by: 'generic', meaning: 'a caption that ends in a photo credit'},
  {id: 'generic/image-file', by: 'generic', meaning: 'the file name of a picture'},
  {id: 'generic/picture', by: 'generic', meaning: 'a picture in the Markdown a scrape wrote (`![description](address)`)'},
  {id: 'generic/caption', by: 'generic', meaning: 'a caption: under a picture, or short with its source in brackets'},
  {id: 'generic/teaser-label', by: 'generic', meaning: 'a teaser label ("read also" in any language) or the teasers listed under it'},
  {
    id: 'generic/promo',
    by: 'generic',
    meaning: "a call to action of a widget or promotion, or the site's note about its copy (a syndication notice, a disclaimer)"
  },
  {id: 'generic/section-label', by: 'generic', meaning: 'the heading of comments, tags or a most-read list: the article ends above it'},
  {id: 'generic/doubled-text', by: 'generic', meaning: 'the same text twice over on one line (a link and its title)'},
  {id: 'generic/no-text', by: 'generic', meaning: 'a line with no words'},
  {id: 'generic/link', by: 'generic', meaning: 'links and little else'},
  {id: 'generic/repeated-line', by: 'generic', meaning: 'a short label the article prints several times'},
  {id: 'generic/outlet-template', by: 'generic', meaning: "a line many articles of the same outlet print: the outlet's template"},
  {id: 'generic/stock-phrase', by: 'generic', meaning: 'a line printed by many outlets: a stock phrase'},
  {id: 'generic/before-lead', by: 'generic', meaning: 'above the lead: page furniture before the article'},
  {id: 'generic/after-article', by: 'generic', meaning: 'below the last paragraph: page furniture after the article'},
  {id: 'generic/next-article-head', by: 'generic', meaning: 'the headline or dateline of a further article the page prints'},
  {id: 'generic/heading-list', by: 'generic', meaning: 'one of several headline-like lines in a row: a list of links'},
  {id: 'generic/paragraph', by: 'generic', meaning: 'running text: a paragraph'},
  {id: 'generic/paragraph-end', by: 'generic', meaning: 'goes on from the last paragraph'},
  {id: 'generic/low-function-words', by: 'generic', meaning: 'too few function words for running text'},
  {id: 'generic/short-between-body', by: 'generic', meaning: 'a short line between two paragraphs: text'},
  {id: 'generic/short-between-boilerplate', by: 'generic', meaning: 'a short line between two boilerplate lines: boilerplate'},
  {id: 'generic/short-beside-body', by: 'generic', meaning: 'a short sentence next to text: text'},
  {id: 'generic/short-beside-boilerplate', by: 'generic', meaning: 'a short line next to boilerplate: boilerplate'},
  {id: 'generic/sentence', by: 'generic', meaning: 'the article has no paragraph; a line that ends like a sentence is kept'},
  {id: 'generic/no-paragraph', by: 'generic', meaning: 'the article has no paragraph; a line that does not end like a sentence is dropped'},
  {
    id: 'attribute/own-site',
    by: 'attribute',
    meaning: "the article was published on an agency's own site (`sites:` in rules/agencies.yaml): a paragraph no other evidence credits is the agency's"
  },
  {id: 'language/trigrams', by: 'language', meaning: "the article's language, from the trigrams of its body text"},
  {id: 'reuse/shared-text', by: 'link', meaning: 'a paragraph shares text with a paragraph of another article (or of the same one)'},
  {id: 'translation/anchors', by: 'link', meaning: 'a paragraph is a translation of a paragraph in another language, from the anchors both keep'},
  {id: 'uncredited-reuse', by: 'check', meaning: 'CI finding: a paragraph reuses text whose agency the article does not credit'},
  {id: 'uncredited-share', by: 'check', meaning: 'CI finding: the share of body text that is uncredited reuse is over the threshold'},
  {id: 'unknown-outlet', by: 'check', meaning: 'CI finding: no outlet was recognised in the article (or it is not one of the allowed outlets)'},
  {id: 'input-error', by: 'check', meaning: 'CI finding: the file is not a readable article (empty, binary, not UTF-8, too large, a line too long)'},
  {id: 'rule-error', by: 'check', meaning: 'CI finding: the rules failed on the file (for instance a pattern ran out of its time budget)'}
] as const satisfies readonly RuleDoc[]

export type CatalogRuleId = (typeof RULE_CATALOG)[number]['id']

const BY_ID = new Map<string, RuleDoc>(RULE_CATALOG.map((doc) => [doc.id, doc]))

/** The ids of one prefix (`generic/` …), in catalog order. */
export function catalogIds<P extends string>(prefix: P): Array<Extract<CatalogRuleId, `${P}${string}`>> {
  return RULE_CATALOG.filter((doc) => doc.id.startsWith(prefix)).map((doc) => doc.id as Extract<CatalogRuleId, `${P}${string}`>)
}

/** The README anchor of a rule id, e.g. `rule-generic-hard-wrap`. */
export function ruleAnchor(id: string): string {
  return `rule-${id.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`
}

/**
 * What a rule id means: the catalog's line, or, for an id written in a data
 * file, which file family defines it (`<file>/<rule>` for cleaning rules,
 * `agencies/<pattern>` for citation patterns).
 */
export function describeRule(id: string): RuleDoc {
  const known = BY_ID.get(id)
  if (known) return known
  if (id.startsWith('agencies/'))
    return {id, by: 'attribute', meaning: 'a citation pattern of rules/agencies.yaml (an agency named as the source of a statement)'}
  const [file, rule] = id.split('/')
  if (rule === 'recognise') return {id, by: 'outlet', meaning: `the outlet of the rule file "${file}", recognised by its \`recognise\` patterns in the text`}
  return {id, by: 'boilerplate', meaning: `a cleaning rule of the rule file "${file}" (its \`description\` says what it removes)`}
}
