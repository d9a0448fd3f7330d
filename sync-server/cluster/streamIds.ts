/**
 * Redis stream ids (`<ms>-<seq>`), compared and stepped as pairs of numbers.
 */
export interface StreamId {
  ms: number
  seq: number
}

export const STREAM_START: StreamId = { ms: 0, seq: 0 }

export function parseStreamId(text: string): StreamId {
  const [ms, seq] = text.split('-')
  return { ms: Number(ms), seq: Number(seq ?? 0) }
}

export function formatStreamId(id: StreamId): string {
  return `${id.ms}-${id.seq}`
}

export function compareStreamIds(a: StreamId, b: StreamId): number {
  return a.ms === b.ms ? a.seq - b.seq : a.ms - b.ms
}

/** The smallest id after `id` (XTRIM MINID keeps entries from there on). */
export function nextStreamId(id: StreamId): StreamId {
  return { ms: id.ms, seq: id.seq + 1 }
}
