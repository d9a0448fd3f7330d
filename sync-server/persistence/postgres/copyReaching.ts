/**
 * The part of `copyIntoPostgres` that reaching people adds: settings (timeline
 * dates, descriptions, the unsubscribe secret — so unsubscribe links keep
 * working), sign-in links sent by mail, and people's mail preferences (so
 * whoever unsubscribed stays unsubscribed). The list of notifications and mail
 * still queued are not copied (docs/OPERATIONS.md).
 */
import type { Storage } from '../Storage.ts'
import type { Queryable } from './database.ts'
import { pgNotificationStore, pgSettingStore, pgSignInTokenStore } from './reachingStores.ts'

/** Tables this part fills, for the copy's lock and `--force`. */
export const REACHING_TABLES = ['settings', 'sign_in_tokens', 'notification_people']

export async function copyReaching(source: Storage, db: Queryable) {
  const settings = await source.settings.list<unknown>('')
  const target = pgSettingStore(db)
  for (const { key, value } of settings) await target.put(key, value)
  const tokens = await source.signInTokens.all()
  const targetTokens = pgSignInTokenStore(db)
  for (const token of tokens) await targetTokens.put(token)
  const preferences = await source.notifications.allPreferences()
  const targetNotifications = pgNotificationStore(db)
  for (const { personId, preferences: mail } of preferences)
    await targetNotifications.setPreferences(personId, mail)
  return {
    settings: settings.length,
    signInLinks: tokens.length,
    mailPreferences: preferences.length,
  }
}
