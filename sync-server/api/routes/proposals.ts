/** Proposals and their text (H2, H3, H4). */
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
    const updated = await ctx.services.proposals.update(
      principal,
      proposal,
      await readJsonObject(ctx.req),
    )
    const { activity } = ctx.services
    if (updated.status !== proposal.status) {
      await activity.record('status.changed', principal.person.id, proposal.id, {
        from: proposal.status,
        to: updated.status,
      })
    }
    if (updated.title !== proposal.title) {
      await activity.record('title.changed', principal.person.id, proposal.id, {
        from: proposal.title,
        to: updated.title,
      })
    }
    sendJson(ctx.res, 200, await ctx.services.proposals.view(updated, principal))
  })

  router.add('GET', '/api/proposals/:id/content', async (ctx) => {
    const principal = await signedIn(ctx)
    const proposal = await visibleProposal(ctx, principal)
    const { doc, text } = await ctx.services.proposals.content(proposal)
    const { id, title, status } = proposal
    sendJson(ctx.res, 200, { id, title, status, doc, text })
  })
}
