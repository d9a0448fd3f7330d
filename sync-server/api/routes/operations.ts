/** What operators and editors look at: metrics (Prometheus text) and the activity log. */

import { personOf } from '../../comments/threadView.ts'
import { invalidField } from '../../errors.ts'
import { peopleById } from '../../people/peopleById.ts'
import type { ActivityRecord } from '../../persistence/Storage.ts'
import { requireRole, signedIn, visibleProposal } from '../guards.ts'
import { sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

/** Entries with the person named (as they are named now: anonymised people too). */
async function activityView(ctx: RouteContext<Services>, records: ActivityRecord[]) {
  const people = await peopleById(ctx.services.storage)
  return records.map(({ id, type, personId, at, details }) => ({
    id,
    type,
    person: personOf(people, personId),
    at,
    details,
    ...(typeof details.personId === 'string'
      ? { subject: personOf(people, details.personId) }
      : {}),
  }))
}

function limitOf(ctx: RouteContext<Services>): number {
  const raw = ctx.url.searchParams.get('limit')
  const limit = raw === null ? 200 : Number(raw)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw invalidField('limit', 'Kies een limiet van 1 tot 1000.')
  return limit
}

export function addOperationsRoutes(router: Router<Services>): void {
  router.add('GET', '/metrics', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const text = ctx.services.metrics.render({
      proposals: ctx.services.rooms.loadedCount(),
      sockets: ctx.services.connections(),
    })
    ctx.res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'cache-control': 'no-store',
    })
    ctx.res.end(text)
  })

  router.add('GET', '/api/proposals/:id/activity', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal, 'editor')
    const records = await ctx.services.activity.list(proposal.id, limitOf(ctx))
    sendJson(ctx.res, 200, await activityView(ctx, records))
  })

  router.add('GET', '/api/activity', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const all = await ctx.services.activity.list(null, limitOf(ctx))
    // Editors on a list see what they did and what concerns their proposals only.
    const own = principal.person.proposals
    const records =
      own === '*'
        ? all
        : all.filter((record) => {
            const proposals = record.details.proposals
            const within =
              Array.isArray(proposals) && proposals.every((id) => own.includes(id as string))
            return record.personId === principal.person.id || within
          })
    sendJson(ctx.res, 200, await activityView(ctx, records))
  })
}
