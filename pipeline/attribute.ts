/**
 * Stage: attribute. Tags every body paragraph with the news agencies its
 * text comes from, how sure the tool is, and the evidence, from three places:
 *
 * - what the rules captured (credit lines, agency datelines, copyright
 *   lines, photo credits), whose named agency the registry resolves;
 * - citation phrases in the body itself ("seperti dilansir Reuters",
 *   "told Yonhap", "selon l'AFP", sign-offs such as "[Antara]"), found
 *   from the registry's patterns;
 * - the article's address, when it is an agency's own news site.
 *
 * Scope decides which paragraphs a piece of evidence speaks for:
 * - credit, dateline, copyright: the whole article; a sign-off, the text
 *   above it since the sign-off before it;
 * - citation: its paragraph; one saying the text comes from the agency
 *   ("dilansir", "told") also the ones after it until another agency is
 *   cited or named, and the paragraphs before the first such citation that
 *   no credit speaks for, with less confidence;
 * - photo credit: the picture only, never the text ("Foto: AP" under a
 *   dpa story does not make it AP's); it is kept as a message;
 * - the agency's own site, when the article's address is under a domain of
 *   the agency's news site (`sites:` in the registry): the paragraphs no
 *   other evidence speaks for.
 *
 * An agency that printed the text (a dateline's first agency, a copyright
 * holder) is an intermediary when the text is credited to another agency:
 * ANTARA translating Anadolu copy gives `anadolu` (origin) then `antara`.
 * Evidence on a line that was thrown out as boilerplate by another rule (a
 * teaser, a menu) does not count; a body paragraph with no evidence gets
 * no source.
 */
import type {Paragraph, Root} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {AgencyMention, AgencyRegistry} from './agencies.ts'
import type {EvidenceKind} from '../core/rules/schema.ts'
import {codePointOffsets} from '../core/text.ts'
import {blockView} from './block-view.ts'
import {CREDIT_RULES} from './credits/index.ts'
import {blocksOf, note, withoutSiteName, type BlockData, type EvidenceMatch} from './data.ts'
import {hostOf} from './outlet/sources.ts'
import type {EvidencePosition, ReportEvidence, ReportSource} from './report-schema.ts'
import {withinArticleBudget} from '../core/rules/budget.ts'

export interface AttributeOptions {
  registry: AgencyRegistry
  /** How long user patterns (citation patterns) may run on one article, shared with the other stages; unset when there are none. */
  timeBudgetMs?: number
}

/** Confidence never reaches certainty: the tool reads signs, it does not know. */
const MAX_CONFIDENCE = 0.99

/** A credit closing a headline after a dash ("… after mission - Xinhua"). */
const TITLE_CREDIT = /\s*[\p{Pd}\u2015|]\s*[^\p{Pd}\u2015|]{1,40}$/u
/** What opens a headline before a colon ("РИА: В Нижегородской области …"): the source of its claim when a name is all of it. */
const TITLE_OPENING = /^\s*([^:：]{1,40}?)\s*[:：]\s*/u
/** What closes a headline after a colon ("… defect to South Korea: Yonhap"): the source of its claim when a name is all of it. */
const TITLE_CLOSING = /[:：]\s*([^:：]{1,40}?)\s*$/u

/** Kinds whose evidence speaks for the whole article. */
const ARTICLE_SCOPE: ReadonlySet<Finding['kind']> = new Set(['credit', 'dateline', 'copyright'])

/** Where a rule's evidence stands when the rule does not say: a credit line, a dateline, a copyright line, a caption, the text. */
const POSITION_OF_KIND: Record<EvidenceKind, EvidencePosition> = {
  credit: 'credit-line',
  dateline: 'dateline',
  copyright: 'copyright',
  'photo-credit': 'caption',
  citation: 'in-text'
}

/** The rule id of a paragraph credited to the agency whose own site published the article. */
const OWN_SITE_RULE = 'attribute/own-site'

/** One agency named by one piece of evidence. */
interface Finding {
  agency: string
  /** `site`: the article's address, not its text, names the agency. */
  kind: EvidenceKind | 'site'
  /** publisher: the agency printed the text; source: the text is credited to it. */
  stance: 'source' | 'publisher'
  /** Index of the block holding the evidence. */
  at: number
  /** A citation saying the text comes from the agency speaks for the paragraphs after it too. */
  carries: boolean
  evidence: ReportEvidence
}

