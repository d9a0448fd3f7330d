/**
 * "Meldingen" (M4): a person's notifications with the unread count, marking
 * them read, which ones come by mail, and unsubscribing from those mails
 * without signing in (the link in every notification mail; RFC 8058 one-click
 * POSTs come here too).
 */
import { AppError } from '../../errors.ts'
import { ALL_OFF, ALL_ON, preferencesField } from '../../notifications/preferences.ts'
import { sentenceOf } from '../../notifications/sentences.ts'
import { signedIn } from '../guards.ts'
import { readBody, readJsonObject, sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

/** The token of an unsubscribe request: in the query (one-click) or the JSON body. */
async function unsubscribeToken(
  ctx: RouteContext<Services>,
): Promise<{ token: unknown; subscribe: boolean }> {
  const fromQuery = ctx.url.searchParams.get('token')
  const raw = (await readBody(ctx.req, 16 * 1024)).toString('utf8')
  let body: Record<string, unknown> = {}
  if ((ctx.req.headers['content-type'] ?? '').includes('json') && raw) {
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      throw new AppError('bad_request', 'De gegevens in dit verzoek zijn geen geldige JSON.')
    }
  }
  return { token: fromQuery ?? body.token, subscribe: body.subscribe === true }
}

export function addNotificationRoutes(router: Router<Services>): void {
  router.add('GET', '/api/notifications', async (ctx) => {
    const { person } = await signedIn(ctx)
    const store = ctx.services.storage.notifications
    const [records, unread] = await Promise.all([
      store.list(person.id, 100),
      store.unreadCount(person.id),
    ])
    sendJson(ctx.res, 200, {
      unread,
      items: records.map((record) => ({
        id: record.id,
        kind: record.kind,
        proposalId: record.proposalId,
        text: sentenceOf(record),
        createdAt: record.createdAt,
        read: record.readAt !== null,
      })),
    })
  })

  router.add('GET', '/api/notifications/count', async (ctx) => {
    const { person } = await signedIn(ctx)
    sendJson(ctx.res, 200, {
      unread: await ctx.services.storage.notifications.unreadCount(person.id),
    })
  })

  router.add('POST', '/api/notifications/read', async (ctx) => {
    const { person } = await signedIn(ctx)
    const input = await readJsonObject(ctx.req)
    const ids = Array.isArray(input.ids) ? input.ids.filter((id) => typeof id === 'string') : null
    const store = ctx.services.storage.notifications
    await store.markRead(person.id, ids, new Date(ctx.services.clock()).toISOString())
    sendJson(ctx.res, 200, { unread: await store.unreadCount(person.id) })
  })

  router.add('GET', '/api/notifications/settings', async (ctx) => {
    const { person } = await signedIn(ctx)
    const mail = (await ctx.services.storage.notifications.preferences(person.id)) ?? ALL_ON
    sendJson(ctx.res, 200, { mail, email: person.email ?? null })
  })

  router.add('PUT', '/api/notifications/settings', async (ctx) => {
    const { person } = await signedIn(ctx)
    const store = ctx.services.storage.notifications
    const input = await readJsonObject(ctx.req)
    const mail = preferencesField(input.mail, (await store.preferences(person.id)) ?? ALL_ON)
    await store.setPreferences(person.id, mail)
    sendJson(ctx.res, 200, { mail, email: person.email ?? null })
  })

  // Someone opened the header's address in a browser: the page does the unsubscribing.
  router.add('GET', '/api/unsubscribe', (ctx) => {
    const token = ctx.url.searchParams.get('token') ?? ''
    ctx.res.writeHead(303, { location: `../#/afmelden?token=${encodeURIComponent(token)}` })
    ctx.res.end()
  })

  router.add('POST', '/api/unsubscribe', async (ctx) => {
    const { token, subscribe } = await unsubscribeToken(ctx)
    const personId = ctx.services.unsubscribe.personOf(token)
    const person = personId ? await ctx.services.storage.people.get(personId) : undefined
    if (!person) throw new AppError('not_found', 'Deze afmeldlink klopt niet (meer).')
    await ctx.services.storage.notifications.setPreferences(person.id, subscribe ? ALL_ON : ALL_OFF)
    sendJson(ctx.res, 200, { subscribed: subscribe, name: person.name })
  })
}
