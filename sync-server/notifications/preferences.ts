/** Which notifications a person gets by mail (M4): every kind unless they said otherwise. */
import { invalidField } from '../errors.ts'
import type { MailPreferences, NotificationKind } from '../persistence/Storage.ts'

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'reply',
  'decision',
  'round',
  'reminder',
]

export const ALL_ON: MailPreferences = { reply: true, decision: true, round: true, reminder: true }
export const ALL_OFF: MailPreferences = {
  reply: false,
  decision: false,
  round: false,
  reminder: false,
}

/** Reads `{reply?, decision?, round?, reminder?}` over the current settings. @throws 422 */
export function preferencesField(value: unknown, current: MailPreferences): MailPreferences {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidField(
      'mail',
      'Geef per soort melding aan of u die per e-mail wilt (true of false).',
    )
  const next = { ...current }
  for (const [kind, on] of Object.entries(value)) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind) || typeof on !== 'boolean')
      throw invalidField('mail', `Onbekende instelling: ${kind}.`)
    next[kind as NotificationKind] = on
  }
  return next
}
