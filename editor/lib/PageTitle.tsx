import { type ReactNode, useEffect, useRef } from 'react'

let firstPage = true

/**
 * The page's `h1`. It sets the tab's title and, after a route change, takes the
 * focus, so that keyboard and screen-reader users start at the top of the new page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} — Meeschrijven`
    if (firstPage) {
      firstPage = false
      return
    }
    ref.current?.focus()
  }, [title])
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  )
}
