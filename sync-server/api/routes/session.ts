/** Health (H1) and who am I (A5). */
import { publicPerson } from '../../auth/Principal.ts'
import { signedIn } from '../guards.ts'
import { sendJson } from '../http.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

export function addSessionRoutes(router: Router<Services>): void {
  router.add('GET', '/healthz', ({ res }) => sendJson(res, 200, { ok: true }))

  router.add('GET', '/api/me', async (ctx) => {
    const { person } = await signedIn(ctx)
    sendJson(ctx.res, 200, {
      person: publicPerson(person),
      role: person.role,
      proposals: person.proposals,
      province: person.province,
      color: person.color,
    })
  })
}
