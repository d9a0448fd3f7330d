/**
 * Keeps the anchors of a proposal's threads on their text. After changes to the
 * text (debounced), it resolves every thread against the live document, stores
 * the ones whose anchor moved, whose `anchored` changed or whose text no longer
 * reads as the quote (`changed`), and reports them.
 */
import type { Logger } from '../log.ts'
import type { AnchorRecord, ThreadRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import { resolveAnchor } from './anchors.ts'
import { LinearText } from './LinearText.ts'

export interface AnchoringOptions {
  /** Quiet time after a change before anchors are resolved. */
  delayMs: number
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
    const threads = await this.#options.threadsOf(room.id)
    const linear = new LinearText(room.fragment)
    const moved: MovedThread[] = []
    for (const thread of threads) {
      const resolved = resolveAnchor(thread, room.doc, linear, room.authorship.provenance)
      const { changed: _, ...anchor } = resolved.anchor
      // An open amendment whose text someone changed can no longer be taken over as it is.
      const changed =
        thread.status === 'open' &&
        resolved.anchored &&
        linear.value.slice(resolved.from, resolved.to) !== thread.quote
      const next = changed ? { ...anchor, changed } : anchor
      if (JSON.stringify(next) !== JSON.stringify(thread.anchor)) {
        moved.push({ seen: thread, anchor: next })
      }
    }
    if (moved.length > 0) await this.#options.onMoved(room.id, moved)
    return linear
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
