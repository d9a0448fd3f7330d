import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EVENTS_PARAM, SYNC_PATH } from '../../../shared/protocol.ts'
import { sendOwnAwarenessOnly } from '../presence/sendOwnAwareness.ts'
import {
  databaseName,
  listUnsent,
  markSent,
  markUnsent,
  rememberDatabase,
} from '../session/localData.ts'
import { openCollabs } from './openCollabs.ts'
import { installServerEvents, type ServerEvents } from './serverEvents.ts'
import { type ConnectionWatch, watchConnection } from './watchConnection.ts'

/** One open proposal: its Yjs document, the socket to the server and the browser copy. */
export interface Collab {
  doc: Y.Doc
  provider: WebsocketProvider
  events: ServerEvents
  /** Liveness of the socket and which edits the server has confirmed. */
  watch: ConnectionWatch
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
 * y-indexeddb), then connects. Every edit is marked unsent until the server has
 * confirmed it (see `watchConnection`), so signing out can ask about it.
 * @param options.presence false for a socket that only delivers edits (nobody sees it)
 */
export function createCollab(options: {
  proposalId: string
  personId: string
  token: string
  presence?: boolean
}) {
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
  if (options.presence === false) provider.awareness.setLocalState(null)
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

  const watch = watchConnection(provider, doc, {
    isRemote: (origin) => origin === provider || origin === persistence,
    startUnsent: listUnsent().includes(proposalId),
    onUnsentChange: (unsent) => (unsent ? markUnsent(proposalId) : markSent(proposalId)),
  })

  const destroy = async () => {
    if (destroyed) return
    destroyed = true
    if (openCollabs.get(proposalId) === collab) openCollabs.delete(proposalId)
    watch.destroy()
    provider.destroy()
    await persistence?.destroy()
    doc.destroy()
  }
  const collab: Collab = {
    doc,
    provider,
    events,
    watch,
    whenLocalLoaded,
    destroy,
    async discardLocalCopy() {
      const copy = persistence
      await destroy()
      if (copy) await copy.clearData().catch(() => undefined)
      markSent(proposalId)
    },
  }
  openCollabs.set(proposalId, collab)
  return collab
}
