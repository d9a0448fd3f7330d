import { type KeyboardEvent, useCallback, useState } from 'react'
import { sliceWhole } from '../../../shared/codePoints.ts'
import { changeLabel } from './summary.ts'
import type { Change } from './types.ts'

/** The element id of change `index` in the compared text. */
export const changeElementId = (index: number) => `wijziging-${index + 1}`

const excerpt = (text: string) => (text.length > 80 ? `${sliceWhole(text, 77)}…` : text)

/** What a screen reader says when a change gets the focus. */
export function announcement(changes: readonly Change[], index: number): string {
  const change = changes[index]
  if (!change) return ''
  return `Wijziging ${index + 1} van ${changes.length}: ${changeLabel(change)}: “${excerpt(change.text.trim() || change.text)}”`
}

function isFormField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  return !!element?.closest?.('input, select, textarea, [contenteditable="true"]')
}

/**
 * Stepping from change to change: buttons, and the keys j/k or Alt+↓/Alt+↑
 * anywhere in the comparison. The focus moves to the change in the text, which
 * scrolls into view, and a live region says which change it is and who made it.
 */
export function useChangeNavigation(changes: readonly Change[]) {
  const [current, setCurrent] = useState(-1)
  const [message, setMessage] = useState('')

  const go = useCallback(
    (index: number) => {
      if (changes.length === 0) return
      const next = Math.max(0, Math.min(changes.length - 1, index))
      setCurrent(next)
      // The same words twice still change the region, so they are said again.
      setMessage((previous) => {
        const text = announcement(changes, next)
        return previous === text ? `${text}\u00a0` : text
      })
      const element = document.getElementById(changeElementId(next))
      element?.focus({ preventScroll: true })
      element?.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
    },
    [changes],
  )

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || isFormField(event.target)) return
      const down = event.key === 'ArrowDown' && event.altKey
      const up = event.key === 'ArrowUp' && event.altKey
      const plain = !event.altKey && !event.shiftKey
      if (down || (plain && event.key === 'j')) go(current + 1)
      else if (up || (plain && event.key === 'k')) go(current < 0 ? 0 : current - 1)
      else return
      event.preventDefault()
    },
    [current, go],
  )

  return { current, message, go, onKeyDown }
}
