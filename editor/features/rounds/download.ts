import { ApiError } from '../../lib/api.ts'
import { readToken } from '../session/tokenStore.ts'

/**
 * The file name of a `Content-Disposition: attachment` header: the UTF-8 one of
 * `filename*=UTF-8''…` (RFC 5987) when there is one, else `filename="…"`.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition ?? '')?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded)
    } catch {
      // A broken encoding: the plain name below will do.
    }
  }
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback
}

/**
 * Downloads a file from the API. A link cannot carry the token (it travels in
 * a header, never in an address), so the file is fetched and handed to the
 * browser as a download.
 * @throws {ApiError} when the server refuses or cannot be reached
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${readToken() ?? ''}` } })
  } catch {
    throw new ApiError(0, 'offline', 'De server is niet bereikbaar. Controleer uw verbinding.')
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string }
    } | null
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'unknown',
      body?.error?.message ?? 'Downloaden is niet gelukt.',
    )
  }
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked after the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return name
}
