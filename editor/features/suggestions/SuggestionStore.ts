import { type EditorState, Selection } from '@tiptap/pm/state'
import { resolveAnchor } from '../comments/anchorPositions.ts'
import { isOpenSuggestion, type Thread } from '../comments/types.ts'
import { colorForPerson } from '../presence/personColor.ts'
import { loadDrafts, saveDrafts } from './draftStorage.ts'
import type { Draft, PlacedSuggestion, ShownSuggestion, SuggestionView } from './types.ts'

/** The person making suggestions in this editor. */
export interface Author {
  id: string
  name: string
  organisation: string | null
  color: string
}

function fromThread(thread: Thread, mine: boolean): ShownSuggestion {
  return {
    id: thread.id,
    threadId: thread.id,
    person: thread.createdBy,
    color: thread.color ?? colorForPerson(thread.createdBy.id),
    createdAt: thread.createdAt,
    quote: thread.quote,
    replacement: thread.replacement ?? '',
    anchor: thread.anchor,
    mine,
    pending: false,
    quoteChanged: thread.quoteChanged === true,
  }
}

/**
 * The suggestions of one proposal in this browser: everyone's open amendments
 * (from the threads the server sends, C7) and this person's drafts, which win
 * over the thread they change until the server has the change. The editor's
 * plugin reads it synchronously while the person types; React hears of every
 * change through `subscribe`. Drafts are kept in localStorage (offline, reload).
 */
export class SuggestionStore {
  readonly me: Author
  readonly proposalId: string
  /** Suggesting mode: what the person types becomes a suggestion. */
  enabled = false
  view: SuggestionView = 'with'
  #threads = new Map<string, Thread>()
  readonly #drafts = new Map<string, Draft>()
  /** Keys of drafts that became threads: draft key → thread id (undo still finds them). */
  readonly #aliases = new Map<string, string>()
  readonly #listeners = new Set<() => void>()
  #version = 0

  constructor(me: Author, proposalId: string) {
    this.me = me
    this.proposalId = proposalId
    for (const draft of loadDrafts(me.id, proposalId)) this.#drafts.set(draft.key, draft)
  }

  /** Listens to every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Changes with every change of drafts, threads, mode or view (for React). */
  get version(): number {
    return this.#version
  }

