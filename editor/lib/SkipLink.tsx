import type { MouseEvent, ReactNode } from 'react'

/**
 * A link that moves the reading and keyboard position to the element `target`
 * on the same page. The address of the page is a hash route (`#/voorstel/…`),
 * so the link must not change the hash: it focuses the target itself, making
 * it focusable for the script (tabindex -1) when it is not a control.
 */
export function SkipLink(props: { target: string; className?: string; children: ReactNode }) {
  const { target, className = 'skip-link', children } = props
  const jump = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault()
    const element = document.getElementById(target)
    if (!element) return
    if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.tabIndex = -1
    element.focus({ preventScroll: true })
    element.scrollIntoView({ block: 'start' })
  }
  return (
    <a className={className} href={`#${target}`} onClick={jump}>
      {children}
    </a>
  )
}
