/**
 * HTML built from text that is never trusted: every value put into the
 * `html` template is escaped unless it is markup this module made, so
 * article text (which may hold `<script>` or `<img onerror=…>`) can only
 * ever render as text.
 */

/** Markup made by `html`, safe to insert as is. */
export class Markup {
  readonly value: string
  constructor(value: string) {
    this.value = value
  }
  toString(): string {
    return this.value
  }
}

export type Interpolation = Markup | string | number | boolean | null | undefined | ReadonlyArray<Interpolation>

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

function render(value: Interpolation): string {
  if (value instanceof Markup) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/** Template tag: literal parts are markup, interpolated values are escaped (arrays joined, null and false left out). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0]!
  for (const [index, value] of values.entries()) out += render(value) + strings[index + 1]!
  return new Markup(out)
}

/** Markup written in this codebase (the page's CSS and script), never data: inserted as is. */
export function trusted(source: string): Markup {
  return new Markup(source)
}
