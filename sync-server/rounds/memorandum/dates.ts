/**
 * Dates in the memorandum as Dutch readers write them ("14 juni 2023",
 * "14:05"), on the Netherlands' clock whatever the server's time zone is.
 */
const TIME_ZONE = 'Europe/Amsterdam'

const date = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
})
const time = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
})

/** "14 juni 2023". */
export function dutchDate(iso: string): string {
  return date.format(new Date(iso))
}

/** "14 juni 2023 om 14:05". */
export function dutchDateTime(iso: string): string {
  const value = new Date(iso)
  return `${date.format(value)} om ${time.format(value)}`
}
