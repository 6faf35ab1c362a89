/**
 * The generic stage's settings: `rules/generic.yaml`, merged with the
 * `generic.yaml` of each user rule folder (numbers replace, lists add up,
 * `off` switches rules off), and per-outlet overrides under `outlets:`.
 */
import {join} from 'node:path'
import {z} from 'zod'
import {BUILTIN_RULES_DIR, compile, display, readDataLayers} from '../../core/rules/load.ts'
import {catalogIds} from '../../core/rule-catalog.ts'
import {FIELDS} from '../../core/rules/schema.ts'
import {DataFileError} from '../../core/rules/yaml-file.ts'
import {escapeRegExp} from '../../core/text.ts'

/** An item listed after a closing section's heading: a tag or a topic, a few words with no sentence's punctuation. */
const SECTION_ITEM = '[^,|•#.!?:：]{1,40}'

/** Every rule id the generic stage and the generic part of the metadata stage can give (the catalog's `generic/` ids). */
export const GENERIC_RULE_IDS = catalogIds('generic/')
export type GenericRuleId = (typeof GENERIC_RULE_IDS)[number]

const THRESHOLDS_HELP = 'numbers the generic stage decides by; a user file sets only those it changes'

const thresholdsSchema = z
  .strictObject({
    shortChars: z.number().int().positive().describe('a line shorter than this (in characters) is short: its neighbours decide'),
    longChars: z.number().int().positive().describe('a line at least this long counts as a paragraph even without a full stop'),
    paragraphRatio: z.number().min(0).max(3).describe("a paragraph needs this share of the article's median function-word density"),
    lowRatio: z.number().min(0).max(3).describe('below this share of the median function-word density a line is not running text'),
    defaultDensity: z.number().min(0).max(1).describe('the function-word density used when the article has no line long enough to measure the median on'),
    metaWords: z.number().int().positive().describe('a meta line (date, byline, label) holds at most this many words besides the label'),
    dateWords: z.number().int().nonnegative().describe('a date line holds at most this many words besides month names and time zones'),
    nameWords: z.number().int().positive().describe('a byline printed as a bare name has at most this many words'),
    captionLines: z
      .number()
      .int()
      .nonnegative()
      .describe('the lead may follow the title by this many captions or other prose lines when it opens with a dateline'),
    templateArticles: z.number().int().min(2).describe("a line printed in this many articles of one outlet is the outlet's template"),
    stockOutlets: z.number().int().min(2).describe('a line printed by this many outlets is a stock phrase')
  })
  .describe(THRESHOLDS_HELP)
export type Thresholds = z.infer<typeof thresholdsSchema>

const META_FIELDS = FIELDS.filter((field): field is Exclude<(typeof FIELDS)[number], 'dateline' | 'outlet'> => field !== 'dateline' && field !== 'outlet')
export type MetaField = (typeof META_FIELDS)[number]
const CREDIT_KINDS = ['credit', 'photo-credit'] as const
export type CreditKind = (typeof CREDIT_KINDS)[number]

const words = z.array(z.string().trim().min(1, 'a word cannot be empty'))
const pattern = z.string().min(1, 'a pattern cannot be empty')
const ruleIds = z.array(z.enum(GENERIC_RULE_IDS as [GenericRuleId, ...GenericRuleId[]], {error: `name a generic rule: ${GENERIC_RULE_IDS.join(', ')}`}))

const tuningSchema = z.strictObject({
  thresholds: thresholdsSchema.partial().optional().describe(THRESHOLDS_HELP),
  off: ruleIds.optional().describe('generic rules switched off for this outlet')
})
export type Tuning = z.infer<typeof tuningSchema>

