import { readToken } from '../features/session/tokenStore.ts'

/** An HTTP answer that was not a success, with the server's stable code. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error body's `details`, e.g. the field, or what stands now after a 409. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

type Listener = (error: ApiError) => void
const unauthorizedListeners = new Set<Listener>()

/** Called whenever the server answers 401: the token no longer works. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Het verzoek klopt niet.',
  401: 'U bent niet (meer) aangemeld.',
  403: 'U hebt hiervoor geen toestemming.',
  404: 'Dit bestaat niet (meer).',
  409: 'Dit kan nu niet, omdat iemand anders iets heeft veranderd.',
  413: 'Dit is te groot om te versturen.',
  422: 'Niet alle velden zijn goed ingevuld.',
  429: 'Er zijn te veel verzoeken tegelijk. Wacht even en probeer het opnieuw.',
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code = 'unknown'
  let message = FALLBACK_MESSAGES[response.status] ?? 'Er ging iets mis bij de server.'
  let details: Record<string, unknown> = {}
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> }
    }
    if (body.error?.code) code = body.error.code
    if (body.error?.message) message = body.error.message
    if (body.error?.details && typeof body.error.details === 'object') details = body.error.details
  } catch {
    // Not JSON (a proxy's error page, say): keep the Dutch fallback.
  }
  return new ApiError(response.status, code, message, details)
}

/**
 * Calls the HTTP API with the stored token and returns the parsed JSON.
 * @param init.token another token to ask with (a sign-in link's): its 401 does
 *   not sign the current person out
 * @throws {ApiError} for every answer that is not 2xx, and with status 0 when
 * the server cannot be reached
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
) {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const token = init.token ?? readToken()
  if (token) headers.Authorization = `Bearer ${token}`
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    // Paths resolve against the page, so the editor also works below a sub-path.
    response = await fetch(path.replace(/^\//, ''), {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    throw new ApiError(0, 'offline', 'De server is niet bereikbaar. Controleer uw verbinding.')
  }
  if (!response.ok) {
    const error = await errorFrom(response)
    if (response.status === 401 && init.token === undefined) {
      for (const listener of unauthorizedListeners) listener(error)
    }
    throw error
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}
