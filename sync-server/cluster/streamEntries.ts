/**
 * Entries of a proposal's Redis stream: `i` the instance that accepted the
 * update, `p` the person who sent it, `u` the Yjs update.
 */
import type { Redis } from 'ioredis'
import { parseStreamId, type StreamId } from './streamIds.ts'

export const streamKey = (proposalId: string) => `ms:doc:${proposalId}`

export interface StreamEntry {
  id: StreamId
  instanceId: string
  personId: string
  update: Uint8Array
}

/** Decodes one entry as ioredis returns it with Buffer replies. */
export function decodeEntry(id: Buffer, fields: Buffer[]): StreamEntry {
  const values = new Map<string, Buffer>()
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!.toString(), fields[i + 1]!)
  const update = values.get('u') ?? Buffer.alloc(0)
  return {
    id: parseStreamId(id.toString()),
    instanceId: values.get('i')?.toString() ?? '',
    personId: values.get('p')?.toString() ?? '',
    update: new Uint8Array(update.buffer, update.byteOffset, update.byteLength),
  }
}

/** Every entry of a proposal's stream from `start` (an XRANGE bound: `-`, or `(<id>` exclusive). */
export async function readEntries(
  redis: Redis,
  proposalId: string,
  start: string,
): Promise<StreamEntry[]> {
  const entries = await redis.xrangeBuffer(streamKey(proposalId), start, '+')
  return entries.map(([id, fields]) => decodeEntry(id, fields))
}