interface Entry {
  node: Paragraph
  block: BlockData
}

/** What one body paragraph owes to one agency. */
interface Support {
  weights: number[]
  stances: Set<Finding['stance']>
  evidence: ReportEvidence[]
}

export const wiretraceAttribute: Plugin<[AttributeOptions], Root> = function (options) {
  const {registry} = options
  return function (tree, file) {
    // User patterns run here: within the article's time budget, shared with the other stages.
    withinArticleBudget(file, options.timeBudgetMs, () => {
      const toCodePoint = codePointOffsets(String(file.value))
      const blocks = blocksOf(tree)
      // An agency the title names is what the article is about ("Reuters denies…"): its statements cited in the text are
      // the story, not a source; a citation saying the text comes from it ("dikutip dari Reuters") still credits it.
      // A title's closing credit ("… lands safely - Xinhua", "… -Yonhap") names the source, not the topic, also before
      // the site's name a document title prints after it ("… - Xinhua | Example News").
      const titles = blocks
        .filter(({block}) => block.role === 'title')
        .map(({node, block}) => blockView(node, block).reading.value)
        .map((title) => (withoutSiteName(title) ?? title).replace(TITLE_CREDIT, ''))
      // A title that cites the agency ("Агентство Reuters сообщило о …", Reuters reported …) names its source, not its topic.
      // So does an agency's name alone before a colon opening the title ("Reuters: …", "РИА: …"), as a speaker's does, or
      // after a colon closing it ("… defect to South Korea: Yonhap"), as a wire headline credits its claim.
      const topics = new Set(
        titles.flatMap((title) => {
          const cited = new Set(registry.findCitations(title).map((citation) => citation.agency))
          for (const part of [TITLE_OPENING.exec(title)?.[1], TITLE_CLOSING.exec(title)?.[1]]) {
            const named = part && registry.resolve(part).find((mention) => mention.text === part)
            if (named) cited.add(named.agency)
          }
          return registry.resolve(title).flatMap((mention) => (cited.has(mention.agency) ? [] : [mention.agency]))
        })
      )
      // The citations in a paragraph and the agencies it names are both read from the names in it: found once per paragraph.
      const mentions = new Map<BlockData, AgencyMention[]>()
      const mentionsIn = ({node, block}: Entry): AgencyMention[] => {
        let found = mentions.get(block)
        if (!found) {
          found = registry.resolve(blockView(node, block).reading.value)
          mentions.set(block, found)
        }
        return found
      }
      const cited = citationFindings(blocks, registry, mentionsIn, toCodePoint).filter(
        (finding) => finding.kind !== 'citation' || finding.carries || !topics.has(finding.agency)
      )
      const findings = [...ruleFindings(blocks, registry, file, toCodePoint), ...cited]
      // A code the text spells out as another agency's ("Katholische Nachrichten-Agentur (KNA)") is that agency's wherever
      // the text prints it, a sign-off "(rom/KNA)" too.
      const spelledOut = new Map(
        blocks
          .filter(({block}) => isBody(block))
          .flatMap((entry) => mentionsIn(entry).flatMap((mention) => (mention.registered ? [[mention.registered, mention.agency] as const] : [])))
      )
      for (const finding of findings) finding.agency = spelledOut.get(finding.agency) ?? finding.agency
      const body = blocks.map((entry, index) => ({entry, index})).filter(({entry}) => isBody(entry.block))
      const supports = new Map<number, Map<string, Support>>(body.map(({index}) => [index, new Map()]))
      const add = (index: number, finding: Finding, weight: number) => {
        const perAgency = supports.get(index)!
        const support = perAgency.get(finding.agency) ?? {weights: [], stances: new Set(), evidence: []}
        support.weights.push(weight)
        support.stances.add(finding.stance)
        support.evidence.push(finding.evidence)
        perAgency.set(finding.agency, support)
      }

      const scopes = creditScopes(
        findings.filter((finding) => ARTICLE_SCOPE.has(finding.kind)),
        body
      ).filter(([, scope]) => scope.length > 0)
      for (const [finding, scope] of scopes) for (const index of scope) add(index, finding, registry.weights[finding.kind])

      const credited = new Set(scopes.flatMap(([, scope]) => scope))
      const citations = findings.filter((finding) => finding.kind === 'citation')
      let current: Finding[] = []
      for (const {entry, index} of body) {
        const here = citations.filter((finding) => finding.at === index)
        if (here.length > 0) {
          // A citation attributing one statement ("according to X") speaks for its paragraph only, and ends an earlier carry.
          current = here.filter((finding) => finding.carries)
          for (const finding of here) add(index, finding, registry.weights.citation)
          continue
        }
        // A paragraph naming another agency in words no phrase reads ("… the agency X reported") ends the carry: it likely cites that agency.
        const named = namedAgencies(entry, mentionsIn(entry))
        if (current.length > 0 && named.some((agency) => !current.some((finding) => finding.agency === agency))) current = []
        // So does one taking its text from a source the registry does not list ("… seperti dikutip CCTV"): a broadcaster's
        // or a paper's, not the agency's.
        if (current.length > 0 && takesFromUnlisted(entry, mentionsIn(entry), registry)) current = []
        // A paragraph a credit of the whole text speaks for is that agency's copy: another agency it cited above was quoted
        // there ("…, reported Xinhua" in a Reuters story), not its source.
        for (const finding of current) if (!credited.has(index)) add(index, finding, registry.weights.carried)
      }
      const firstCited = citations.find((finding) => finding.carries)?.at
      if (firstCited !== undefined) {
        // The paragraphs before the first such citation that no credit speaks for.
        const first = citations.filter((finding) => finding.at === firstCited && finding.carries)
        for (const {entry, index} of body.filter(({index}) => index < firstCited && !credited.has(index))) {
          if (takesFromUnlisted(entry, mentionsIn(entry), registry)) continue
          for (const finding of first) add(index, finding, registry.weights.before)
        }
      }

      const site = ownSite(file, registry)
      const unattributed = body.filter(({index}) => supports.get(index)!.size === 0)
      if (site && unattributed.length > 0) {
        const first = unattributed[0]!
        const start = toCodePoint(first.entry.node.position!.start.offset!)
        const finding: Finding = {
          agency: site.agency,
          kind: 'site',
          stance: 'source',
          at: first.index,
          carries: false,
          evidence: {kind: 'site', position: 'address', ruleId: OWN_SITE_RULE, block: first.entry.block.id, start, end: start, text: site.host}
        }
        for (const {index} of unattributed) add(index, finding, registry.weights.site)
        findings.push(finding)
        note(file, `${site.agency}: published on its own site, ${site.host}`, OWN_SITE_RULE, first.entry.node.position)
      }

      const firstSeen = new Map<string, number>()
      for (const finding of [...findings].sort((a, b) => a.at - b.at)) if (!firstSeen.has(finding.agency)) firstSeen.set(finding.agency, firstSeen.size)
      for (const {entry, index} of body) entry.block.sources = sourcesOf(supports.get(index)!, firstSeen)
    })
  }
}

