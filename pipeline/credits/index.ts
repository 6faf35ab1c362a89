/**
 * Stage: credits. Reads agency credits from where credits stand, in any
 * language and for outlets nobody wrote rules for (see pipeline/credits/credit-lines.ts):
 *
 * - a line that is a credit and nothing else ("EFE", "AFP/xx", "Konbini
 *   avec AFP", "(With inputs from AFP, AP)", "20:25 Источник: Интерфакс")
 *   is boilerplate, or meta when it is a byline ("By AFP", "Von dpa",
 *   "June 25, 2013|Reuters");
 * - a dateline's bracket ("SHANGHAI, June 26 (Reuters) -", "Beijing, Nov 18
 *   (IANS)", "15 апреля, Минск /Корр. БЕЛТА/.") and a sign-off closing a
 *   paragraph ("… (Reuters)", "… /TASS/", "… — Bernama", "… detención.
 *   EFE", with a wire end mark such as "-0-" after it) are cut from the
 *   paragraph as spans with their rule id: the paragraph keeps its role, and
 *   the generic stage judges the sentence without the credit, so a last
 *   paragraph ending in "(Reuters)" stays body.
 *
 * Each credit is agency evidence with its kind and position for the
 * attribution stage. A short code in capitals standing in a credit position
 * that the registry does not know ("(PL)") is reported as an unknown agency
 * (a warning, and `file.data.unknownAgencies`), so a user can add it.
 * Lines the rules already decided as boilerplate, titles and deks, and lines
 * whose credit a rule already read are left alone.
 */
