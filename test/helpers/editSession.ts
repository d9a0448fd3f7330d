/**
 * A seeded random editing session: headless Tiptap editors (real y-websocket
 * clients) edit one proposal at random through the server, some going offline
 * and coming back, until everyone is online and synced again. Every choice comes
 * from the seed, so a failing seed replays the same edits.
 */
import { Selection } from '@tiptap/pm/state'
import * as prng from 'lib0/prng'
import * as Y from 'yjs'
import { type HeadlessEditor, startHeadlessEditor } from './headlessEditor.ts'
import { createRandomEdits } from './randomEdits.ts'

export interface EditSessionOptions {
  wsUrl: string
  proposalId: string
  /** One writer's token per editor. */
  tokens: string[]
  seed: number
  rounds: number
  /** An editor that is certainly offline (and typing) from round `from` to `to`. */
  offline: { editor: number; from: number; to: number }
}

export interface EditSession {
  editors: HeadlessEditor[]
  /** What each editor did, for failure messages. */
  log: string[]
  /** Each offline period that changed the text: whose, and its last clock. */
  offlineEdits: { editor: HeadlessEditor; clock: number }[]
  destroy(): void
}

/** Types `text` at the start of the first textblock. */
export function typeAtStart(h: HeadlessEditor, text: string): void {
  h.editor.commands.command(({ tr }) => {
    tr.insertText(text, Selection.atStart(tr.doc).from)
    return true
  })
}

/** Lets socket frames in flight be delivered, without waiting for any of them. */
const yieldToSockets = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Runs the session; resolves once every editor is online and synced again. */
export async function runEditSession(options: EditSessionOptions): Promise<EditSession> {
  const edits = createRandomEdits(options.seed)
  const gen = edits.gen
  const log: string[] = []
  const editors = options.tokens.map((token, i) =>
    startHeadlessEditor({
      wsUrl: options.wsUrl,
      proposalId: options.proposalId,
      token,
      name: `schrijver-${i + 1}`,
    }),
  )
  const session: EditSession = {
    editors,
    log,
    offlineEdits: [],
    destroy: () => {
      for (const h of editors) h.destroy()
    },
  }
  await Promise.all(editors.map((h) => h.synced()))

  const offlineSince = new Map<HeadlessEditor, number>()
  const ownClock = (h: HeadlessEditor) => Y.getState(h.doc.store, h.doc.clientID)
  const goOffline = (h: HeadlessEditor) => {
    h.disconnect()
    offlineSince.set(h, ownClock(h))
    log.push(`${h.name} offline`)
  }
  const goOnline = (h: HeadlessEditor) => {
    const since = offlineSince.get(h)
    if (since !== undefined && ownClock(h) > since) {
      session.offlineEdits.push({ editor: h, clock: ownClock(h) })
    }
    offlineSince.delete(h)
    h.connect()
    log.push(`${h.name} online`)
  }

  const { offline } = options
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, h] of editors.entries()) {
      const isOffline = offlineSince.has(h)
      if (i === offline.editor) {
        if (round === offline.from) {
          goOffline(h)
          // A word typed offline, so this period certainly changes the text.
          typeAtStart(h, 'offline ')
        }
        if (round === offline.to) goOnline(h)
      } else if (!isOffline && prng.int32(gen, 0, 11) === 0) goOffline(h)
      else if (isOffline && prng.int32(gen, 0, 2) === 0) goOnline(h)

      const count = prng.int32(gen, 1, 4)
      for (let n = 0; n < count; n++) log.push(`${h.name} ${edits.next(h.editor)}`)
      if (prng.bool(gen)) await yieldToSockets()
    }
    await yieldToSockets()
  }
  for (const h of offlineSince.keys()) goOnline(h)
  await Promise.all(editors.map((h) => h.synced()))
  return session
}