/** The format of `generic.yaml`, built-in or a user's: every key optional, so a user file states only what it changes. */
export const genericFileSchema = z.strictObject({
  $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
  description: z.string().optional().describe('what the file changes, and why'),
  thresholds: thresholdsSchema.partial().default({}).describe(THRESHOLDS_HELP),
  labels: z
    .partialRecord(z.enum(META_FIELDS), words)
    .default({})
    .describe(
      'label words that open a meta line ("Editor: …"), by the field they give; before a colon, or before a name of two words or more; labels ending in "by" need no colon'
    ),
  bylinePrefixes: words.default([]).describe('words that open a byline, with or without a colon ("By", "Oleh")'),
  desks: words
    .default([])
    .describe('labels of `labels:` that name a newsroom, which signs with the outlet\'s name after it, one word may be enough ("Redacción Gestión")'),
  credits: z
    .partialRecord(z.enum(CREDIT_KINDS), words)
    .default({})
    .describe("labels of credit lines, by kind: credit (the text's source) or photo-credit (the picture's)"),
  teasers: words.default([]).describe('labels of teasers for other articles ("Baca juga", "Read more")'),
  promos: words
    .default([])
    .describe(
      'calls to action of widgets and promotions, and the site\'s notes about its copy, anywhere in a line ("Sign up to our newsletter", "syndicated feed")'
    ),
  closers: words.default([]).describe('headings that close the article when alone on their line (comments, tags, a most-read list)'),
  copyrightMarks: words.default([]).describe('marks that make a short line a copyright line ("©", "Hak cipta")'),
  datelines: z.array(pattern).default([]).describe('patterns of a dateline opening the lead (regular expressions, u flag)'),
  placeDatelines: z
    .array(pattern)
    .default([])
    .describe('patterns of a dateline that is a place alone ("KUALA LUMPUR: …"); counted only when one line of the article opens so'),
  kickers: words
    .default([])
    .describe('words an outlet prints before a colon or dash to open a paragraph ("UPDATE:", "WATCH:", "EIL -"): no place, so no dateline'),
  off: ruleIds.default([]).describe('generic rules switched off everywhere'),
  outlets: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use the outlet id'), tuningSchema)
    .default({})
    .describe('thresholds and rules switched off for one outlet, keyed by outlet id: applies when the outlet stage recognised it')
})

/** The JSON Schema of `generic.yaml`, for editors. */
export function genericJsonSchema(): object {
  return {title: 'wiretrace generic-stage settings (generic.yaml)', ...z.toJSONSchema(genericFileSchema, {target: 'draft-2020-12', io: 'input'})}
}

/** What may open a labelled line before its label: a list's bullet or dash, or Markdown's bold ("**Baca juga:**"). */
const LABEL_MARK = String.raw`(?:[-–•]|\*{1,2})?`
/** The same, or the arrow of a previous or next article's link ("« Previous article: …"), before a teaser's label. */
const TEASER_MARK = String.raw`(?:[-–•«‹<]|\*{1,2})?`

/** The most words of a kicker between a teaser's label and its colon ("Leia Também Economia/Juros: …"). */
const TEASER_KICKER_WORDS = 2

/** A teaser label followed by this many words without a colon still says where to read on ("À voir aussi sur Konbini"). */
const TEASER_TAIL_WORDS = 3

