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

/** "14 juni 2023"; an empty string for a value that is not a date. */
export function formatDate(value: string | Date): string {
  const date = toDate(value)
  return date ? dateFormat.format(date) : ''
}

/** "14:05"; an empty string for a value that is not a date. */
export function formatTime(value: string | Date): string {
  const date = toDate(value)
  return date ? timeFormat.format(date) : ''
}

/** "14 juni 2023 om 14:05". */
export function formatDateTime(value: string | Date): string {
  const date = toDate(value)
  return date ? `${formatDate(date)} om ${formatTime(date)}` : ''
}
