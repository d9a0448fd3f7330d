import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { hasRole } from '../../../shared/roles.ts'
import type { Me } from '../../lib/types.ts'
import type { Collab } from '../collab/createCollab.ts'
import type { VersionTarget } from '../versions/types.ts'
import { CommentHighlights, type HighlightThread, setHighlights } from './CommentHighlights.ts'
import type { CommentsContextValue } from './CommentsContext.ts'
import type { Draft } from './draft.ts'
import { orderedThreads, scrollToThreadText, threadToggleId } from './threadDom.ts'
import { countByFilter, matchesFilter, type ThreadFilter } from './threadFilters.ts'
import { arrivalText } from './threadText.ts'
import { isOpenSuggestion, type Thread } from './types.ts'
import { useAnnouncer } from './useAnnouncer.ts'
import { useDraft } from './useDraft.ts'
import { useMarkSeen } from './useMarkSeen.ts'
import { useThreads } from './useThreads.ts'

/**
 * Where a thread was opened from: the panel (the text scrolls to it), the
 * keyboard (shortcut, new reaction: the focus goes to the thread), or a click
 * on its text (the thread is shown, the focus stays in the text).
 */
export type OpenedFrom = 'panel' | 'keyboard' | 'click'

/** The id the highlights use for the passage of a reaction being written. */
const DRAFT_ID = 'nieuwe-reactie'

function toHighlight(thread: Thread): HighlightThread {
  const { id, kind, anchor, anchored } = thread
  return { id, kind, anchor, anchored, open: thread.status === 'open' }
}

/**
 * Everything the comments feature keeps for one open proposal: the threads
 * (live), the panel's filter and open thread, the reaction being written, the
 * highlights in the text, and the Tiptap extension that draws them.
 */
export function useComments(
  proposalId: string,
  me: Me,
  collab: Collab | null,
  showVersion?: (target: VersionTarget) => void,
) {
  const [editor, setEditor] = useState<Editor | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [filter, setFilter] = useState<ThreadFilter>('all')
  const [focusRequest, setFocusRequest] = useState<{ id: string; from: OpenedFrom } | null>(null)
  const { message, announce } = useAnnouncer()
  const store = useThreads(proposalId, collab, me.person.id, (started, news) =>
    announce(arrivalText(started, news)),
  )
  const { threads, markRead } = store
  const unread = threads.filter((thread) => thread.unread).length
  useMarkSeen(store.api.seen, store.loaded, unread)

  const open = useCallback(
    (id: string, from: OpenedFrom) => {
      setActiveId(id)
      markRead(id)
      setFilter((current) => {
        const thread = threads.find((t) => t.id === id)
        return thread && !matchesFilter(thread, current, me.person.id) ? 'all' : current
      })
      setFocusRequest({ id, from })
    },
    [threads, markRead, me.person.id],
  )
  const close = useCallback(() => {
    if (activeId) setFocusRequest({ id: activeId, from: 'keyboard' })
    setActiveId(null)
  }, [activeId])

  const draft = useDraft(editor, (id) => open(id, 'keyboard'))
  const onActivate = useRef(open)
  onActivate.current = open
  const [extension] = useState(() =>
    CommentHighlights.configure({ onActivate: (id) => onActivate.current(id, 'click') }),
  )

  useEffect(() => {
    if (!editor) return
    // Open amendments are drawn as suggestions (struck through and inserted), not highlighted.
    const shown = threads.filter((thread) => !isOpenSuggestion(thread)).map(toHighlight)
    const pending = draft.current ? draftHighlight(draft.current) : null
    setHighlights(editor, pending ? [...shown, pending] : shown, pending ? DRAFT_ID : activeId)
  }, [editor, threads, activeId, draft.current])

  useEffect(() => {
    if (!focusRequest) return
    setFocusRequest(null)
    const { id, from } = focusRequest
    if (from === 'panel' && editor) scrollToThreadText(editor, id)
    const toggle = from === 'panel' ? null : document.getElementById(threadToggleId(id))
    toggle?.scrollIntoView({ block: 'nearest' })
    // A click in the text leaves the focus there (a writer may be editing that passage).
    if (from === 'keyboard') toggle?.focus()
  }, [focusRequest, editor])

  const context = useMemo<CommentsContextValue>(
    () => ({
      me,
      canModerate: hasRole(me.role, 'editor'),
      api: store.api,
      apply: store.apply,
      announce,
      showVersion,
    }),
    [me, store.api, store.apply, announce, showVersion],
  )
  const ordered = useMemo(() => orderedThreads(editor, threads), [editor, threads])
  const counts = useMemo(() => countByFilter(threads, me.person.id), [threads, me.person.id])

  return {
    context,
    threads: ordered,
    counts,
    unread,
    loaded: store.loaded,
    error: store.error,
    reload: store.reload,
    /** Puts a thread the API answered into the list, and drops a withdrawn one. */
    apply: store.apply,
    remove: store.remove,
    filter,
    setFilter,
    activeId,
    open,
    close,
    draft,
    message,
    extension,
    setEditor,
  }
}

function draftHighlight(draft: Draft): HighlightThread | null {
  if (!draft.anchor) return null
  return { id: DRAFT_ID, kind: draft.kind, anchor: draft.anchor, anchored: true, open: true }
}

/** The comments feature of one proposal page, as {@link useComments} gives it. */
export type CommentsController = ReturnType<typeof useComments>