import type {Paragraph, Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {AgencyRegistry} from '../agencies.ts'
import {creditReader, endMarkIn, type CreditFinding, type CreditReader} from './credit-lines.ts'
import type {GenericConfig} from '../generic/config.ts'
import {matchText, type MatchText} from '../../core/text.ts'
import {blockView, cutSpan} from '../block-view.ts'
import {blocksOf, note, warn, type BlockData} from '../data.ts'
import {withinArticleBudget} from '../../core/rules/budget.ts'

export interface CreditsOptions {
  registry: AgencyRegistry
  /** Credit labels ("Sumber", "Fuente") and byline words ("By", "Von") come from the generic configuration. */
  generic: GenericConfig
  /** How long user patterns (agency names and codes from user folders) may run on one article, shared with the other stages; unset when there are none. */
  timeBudgetMs?: number
}

/** Rule ids of this stage's decisions. */
export const CREDIT_RULES = {
  'credit-line': 'credits/credit-line',
  field: 'credits/credit-field',
  byline: 'credits/byline',
  dateline: 'credits/dateline',
  'sign-off': 'credits/sign-off',
  endMark: 'credits/end-mark',
  photo: 'credits/photo-credit',
  unknown: 'credits/unknown-agency'
} as const

export const wiretraceCredits: Plugin<[CreditsOptions], Root> = function (options) {
  const {registry, generic} = options
  const labels = [...generic.creditKind].filter(([, kind]) => kind === 'credit').map(([label]) => label)
  const bylineLabels = [...generic.labelField].filter(([, field]) => field === 'byline').map(([label]) => label)
  const reader = creditReader(registry, labels, generic.bylinePrefix, bylineLabels)
  return function (tree, file) {
    // User patterns run here: within the article's time budget, shared with the other stages.
    withinArticleBudget(file, options.timeBudgetMs, () => {
      file.data.unknownAgencies = []
      for (const {node, block} of blocksOf(tree)) {
        if (block.role === 'title' || block.role === 'dek') continue
        if (block.evidence.some((evidence) => evidence.kind === 'credit' || evidence.kind === 'dateline')) continue
        const {reading: text, inputOffset: original} = blockView(node, block)
        // A line a rule threw out is read again only when it is a credit and nothing else ("Von RND/AP" that a caption rule
        // took for a photo credit), or holds a labelled one among its fields ("Editor: Budi | Sumber: ANTARA").
        const findings = reader
          .find(text.value)
          .filter((finding) => block.role !== 'boilerplate' || ((finding.wholeLine || finding.inField) && !finding.photo && finding.agencies.length > 0))
        for (const finding of findings) record(file, block, node.position, finding, text, original)
        if (findings.length === 0) {
          const cut = datelineCutAsPlace(node, block, reader)
          if (cut) record(file, block, node.position, cut.finding, cut.printed, cut.toInput)
          const mark = endMarkIn(text.value, registry.creditWords)
          if (mark) cutSpan(block, {start: original(mark.start), end: original(mark.end - 1) + 1, ruleId: CREDIT_RULES.endMark})
        }
      }
    })
  }
}

type Place = Paragraph['position']

/**
 * A rule that took a dateline's name for a place ("AGI – ", "JAKARTA, ANTARA - ": the common caps-dateline rule) cut it
 * from the text the reader reads: the block is read again as printed, for a dateline at its start naming an agency.
 */
function datelineCutAsPlace(
  node: Paragraph,
  block: BlockData,
  reader: CreditReader
): {finding: CreditFinding; printed: MatchText; toInput: (index: number) => number} | null {
  const {original, offset} = blockView(node, block)
  if (!block.fields.some((field) => field.field === 'dateline' && field.start === offset)) return null
  const printed = matchText(original)
  const finding = reader.dateline(printed.value)
  return finding && finding.agencies.length > 0 ? {finding, printed, toInput: (index) => offset + printed.toOriginal(index)} : null
}

function record(file: VFile, block: BlockData, place: Place, finding: CreditFinding, text: MatchText, original: (index: number) => number): void {
  const ruleId = finding.inField ? CREDIT_RULES.field : CREDIT_RULES[finding.position]
  const start = original(finding.start)
  const end = original(Math.max(finding.start, finding.end - 1)) + 1
  const written = text.value.slice(finding.start, finding.end).trim()
  for (const code of finding.unknown) {
    file.data.unknownAgencies!.push({
      text: code.text,
      block: block.id,
      position: finding.position,
      start: original(code.start),
      end: original(code.end - 1) + 1
    })
    warn(
      file,
      `"${code.text}" stands where ${finding.position === 'dateline' ? 'a dateline names' : 'a credit names'} an agency but is not in the registry; add it to an agencies.yaml if it is one`,
      CREDIT_RULES.unknown,
      place
    )
  }
  if (finding.photo) {
    // A photo credit in a credit's shape: evidence for the picture; the line stays as the other stages judge it.
    if (finding.agencies.length > 0)
      block.evidence.push({
        kind: 'photo-credit',
        position: 'caption',
        agencyText: finding.agencies.map((mention) => mention.text).join('/'),
        ruleId: CREDIT_RULES.photo,
        start,
        end,
        text: written
      })
    return
  }
  if (finding.wholeLine) {
    if (block.role === undefined || block.role === 'boilerplate') {
      // A credit read whole outranks a shape rule's guess at the same line: its evidence must count.
      block.evidence = block.evidence.filter((evidence) => evidence.kind !== 'photo-credit')
      // An agency is no person's byline: the line is a credit, boilerplate, unless it also dates the article, is the
      // dateline printed on a line of its own, or names the reporters the agency's copy came with ("By Jane Doe, Reuters").
      const meta = finding.dated || finding.position === 'dateline' || finding.reporters === true
      block.role = meta ? 'meta' : 'boilerplate'
      block.ruleId = ruleId
      block.why =
        finding.position === 'dateline'
          ? `dateline naming an agency, printed alone ("${written}")`
          : finding.dated
            ? `date and credit naming an agency ("${written}")`
            : finding.reporters
              ? `byline naming reporters and an agency ("${written}")`
              : finding.agencies.length > 0
                ? `credit naming an agency ("${written}")`
                : `credit naming a source the registry does not know as an agency ("${written}")`
      note(file, `${block.role}: ${block.why}`, ruleId, place)
    }
  } else if (!finding.inField && cutSpan(block, {start, end, ruleId})) {
    note(file, `removed span: ${finding.position} naming an agency ("${written}")`, ruleId, place)
  }
  // A credit in one field of a line of meta fields is evidence alone: the line's other fields (an editor, a reporter)
  // are the metadata stage's to read.
  if (finding.agencies.length === 0) return
  const kind = finding.position === 'dateline' ? 'dateline' : 'credit'
  const agencyText = finding.agencies.map((mention) => mention.text).join('/')
  block.evidence.push({kind, position: finding.position, agencyText, ruleId, start, end, text: written})
}
