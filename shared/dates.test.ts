import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatTime } from './dates.ts'

describe('Dutch dates', () => {
  it('writes the date of the general assembly as people do', () => {
    // 12:05 UTC is 14:05 in Amsterdam in summer.
    expect(formatDate('2023-06-14T12:05:00Z')).toBe('14 juni 2023')
    expect(formatTime('2023-06-14T12:05:00Z')).toBe('14:05')
    expect(formatDateTime('2023-06-14T12:05:00Z')).toBe('14 juni 2023 om 14:05')
  })

  it('uses Dutch winter time and leading zeros', () => {
    expect(formatDateTime('2021-12-01T08:03:00Z')).toBe('1 december 2021 om 09:03')
  })

  it('gives nothing for a value that is not a date', () => {
    expect(formatDate('geen datum')).toBe('')
  })
})
