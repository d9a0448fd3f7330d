import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { currentSelection, type Draft, startDraft } from './draft.ts'

/** The id of the "Reageer" button, where focus goes back when no text had it. */
export const REACT_BUTTON_ID = 'reageer-knop'

/** True for Ctrl+Alt+M (Cmd+Option+M on a Mac), the shortcut Google Docs uses too. */
export function isReactShortcut(event: KeyboardEvent): boolean {
  return (
    (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyM'
  )
}

/**
 * The reaction being written. `start` takes the selection (or opens the thread
 * under the caret); the shortcut works anywhere on the proposal page, also in
 * a reviewer's read-only text, where the editor itself handles no keys.
 * `cancel` puts the focus back where the person was.
 */
export function useDraft(editor: Editor | null, openThread: (id: string) => void) {
  const [current, setCurrent] = useState<Draft | null>(null)
  const returnTo = useRef<Element | null>(null)
  const opener = useRef(openThread)
  opener.current = openThread

  const start = useCallback(
    (kind: Draft['kind']) => {
      const live = editor && !editor.isDestroyed ? editor : null
      const started = live
        ? startDraft(live.state, kind, currentSelection(live.view))
        : startDraft(null, kind)
      if ('openThread' in started) {
        opener.current(started.openThread)
        return
      }
      returnTo.current = document.activeElement
      setCurrent(started.draft)
    },
    [editor],
  )

  const finish = useCallback(() => setCurrent(null), [])

  const cancel = useCallback(() => {
    setCurrent(null)
    const back = returnTo.current
    if (editor && !editor.isDestroyed && back && editor.view.dom.contains(back)) {
      editor.commands.focus()
    } else if (back instanceof HTMLElement && back !== document.body && back.isConnected) {
      back.focus()
    } else {
      document.getElementById(REACT_BUTTON_ID)?.focus()
    }
  }, [editor])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isReactShortcut(event)) return
      event.preventDefault()
      start('comment')
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [start])

  return { current, start, finish, cancel }
}
