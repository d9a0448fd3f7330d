/** The overview's texts (timeline, descriptions) and "Voor u". */
import { forYou } from '../../overview/forYou.ts'
import { requireRole, signedIn, visibleProposal } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export function addOverviewRoutes(router: Router<Services>): void {
  router.add('GET', '/api/overview', async (ctx) => {
    await signedIn(ctx)
    sendJson(ctx.res, 200, await ctx.services.overview.get())
  })

  router.add('PUT', '/api/overview/timeline/:step', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const input = await readJsonObject(ctx.req)
    sendJson(
      ctx.res,
      200,
      await ctx.services.overview.setStepDate(principal, ctx.params.step ?? '', input),
    )
  })

  router.add('PUT', '/api/overview/descriptions/:id', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal, 'editor')
    const input = await readJsonObject(ctx.req)
    sendJson(
      ctx.res,
      200,
      await ctx.services.overview.setDescription(principal, proposal.id, input),
    )
  })

  router.add('GET', '/api/for-you', async (ctx) => {
    const principal = await signedIn(ctx)
    sendJson(ctx.res, 200, await forYou(ctx.services.storage, ctx.services.rounds, principal))
  })
}