/**
 * The body paragraphs each article-wide finding speaks for. A credit line, a
 * dateline or a copyright speaks for the whole text. A sign-off closes the
 * text above it, from the paragraph after the sign-off before it: the whole
 * text when it closes the last paragraph, and with body text after it a
 * caption's credit ("… local media report. (Reuters)") above an outlet's own
 * report, or each agency's part of a compilation ("… (AFP)", then "…
 * (Reuters)"); one on a line above the text (a caption's credit the page set
 * apart) speaks for none.
 */
function creditScopes(articleWide: Finding[], body: ReadonlyArray<{index: number}>): Array<[Finding, number[]]> {
  const all = body.map(({index}) => index)
  const signOffs = [...new Set(articleWide.filter(isSignOff).map((finding) => finding.at))].sort((a, b) => a - b)
  return articleWide.map((finding) => {
    if (!isSignOff(finding)) return [finding, all]
    const before = signOffs.filter((at) => at < finding.at).at(-1) ?? -1
    return [finding, all.filter((index) => index > before && index <= finding.at)]
  })
}

function isSignOff(finding: Finding): boolean {
  return finding.evidence.position === 'sign-off'
}

/**
 * The agency whose own news site published the article, and the site's host:
 * an outlet the registry says is the agency's (`outlets:`), or the host of
 * the article's address under a domain it lists (`sites:`).
 */
