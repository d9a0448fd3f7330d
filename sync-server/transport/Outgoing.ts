/**
 * What a socket is sent, in a form that can be merged with what is still waiting for
 * the same socket: a Yjs update, an awareness update, or any other finished frame.
 * One Outgoing is made per broadcast and shared by every receiver, so the frame is
 * built once and merges of the same items are computed once for all sockets.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { awarenessMessage, updateMessage } from '../rooms/messages.ts'
import { binaryFrame } from './frames.ts'

export interface Outgoing {
  /** `update` and `awareness` items may be merged with others of their kind; `frame` never. */
  readonly kind: 'update' | 'awareness' | 'frame'
  /** Order of creation: tells identical runs of items apart from others. */
  readonly id: number
  /** The Yjs or awareness update (empty for `frame`). */
  readonly payload: Uint8Array
  /** The complete WebSocket frame of this item alone. */
  readonly frame: Buffer
}

let nextId = 1

/** A sync update message (y-protocols) holding `update`. */
export function outgoingUpdate(update: Uint8Array): Outgoing {
  return {
    kind: 'update',
    id: nextId++,
    payload: update,
    frame: binaryFrame(updateMessage(update)),
  }
}

/** An awareness message holding `update`. */
export function outgoingAwareness(update: Uint8Array): Outgoing {
  return {
    kind: 'awareness',
    id: nextId++,
    payload: update,
    frame: binaryFrame(awarenessMessage(update)),
  }
}

/** A message that is sent as it is, in its place. */
export function outgoingFrame(frame: Buffer): Outgoing {
  return { kind: 'frame', id: nextId++, payload: new Uint8Array(0), frame }
}

/**
 * One awareness update holding the newest state of every client in `updates` (in
 * order): what a receiver would hold after applying them all one by one.
 */
export function mergeAwarenessUpdates(updates: Uint8Array[]): Uint8Array {
  const newest = new Map<number, { clock: number; state: string }>()
  for (const update of updates) {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      const known = newest.get(client)
      // the receiver keeps the higher clock; a removal (null) at the same clock wins
      if (!known || clock > known.clock || (clock === known.clock && state === 'null')) {
        newest.set(client, { clock, state })
      }
    }
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, newest.size)
  for (const [client, { clock, state }] of newest) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}

/** Merges of the same items, shared by every socket within one turn of the event loop. */
const merged = new Map<string, Buffer>()
let clearing = false

/** What `make` gives for `key`, made once per turn of the event loop for all sockets. */
function oncePerTurn(key: string, make: () => Buffer): Buffer {
  let frame = merged.get(key)
  if (!frame) {
    frame = make()
    merged.set(key, frame)
    if (!clearing) {
      clearing = true
      setImmediate(() => {
        merged.clear()
        clearing = false
      })
    }
  }
  return frame
}

/** The ids of `items`, telling this run of items apart from any other. */
function runKey(items: Outgoing[]): string {
  return items.map((item) => item.id).join(',')
}

/** The frame of `items` (all of one kind) merged into one message. */
function mergedFrame(items: Outgoing[]): Buffer {
  if (items.length === 1) return items[0]!.frame
  return oncePerTurn(`${items[0]!.kind}:${runKey(items)}`, () => {
    const payloads = items.map((item) => item.payload)
    return items[0]!.kind === 'update'
      ? binaryFrame(updateMessage(Y.mergeUpdates(payloads)))
      : binaryFrame(awarenessMessage(mergeAwarenessUpdates(payloads)))
  })
}

/**
 * The bytes of `items`, in as few messages as keeps their meaning: between two plain
 * frames (which stay in place), all updates become one update message and then all
 * awareness updates one awareness message. Text and presence are independent, and a
 * receiver applies a merged update exactly as it would the parts.
 */
export function mergeForSending(items: Outgoing[]): Buffer {
  const parts: Buffer[] = []
  let updates: Outgoing[] = []
  let awareness: Outgoing[] = []
  const closeRun = (): void => {
    if (updates.length > 0) parts.push(mergedFrame(updates))
    if (awareness.length > 0) parts.push(mergedFrame(awareness))
    updates = []
    awareness = []
  }
  for (const item of items) {
    if (item.kind === 'update') updates.push(item)
    else if (item.kind === 'awareness') awareness.push(item)
    else {
      closeRun()
      parts.push(item.frame)
    }
  }
  closeRun()
  if (parts.length === 1) return parts[0]!
  // Every reader of a broadcast gets the same run: its bytes are joined once.
  return oncePerTurn(`all:${runKey(items)}`, () => Buffer.concat(parts))
}
