/**
 * Reads publication dates as outlets print them ("Sabtu, 22 Juni 2024 04:44
 * WIB", "Dec 31", "2024-06-18", "02-11-2015 18:49"), with month names and
 * zone abbreviations from `rules/calendar.yaml`.
 */
import {z} from 'zod'
import {readDataLayers} from './rules/load.ts'
import {escapeRegExp} from './text.ts'

const calendarSchema = z.strictObject({
  $schema: z.string().optional().describe("editors' schema pointer; ignored by wiretrace"),
  months: z
    .record(z.string(), z.number().int().min(1).max(12))
    .describe('month names and abbreviations as outlets print them, in any language, with the month\'s number ("juni": 6)'),
  weekdays: z
    .record(z.string(), z.number().int().min(1).max(7))
    .optional()
    .describe('weekday names, Monday 1 to Sunday 7, read by the translation pass as anchors ("jumat": 5)'),
  joiners: z.array(z.string().min(1)).optional().describe('words a date may set between its day, month and year ("de" in "6 de diciembre de 2024")'),
  zones: z
    .record(z.string(), z.string().regex(/^[+-]\d{2}:\d{2}$/, 'write an offset like "+07:00"'))
    .describe('time-zone abbreviations printed after a time, with their UTC offset ("WIB": "+07:00")')
})

/** The JSON Schema of `calendar.yaml`, for editors. */
export function calendarJsonSchema(): object {
  return {title: 'wiretrace calendar (calendar.yaml)', ...z.toJSONSchema(calendarSchema, {target: 'draft-2020-12', io: 'input'})}
}

export interface Calendar {
  months: Map<string, number>
  /** Weekday names, lower case, to their day: Monday 1 to Sunday 7. */
  weekdays: Map<string, number>
  zones: Map<string, string>
  dayMonthYear: RegExp
  monthDayYear: RegExp
}

/** Loads the built-in calendar, merged with `calendar.yaml` in any user rule folder. */
export function loadCalendar(userDirs: string[] = []): Calendar {
  const months = new Map<string, number>()
  const weekdays = new Map<string, number>()
  const zones = new Map<string, string>()
  const joiners = new Set<string>()
  for (const {value} of readDataLayers('calendar.yaml', userDirs, calendarSchema)) {
    for (const joiner of value.joiners ?? []) joiners.add(joiner.toLocaleLowerCase('en'))
    for (const [name, month] of Object.entries(value.months)) months.set(name.toLocaleLowerCase('en'), month)
    for (const [name, day] of Object.entries(value.weekdays ?? {})) weekdays.set(name.toLocaleLowerCase('en'), day)
    for (const [name, zone] of Object.entries(value.zones)) zones.set(name.toUpperCase(), zone)
  }
  const names = [...months.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')
  const joiner = joiners.size === 0 ? '' : `(?:(?:${[...joiners].map(escapeRegExp).join('|')})\\s+)?`
  return {
    months,
    weekdays,
    zones,
    dayMonthYear: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})\\.?\\s+${joiner}(${names})\\.?,?\\s+${joiner}(\\d{4})(?!\\d)`, 'iu'),
    monthDayYear: new RegExp(`(?<![\\p{L}\\d])(${names})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, 'iu')
  }
}

export interface ParsedDate {
  /** YYYY-MM-DD */
  date: string
  /** Full ISO 8601 with offset, when the text gives a time and a known zone. */
  dateTime: string | null
}

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?(?!\d)/
const NUMERIC = /(?<![\d/.-])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![\d/.-])/
const TIME = /^[\s,|\-–—]*(?:pukul\s+|at\s+|saat\s+)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(\p{Lu}{2,5})?/u

/** Finds the first date in a line; null when there is none or it is not a real date. */
export function parseDate(text: string, calendar: Calendar): ParsedDate | null {
  const iso = ISO.exec(text)
  if (iso) {
    const [, year, month, day, hour, minute, second, zone] = iso
    const dateTime = hour && zone ? `${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${zone === 'Z' ? '+00:00' : zone}` : null
    return build(Number(year), Number(month), Number(day), dateTime === null ? null : {dateTime})
  }
  const named = calendar.dayMonthYear.exec(text)
  if (named) {
    return build(Number(named[3]), calendar.months.get(named[2]!.toLocaleLowerCase('en'))!, Number(named[1]), timeAfter(text, named, calendar))
  }
  const english = calendar.monthDayYear.exec(text)
  if (english) {
    return build(Number(english[3]), calendar.months.get(english[1]!.toLocaleLowerCase('en'))!, Number(english[2]), timeAfter(text, english, calendar))
  }
  const numeric = NUMERIC.exec(text)
  if (numeric) {
    // Day first: the order of every outlet in the shared corpus and most of the world.
    return build(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]), timeAfter(text, numeric, calendar))
  }
  return null
}

interface TimeOfDay {
  hour: number
  minute: number
  second: number
  zone: string | null
}

function timeAfter(text: string, match: RegExpExecArray, calendar: Calendar): TimeOfDay | null {
  const rest = text.slice(match.index + match[0].length)
  const time = TIME.exec(rest)
  if (!time) return null
  const zoneName = time[4]?.toUpperCase()
  return {
    hour: Number(time[1]),
    minute: Number(time[2]),
    second: Number(time[3] ?? 0),
    zone: zoneName ? (calendar.zones.get(zoneName) ?? null) : null
  }
}

function build(year: number, month: number, day: number, time: TimeOfDay | {dateTime: string} | null): ParsedDate | null {
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
  const date = `${year}-${pad(month)}-${pad(day)}`
  if (time === null) return {date, dateTime: null}
  if ('dateTime' in time) return {date, dateTime: time.dateTime}
  if (time.hour > 23 || time.minute > 59 || time.second > 59 || time.zone === null) return {date, dateTime: null}
  return {date, dateTime: `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${time.zone}`}
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** True when `other` was published before `self`; null when either date is unknown or they are the same. */
export function isEarlier(other: string | null, self: string | null): boolean | null {
  if (!other || !self) return null
  const a = Date.parse(other)
  const b = Date.parse(self)
  if (Number.isNaN(a) || Number.isNaN(b) || a === b) return null
  return a < b
}