/** The merged settings, with word lists compiled into patterns. */
export interface GenericConfig {
  thresholds: Thresholds
  /** A label and its colon (or a label ending in "by") at the start of a line (maybe inside an opening bracket: "(Reporting by …"), or after a slash, bar or semicolon in a line of several. */
  labelPattern: RegExp
  /** A label without a colon, before a capitalised name ("Editor Tito Hilmawan Reditya"). */
  labelBeforeName: RegExp
  /**
   * A label of a script written without spaces (Chinese, Japanese) that runs into the names after it, maybe after the
   * newsroom's name run into it: "记者王芳", "新华社记者 王芳 李明".
   */
  labelRunTogether: RegExp
  labelField: Map<string, MetaField>
  /** Labels that name a newsroom (folded): the outlet's name after one may be one word. */
  desks: Set<string>
  bylinePrefix: RegExp
  creditPattern: RegExp
  /** Another credit label inside a credit line's value, after a separator ("Nippon TV / Larawan: Kyodo"): the value ends before it. */
  creditLabelInside: RegExp
  creditKind: Map<string, CreditKind>
  /** A photo credit closing a caption: "(AP Photo/…)", "— Picture by …". */
  captionCredit: RegExp
  /** A teaser's label, with its text after a colon, alone on the line, or with a few words naming where to read on. */
  teaserLabel: RegExp
  /** A call to action of a widget or promotion ("Sign up to our newsletter", "Click to follow", "Abonnez-vous"), anywhere in the line. */
  promoPattern: RegExp
  /** The heading of comments, tags or a most-read list, alone on its line: the article ends above it. */
  sectionLabel: RegExp
  copyrightMark: RegExp
  datelines: RegExp[]
  /** A dateline that is a place alone: the lead's only when one line of the article opens so. */
  placeDatelines: RegExp[]
  /** A kicker or a label opening the line ("UPDATE:", "Foto:", "Baca juga:"): where a dateline's place would stand, a word that is none. */
  labelOpening: RegExp
  off: Set<GenericRuleId>
  outlets: Map<string, Tuning>
  /** Files merged, for messages. */
  files: string[]
}

/** Settings for one article: the config with the overrides of the outlets recognised in it. */
export interface GenericSettings extends Omit<GenericConfig, 'outlets'> {
  /** Whether a generic rule is switched on. */
  on(ruleId: GenericRuleId): boolean
}

/**
 * Loads `generic.yaml` from the built-in folder and merges the one in each user folder over it.
 *
 * @throws {DataFileError} when a file is malformed, a pattern does not compile or can backtrack catastrophically, or a threshold is missing.
 */
