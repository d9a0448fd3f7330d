import { ApiError } from '../../../lib/api.ts'
import { readToken } from '../../session/tokenStore.ts'

/** `POST /api/invites/bulk` (M1). */
export interface BulkAnswer {
  created: number
  updated: number
  unchanged: number
  errors: Array<{ line: number; field: string; message: string }>
  rows: Array<{
    line: number
    name: string
    email: string
    action: 'create' | 'update' | 'unchanged' | 'revoked'
    changes: string[]
  }>
  applied: boolean
  encoding: 'utf-8' | 'windows-1252'
}

/**
 * Sends the file as it is (bytes, not text: the server reads its encoding).
 * @throws {ApiError} for an answer that is not 2xx
 */
export async function uploadList(file: Blob, dryRun: boolean): Promise<BulkAnswer> {
  const token = readToken()
  let response: Response
  try {
    response = await fetch(`api/invites/bulk${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'text/csv',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: await file.arrayBuffer(),
    })
  } catch {
    throw new ApiError(0, 'offline', 'De server is niet bereikbaar. Controleer uw verbinding.')
  }
  const body = (await response.json().catch(() => null)) as
    | (BulkAnswer & { error?: { code: string; message: string } })
    | null
  if (!response.ok || !body)
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'unknown',
      body?.error?.message ?? 'De lijst kon niet worden gelezen.',
    )
  return body
}
