/**
 * Awareness (carets, who is here) that cannot be forged (contract A6): a socket
 * may only publish states for its own Yjs client ids, and the `user` others see
 * is the token's person, whatever the client wrote.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { Limits } from '../../shared/protocol.ts'

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The parsed state, or null when the client leaves. */
  state: Record<string, unknown> | null
}

/** What others see of a person in awareness. */
export interface PresenceUser {
  id: string
  name: string
  color: string
  organisation: string | null
}

/** @throws Error when the update is malformed or a state is too large or not an object */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const entries: AwarenessEntry[] = []
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    if (json.length > Limits.maxAwarenessBytes) throw new Error('awareness state too large')
    const state = JSON.parse(json) as unknown
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new Error('awareness state is not an object')
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
  }
  return entries
}

/** Encodes entries, setting each state's `user` to the server's own (A6). */
export function encodeAwarenessUpdate(entries: AwarenessEntry[], user: PresenceUser): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    const state = entry.state === null ? null : { ...entry.state, user }
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}
