import type { EditorState } from '@tiptap/pm/state'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { Me } from '../../lib/types.ts'
import type { Collab } from '../collab/createCollab.ts'
import type { CommentsController } from '../comments/useComments.ts'
import { colorForPerson } from '../presence/personColor.ts'
import { type RefusedEdit, SuggestingMode, type SuggestionsState } from './SuggestingMode.ts'
import { SuggestionHistory } from './SuggestionHistory.ts'
import { type SendState, SuggestionSender } from './SuggestionSender.ts'
import { SuggestionStore } from './SuggestionStore.ts'
import { announcement } from './suggestionText.ts'
import type { PlacedSuggestion, SuggestionView } from './types.ts'

const REFUSALS: Record<RefusedEdit, string> = {
  structure:
    'Opmaak en indeling kunt u niet als voorstel doen. Beschrijf wat u wilt in een reactie (Reageer).',
  move: 'Tekst verslepen kan niet als voorstel. Knip de tekst en plak hem waar u hem wilt hebben.',
  place: 'Hier kan geen voorstel staan. Probeer het op een andere plek in de tekst.',
}

export interface SuggestionsOptions {
  proposalId: string
  me: Me
  collab: Collab | null
  comments: CommentsController
  /** Suggesting is possible now (not frozen, the connection not refused). */
  available: boolean
  /** Members always suggest (A3: their edits never reach the text). */
  alwaysOn: boolean
}

/**
 * Suggesting mode and the suggestions of one proposal page: the store of
 * drafts and threads, the sender, the editor extension, the mode and view
 * toggles, what the popover shows, and the messages for the person.
 */
export function useSuggestions(options: SuggestionsOptions) {
  const { proposalId, me, collab, comments, available, alwaysOn } = options
  const [store] = useState(
    () =>
      new SuggestionStore(
        {
          id: me.person.id,
          name: me.person.name,
          organisation: me.person.organisation,
          color: me.color ?? colorForPerson(me.person.id),
        },
        proposalId,
      ),
  )
  const [history] = useState(() => new SuggestionHistory())
  const [toggled, setToggled] = useState(false)
  const [view, setView] = useState<SuggestionView>('with')
  const [notice, setNotice] = useState('')
  const [plugin, setPlugin] = useState<{ state: SuggestionsState; at: EditorState } | null>(null)
  const [sender, setSender] = useState<SuggestionSender | null>(null)
  const popover = useRef<HTMLDivElement | null>(null)
  const enabled = available && (alwaysOn || toggled)
  useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.version,
  )

  useEffect(() => store.setMode(enabled, view), [store, enabled, view])
  useEffect(() => store.setThreads(comments.threads), [store, comments.threads])

  const { announce, api } = comments.context
  const { apply, remove } = comments
  useEffect(() => {
    const created = new SuggestionSender(store, api, {
      onThread: apply,
      onRemoved: remove,
      onNotice: (message) => {
        setNotice(message)
        announce(message)
      },
    })
    setSender(created)
    return () => created.stop()
  }, [store, api, apply, remove, announce])

  useEffect(() => {
    if (!collab || !sender) return
    // The connection is back: send what waited in the browser at once.
    const onSync = (synced: boolean) => synced && sender.flushAll()
    collab.provider.on('sync', onSync)
    return () => collab.provider.off('sync', onSync)
  }, [collab, sender])

  const sendState = useSyncExternalStore(
    (listener) => sender?.subscribe(listener) ?? (() => undefined),
    () => sender?.state ?? IDLE,
  )

  const lastAnnounced = useRef<string | null>(null)
  const onState = useRef((_state: SuggestionsState, _at: EditorState) => {})
  onState.current = (state, at) => {
    setPlugin({ state, at })
    const here = state.atCaret
    // Leaving a suggestion sends it; the one at the caret waits for the pause.
    sender?.flushExcept(new Set(here?.mine ? [here.id] : []))
    if (here && state.navigated && here.id !== lastAnnounced.current) announce(announcement(here))
    lastAnnounced.current = here?.id ?? null
  }
  const onRefused = useRef((_reason: RefusedEdit) => {})
  onRefused.current = (reason) => {
    setNotice(REFUSALS[reason])
    announce(REFUSALS[reason])
  }
  const [extension] = useState(() =>
    SuggestingMode.configure({
      store,
      history,
      onRefused: (reason) => onRefused.current(reason),
      onState: (state, at) => onState.current(state, at),
      onTab: () => {
        const first = popover.current?.querySelector<HTMLElement>('button, textarea')
        first?.focus()
        return Boolean(first)
      },
    }),
  )

  const withdraw = useCallback(
    (id: string) => {
      const base = store.draftOf(id)
      if (!base) return
      store.putDraft(base.key, base.threadId ? { ...base, removed: true } : null)
      history.record({ key: base.key, before: base, after: store.draft(base.key) ?? null })
    },
    [store, history],
  )
  const undo = useCallback(() => history.undo(store) !== null, [history, store])
  const redo = useCallback(() => history.redo(store) !== null, [history, store])
  // The popover shows where the caret went, not while the person types there.
  const atCaret: PlacedSuggestion | null = plugin?.state.navigated ? plugin.state.atCaret : null
  const hereToo: PlacedSuggestion[] = atCaret ? (plugin?.state.hereToo ?? []) : []
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store's version changes with its drafts
  const failed = useMemo(
    () => store.drafts().filter((draft) => draft.error !== null),
    [store, store.version],
  )

  return {
    store,
    sender,
    extension,
    enabled,
    alwaysOn,
    available,
    toggle: () => setToggled((on) => !on),
    view,
    setView,
    notice,
    clearNotice: () => setNotice(''),
    sendState,
    placed: plugin?.state.placed ?? [],
    atCaret,
    hereToo,
    popover,
    failed,
    undo,
    redo,
    withdraw,
    announce,
    api,
    /** Puts a thread the API answered into the panel and the text at once. */
    applyThread: (thread: Parameters<typeof apply>[0]) => {
      store.upsertThread(thread)
      apply(thread)
    },
    /** Sends a draft the server refused again, or drops it. */
    retry: (key: string) => {
      store.noteError(key, null)
      void sender?.send(key)
    },
    discard: (key: string) => store.putDraft(key, null),
  }
}

const IDLE: SendState = { kind: 'idle' }

/** The suggestions feature of one proposal page, as {@link useSuggestions} gives it. */
export type SuggestionsController = ReturnType<typeof useSuggestions>