  #changed(draftsChanged: boolean): void {
    if (draftsChanged) saveDrafts(this.me.id, this.proposalId, [...this.#drafts.values()])
    this.#version++
    for (const listener of [...this.#listeners]) listener()
  }

  setMode(enabled: boolean, view: SuggestionView): void {
    if (this.enabled === enabled && this.view === view) return
    this.enabled = enabled
    this.view = view
    this.#changed(false)
  }

  /** The threads as the panel has them; a copy the store got later stays. */
  setThreads(threads: Thread[]): void {
    const next = new Map<string, Thread>()
    for (const thread of threads) {
      const mine = this.#threads.get(thread.id)
      next.set(thread.id, mine && mine.updatedAt > thread.updatedAt ? mine : thread)
    }
    this.#threads = next
    this.#changed(false)
  }

  /** A thread the server just answered, before the panel's list has it. */
  upsertThread(thread: Thread): void {
    const known = this.#threads.get(thread.id)
    if (!known || known.updatedAt <= thread.updatedAt) this.#threads.set(thread.id, thread)
    this.#changed(false)
  }

  removeThread(id: string): void {
    if (this.#threads.delete(id)) this.#changed(false)
  }

  thread(id: string): Thread | undefined {
    return this.#threads.get(id)
  }

  drafts(): Draft[] {
    return [...this.#drafts.values()]
  }

  draft(key: string): Draft | undefined {
    return this.#drafts.get(key)
  }

  /** Puts a draft (a new revision of it), or with `null` forgets the draft under `key`. */
  putDraft(key: string, draft: Draft | null): void {
    if (draft === null) this.#drafts.delete(key)
    else this.#drafts.set(key, { ...draft, revision: (this.#drafts.get(key)?.revision ?? 0) + 1 })
    this.#changed(true)
  }

  /** The key a draft has now: a draft that became a thread goes by the thread's id. */
  keyOf(key: string): string {
    return this.#aliases.get(key) ?? key
  }

  /** Notes why the server refused a draft (without making it a new revision). */
  noteError(key: string, error: string | null): void {
    const draft = this.#drafts.get(key)
    if (!draft) return
    this.#drafts.set(key, { ...draft, error })
    this.#changed(true)
  }

  /**
   * The server made a thread of a draft: from now on the draft goes by the
   * thread's id, and is dropped when nothing changed since it was sent.
   */
  noteCreated(key: string, threadId: string, sentRevision: number): void {
    this.#aliases.set(key, threadId)
    const draft = this.#drafts.get(key)
    this.#drafts.delete(key)
    if (draft && draft.revision !== sentRevision)
      this.#drafts.set(threadId, { ...draft, key: threadId, threadId, error: null })
    this.#changed(true)
  }

  /** The server has a draft's revision: the draft is dropped unless it changed meanwhile. */
  noteSent(key: string, sentRevision: number): void {
    const draft = this.#drafts.get(key)
    if (!draft) return
    if (draft.revision === sentRevision) this.#drafts.delete(key)
    else this.#drafts.set(key, { ...draft, error: null })
    this.#changed(true)
  }

  /** The draft of this person's thread `id`, made from the thread when there is none yet. */
  draftOf(id: string): Draft | null {
    const draft = this.#drafts.get(id)
    if (draft) return draft
    const thread = this.#threads.get(id)
    if (!thread || thread.createdBy.id !== this.me.id || !isOpenSuggestion(thread)) return null
    return {
      key: thread.id,
      threadId: thread.id,
      quote: thread.quote,
      anchor: thread.anchor,
      replacement: thread.replacement ?? '',
      removed: false,
      error: null,
      revision: 0,
    }
  }

  /** What the text shows: open amendments, with this person's drafts in place of theirs. */
  shown(): ShownSuggestion[] {
    const drafted = new Set<string>()
    const result: ShownSuggestion[] = []
    for (const draft of this.#drafts.values()) {
      if (draft.threadId) drafted.add(draft.threadId)
      if (draft.removed) continue
      const thread = draft.threadId ? this.#threads.get(draft.threadId) : undefined
      if (thread && !isOpenSuggestion(thread)) continue
      result.push({
        id: draft.threadId ?? draft.key,
        threadId: draft.threadId,
        person: { id: this.me.id, name: this.me.name, organisation: this.me.organisation },
        color: thread?.color ?? this.me.color,
        createdAt: thread?.createdAt ?? null,
        quote: draft.quote,
        replacement: draft.replacement,
        anchor: draft.anchor,
        mine: true,
        pending: true,
        quoteChanged: false,
      })
    }
    for (const thread of this.#threads.values()) {
      if (!isOpenSuggestion(thread) || !thread.anchored || drafted.has(thread.id)) continue
      result.push(fromThread(thread, thread.createdBy.id === this.me.id))
    }
    // Several people's suggestions at one place stand side by side, oldest first.
    return result.sort((a, b) => (a.createdAt ?? '~').localeCompare(b.createdAt ?? '~'))
  }

  /** Where each shown suggestion is in `state`; those whose text is gone are left out. */
  placed(state: EditorState): PlacedSuggestion[] {
    return placeAll(state, this.shown())
  }
}

/**
 * A point between passages (the start of a document Yjs holds nothing of yet,
 * where the editor shows one empty paragraph) is placed where the caret can
 * be: at the start of the next passage. Otherwise the next letter typed there
 * would not touch it and would start a suggestion of its own.
 */
function inText(state: EditorState, at: number): { from: number; to: number } {
  const $at = state.doc.resolve(at)
  if ($at.parent.inlineContent) return { from: at, to: at }
  const near = Selection.findFrom($at, 1, true) ?? Selection.findFrom($at, -1, true)
  const place = near?.from ?? at
  return { from: place, to: place }
}

/** Places suggestions in `state`; those that do not resolve are left out. */
export function placeAll(state: EditorState, shown: ShownSuggestion[]): PlacedSuggestion[] {
  const placed: PlacedSuggestion[] = []
  for (const suggestion of shown) {
    const point = suggestion.quote === ''
    const range = resolveAnchor(state, suggestion.anchor, point)
    if (range) placed.push({ ...suggestion, ...(point ? inText(state, range.from) : range) })
  }
  return placed
}
