import { ApiError } from '../../lib/api.ts'
import type { DroppedPart } from '../../lib/droppedText.ts'
import { readToken } from '../session/tokenStore.ts'

/** The export formats of V5, with their names in the editor. */
export const FORMATS = [
  { id: 'docx', label: 'Word (.docx)' },
  { id: 'md', label: 'Markdown (.md)' },
  { id: 'html', label: 'Webpagina (.html)' },
] as const
export type ExportFormat = (typeof FORMATS)[number]['id']

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const token = readToken()
  if (token) headers.set('Authorization', `Bearer ${token}`)
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    throw new ApiError(0, 'offline', 'De server is niet bereikbaar. Controleer uw verbinding.')
  }
  if (response.ok) return response
  let message = 'Dat is niet gelukt.'
  let code = 'unknown'
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } }
    message = body.error?.message ?? message
    code = body.error?.code ?? code
  } catch {
    // Not JSON: keep the Dutch fallback.
  }
  throw new ApiError(response.status, code, message)
}

/** The file name the server gave (Content-Disposition), or a fallback. */
function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? ''
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback
}

/**
 * Downloads the text or a version (V5). The API needs the token in a header,
 * so the file is fetched and then handed to the browser as a download.
 * @throws {ApiError} with the server's Dutch message
 */
export async function downloadExport(
  proposalId: string,
  format: ExportFormat,
  versionId: string | null,
) {
  const query = new URLSearchParams({ format })
  if (versionId) query.set('version', versionId)
  const response = await send(`api/proposals/${encodeURIComponent(proposalId)}/export?${query}`)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = filenameOf(response, `${proposalId}.${format}`)
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has the file once the click is handled; the address can go after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Fills an empty proposal from a .docx (V5) and says what could not be kept (W1).
 * @throws {ApiError} 409 not_empty or frozen, 413, 415, 422 with the server's message
 */
export async function importDocx(
  proposalId: string,
  file: Blob,
): Promise<{ dropped: DroppedPart[] }> {
  const response = await send(`api/proposals/${encodeURIComponent(proposalId)}/import`, {
    method: 'POST',
    headers: { 'Content-Type': DOCX },
    body: file,
  })
  const body = (await response.json().catch(() => ({}))) as { dropped?: DroppedPart[] }
  return { dropped: Array.isArray(body.dropped) ? body.dropped : [] }
}
