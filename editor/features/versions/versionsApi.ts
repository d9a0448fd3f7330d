import { api } from '../../lib/api.ts'
import type { Comparison, Version, VersionWithText } from './types.ts'

/**
 * The versions part of the HTTP API for one proposal (V1–V3).
 * @throws {ApiError} with the server's Dutch message on every refusal
 */
export function versionsApi(proposalId: string) {
  const base = `api/proposals/${encodeURIComponent(proposalId)}/versions`
  const version = (id: string) => `${base}/${encodeURIComponent(id)}`
  return {
    list: () => api<Version[]>(base),
    save: (name: string) => api<Version>(base, { method: 'POST', body: { name } }),
    read: (id: string) => api<VersionWithText>(version(id)),
    compare: (id: string, against: string) =>
      api<Comparison>(`${version(id)}/diff?against=${encodeURIComponent(against)}`),
  }
}
