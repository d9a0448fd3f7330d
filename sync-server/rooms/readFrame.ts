/**
 * Decodes a frame a client sent (y-websocket framing) into what it asks of the
 * room. Bytes that do not decode, and messages a client may not send, come back
 * as `refused` with the reason the socket is closed for.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { MessageType, SyncMessageType } from '../../shared/protocol.ts'

export type ClientFrame =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** Sync step 2 and update carry the same thing: changes to apply. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }
  | {
      kind: 'refused'
      reason: 'undecodable_frame' | 'unknown_sync_step' | 'unexpected_message_type'
      error?: string
    }

export function readFrame(data: Uint8Array): ClientFrame {
  try {
    return decodeFrame(data)
  } catch (error) {
    return { kind: 'refused', reason: 'undecodable_frame', error: String(error) }
  }
}

function decodeFrame(data: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  if (type === MessageType.sync) {
    const step = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (step === SyncMessageType.step1) {
      // Decoded here so a malformed state vector is refused like any bad frame,
      // not thrown later while the answer is encoded.
      Y.decodeStateVector(payload)
      return { kind: 'syncStep1', stateVector: payload }
    }
    if (step === SyncMessageType.step2 || step === SyncMessageType.update)
      return { kind: 'update', update: payload }
    return { kind: 'refused', reason: 'unknown_sync_step' }
  }
  if (type === MessageType.awareness)
    return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
  if (type === MessageType.queryAwareness) return { kind: 'queryAwareness' }
  // Includes type 100: only the server sends events (E1).
  return { kind: 'refused', reason: 'unexpected_message_type' }
}
