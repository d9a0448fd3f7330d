/** Proposals and their text (H2, H3, H4). */
import { isFrozen } from '../../../shared/roles.ts'
import { requireRole, signedIn, visibleProposal } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export function addProposalRoutes(router: Router<Services>): void {
  router.add('GET', '/api/proposals', async (ctx) => {
    const principal = await signedIn(ctx)
    sendJson(ctx.res, 200, await ctx.services.proposals.list(principal))
  })

  router.add('POST', '/api/proposals', async (ctx) => {
    const principal = await signedIn(ctx)
    requireRole(principal, 'editor')
    const created = await ctx.services.proposals.create(principal, await readJsonObject(ctx.req))
    await ctx.services.activity.record('proposal.created', principal.person.id, created.id, {
      title: created.title,
    })
    sendJson(ctx.res, 201, await ctx.services.proposals.view(created, principal))
  })

  router.add('GET', '/api/proposals/:id', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal)
    sendJson(ctx.res, 200, await ctx.services.proposals.view(proposal, principal))
  })

  router.add('PATCH', '/api/proposals/:id', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal, 'editor')
    const input = await readJsonObject(ctx.req)
    const { proposals, rounds, storage } = ctx.services
    // R8: no round opens meanwhile; a text made `vastgesteld` ends its open round.
    const updated = await rounds.whileStatusHolds(proposal.id, async () => {
      const now = (await storage.proposals.get(proposal.id)) ?? proposal
      const next = await proposals.update(principal, now, input)
      if (isFrozen(next.status) && !isFrozen(now.status)) await rounds.closeOpen(principal, next)
      return next
    })
    sendJson(ctx.res, 200, await proposals.view(updated, principal))
  })

  router.add('GET', '/api/proposals/:id/content', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal)
    const { doc, text } = await ctx.services.proposals.content(proposal)
    const { id, title, status } = proposal
    sendJson(ctx.res, 200, { id, title, status, doc, text })
  })
}
