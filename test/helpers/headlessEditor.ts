/**
 * A real Tiptap editor in Node, bound to a proposal through y-tiptap's sync plugin (the
 * Collaboration extension) and a real y-websocket client: what a browser tab does,
 * without the browser. Edits made with `editor.commands` / `editor.chain()` travel the
 * same path as a user's keystrokes: ProseMirror transaction → `updateYFragment` → Yjs
 * update → socket.
 */
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as decoding from 'lib0/decoding'
import ws from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { EVENTS_PARAM, MessageType } from '../../shared/protocol.ts'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../shared/schema.ts'
import { installDom } from './dom.ts'

/** Where and as whom a headless editor connects. */
export interface HeadlessEditorOptions {
  /** The server's `ws://HOST:PORT`; the editor connects to `${wsUrl}/sync/<proposalId>` (S1). */
  wsUrl: string
  proposalId: string
  /** Sent as `?token=` (A1). */
  token: string
  /** Shown to others through awareness; the project's server may replace it (A6). */
  name?: string
  /** Ask for server events (E1, `events=1`) as the browser editor does. @default false */
  events?: boolean
}

/** A connected headless editor and the handles a test needs. */
export interface HeadlessEditor {
  /** The label given at start (or `proposalId`), for messages. */
  name: string
  /** The Tiptap editor; edit with `editor.commands` or `editor.chain()`. */
  editor: Editor
  /** The editor's Y.Doc (text in the fragment `default`, S2). */
  doc: Y.Doc
  provider: WebsocketProvider
  /** Server events (E1) received, when started with `events: true`. */
  events: Array<{ type: string } & Record<string, unknown>>
  /**
   * Resolves once the provider has received the server's state (sync step 2) on the
   * current connection; at once if it already has.
   * @throws when the server closes the socket for good (4400–4499, A4), naming the code.
   */
  synced(): Promise<void>
  /** Drops the connection and stays offline; local edits keep going into the Y.Doc. */
  disconnect(): void
  /** Reconnects; offline edits are sent as part of the sync exchange. */
  connect(): void
  /** Destroys editor, provider and Y.Doc. Safe to call twice. */
  destroy(): void
  /** Plain text, one line per textblock (the shape of H3's `text`). */
  text(): string
  /** The editor's ProseMirror JSON. */
  json(): JSONContent
  /** The ProseMirror JSON of the Y fragment itself, read without the editor. */
  yjson(): JSONContent
  /** Whether the provider is connected and synced. */
  isSynced(): boolean
}

/**
 * Starts a headless editor on a proposal and returns at once (the socket opens in the
 * background); `await h.synced()` before relying on the server's text.
 *
 * The editor is built from `createSchemaExtensions()` plus Collaboration on the fragment
 * `default`, with y-websocket's BroadcastChannel off so that editors in one process
 * reach each other only through the server.
 */
