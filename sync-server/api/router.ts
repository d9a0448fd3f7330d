/**
 * A minimal router: `METHOD /path/:param` patterns, tried in order. Handlers get
 * a context with the request, the matched params and the server's services.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface RouteContext<Services> {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  services: Services
}

export type RouteHandler<Services> = (ctx: RouteContext<Services>) => Promise<void> | void

interface Route<Services> {
  method: string
  pattern: RegExp
  names: string[]
  handler: RouteHandler<Services>
}

/**
 * Decodes one path segment. A malformed one (`%E0%A4%A`) stays as it came: it is
 * no valid id, so the route answers 400 — after the token check, which comes first.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

export class Router<Services> {
  readonly #routes: Route<Services>[] = []

  /** Adds a route, e.g. `add('GET', '/api/proposals/:id', handler)`. */
  add(method: string, path: string, handler: RouteHandler<Services>): this {
    const names: string[] = []
    const source = path
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        names.push(part.slice(1))
        return '([^/]+)'
      })
      .join('/')
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler })
    return this
  }

  /**
   * @returns the handler and params for a request, `'method'` when the path
   *   exists for other methods only, or null when no route matches
   */
  match(method: string, pathname: string) {
    let pathMatched = false
    for (const route of this.#routes) {
      const match = route.pattern.exec(pathname)
      if (!match) continue
      pathMatched = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, index) => {
        params[name] = decodeSegment(match[index + 1]!)
      })
      return { handler: route.handler, params }
    }
    return pathMatched ? ('method' as const) : null
  }
}
