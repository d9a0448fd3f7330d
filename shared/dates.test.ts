import { describe, expect, it } from 'vitest'
import {
  endOfNetherlandsDay,
  formatDate,
  formatDateTime,
  formatShortDateTime,
  formatTime,
  isDateOnly,
  netherlandsDate,
} from './dates.ts'

describe('Dutch dates', () => {
  it('writes the date of the general assembly as people do', () => {
    // 12:05 UTC is 14:05 in Amsterdam in summer.
    expect(formatDate('2023-06-14T12:05:00Z')).toBe('14 juni 2023')
    expect(formatTime('2023-06-14T12:05:00Z')).toBe('14:05')
    expect(formatDateTime('2023-06-14T12:05:00Z')).toBe('14 juni 2023 om 14:05')
  })

  it('writes a moment the same when asked again, and after many others', () => {
    const moment = '2023-06-14T12:05:00Z'
    expect(formatDateTime(moment)).toBe('14 juni 2023 om 14:05')
    for (let minute = 0; minute < 25_000; minute++)
      formatDateTime(new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString())
    expect(formatDateTime(moment)).toBe('14 juni 2023 om 14:05')
    expect(formatDate(moment)).toBe('14 juni 2023')
    expect(formatTime(moment)).toBe('14:05')
    expect(formatDate('geen datum')).toBe('')
    expect(formatDateTime(new Date(moment))).toBe('14 juni 2023 om 14:05')
  })

  it('uses Dutch winter time and leading zeros', () => {
    expect(formatDateTime('2021-12-01T08:03:00Z')).toBe('1 december 2021 om 09:03')
  })

  it('writes a moment beside the text short, with the year only when it is not this year', () => {
    const now = new Date('2026-12-04T15:00:00Z')
    expect(formatShortDateTime('2026-12-04T13:03:00Z', now)).toBe('4 dec. 14:03')
    expect(formatShortDateTime('2025-06-14T12:05:00Z', now)).toBe('14 jun. 2025 14:05')
    // New Year's Eve 23:30 UTC is already the next year in Amsterdam.
    expect(formatShortDateTime('2025-12-31T23:30:00Z', now)).toBe('1 jan. 00:30')
    expect(formatShortDateTime('geen datum', now)).toBe('')
  })

  it('gives nothing for a value that is not a date', () => {
    expect(formatDate('geen datum')).toBe('')
  })
})

describe('the Netherlands’ calendar', () => {
  it('[R8] the end of a day is 23:59:59.999 in Amsterdam, in summer and in winter time', () => {
    expect(endOfNetherlandsDay('2027-03-31')).toBe('2027-03-31T21:59:59.999Z')
    expect(endOfNetherlandsDay('2027-01-15')).toBe('2027-01-15T22:59:59.999Z')
    // The days summer time starts and ends.
    expect(endOfNetherlandsDay('2027-03-28')).toBe('2027-03-28T21:59:59.999Z')
    expect(endOfNetherlandsDay('2027-10-31')).toBe('2027-10-31T22:59:59.999Z')
    expect(formatDateTime(endOfNetherlandsDay('2027-03-31')!)).toBe('31 maart 2027 om 23:59')
  })

  it('[R8] only real calendar dates are dates', () => {
    for (const wrong of ['2027-02-30', '2027-13-01', '31-03-2027', '2027-03-31T12:00:00Z', ''])
      expect(endOfNetherlandsDay(wrong), wrong).toBeNull()
    expect(isDateOnly('2028-02-29')).toBe(true)
  })

  it('gives the date as it is in the Netherlands at a moment', () => {
    // 23:30 UTC on 31 March is already 1 April in Amsterdam.
    expect(netherlandsDate('2027-03-31T23:30:00Z')).toBe('2027-04-01')
    expect(netherlandsDate('2027-03-31T21:59:59.999Z')).toBe('2027-03-31')
    expect(netherlandsDate('geen datum')).toBe('')
  })
})