export function startHeadlessEditor(options: HeadlessEditorOptions): HeadlessEditor {
  const window = installDom()
  const name = options.name ?? options.proposalId
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${options.wsUrl}/sync`, options.proposalId, doc, {
    params: options.events
      ? { token: options.token, [EVENTS_PARAM]: '1' }
      : { token: options.token },
    WebSocketPolyfill: ws as unknown as typeof WebSocket,
    disableBc: true,
  })
  provider.awareness.setLocalStateField('user', { name })
  const events: HeadlessEditor['events'] = []
  if (options.events) {
    provider.messageHandlers[MessageType.event] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)))
    }
  }
  let closedFor: { code: number; reason: string } | null = null
  provider.on('closed', (event) => {
    closedFor = event
  })

  const element = window.document.createElement('div')
  window.document.body.appendChild(element)
  const editor = new Editor({
    element: element as unknown as HTMLElement,
    // No CSS to inject: nothing is rendered for a person to see.
    injectCSS: false,
    extensions: [
      ...createSchemaExtensions(),
      Collaboration.configure({ document: doc, field: FRAGMENT_NAME }),
    ],
  })

  let destroyed = false
  const fragment = doc.getXmlFragment(FRAGMENT_NAME)

  return {
    name,
    editor,
    doc,
    provider,
    events,
    synced: () =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (provider.synced) {
            done()
            resolve()
          } else if (closedFor) {
            done()
            reject(
              new Error(
                `${name}: server closed the socket (${closedFor.code} ${closedFor.reason})`,
              ),
            )
          }
        }
        const done = () => {
          provider.off('sync', check)
          provider.off('closed', check)
        }
        provider.on('sync', check)
        provider.on('closed', check)
        check()
      }),
    disconnect: () => provider.disconnect(),
    connect: () => {
      closedFor = null
      provider.connect()
    },
    destroy: () => {
      if (destroyed) return
      destroyed = true
      editor.destroy()
      element.remove()
      provider.destroy()
      doc.destroy()
    },
    text: () => textOf(editor.state.doc),
    json: () => editor.getJSON(),
    yjson: () => yXmlFragmentToProseMirrorRootNode(fragment, editor.schema).toJSON(),
    isSynced: () => provider.synced,
  }
}

/** Plain text of a ProseMirror document: one line per textblock. */
function textOf(node: Editor['state']['doc']): string {
  const lines: string[] = []
  node.descendants((child) => {
    if (!child.isTextblock) return true
    lines.push(child.textContent)
    return false
  })
  return lines.join('\n')
}

/** Options of {@link waitForConvergence}. */
export interface ConvergenceOptions {
  /** Reads the stored document (H3's `doc`); when given it must equal the replicas' too. */
  serverDoc?: () => Promise<unknown>
  /** Extra condition on the agreed document; return a difference to keep waiting. */
  check?: (doc: JSONContent) => string | null
  /** @default 15000 */
  timeoutMs?: number
  /** @default 50 */
  intervalMs?: number
}

/**
 * Describes why `editors` have not converged, or returns null when they have: every
 * provider synced, every editor's ProseMirror JSON equal to its own Y fragment's and
 * to every other editor's, and every Y.Doc holding the same state (state vector and
 * delete set, compared with `Y.equalSnapshots`).
 */
export function describeDivergence(editors: readonly HeadlessEditor[]): string | null {
  const [first, ...rest] = editors
  if (!first) return null
  const offline = editors.filter((h) => !h.isSynced()).map((h) => h.name)
  if (offline.length > 0) return `not synced: ${offline.join(', ')}`
  const reference = JSON.stringify(first.json())
  const referenceSnapshot = Y.snapshot(first.doc)
  for (const h of editors) {
    const own = JSON.stringify(h.json())
    const fromY = JSON.stringify(h.yjson())
    if (own !== fromY)
      return `${h.name}: editor and Y fragment differ\n${firstDifference(own, fromY)}`
  }
  for (const h of rest) {
    const own = JSON.stringify(h.json())
    const states = missingStructs(first, h, editors)
    if (own !== reference) {
      return `${h.name} differs from ${first.name}${states}\n${firstDifference(reference, own)}`
    }
    if (!Y.equalSnapshots(referenceSnapshot, Y.snapshot(h.doc))) {
      const deletions = deletedApart(first, h, editors)
      return `${h.name}: Yjs state differs from ${first.name}'s${states}${deletions}`
    }
  }
  return null
}

/** Whose edits one replica has and the other lacks, by state vector; '' when none. */
function missingStructs(
  a: HeadlessEditor,
  b: HeadlessEditor,
  editors: readonly HeadlessEditor[],
): string {
  const nameOf = (client: number) =>
    editors.find((h) => h.doc.clientID === client)?.name ?? `client ${client}`
  const svA = Y.decodeStateVector(Y.encodeStateVector(a.doc))
  const svB = Y.decodeStateVector(Y.encodeStateVector(b.doc))
  const lacks = (from: Map<number, number>, to: Map<number, number>) =>
    [...from]
      .filter(([client, clock]) => (to.get(client) ?? 0) < clock)
      .map(([client, clock]) => `${nameOf(client)} ${to.get(client) ?? 0}<${clock}`)
  const parts = [
    ...lacks(svA, svB).map((gap) => `${b.name} lacks ${gap}`),
    ...lacks(svB, svA).map((gap) => `${a.name} lacks ${gap}`),
  ]
  return parts.length > 0 ? ` (${parts.join('; ')})` : ''
}

