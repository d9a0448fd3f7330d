/**
 * Small HTTP helpers: JSON answers in the contract's shape, bodies read with a
 * size limit, and errors turned into `{error: {code, message, details?}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Limits } from '../../shared/protocol.ts'
import { AppError } from '../errors.ts'

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: AppError): void {
  const body: { code: string; message: string; details?: Record<string, unknown> } = {
    code: error.code,
    message: error.message,
  }
  if (error.details) body.details = error.details
  sendJson(res, error.status, { error: body }, error.headers)
}

/**
 * Reads a request body of at most `limit` bytes.
 * @throws AppError payload_too_large (413) past the limit
 */
export async function readBody(
  req: IncomingMessage,
  limit: number = Limits.maxBodyBytes,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

// The rest of a refused body is never read, so the connection cannot carry another
// request: `connection: close` keeps clients from reusing it (they would be reset).
const tooLarge = () =>
  new AppError(
    'payload_too_large',
    'Dit verzoek is te groot. Maak het kleiner en probeer het opnieuw.',
    {
      headers: { connection: 'close' },
    },
  )

/**
 * Reads and parses a JSON object body.
 * @throws AppError bad_request (400) for malformed JSON or a non-object
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req)
  let value: unknown
  try {
    value = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'))
  } catch {
    throw new AppError('bad_request', 'De gegevens in dit verzoek zijn geen geldige JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('bad_request', 'De gegevens in dit verzoek moeten een JSON-object zijn.')
  }
  return value as Record<string, unknown>
}
