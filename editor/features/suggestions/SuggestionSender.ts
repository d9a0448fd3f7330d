import { ApiError } from '../../lib/api.ts'
import type { ThreadsApi } from '../comments/threadsApi.ts'
import type { Thread } from '../comments/types.ts'
import type { SuggestionStore } from './SuggestionStore.ts'
import type { Draft } from './types.ts'

export interface SenderOptions {
  /**
   * Least time between two sends of one suggestion: the first change goes at
   * once, later ones at most this often, so others see it live. @default 300
   */
  throttleMs?: number
  /** The server answered a thread (the panel takes it at once). */
  onThread(thread: Thread): void
  /** A thread was withdrawn. */
  onRemoved(threadId: string): void
  /** Something the person should hear of, in Dutch. */
  onNotice(message: string): void
}

/** What the sender is doing, for the line beside the suggestion controls. */
export type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'waiting'; count: number }

const RETRY_MS = [2_000, 5_000, 15_000, 30_000]

/** Refusals that mean the thread is no longer there to change: make a new one. */
function threadIsGone(error: ApiError): boolean {
  return error.status === 404 || (error.status === 409 && error.code === 'conflict')
}

/** Problems of the connection or the server that pass: try again later. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 429 ||
    error.code === 'anchor_unknown'
  )
}

/**
 * Sends this person's drafts to the server (C2, PATCH to grow one, DELETE to
 * withdraw one) while the person types — the first change at once, later ones
 * a few times a second, so others see the suggestion grow live — and at once
 * when the caret leaves it. What cannot be sent now (offline, server busy) waits in the
 * browser and is tried again, and at once when the connection returns.
 */
export class SuggestionSender {
  readonly #store: SuggestionStore
  readonly #api: ThreadsApi
  readonly #options: SenderOptions
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>()
  readonly #seen = new Map<string, number>()
  readonly #lastSent = new Map<string, number>()
  readonly #inFlight = new Set<string>()
  #retry: ReturnType<typeof setTimeout> | null = null
  #failures = 0
  #waiting = false
  #stopped = false
  readonly #unsubscribe: () => void
  readonly #listeners = new Set<() => void>()

  constructor(store: SuggestionStore, api: ThreadsApi, options: SenderOptions) {
    this.#store = store
    this.#api = api
    this.#options = options
    this.#unsubscribe = store.subscribe(() => {
      this.#schedule()
      this.#notify()
    })
    this.#schedule()
  }

  /** Listens to changes of {@link state}. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #state: SendState = { kind: 'idle' }

  /** The same object until it changes (React reads it with useSyncExternalStore). */
  get state(): SendState {
    return this.#state
  }

  #notify(): void {
    const waiting = this.#store.drafts().filter((draft) => draft.error === null).length
    const next: SendState =
      this.#waiting && waiting > 0
        ? { kind: 'waiting', count: waiting }
        : this.#inFlight.size > 0
          ? { kind: 'sending' }
          : { kind: 'idle' }
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return
    this.#state = next
    for (const listener of [...this.#listeners]) listener()
  }

  /** Starts the pause of every draft that changed since it was last seen. */
  #schedule(): void {
    if (this.#stopped) return
    const drafts = this.#store.drafts()
    const keys = new Set(drafts.map((draft) => draft.key))
    for (const key of this.#seen.keys()) if (!keys.has(key)) this.#seen.delete(key)
    for (const key of this.#lastSent.keys()) if (!keys.has(key)) this.#lastSent.delete(key)
    for (const draft of drafts) {
      if (this.#seen.get(draft.key) === draft.revision || draft.error !== null) continue
      this.#seen.set(draft.key, draft.revision)
      clearTimeout(this.#timers.get(draft.key))
      const last = this.#lastSent.get(draft.key) ?? 0
      const delay = Math.max(0, last + (this.#options.throttleMs ?? 300) - Date.now())
      this.#timers.set(
        draft.key,
        setTimeout(() => void this.send(draft.key), delay),
      )
    }
  }

  /** Sends every draft except those at `keep` (the one the person is typing in). */
  flushExcept(keep: ReadonlySet<string>): void {
    for (const draft of this.#store.drafts())
      if (!keep.has(draft.key) && draft.error === null) void this.send(draft.key)
  }

  /** Sends everything now (the connection is back), also what failed to be sent before. */
  flushAll(): void {
    for (const draft of this.#store.drafts()) void this.send(draft.key)
  }

  async send(key: string): Promise<void> {
    clearTimeout(this.#timers.get(key))
    this.#timers.delete(key)
    const draft = this.#store.draft(key)
    if (this.#stopped || !draft || this.#inFlight.has(key)) return
    this.#inFlight.add(key)
    this.#lastSent.set(key, Date.now())
    this.#notify()
    try {
      await this.#deliver(draft)
      this.#failures = 0
      this.#waiting = false
    } catch (error) {
      this.#failed(draft, error)
    } finally {
      this.#inFlight.delete(key)
      // Changed while on its way (a timer may have fired meanwhile): send it again.
      const now = this.#store.draft(this.#store.keyOf(key))
      if (now && now.revision !== draft.revision) this.#seen.delete(now.key)
      this.#notify()
      this.#schedule()
    }
  }

  async #deliver(draft: Draft): Promise<void> {
    const { key, revision, threadId } = draft
    if (draft.removed) {
      if (threadId) await this.#withdraw(threadId)
      this.#store.noteSent(key, revision)
      return
    }
    const content = { quote: draft.quote, anchor: draft.anchor, replacement: draft.replacement }
    if (threadId) {
      try {
        const thread = await this.#api.revise(threadId, content)
        this.#store.upsertThread(thread)
        this.#options.onThread(thread)
        this.#store.noteSent(key, revision)
        return
      } catch (error) {
        if (!(error instanceof ApiError) || !threadIsGone(error)) throw error
        // Decided or withdrawn meanwhile: what the person typed becomes a new suggestion.
      }
    }
    const thread = await this.#api.create(content)
    this.#store.upsertThread(thread)
    this.#options.onThread(thread)
    this.#store.noteCreated(key, thread.id, revision)
  }

  async #withdraw(threadId: string): Promise<void> {
    try {
      await this.#api.withdraw(threadId)
      this.#store.removeThread(threadId)
      this.#options.onRemoved(threadId)
    } catch (error) {
      if (!(error instanceof ApiError) || isPassing(error)) throw error
      if (error.status === 409) this.#options.onNotice(error.message)
      // 404: it is gone already. Either way there is nothing left to send.
    }
  }

  #failed(draft: Draft, error: unknown): void {
    if (isPassing(error)) {
      this.#waiting = true
      const delay = RETRY_MS[Math.min(this.#failures++, RETRY_MS.length - 1)]
      if (this.#retry) clearTimeout(this.#retry)
      this.#retry = setTimeout(() => {
        this.#retry = null
        this.flushAll()
      }, delay)
      return
    }
    const message = error instanceof ApiError ? error.message : String(error)
    this.#store.noteError(draft.key, message)
    this.#options.onNotice(`Uw voorstel kon niet worden geplaatst: ${message}`)
  }

  stop(): void {
    this.#stopped = true
    this.#unsubscribe()
    for (const timer of this.#timers.values()) clearTimeout(timer)
    if (this.#retry) clearTimeout(this.#retry)
  }
}
