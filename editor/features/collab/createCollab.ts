import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EVENTS_PARAM, SYNC_PATH } from '../../../shared/protocol.ts'
import { sendOwnAwarenessOnly } from '../presence/sendOwnAwareness.ts'
import { databaseName, markSent, markUnsent, rememberDatabase } from '../session/localData.ts'
import { installServerEvents, type ServerEvents } from './serverEvents.ts'

/** One open proposal: its Yjs document, the socket to the server and the browser copy. */
export interface Collab {
  doc: Y.Doc
  provider: WebsocketProvider
  events: ServerEvents
  /** Resolves when the browser copy is loaded (at once when there is no IndexedDB). */
  whenLocalLoaded: Promise<void>
  /** Closes socket and browser copy. Safe to call twice. */
  destroy(): Promise<void>
  /** Closes everything and deletes the browser copy (its unsent edits too). */
  discardLocalCopy(): Promise<void>
}

/** `ws(s)://host/…/sync`, next to the page, so the dev proxy and sub-paths work. */
export function syncUrl(base: string = document.baseURI): string {
  const url = new URL(SYNC_PATH.replace(/^\//, ''), base)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.hash = ''
  url.search = ''
  return url.toString()
}

/**
 * Opens a proposal: loads the browser copy first (edits made offline, S1 with
 * y-indexeddb), then connects. Edits made while the server cannot be reached
 * are marked unsent until the next sync, so signing out can warn about them.
 */
export function createCollab(options: { proposalId: string; personId: string; token: string }) {
  const { proposalId, personId, token } = options
  const doc = new Y.Doc()
  // BroadcastChannel off: every edit goes through the server, which may refuse it (A3, S5).
  const provider = new WebsocketProvider(syncUrl(), proposalId, doc, {
    // The editor listens to server events (E1); a socket without `events=1` gets none.
    params: { token, [EVENTS_PARAM]: '1' },
    connect: false,
    disableBc: true,
  })
  const events = installServerEvents(provider)
  sendOwnAwarenessOnly(provider)
  let persistence: IndexeddbPersistence | null = null
  if (typeof indexedDB !== 'undefined') {
    const name = databaseName(personId, proposalId)
    rememberDatabase(name)
    persistence = new IndexeddbPersistence(name, doc)
  }
  let destroyed = false
  const whenLocalLoaded = (persistence?.whenSynced.then(() => undefined) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      if (!destroyed) provider.connect()
    })

  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === persistence) return
    if (!(provider.wsconnected && provider.synced)) markUnsent(proposalId)
  })
  provider.on('sync', (synced: boolean) => {
    if (synced) markSent(proposalId)
  })

  const destroy = async () => {
    if (destroyed) return
    destroyed = true
    provider.destroy()
    await persistence?.destroy()
    doc.destroy()
  }
  const collab: Collab = {
    doc,
    provider,
    events,
    whenLocalLoaded,
    destroy,
    async discardLocalCopy() {
      const copy = persistence
      await destroy()
      if (copy) await copy.clearData().catch(() => undefined)
      markSent(proposalId)
    },
  }
  return collab
}
