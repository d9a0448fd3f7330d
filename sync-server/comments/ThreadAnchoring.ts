/**
 * Keeps the anchors of a proposal's threads on their text. After changes to the
 * text (debounced), it resolves every thread against the live document, stores
 * the ones whose anchor moved, whose `anchored` changed or whose text no longer
 * reads as the quote (`changed`), and reports them.
 *
 * A pass over hundreds of threads takes tens of milliseconds, and every typist
 * on the instance would wait for it: the pass gives the event loop back every
 * `sliceMs`. The text model it resolves against must stay the text, so a change
 * of the document during a pause starts the pass again on the new text.
 */
import type * as Y from 'yjs'
import type { Logger } from '../log.ts'
import type { AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { resolveAnchor } from './anchors.ts'
import { LinearText } from './LinearText.ts'

export interface AnchoringOptions {
  /** Quiet time after a change before anchors are resolved. */
  delayMs: number
  /** Longest stretch of resolving before the pass lets other work run. @default 4 */
  sliceMs?: number
  log: Logger
  /**
   * Stores and announces threads whose anchor changed: each as the pass saw
   * it, with its new anchor.
   */
  onMoved: (proposalId: string, moved: MovedThread[]) => Promise<void>
  /** The threads of a proposal (cached by the caller). */
  threadsOf: (proposalId: string) => Promise<ThreadRecord[]>
}

/** A thread whose anchor a pass changed: the record it resolved, and the anchor now. */
export interface MovedThread {
  seen: ThreadRecord
  anchor: AnchorRecord
}

/** Passes started again because the text changed during them, before one runs without pausing. */
const MAX_RESTARTS = 3

/** Lets the event loop run what waits (sockets, timers) before the pass goes on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

export class ThreadAnchoring {
  readonly #options: AnchoringOptions
  readonly #timers = new Map<string, NodeJS.Timeout>()

  constructor(options: AnchoringOptions) {
    this.#options = options
  }

  /** Schedules a pass for a room whose text changed. */
  schedule(room: Room): void {
    if (this.#timers.has(room.id)) return
    const timer = setTimeout(() => {
      this.#timers.delete(room.id)
      this.run(room).catch((error) =>
        this.#options.log.error('re-anchoring failed', { proposal: room.id, error: String(error) }),
      )
    }, this.#options.delayMs)
    timer.unref()
    this.#timers.set(room.id, timer)
  }

  /** Resolves every thread of the room now; returns the text model it used. */
  async run(room: Room): Promise<LinearText> {
    const timer = this.#timers.get(room.id)
    if (timer) clearTimeout(timer)
    this.#timers.delete(room.id)
    for (let restarts = 0; ; restarts++) {
      const threads = await this.#options.threadsOf(room.id)
      // The last try runs without pausing: a text changing all the time still gets anchors.
      const pass = await this.#resolveAll(room, threads, restarts < MAX_RESTARTS)
      if (!pass) continue
      if (pass.moved.length > 0) await this.#options.onMoved(room.id, pass.moved)
      return pass.linear
    }
  }

  /**
   * Resolves `threads` on the text as it is, pausing every `sliceMs` when `mayPause`.
   * @returns null when the document changed during a pause (the pass must start again)
   */
  async #resolveAll(
    room: Room,
    threads: ThreadRecord[],
    mayPause: boolean,
  ): Promise<{ linear: LinearText; moved: MovedThread[] } | null> {
    const sliceMs = this.#options.sliceMs ?? 4
    const linear = new LinearText(room.fragment)
    const moved: MovedThread[] = []
    let textChanged = false
    const watch = (tr: Y.Transaction) => {
      if (tr.changed.size > 0 || tr.deleteSet.clients.size > 0) textChanged = true
    }
    room.doc.on('afterTransaction', watch)
    try {
      let sliceStart = performance.now()
      for (const thread of threads) {
        if (mayPause && performance.now() - sliceStart >= sliceMs) {
          await nextTurn()
          if (textChanged) return null
          sliceStart = performance.now()
        }
        const next = this.#resolve(room, linear, thread)
        if (next) moved.push({ seen: thread, anchor: next })
      }
      return { linear, moved }
    } finally {
      room.doc.off('afterTransaction', watch)
    }
  }

  /** The thread's anchor on the text now, or null when it is the stored one. */
  #resolve(room: Room, linear: LinearText, thread: ThreadRecord): AnchorRecord | null {
    const resolved = resolveAnchor(thread, room.doc, linear, room.authorship.provenance)
    const { changed: _, ...anchor } = resolved.anchor
    // An open amendment whose text someone changed can no longer be taken over as it is.
    const changed =
      thread.status === 'open' &&
      resolved.anchored &&
      linear.value.slice(resolved.from, resolved.to) !== thread.quote
    const next = changed ? { ...anchor, changed } : anchor
    return JSON.stringify(next) !== JSON.stringify(thread.anchor) ? next : null
  }

  /** Forgets a pending pass (the room left memory; the next read re-anchors). */
  cancel(proposalId: string): void {
    clearTimeout(this.#timers.get(proposalId))
    this.#timers.delete(proposalId)
  }

  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
  }
}