/**
 * Items one replica holds as deleted and the other not (at most a few of each), with what
 * they hold: when the text agrees but the delete sets do not, this says which deletion
 * failed to travel; '' when the delete sets agree.
 */
function deletedApart(
  a: HeadlessEditor,
  b: HeadlessEditor,
  editors: readonly HeadlessEditor[],
): string {
  const nameOf = (client: number) =>
    editors.find((h) => h.doc.clientID === client)?.name ?? `client ${client}`
  const deleted = (doc: Y.Doc) => {
    const ids = new Set<string>()
    for (const [client, ranges] of Y.createDeleteSetFromStructStore(doc.store).clients) {
      for (const { clock, len } of ranges)
        for (let i = 0; i < len; i++) ids.add(`${client}:${clock + i}`)
    }
    return ids
  }
  const describe = (id: string, holder: Y.Doc) => {
    const [client, clock] = id.split(':').map(Number) as [number, number]
    // While updates are still travelling the other replica may not have the item at all.
    if (clock >= Y.getState(holder.store, client))
      return `${nameOf(client)}@${clock} (not received)`
    const item = Y.getItem(holder.store, Y.createID(client, clock))
    const content = item instanceof Y.Item ? item.content.constructor.name : 'gc'
    return `${nameOf(client)}@${clock} (${content})`
  }
  const [inA, inB] = [deleted(a.doc), deleted(b.doc)]
  const only = (from: Set<string>, other: Set<string>, holder: Y.Doc) =>
    [...from]
      .filter((id) => !other.has(id))
      .slice(0, 5)
      .map((id) => describe(id, holder))
  const parts = [
    ...only(inA, inB, b.doc).map((item) => `deleted for ${a.name} only: ${item}`),
    ...only(inB, inA, a.doc).map((item) => `deleted for ${b.name} only: ${item}`),
  ]
  return parts.length > 0 ? ` (${parts.join('; ')})` : ''
}

/**
 * Polls until every editor agrees (see {@link describeDivergence}), the server's stored
 * document equals theirs (when `serverDoc` is given) and `check` passes; returns the
 * agreed ProseMirror JSON.
 * @throws after `timeoutMs`, with the last difference seen.
 */
export async function waitForConvergence(
  editors: readonly HeadlessEditor[],
  options: ConvergenceOptions = {},
): Promise<JSONContent> {
  const { timeoutMs = 15_000, intervalMs = 50 } = options
  const deadline = Date.now() + timeoutMs
  let last = 'never checked'
  for (;;) {
    const agreed = editors[0]?.json() ?? { type: 'doc' }
    const divergence = describeDivergence(editors)
    if (divergence) last = divergence
    else {
      const stored = options.serverDoc ? JSON.stringify(await options.serverDoc()) : null
      const replicas = JSON.stringify(agreed)
      if (stored !== null && stored !== replicas) {
        last = `stored document differs from the replicas'\n${firstDifference(replicas, stored)}`
      } else {
        const failed = options.check?.(agreed) ?? null
        if (failed === null) return agreed
        last = failed
      }
    }
    if (Date.now() > deadline) throw new Error(`no convergence after ${timeoutMs} ms: ${last}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** The neighbourhood of the first character where two JSON strings differ. */
function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  const from = Math.max(0, i - 80)
  return `  expected …${a.slice(from, i + 80)}…\n  actual   …${b.slice(from, i + 80)}…`
}
