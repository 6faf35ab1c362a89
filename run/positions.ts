/**
 * What a run holds for each of its inputs through the pipeline and the link step, by input position in typed arrays and
 * buffers rather than by id in maps and strings: at 100,000 articles a map entry or a string an article is megabytes of
 * the main thread's heap for the whole run, and a run's peak memory should not grow with its corpus.
 */
import {ownOutlet, VIEW_CHARACTERS} from '../pipeline/generic/corpus.ts'
import {InputOrder, type InputFile, type InputList, type Positions} from './inputs.ts'

/**
 * The outlet of each of the run's inputs (or of the reports a link step reads) by position: an index into the outlets
 * the rules recognised, or the article's own outlet (`ownOutlet`, most articles of a corpus of many outlets), spelt
 * again when asked for. Filled as the counts come in, where a map by id held each counted article's outlet until the
 * counts were read back (about 85 bytes an article of the main thread's heap, an own outlet's key a string of its own).
 * A worker is sent its batches' outlets from here.
 */
export class OutletsByPosition {
  private static readonly NOT_COUNTED = 0
  private static readonly OWN = 1
  private readonly names: string[] = []
  private readonly indexOf = new Map<string, number>()
  /** Per position: `NOT_COUNTED`, `OWN`, or 2 + the outlet's index in `names`. */
  private readonly codes: Uint32Array
  /** Positions with an outlet. */
  size = 0

  constructor(private readonly order: Positions) {
    this.codes = new Uint32Array(order.length)
  }

  /** The outlets of a map by id, for the positions of `order`. */
  static of(order: Positions, outletOf: ReadonlyMap<string, string>): OutletsByPosition {
    const outlets = new OutletsByPosition(order)
    for (let position = 0; position < order.length; position++) {
      const outlet = outletOf.get(order.id(position))
      if (outlet !== undefined) outlets.set(position, outlet)
    }
    return outlets
  }

  set(position: number, outlet: string): void {
    if (this.codes[position] === OutletsByPosition.NOT_COUNTED) this.size++
    if (outlet === ownOutlet(this.order.id(position))) {
      this.codes[position] = OutletsByPosition.OWN
      return
    }
    let index = this.indexOf.get(outlet)
    if (index === undefined) {
      index = this.names.push(outlet) - 1
      this.indexOf.set(outlet, index)
    }
    this.codes[position] = 2 + index
  }

  get(id: string): string | undefined {
    const position = this.order.position(id)
    return position === undefined ? undefined : this.at(position)
  }

  /** The outlet at a position; undefined when none was set there (an input not counted). */
  at(position: number): string | undefined {
    const code = this.codes[position]!
    if (code === OutletsByPosition.NOT_COUNTED) return undefined
    return code === OutletsByPosition.OWN ? ownOutlet(this.order.id(position)) : this.names[code - 2]
  }
}

/**
 * Each input's view of the counts by input position, as the view's characters in one buffer. A view kept as a string
 * was a slice of the 43-character digest it was cut from, which it kept alive: about 100 bytes an article of the main
 * thread's heap, from the corpus count to the pipeline's end, against 22 here.
 */
export class ViewsByPosition {
  private readonly characters: Buffer

  constructor(positions: number) {
    this.characters = Buffer.alloc(positions * VIEW_CHARACTERS)
  }

  /** Whether a string is a view of the counts as `corpusView` makes them, which is what this holds. */
  static isView(view: string): boolean {
    return view.length === VIEW_CHARACTERS && /^[\w-]+$/.test(view)
  }

  set(position: number, view: string): void {
    if (!ViewsByPosition.isView(view)) throw new Error(`a view of the counts is ${VIEW_CHARACTERS} base64url characters, not "${view}"`)
    this.characters.write(view, position * VIEW_CHARACTERS, 'latin1')
  }

  /** The input's view; undefined for an input not counted (one that cannot be read or decoded). */
  get(position: number): string | undefined {
    const start = position * VIEW_CHARACTERS
    return this.characters[start] === 0 ? undefined : this.characters.toString('latin1', start, start + VIEW_CHARACTERS)
  }
}

/** What the run marks of an article: its report written by this process, its Markdown twin still to write. */
export type InputMark = 'own' | 'twinless'

const MARK_BITS: Record<InputMark, number> = {own: 1, twinless: 2}

/**
 * The run's inputs by id, and the marks of each as bits of a byte by input position, where a set of ids costs about
 * 40 bytes an article of the main thread's heap. A report outside the run (a partner the link step patches) is marked
 * in a map of its own.
 */
export class InputMarks {
  readonly order: InputOrder
  private readonly bits: Uint8Array
  private readonly outside = new Map<string, number>()

  constructor(readonly inputs: InputList) {
    this.order = new InputOrder(inputs.length, (position) => inputs.id(position))
    this.bits = new Uint8Array(inputs.length)
  }

  position(id: string): number | undefined {
    return this.order.position(id)
  }

  input(id: string): InputFile | undefined {
    const at = this.order.position(id)
    return at === undefined ? undefined : this.inputs.at(at)
  }

  has(id: string, mark: InputMark): boolean {
    return (this.bitsOf(id) & MARK_BITS[mark]) !== 0
  }

  add(id: string, mark: InputMark): void {
    this.setBits(id, this.bitsOf(id) | MARK_BITS[mark])
  }

  /** Takes the mark away; whether the article had it. */
  delete(id: string, mark: InputMark): boolean {
    const bits = this.bitsOf(id)
    this.setBits(id, bits & ~MARK_BITS[mark])
    return (bits & MARK_BITS[mark]) !== 0
  }

  private bitsOf(id: string): number {
    const at = this.order.position(id)
    return at === undefined ? (this.outside.get(id) ?? 0) : this.bits[at]!
  }

  private setBits(id: string, bits: number): void {
    const at = this.order.position(id)
    if (at !== undefined) this.bits[at] = bits
    else if (bits === 0) this.outside.delete(id)
    else this.outside.set(id, bits)
  }
}
