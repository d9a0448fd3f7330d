import type { Position } from '../../../shared/rounds.ts'
import { api } from '../../lib/api.ts'
import type { BlockPositions, PositionView, ResponseView, Round, Summary } from './types.ts'

/** The formats of the response memorandum (R7). */
export const MEMORANDUM_FORMATS = [
  { format: 'docx', label: 'Word (.docx)' },
  { format: 'html', label: 'Webpagina (.html)' },
  { format: 'md', label: 'Markdown (.md)' },
] as const

/**
 * The rounds part of the HTTP API for one proposal (R2, R4, R5, R7), with the
 * VNG's responses per passage.
 * @throws {ApiError} with the server's Dutch message on every refusal
 */
export function roundsApi(proposalId: string) {
  const base = `api/proposals/${encodeURIComponent(proposalId)}/rounds`
  const round = (id: string) => `${base}/${encodeURIComponent(id)}`
  return {
    list: () => api<Round[]>(base),
    /** `closesAt` as a date ("2027-03-31"): the end of that day in the Netherlands (R8). */
    open: (body: { versionId: string; closesAt: string; title?: string }) =>
      api<Round>(base, { method: 'POST', body }),
    close: (id: string) => api<Round>(`${round(id)}/close`, { method: 'POST' }),
    summary: (id: string) => api<Summary>(`${round(id)}/summary`),
    positions: (id: string, blockId: string) =>
      api<BlockPositions>(`${round(id)}/positions/${encodeURIComponent(blockId)}`),
    give: (
      id: string,
      blockId: string,
      body: { position: Position; reason?: string; replaces?: string | null },
    ) =>
      api<PositionView>(`${round(id)}/positions/${encodeURIComponent(blockId)}`, {
        method: 'PUT',
        body,
      }),
    respond: (id: string, blockId: string, text: string) =>
      api<ResponseView>(`${round(id)}/responses/${encodeURIComponent(blockId)}`, {
        method: 'PUT',
        body: { text },
      }),
    memorandumPath: (id: string, format: string) => `${round(id)}/reactienota?format=${format}`,
  }
}
