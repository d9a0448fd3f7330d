/** Comment threads and amendments (C1–C7). */

import type { Principal } from '../../auth/Principal.ts'
import { invalidField } from '../../errors.ts'
import type { ProposalRecord } from '../../persistence/Storage.ts'
import { signedIn, visibleProposal, wellFormed } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

type Context = RouteContext<Services>
const BASE = '/api/proposals/:id/threads'

const ACTIVITY = {
  resolve: 'thread.resolved',
  reopen: 'thread.reopened',
  accept: 'amendment.accepted',
  reject: 'amendment.rejected',
} as const

/** The checks in the contract's order, with the thread and comment ids checked for shape first. */
async function threadContext(ctx: Context, minimum?: 'editor') {
  const principal = await signedIn(ctx)
  if (ctx.params.tid !== undefined) wellFormed(ctx.params.tid, 'reactie-id')
  if (ctx.params.cid !== undefined) wellFormed(ctx.params.cid, 'reactie-id')
  const proposal = await visibleProposal(ctx, principal, minimum)
  return { principal, proposal, tid: ctx.params.tid ?? '', cid: ctx.params.cid ?? '' }
}

async function sendThread(
  ctx: Context,
  status: number,
  principal: Principal,
  thread: Parameters<Services['threads']['view']>[1],
) {
  sendJson(ctx.res, status, await ctx.services.threads.view(principal, thread))
}

/** A reply or a changed comment: the comment, with its whole thread beside it. */
async function sendComment(
  ctx: Context,
  status: number,
  principal: Principal,
  proposal: ProposalRecord,
  threadId: string,
  commentId?: string,
) {
  const thread = await ctx.services.threads.get(principal, proposal, threadId)
  const comment = commentId
    ? thread.comments.find((c) => c.id === commentId)
    : thread.comments.at(-1)
  sendJson(ctx.res, status, { ...comment, threadId, thread })
}

export function addThreadRoutes(router: Router<Services>): void {
  router.add('GET', BASE, async (ctx) => {
    const { principal, proposal } = await threadContext(ctx)
    const status = ctx.url.searchParams.get('status') ?? 'all'
    if (status !== 'open' && status !== 'resolved' && status !== 'all') {
      throw invalidField('status', 'Kies open, resolved of all.')
    }
    sendJson(ctx.res, 200, await ctx.services.threads.list(principal, proposal, status))
  })

  router.add('POST', BASE, async (ctx) => {
    const { principal, proposal } = await threadContext(ctx)
    const thread = await ctx.services.threads.create(
      principal,
      proposal,
      await readJsonObject(ctx.req),
    )
    await sendThread(ctx, 201, principal, thread)
  })

  router.add('POST', `${BASE}/seen`, async (ctx) => {
    const { principal, proposal } = await threadContext(ctx)
    await ctx.services.threads.markSeen(principal, proposal.id)
    sendJson(ctx.res, 200, { seenAt: new Date().toISOString() })
  })

  router.add('GET', `${BASE}/:tid`, async (ctx) => {
    const { principal, proposal, tid } = await threadContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.threads.get(principal, proposal, tid))
  })

  router.add('PATCH', `${BASE}/:tid`, async (ctx) => {
    const { principal, proposal, tid } = await threadContext(ctx)
    const thread = await ctx.services.threads.revise(
      principal,
      proposal,
      tid,
      await readJsonObject(ctx.req),
    )
    await sendThread(ctx, 200, principal, thread)
  })

  router.add('DELETE', `${BASE}/:tid`, async (ctx) => {
    const { principal, proposal, tid } = await threadContext(ctx)
    await ctx.services.threads.withdraw(principal, proposal, tid)
    sendJson(ctx.res, 200, { id: tid, withdrawn: true })
  })

  router.add('POST', `${BASE}/:tid/comments`, async (ctx) => {
    const { principal, proposal, tid } = await threadContext(ctx)
    const thread = await ctx.services.threads.reply(
      principal,
      proposal,
      tid,
      await readJsonObject(ctx.req),
    )
    const { notifier } = ctx.services
    notifier.later(() => notifier.replied(proposal, thread, principal.person.id))
    await sendComment(ctx, 201, principal, proposal, tid)
  })

  router.add('PATCH', `${BASE}/:tid/comments/:cid`, async (ctx) => {
    const { principal, proposal, tid, cid } = await threadContext(ctx)
    await ctx.services.threads.changeComment(
      principal,
      proposal,
      tid,
      cid,
      await readJsonObject(ctx.req),
    )
    await sendComment(ctx, 200, principal, proposal, tid, cid)
  })

  router.add('DELETE', `${BASE}/:tid/comments/:cid`, async (ctx) => {
    const { principal, proposal, tid, cid } = await threadContext(ctx)
    await ctx.services.threads.deleteComment(principal, proposal, tid, cid)
    await sendComment(ctx, 200, principal, proposal, tid, cid)
  })

  for (const action of ['resolve', 'reopen', 'accept', 'reject'] as const) {
    router.add('POST', `${BASE}/:tid/${action}`, async (ctx) => {
      const { principal, proposal, tid } = await threadContext(ctx, 'editor')
      const input = action === 'reopen' || action === 'accept' ? {} : await readJsonObject(ctx.req)
      const thread = await ctx.services.threads[action](principal, proposal, tid, input)
      await ctx.services.activity.record(ACTIVITY[action], principal.person.id, proposal.id, {
        threadId: thread.id,
        quote: thread.quote,
        ...(thread.decision ? { decision: thread.decision } : {}),
      })
      const { notifier } = ctx.services
      if (action !== 'reopen')
        notifier.later(() => notifier.decided(proposal, thread, principal.person.id))
      await sendThread(ctx, 200, principal, thread)
    })
  }
}
