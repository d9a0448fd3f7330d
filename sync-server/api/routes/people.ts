/** Invitations, the people list and revocation (A5, R1). */

import { queueInvitation } from '../../people/bulk/BulkInvites.ts'
import { personView } from '../../people/PeopleService.ts'
import { requireRole, signedIn, wellFormed } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export function addPeopleRoutes(router: Router<Services>): void {
  router.add('POST', '/api/invites', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const { person, token } = await ctx.services.people.invite(
      principal,
      await readJsonObject(ctx.req),
    )
    await ctx.services.activity.record('person.invited', principal.person.id, null, {
      personId: person.id,
      role: person.role,
      proposals: person.proposals,
    })
    const url = `${ctx.services.publicUrl(ctx.req.headers)}/#/welkom?token=${token}`
    if (person.email) await queueInvitation(ctx.services, principal, person)
    sendJson(ctx.res, 201, { person: personView(person), token, url })
  })

  router.add('GET', '/api/people', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const people = await ctx.services.people.list(principal)
    sendJson(ctx.res, 200, people.map(personView))
  })

  router.add('POST', '/api/people/:id/anonymise', async (ctx) => {
    const principal = await signedIn(ctx)
    const id = wellFormed(ctx.params.id ?? '', 'persoon-id')
    requireRole(principal, 'editor')
    const person = await ctx.services.people.anonymise(principal, id)
    await ctx.services.activity.record('person.anonymised', principal.person.id, null, {
      personId: person.id,
    })
    sendJson(ctx.res, 200, personView(person))
  })

  router.add('DELETE', '/api/people/:id', async (ctx) => {
    const principal = await signedIn(ctx)
    const id = wellFormed(ctx.params.id ?? '', 'persoon-id')
    requireRole(principal, 'editor')
    const person = await ctx.services.people.revoke(principal, id)
    await ctx.services.activity.record('person.revoked', principal.person.id, null, {
      personId: person.id,
    })
    sendJson(ctx.res, 200, personView(person))
  })
}
