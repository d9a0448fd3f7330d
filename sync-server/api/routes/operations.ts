/** What operators and editors look at: metrics (Prometheus text). */
import { requireRole, signedIn } from '../guards.ts'
import type { Router } from '../router.ts'
import type { Services } from '../services.ts'

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
}
