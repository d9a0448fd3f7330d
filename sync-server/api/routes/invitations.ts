/**
 * Invitations in bulk (M1), changing a person, sending a person a new link,
 * and how mail goes out (for the note on the people page).
 */

import { AppError } from '../../errors.ts'
import { openRoundResponses } from '../../people/openRoundResponses.ts'
import { personView } from '../../people/PeopleService.ts'
import { editPerson } from '../../people/PersonEdits.ts'
import { requireRole, signedIn, wellFormed } from '../guards.ts'
import { readBody, readJsonObject, sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export function addInvitationRoutes(router: Router<Services>): void {
  router.add('POST', '/api/invites/bulk', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const type = ctx.req.headers['content-type'] ?? ''
    if (/json|multipart/i.test(type)) {
      throw new AppError(
        'unsupported_media_type',
        'Stuur de lijst als CSV-bestand (text/csv), zoals Excel het opslaat.',
      )
    }
    const dryRun = ['1', 'true'].includes(ctx.url.searchParams.get('dryRun') ?? '')
    const result = await ctx.services.bulkInvites.run(principal, await readBody(ctx.req), {
      dryRun,
    })
    if (result.applied && result.created + result.updated > 0) {
      await ctx.services.activity.record('people.imported', principal.person.id, null, {
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
      })
    }
    const { createdIds: _ids, ...answer } = result
    sendJson(ctx.res, 200, answer)
  })

  router.add('PATCH', '/api/people/:id', async (ctx) => {
    const principal = await signedIn(ctx)
    const id = wellFormed(ctx.params.id ?? '', 'persoon-id')
    requireRole(principal, 'editor')
    const input = await readJsonObject(ctx.req)
    const { storage, rooms } = ctx.services
    const person = await editPerson(storage, rooms, principal, id, input)
    await ctx.services.activity.record('person.changed', principal.person.id, null, {
      personId: person.id,
      fields: Object.keys(input),
    })
    sendJson(ctx.res, 200, personView(person))
  })

  router.add('POST', '/api/people/:id/sign-in-link', async (ctx) => {
    const principal = await signedIn(ctx)
    const id = wellFormed(ctx.params.id ?? '', 'persoon-id')
    requireRole(principal, 'editor')
    await ctx.services.signInLinks.resend(principal, id)
    sendJson(ctx.res, 202, { queued: true })
  })

  router.add('GET', '/api/people/responses', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const people = await ctx.services.people.list(principal)
    sendJson(
      ctx.res,
      200,
      await openRoundResponses(ctx.services.storage, ctx.services.rounds, people),
    )
  })

  router.add('GET', '/api/mail', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    sendJson(ctx.res, 200, {
      mode: ctx.services.mail.mode,
      pending: await ctx.services.storage.mail.pendingCount(),
    })
  })
}
