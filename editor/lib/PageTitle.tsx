import { type ReactNode, useEffect, useRef } from 'react'

let firstPage = true

/**
 * The page's `h1`. It sets the tab's title and, when a new page opens, takes
 * the focus, so that keyboard and screen-reader users start at the top of the
 * new page. A title that changes on the same page (a proposal renamed while it
 * is open) does not move the focus: someone may be typing.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} — Meeschrijven`
  }, [title])
  useEffect(() => {
    // The first page after loading keeps the browser's own start: the skip link first.
    if (firstPage) {
      firstPage = false
      return
    }
    ref.current?.focus()
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  )
}
