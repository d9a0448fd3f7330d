/**
 * Turns a queued mail into the message that goes out. Sign-in links are made
 * here, when the mail is written, so no token ever waits in the queue (A1);
 * writing the same mail again (a retry) replaces its token. A person revoked
 * since the mail was queued gets nothing.
 */
import { hashToken, newToken } from '../auth/tokens.ts'
import type { MailRecord, Storage } from '../persistence/Storage.ts'
import { type MailBody, renderHtml, renderText } from './layout.ts'
import {
  type InvitationData,
  invitationMail,
  type NotificationItem,
  notificationsMail,
  signInLinkMail,
} from './messages.ts'
import type { OutgoingMail } from './transport.ts'

export interface WriteContext {
  storage: Storage
  /** e.g. `https://meeschrijven.vng.nl`, without a trailing slash. */
  baseUrl: string
  /** The signed token of a person's unsubscribe link (no sign-in needed). */
  unsubscribeToken(personId: string): string
  now: () => string
}

/** @returns the message, or null when the person can no longer sign in */
export async function writeMail(
  mail: MailRecord,
  context: WriteContext,
): Promise<OutgoingMail | null> {
  const person = await context.storage.people.get(mail.personId)
  if (!person || person.revokedAt || person.anonymisedAt) return null
  let body: MailBody
  let unsubscribeUrl: string | undefined
  if (mail.kind === 'notifications') {
    const token = encodeURIComponent(context.unsubscribeToken(person.id))
    // The header is for mail programs, which POST to it (RFC 8058); the body's link opens a page.
    unsubscribeUrl = `${context.baseUrl}/api/unsubscribe?token=${token}`
    body = notificationsMail(
      { name: person.name, items: mail.data.items as NotificationItem[] },
      { base: context.baseUrl, unsubscribe: `${context.baseUrl}/#/afmelden?token=${token}` },
    )
  } else {
    const token = newToken()
    await context.storage.signInTokens.put({
      id: mail.id,
      personId: person.id,
      tokenHash: hashToken(token),
      createdAt: context.now(),
    })
    const link = `${context.baseUrl}/#/welkom?token=${token}`
    body =
      mail.kind === 'invitation'
        ? invitationMail({ ...(mail.data as unknown as InvitationData), name: person.name }, link)
        : signInLinkMail({ name: person.name }, link)
  }
  return {
    id: mail.id,
    to: mail.to,
    subject: body.subject,
    text: renderText(body),
    html: renderHtml(body),
    unsubscribeUrl,
  }
}
