/**
 * The HTTP entry: security headers, the API routes, the built editor, and one
 * place where thrown errors become the contract's error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError, messageOf } from '../errors.ts'
import { sendError } from './http.ts'
import { Router } from './router.ts'
import { addExportRoutes } from './routes/export.ts'
import { addInvitationRoutes } from './routes/invitations.ts'
import { addNotificationRoutes } from './routes/notifications.ts'
import { addOperationsRoutes } from './routes/operations.ts'
import { addOverviewRoutes } from './routes/overview.ts'
import { addPeopleRoutes } from './routes/people.ts'
import { addProposalRoutes } from './routes/proposals.ts'
import { addRoundRoutes } from './routes/rounds.ts'
import { addSessionRoutes } from './routes/session.ts'
import { addSignInLinkRoutes } from './routes/signInLink.ts'
import { addThreadRoutes } from './routes/threads.ts'
import { addVersionRoutes } from './routes/versions.ts'
import { SECURITY_HEADERS } from './securityHeaders.ts'
import type { Services } from './services.ts'
import { serveStatic } from './staticFiles.ts'

export function createRouter(): Router<Services> {
  const router = new Router<Services>()
  addSessionRoutes(router)
  addProposalRoutes(router)
  addPeopleRoutes(router)
  addThreadRoutes(router)
  addVersionRoutes(router)
  addRoundRoutes(router)
  addExportRoutes(router)
  addOperationsRoutes(router)
  addInvitationRoutes(router)
  addSignInLinkRoutes(router)
  addNotificationRoutes(router)
  addOverviewRoutes(router)
  return router
}

export function createRequestHandler(
  router: Router<Services>,
  services: Services,
  staticDir: string | null,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const match = router.match(req.method ?? 'GET', url.pathname)
      if (match === 'method') {
        throw new AppError('method_not_allowed', 'Deze methode is hier niet mogelijk.', {
          details: { method: req.method },
        })
      }
      if (match) {
        await match.handler({ req, res, url, params: match.params, services })
        return
      }
      if (url.pathname.startsWith('/api/'))
        throw new AppError('not_found', 'Dit adres bestaat niet.')
      if (await serveStatic(staticDir, req, res, url.pathname, SECURITY_HEADERS)) return
      throw new AppError('not_found', 'Deze pagina bestaat niet.')
    } catch (error) {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof AppError) {
        sendError(res, error)
        return
      }
      services.log.error('request failed', {
        method: req.method,
        path: req.url?.split('?')[0],
        error: messageOf(error),
      })
      sendError(
        res,
        new AppError('internal_error', 'Er ging iets mis op de server. Probeer het later opnieuw.'),
      )
    }
  }
}
