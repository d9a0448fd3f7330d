/**
 * Encoders for the frames the server sends (y-websocket framing: a var-uint
 * message type, then its payload). Each is encoded once and sent to many sockets.
 */
import * as encoding from 'lib0/encoding'
import { MessageType, SyncMessageType } from '../../shared/protocol.ts'

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: the server's state vector, asking the client for what it lacks. */
export const syncStep1Message = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.step1)
    encoding.writeVarUint8Array(e, stateVector)
  })

/** Sync step 2: what the client lacks. */
export const syncStep2Message = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.step2)
    encoding.writeVarUint8Array(e, update)
  })

/** An accepted update, forwarded to the other clients of the room. */
export const updateMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncMessageType.update)
    encoding.writeVarUint8Array(e, update)
  })

export const awarenessMessage = (awarenessUpdate: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, awarenessUpdate)
  })

/**
 * An awareness update with no states: clients apply it as a no-op, but it counts
 * as a message, so their 30 s silence timeout does not fire (contract S6).
 */
export const KEEPALIVE_MESSAGE = awarenessMessage(new Uint8Array([0]))

/** A server event (contract E1): type 100 and a var-string of JSON `{type, …}`. */
export const eventMessage = (event: { type: string } & Record<string, unknown>) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.event)
    encoding.writeVarString(e, JSON.stringify(event))
  })
