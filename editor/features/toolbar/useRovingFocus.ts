import { type KeyboardEvent, type RefObject, useCallback } from 'react'

/**
 * Arrow keys, Home and End move between the buttons of a toolbar; Tab leaves it
 * (WAI-ARIA toolbar pattern). The toolbar gives tabindex 0 to the last focused
 * button only, so Tab enters the toolbar once and then goes on to the text.
 */
export function useRovingFocus(container: RefObject<HTMLElement | null>) {
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const root = container.current
      if (!root) return
      const buttons = Array.from(root.querySelectorAll<HTMLElement>('[data-roving]'))
      const index = buttons.indexOf(document.activeElement as HTMLElement)
      if (index < 0) return
      let next = index
      if (event.key === 'ArrowRight' || event.key === 'ArrowDown')
        next = (index + 1) % buttons.length
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp')
        next = (index - 1 + buttons.length) % buttons.length
      else if (event.key === 'Home') next = 0
      else if (event.key === 'End') next = buttons.length - 1
      else return
      event.preventDefault()
      buttons[next]?.focus()
    },
    [container],
  )
}