export function loadGenericConfig(userDirs: string[] = []): GenericConfig {
  const thresholds: Partial<Thresholds> = {}
  const labels = new Map<string, MetaField>()
  const credits = new Map<string, CreditKind>()
  const bylinePrefixes = new Set<string>()
  const desks = new Set<string>()
  const copyrightMarks = new Set<string>()
  const teasers = new Set<string>()
  const promos = new Set<string>()
  const closers = new Set<string>()
  const datelines: RegExp[] = []
  const placeDatelines: RegExp[] = []
  const kickers = new Set<string>()
  const off = new Set<GenericRuleId>()
  const outlets = new Map<string, Tuning>()
  const files: string[] = []
  for (const {value, positionOf, shown} of readDataLayers('generic.yaml', userDirs, genericFileSchema)) {
    files.push(shown)
    Object.assign(thresholds, value.thresholds)
    for (const [field, list] of Object.entries(value.labels)) for (const word of list ?? []) labels.set(fold(word), field as MetaField)
    for (const [kind, list] of Object.entries(value.credits)) for (const word of list ?? []) credits.set(fold(word), kind as CreditKind)
    for (const word of value.bylinePrefixes) bylinePrefixes.add(word)
    for (const word of value.desks) desks.add(fold(word))
    for (const mark of value.copyrightMarks) copyrightMarks.add(mark)
    for (const label of value.teasers) teasers.add(label)
    for (const phrase of value.promos) promos.add(phrase)
    for (const label of value.closers) closers.add(label)
    for (const [index, source] of value.datelines.entries()) datelines.push(compile(source, true, {file: shown, ...positionOf(['datelines', index])}))
    for (const [index, source] of value.placeDatelines.entries())
      placeDatelines.push(compile(source, true, {file: shown, ...positionOf(['placeDatelines', index])}))
    for (const word of value.kickers) kickers.add(word)
    for (const id of value.off) off.add(id)
    for (const [outlet, tuning] of Object.entries(value.outlets)) {
      const before = outlets.get(outlet)
      outlets.set(outlet, {thresholds: {...before?.thresholds, ...tuning.thresholds}, off: [...(before?.off ?? []), ...(tuning.off ?? [])]})
    }
  }
  // A label ending in the word that names the agent takes no colon, in any language: "Reporting by …; Editing by …",
  // "(Reportagem de …)", "Editado por …", "Ulat ni …".
  const byLabels = [...labels.keys()].filter((label) => /\s\p{Ll}{1,3}$/u.test(label))
  const anyLabel = alternation(labels.keys())
  const byLabel = alternation(byLabels)
  const complete = thresholdsSchema.safeParse(thresholds)
  if (!complete.success) {
    const missing = complete.error.issues.map((issue) => issue.path.join('.')).join(', ')
    throw new DataFileError(files[0] ?? display(join(BUILTIN_RULES_DIR, 'generic.yaml')), 1, 1, `thresholds missing or invalid: ${missing}`)
  }
  return {
    thresholds: complete.data,
    // A label and its colon, or one naming the agent, at the start or after a separator; one naming the agent after a
    // comma too ("(Reportage Jane Doe, rédigé par …, édité par …)"); or, opening a bracket, any label before a name.
    labelPattern: new RegExp(
      `(?:(?:^|(?<=[/|;]\\s*))[-–•*(]?\\s*(?:(${anyLabel})\\s*[:：]|(${byLabel})\\s)|(?<=,\\s*)(${byLabel})\\s|^\\(\\s*(?<bracketed>${anyLabel})\\s+)\\s*`,
      'giu'
    ),
    labelBeforeName: new RegExp(`^[-–•*]?\\s*(${anyLabel})\\s+(?=\\p{Lu})`, 'iu'),
    labelRunTogether: runTogetherLabel([...labels.keys()].filter((label) => RUN_TOGETHER.test(label))),
    labelField: labels,
    desks,
    // "By John Smith", "Oleh: Rina Nur", "By: AFP".
    bylinePrefix: new RegExp(`^(?:${alternation(bylinePrefixes)})(?:\\s*[:：]\\s*|\\s+)`, 'iu'),
    creditPattern: new RegExp(`^${LABEL_MARK}\\s*(${alternation(credits.keys())})\\s*[:：]\\s*(?<value>\\S.*)$`, 'iu'),
    creditLabelInside: new RegExp(`(?:\\s*[/|;]\\s*|\\s+)(?:${alternation(credits.keys())})\\s*[:：]`, 'iu'),
    creditKind: credits,
    captionCredit: captionCredit([...credits].filter(([, kind]) => kind === 'photo-credit').map(([word]) => word)),
    // The heading alone, maybe with its count, or with its items after a colon ("Tags: Apple, China, iPhone").
    sectionLabel: new RegExp(
      `^${LABEL_MARK}\\s*(?:${alternation(closers)})\\s*(?:[:：]|\\(\\s*\\d*\\s*\\)|\\d+|[:：]\\s*${SECTION_ITEM}(?:\\s*[,|•#]\\s*${SECTION_ITEM}){1,40})?\\s*$`,
      'iu'
    ),
    // "Baca juga: …", "Berita Terkait", or the label and where to read on ("À voir aussi sur Konbini", "Leer más acerca
    // de:"), or the teaser's own kicker before its colon ("Leia Também Economia/Juros: …").
    teaserLabel: new RegExp(
      `^${TEASER_MARK}\\s*(?:${alternation(teasers)})\\s*(?:[:：»›|>-]\\s*\\S.*|[:：]?\\s*|(?:\\s+[\\p{L}\\p{N}'’.&-]+){1,${TEASER_TAIL_WORDS}}\\s*[:：]?\\s*|(?<kicker>(?:\\s+[\\p{L}\\p{N}/'’.&-]+){1,${TEASER_KICKER_WORDS}})\\s*[:：]\\s*\\S.*)$`,
      'iu'
    ),
    promoPattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(promos)})(?![\\p{L}\\p{N}])`, 'iu'),
    copyrightMark: new RegExp(`(?:^|[^\\p{L}])(?:${alternation(copyrightMarks)})(?:$|[^\\p{L}])`, 'iu'),
    datelines,
    placeDatelines,
    labelOpening: new RegExp(
      `^[-–•*]?\\s*(?:${alternation([...kickers, ...labels.keys(), ...credits.keys(), ...teasers, ...bylinePrefixes])})\\s*(?:[:：]|-{1,2}|–|—)`,
      'iu'
    ),
    off,
    outlets,
    files
  }
}

/** The config as it applies to an article of these outlets (later outlets override earlier ones). */
export function settingsFor(config: GenericConfig, outletIds: readonly string[]): GenericSettings {
  const thresholds = {...config.thresholds}
  const off = new Set(config.off)
  for (const id of outletIds) {
    const tuning = config.outlets.get(id)
    if (!tuning) continue
    Object.assign(thresholds, tuning.thresholds)
    for (const ruleId of tuning.off ?? []) off.add(ruleId)
  }
  const {outlets: _outlets, ...rest} = config
  return {...rest, thresholds, off, on: (ruleId) => !off.has(ruleId)}
}

/** Label words compare without case, Turkish dotted capitals included. */
export function fold(word: string): string {
  return word.replace(/İ/g, 'i').toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** Han and kana: words run together, a newsroom's name into the label after it, the label into the names after it. */
const RUN_TOGETHER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** A label of those scripts at the start of the line, maybe after up to eight of their letters naming the newsroom ("新华社记者", "本报记者"). */
function runTogetherLabel(labels: string[]): RegExp {
  if (labels.length === 0) return /(?!)/
  return new RegExp(`^[-–•*]?\\s*[\\p{Script=Han}\\p{Script=Katakana}]{0,8}?(${alternation(labels)})\\s*[:：]?\\s*`, 'u')
}

/**
 * "(AP Photo/Evan Vucci)", "(ANTARA FOTO/Hafidz)", "— Picture by Mukhriz Hazim", ". FOTO AFP", "/ © Jane Doe (dpa)" at
 * the end of a line.
 */
function captionCredit(photoWords: string[]): RegExp {
  const word = alternation(photoWords)
  // "(Foto: AP)", "(AP Photo/…)", "(Picture by …)", and the word then a name with no colon: "(Gambar Bernama)".
  const bracketed = `[(\\[]\\s*(?:[\\p{L}\\p{N}.&]+\\s+){0,3}(?:${word})(?:\\s*[:/]|\\s+by\\b|\\s+(?=\\p{Lu}))\\s*(?<bracketed>[^()\\[\\]]{2,60})[)\\]]`
  const dashed = `[—–]\\s*(?:${word})(?:\\s*[:/]|\\s+by\\b)\\s*(?<dashed>\\p{L}[^—–()]{1,60})`
  // After the caption's last sentence, the word and a name, with no mark or a colon: "… tanpa parol. FOTO AFP", "…
  // полиция. Фото: Антон Гердо".
  const plain = `(?<=[.!?]["”’»]?\\s)(?:${word})(?:\\s*:\\s*|\\s+)(?<plain>\\p{Lu}[^.!?()\\[\\]—–:]{1,40})`
  // The caption, a slash, then the picture's copyright: "Bischöfe in Bonn / © Jane Doe (dpa)".
  const slashed = `\\s/\\s*©\\s*(?<slashed>\\p{L}[^/©]{1,60})`
  return new RegExp(`(?:${bracketed}|${dashed}|${plain}|${slashed})\\s*$`, 'diu')
}

function alternation(words: Iterable<string>): string {
  // Ignoring case does not take Turkish capitals to their small letters (İ is i, I is ı): a label written in capitals
  // ("ÖNERİLEN HABERLER", "İLGİLİ HABERLER") must match as written in small letters.
  const list = [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) =>
      escapeRegExp(word)
        .replace(/ /g, '\\s+')
        .replace(/[iIİı]/gu, '[iIİı]')
    )
  // An empty list must match nothing, not everything.
  return list.length > 0 ? list.join('|') : '(?!)'
}
