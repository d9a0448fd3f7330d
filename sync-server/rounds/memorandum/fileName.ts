/**
 * The memorandum's file name, as people would name it themselves:
 * "Reactienota Voorstel 1 - Consultatie 1 - 2027-03-31" (the closing date on
 * the Netherlands' calendar), without internal ids.
 */
import { netherlandsDate } from '../../../shared/dates.ts'

/** Characters Windows, macOS or a mail program do not take in a file name. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]+/gu

/** A title made safe to be part of a file name. */
function safe(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim()
}

export function memoFileName(proposalTitle: string, roundTitle: string, closesAt: string): string {
  const parts = [`Reactienota ${safe(proposalTitle)}`, safe(roundTitle), netherlandsDate(closesAt)]
  return parts.filter((part) => part !== '').join(' - ')
}
