import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../../shared/protocol.ts'
import { isStatus, type Status } from '../../../shared/roles.ts'

/**
 * Server events (E1): y-websocket messages of type 100 carrying a lib0
 * var-string of UTF-8 JSON `{type, …}`. Known types are narrowed here; later
 * features add their types beside {@link StatusEvent} and listen with `on`;
 * `parseServerEvent` guarantees the fields of the types it knows.
 */
export interface ServerEvent {
  type: string
  [field: string]: unknown
}

/** `{type: 'status', status}`: an editor changed the proposal's status (H4). */
export interface StatusEvent extends ServerEvent {
  type: 'status'
  status: Status
}

/** `{type: 'refused', reason}`: the server refused this client's update (S5). */
export interface RefusedEvent extends ServerEvent {
  type: 'refused'
  reason: string
}

/**
 * `{type: 'threads', threads}`: threads were created, answered, changed,
 * resolved, or their anchors moved (C7). Each thread is checked by the
 * comments feature, which owns its shape.
 */
export interface ThreadsEvent extends ServerEvent {
  type: 'threads'
  threads: unknown[]
  /** Ids of threads that are gone (suggestions their author withdrew). */
  removed?: string[]
}

/**
 * `{type: 'reconnected'}`: made here, not by the server — the socket is in step
 * again after it was lost. Events sent meanwhile never came, so what is kept
 * current by them (status, versions, rounds) is read again.
 */
export const RECONNECTED = 'reconnected'

type Listener = (event: ServerEvent) => void

/** A small event hub for one provider's server events. */
export interface ServerEvents {
  /** Listens to events of one type, or all with `'*'`; returns an unsubscribe. */
  on(type: string, listener: Listener): () => void
}

/** Parses one event; null for anything that is not `{type: string, …}`. */
export function parseServerEvent(json: string): ServerEvent | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const event = value as { type?: unknown; status?: unknown; reason?: unknown; threads?: unknown }
  if (typeof event.type !== 'string') return null
  if (event.type === 'status' && !isStatus(event.status)) return null
  if (event.type === 'threads' && !Array.isArray(event.threads)) return null
  if (event.type === 'threads') {
    const removed = (value as { removed?: unknown }).removed
    const ids = Array.isArray(removed) ? removed.filter((id) => typeof id === 'string') : []
    return { ...(value as ServerEvent), removed: ids }
  }
  if (event.type === 'refused' && typeof event.reason !== 'string') {
    return { ...(value as object), type: 'refused', reason: '' }
  }
  return value as ServerEvent
}

/**
 * Registers the handler for message type 100 on `provider`, so the provider
 * neither logs "Unable to compute message" nor answers, and routes the events.
 */
export function installServerEvents(provider: WebsocketProvider): ServerEvents {
  const listeners = new Map<string, Set<Listener>>()
  const emit = (event: ServerEvent) => {
    for (const key of [event.type, '*']) {
      for (const listener of listeners.get(key) ?? []) listener(event)
    }
  }
  provider.messageHandlers[MessageType.event] = (_encoder, decoder) => {
    const event = parseServerEvent(decoding.readVarString(decoder))
    if (event && event.type !== RECONNECTED) emit(event)
  }
  let syncedBefore = false
  provider.on('sync', (synced: boolean) => {
    if (!synced) return
    if (syncedBefore) emit({ type: RECONNECTED })
    syncedBefore = true
  })
  return {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set()
      set.add(listener)
      listeners.set(type, set)
      return () => set.delete(listener)
    },
  }
}
