/**
 * `POST /api/sign-in-link {email}` (M3), without a token: always 202 with the
 * same body, sent before anything is looked up, so neither the answer nor its
 * timing tells whether the address is known.
 */
import { readJsonObject, sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export const SIGN_IN_LINK_ANSWER = {
  message:
    'Als dit e-mailadres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een nieuwe link.',
}

export function addSignInLinkRoutes(router: Router<Services>): void {
  router.add('POST', '/api/sign-in-link', async (ctx) => {
    const input = await readJsonObject(ctx.req)
    const network = ctx.req.socket.remoteAddress ?? 'unknown'
    const address = await ctx.services.signInLinks.admit(input.email, network)
    sendJson(ctx.res, 202, SIGN_IN_LINK_ANSWER)
    await ctx.services.signInLinks.send(address)
  })
}