function ownSite(file: VFile, registry: AgencyRegistry): {agency: string; host: string} | undefined {
  const url = file.data.source?.url
  let host: string | undefined
  try {
    host = url ? hostOf(url) : undefined
  } catch {
    // A library caller's address that is no URL names no site (the runner refuses one in sources.tsv or the config).
    host = undefined
  }
  for (const outlet of file.data.outlets ?? []) {
    const agency = registry.agencyOfOutlet(outlet.id)
    if (agency) return {agency, host: host ?? outlet.name}
  }
  const agency = host === undefined ? undefined : registry.agencyOfHost(host)
  return agency && host ? {agency, host} : undefined
}

/** A block no rule decided is body until the generic stage says otherwise. */
function isBody(block: BlockData): boolean {
  return block.role === undefined || block.role === 'body'
}

/**
 * A rule's evidence counts unless its line ended up boilerplate by another
 * rule's decision (a teaser or a menu that happens to hold a credit). A line
 * that held nothing but what the rules cut from it is the evidence itself,
 * whatever then called it boilerplate: "Paris (dpa) -" printed on a line of
 * its own above the lead, as scraped pages often set a dateline.
 */
function counts(node: Paragraph, block: BlockData, evidence: EvidenceMatch): boolean {
  return (
    block.role !== 'boilerplate' ||
    block.ruleId === evidence.ruleId ||
    // A labelled credit among a line's fields counts whatever rule threw the row out ("Editor: Budi | Sumber: ANTARA").
    evidence.ruleId === CREDIT_RULES.field ||
    !WORD_CHARACTER.test(blockView(node, block).reading.value)
  )
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u

/** What a bracket holds, when the text is that bracket and nothing else. */
const BRACKET = /^[([（]\s*(.*?)\s*[)\]）]$/u

function ruleFindings(blocks: Entry[], registry: AgencyRegistry, file: VFile, toCodePoint: (offset: number) => number): Finding[] {
  const findings: Finding[] = []
  for (const [at, {node, block}] of blocks.entries()) {
    for (const evidence of block.evidence) {
      if (!counts(node, block, evidence)) continue
      const where = evidence.position ?? POSITION_OF_KIND[evidence.kind]
      const mentions = registry.resolve(evidence.agencyText)
      // A dateline's or a sign-off's bracket may name the agency by a name read nowhere else ("(PL)", "（共同）"), and so
      // may a bracket that is all the evidence's text ("(SDA)" on a line of its own) and a credit line's value, which
      // stands where a credit stands as a bracket does ("Quelle: SDA"); a credit may print a code in lower case
      // ("afp/jd"), which running text never brings here. A script without case is no lower case: its names read only in
      // brackets ("共同", "واع") stay there.
      const allOfBracket = BRACKET.exec(evidence.text.trim())?.[1] === evidence.agencyText.trim()
      const lowerCase = /\p{Ll}/u.test(evidence.agencyText) && evidence.agencyText === evidence.agencyText.toLowerCase()
      if (mentions.length === 0 && (where === 'dateline' || where === 'sign-off' || where === 'credit-line' || allOfBracket || lowerCase))
        mentions.push(...registry.resolveBracketed(evidence.agencyText))
      if (mentions.length === 0) {
        note(file, `"${evidence.agencyText}" is not an agency in the registry`, evidence.ruleId, node.position)
        continue
      }
      const agencies = [...new Set(mentions.map((mention) => mention.agency))]
      for (const [position, agency] of agencies.entries()) {
        // A dateline names who printed the text first ("ANTARA/Xinhua": ANTARA printing Xinhua copy); so does a
        // sign-off naming several agencies ("(Télam-DPA-Reuters)": Télam rewriting dpa and Reuters copy).
        const listsWriterFirst = evidence.kind === 'dateline' || (where === 'sign-off' && agencies.length > 1)
        const publisher = evidence.kind === 'copyright' || (listsWriterFirst && position === 0)
        findings.push({
          agency,
          kind: evidence.kind,
          stance: publisher ? 'publisher' : 'source',
          at,
          carries: true,
          evidence: {
            kind: evidence.kind,
            position: where,
            ruleId: evidence.ruleId,
            block: block.id,
            start: toCodePoint(evidence.start),
            end: toCodePoint(evidence.end),
            text: evidence.text
          }
        })
        note(file, `${agency}: ${evidence.kind} "${evidence.text}"`, evidence.ruleId, node.position)
      }
    }
  }
  return findings
}

function citationFindings(
  blocks: Entry[],
  registry: AgencyRegistry,
  mentionsIn: (entry: Entry) => AgencyMention[],
  toCodePoint: (offset: number) => number
): Finding[] {
  const findings: Finding[] = []
  for (const [at, entry] of blocks.entries()) {
    const {node, block} = entry
    if (!isBody(block)) continue
    const offset = node.position!.start.offset!
    const text = blockView(node, block).reading
    const taken: Array<{agency: string; start: number; end: number}> = []
    for (const match of registry.findCitations(text.value, mentionsIn(entry))) {
      // Two phrases can read the same words ("seperti dikutip dari AFP"); one finding is enough.
      if (taken.some((other) => other.agency === match.agency && other.start < match.phrase.end && match.phrase.start < other.end)) continue
      taken.push({agency: match.agency, start: match.phrase.start, end: match.phrase.end})
      const start = offset + text.toOriginal(match.phrase.start)
      const end = offset + text.toOriginal(match.phrase.end - 1) + 1
      findings.push({
        agency: match.agency,
        kind: match.pattern.kind,
        stance: 'source',
        at,
        carries: match.pattern.carries,
        evidence: {
          kind: match.pattern.kind,
          position: match.pattern.kind === 'credit' ? 'sign-off' : 'in-text',
          ruleId: match.pattern.id,
          block: block.id,
          start: toCodePoint(start),
          end: toCodePoint(end),
          text: match.phrase.text.trim()
        }
      })
    }
  }
  return findings
}

/**
 * Agencies a paragraph names anywhere in its text. A capitalised word
 * opening a sentence is left out: "Antara lain" is Indonesian for "among
 * others", "Efe" a Turkish first name.
 */
function namedAgencies(entry: Entry, mentions: AgencyMention[]): string[] {
  const text = blockView(entry.node, entry.block).reading.value
  return mentions
    .filter((mention) => !(/^\p{Lu}\p{Ll}/u.test(mention.text) && /(?:^|[.!?؟"“”]\s*)$/u.test(text.slice(0, mention.start).trimEnd())))
    .map((mention) => mention.agency)
}

/** Codes in capitals a citation phrase may hold where the registry lists no agency ("CCTV", "CNN", "BBC"). */
const CAPITALS_CODE = /(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu

/**
 * Whether a paragraph says its text comes from a source the registry does not list, by a phrase that would carry an
 * agency ("seperti dikutip CCTV", "dilansir dari CNN"): a code in capitals no agency's name covers, in a phrase's slot.
 */
function takesFromUnlisted(entry: Entry, mentions: AgencyMention[], registry: AgencyRegistry): boolean {
  const text = blockView(entry.node, entry.block).reading.value
  const unlisted = [...text.matchAll(CAPITALS_CODE)]
    .map((match) => ({agency: '', start: match.index, end: match.index + match[0].length, text: match[0]}))
    .filter((code) => !mentions.some((mention) => mention.start < code.end && code.start < mention.end))
  return unlisted.length > 0 && registry.findCitations(text, unlisted).some((citation) => citation.pattern.carries)
}

/**
 * The block's sources: confidences combine as independent signs
 * (1 − Π(1 − w)); an agency that only printed the text is an intermediary
 * when another agency is its source. Origins come first.
 */
function sourcesOf(supports: Map<string, Support>, firstSeen: Map<string, number>): ReportSource[] {
  const credited = [...supports.values()].some((support) => support.stances.has('source'))
  const sources = [...supports.entries()].map(([agency, support]): ReportSource => {
    const doubt = support.weights.reduce((product, weight) => product * (1 - weight), 1)
    const intermediary = credited && !support.stances.has('source')
    return {
      agency,
      confidence: Math.round(Math.min(MAX_CONFIDENCE, 1 - doubt) * 100) / 100,
      role: intermediary ? 'intermediary' : 'origin',
      evidence: support.evidence
    }
  })
  return sources.sort((a, b) => Number(a.role === 'intermediary') - Number(b.role === 'intermediary') || firstSeen.get(a.agency)! - firstSeen.get(b.agency)!)
}
