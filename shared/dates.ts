/**
 * Dutch dates and times as people write them: "14 juni 2023", "14:05", in the
 * editor and in what the server writes (exports, the memorandum). Times are on
 * the Netherlands' clock, whatever the computer's or the server's time zone,
 * so that everyone in a working group sees the same clock.
 */
const TIME_ZONE = 'Europe/Amsterdam'

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
})

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
})

function toDate(value: string | Date): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * What was written for the moments seen lately. Formatting through Intl takes
 * microseconds each, and a reactienota of a large round writes thousands of
 * moments (every position, thread and comment) for each download; the same
 * stored moments come back every time. Dropped whole past `REMEMBERED`, so it
 * stays small.
 */
const written = new Map<string, string>()
const REMEMBERED = 20_000

function remembered(key: string, write: () => string): string {
  let text = written.get(key)
  if (text === undefined) {
    text = write()
    if (written.size >= REMEMBERED) written.clear()
    written.set(key, text)
  }
  return text
}

function writeDate(date: Date | null): string {
  return date ? dateFormat.format(date) : ''
}

function writeTime(date: Date | null): string {
  return date ? timeFormat.format(date) : ''
}

/** "14 juni 2023"; an empty string for a value that is not a date. */
export function formatDate(value: string | Date): string {
  if (typeof value !== 'string') return writeDate(toDate(value))
  return remembered(`d${value}`, () => writeDate(toDate(value)))
}

/** "14:05"; an empty string for a value that is not a date. */
export function formatTime(value: string | Date): string {
  if (typeof value !== 'string') return writeTime(toDate(value))
  return remembered(`t${value}`, () => writeTime(toDate(value)))
}

/** "14 juni 2023 om 14:05". */
export function formatDateTime(value: string | Date): string {
  const write = () => {
    const date = toDate(value)
    return date ? `${writeDate(date)} om ${writeTime(date)}` : ''
  }
  return typeof value === 'string' ? remembered(`dt${value}`, write) : write()
}

/** Dutch month abbreviations, written out: browsers' and Node's ICU differ on the dot. */
const SHORT_MONTHS = [
  'jan.',
  'feb.',
  'mrt.',
  'apr.',
  'mei',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'okt.',
  'nov.',
  'dec.',
]

/**
 * "4 dec. 14:03", as a note beside the text has it; with the year ("4 dec.
 * 2025 14:03") for a moment in another year than `now`.
 */
export function formatShortDateTime(value: string | Date, now: Date = new Date()): string {
  const date = toDate(value)
  if (!date) return ''
  const [year, month, day] = netherlandsDate(date).split('-')
  const short = `${Number(day)} ${SHORT_MONTHS[Number(month) - 1]}`
  const withYear = year === netherlandsDate(now).slice(0, 4) ? short : `${short} ${year}`
  return `${withYear} ${formatTime(date)}`
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
})

/** The wall clock in the Netherlands at a moment, as if it were UTC (ms). */
function netherlandsClock(ms: number): number {
  const parts: Record<string, number> = {}
  for (const part of partsFormat.formatToParts(new Date(ms)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  const { year, month, day, hour, minute, second } = parts as Record<string, number>
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms % 1000)
}

/** "2027-03-31": the calendar date in the Netherlands at a moment; '' for no date. */
export function netherlandsDate(value: string | Date): string {
  const date = toDate(value)
  return date ? new Date(netherlandsClock(date.getTime())).toISOString().slice(0, 10) : ''
}

/** A calendar date as `<input type="date">` and ISO-8601 write it. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for "2027-03-31": a date without a time, which exists in the calendar. */
export function isDateOnly(value: string): boolean {
  const match = DATE_ONLY.exec(value)
  if (!match) return false
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/**
 * The end of a day in the Netherlands (23:59:59.999 there), whatever the zone
 * of the computer asking: "2027-03-31" → "2027-03-31T21:59:59.999Z" (summer
 * time). A consultation round "until 31 March" closes when that day ends there.
 * @returns null for something that is not a date (see `isDateOnly`)
 */
export function endOfNetherlandsDay(date: string): string | null {
  if (!isDateOnly(date)) return null
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(year, month - 1, day, 23, 59, 59, 999)
  // The offset at a guess, then at the moment that guess gives: exact across a DST change.
  let moment = wall - (netherlandsClock(wall) - wall)
  moment = wall - (netherlandsClock(moment) - moment)
  return new Date(moment).toISOString()
}
