/** Named and automatic versions, comparisons and restoring (V1–V4). */
import { publicPerson } from '../../auth/Principal.ts'
import { restoreVersion } from '../../versions/restoreVersion.ts'
import { signedIn, visibleProposal, wellFormed } from '../guards.ts'
import { readJsonObject, sendJson } from '../http.ts'
import type { RouteContext, Router } from '../router.ts'
import type { Services } from '../services.ts'

type Context = RouteContext<Services>
const BASE = '/api/proposals/:id/versions'

/** The checks in the contract's order, with the version id checked for shape first. */
async function versionContext(ctx: Context, minimum?: 'writer' | 'editor') {
  const principal = await signedIn(ctx)
  if (ctx.params.vid !== undefined) wellFormed(ctx.params.vid, 'versie-id')
  const against = ctx.url.searchParams.get('against') ?? 'current'
  if (ctx.params.vid !== undefined && against !== 'current') wellFormed(against, 'versie-id')
  const proposal = await visibleProposal(ctx, principal, minimum)
  return { principal, proposal, vid: ctx.params.vid ?? '', against }
}

export function addVersionRoutes(router: Router<Services>): void {
  router.add('GET', BASE, async (ctx) => {
    const { proposal } = await versionContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.versions.list(proposal))
  })

  router.add('POST', BASE, async (ctx) => {
    const { principal, proposal } = await versionContext(ctx, 'writer')
    const input = await readJsonObject(ctx.req)
    sendJson(ctx.res, 201, await ctx.services.versions.save(principal, proposal, input))
  })

  router.add('GET', `${BASE}/:vid`, async (ctx) => {
    const { proposal, vid } = await versionContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.versions.read(proposal, vid))
  })

  router.add('GET', `${BASE}/:vid/diff`, async (ctx) => {
    const { proposal, vid, against } = await versionContext(ctx)
    sendJson(ctx.res, 200, await ctx.services.versions.diff(proposal, vid, against))
  })

  router.add('POST', `${BASE}/:vid/restore`, async (ctx) => {
    const { principal, proposal, vid } = await versionContext(ctx, 'editor')
    const { services } = ctx
    const result = await restoreVersion(
      services.versions,
      services.schema,
      principal,
      proposal,
      vid,
    )
    await services.activity.record('version.restored', principal.person.id, proposal.id, {
      versionId: result.restoredFrom.id,
      name: result.restoredFrom.name,
      safetyVersionId: result.safetyVersion.id,
    })
    // The text itself reaches open editors as an update; this says who did it and why.
    const event = { type: 'restored', ...result, by: publicPerson(principal.person) }
    services.rooms.publish(proposal.id, { kind: 'event', event })
    sendJson(ctx.res, 200, result)
  })
}
