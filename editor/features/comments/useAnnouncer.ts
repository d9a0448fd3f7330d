import { useCallback, useState } from 'react'

/**
 * A message for the panel's live region (`role="status"`). Saying the same
 * words twice still changes the region's text (a trailing no-break space comes
 * and goes), so screen readers announce it again.
 */
export function useAnnouncer(): { message: string; announce: (text: string) => void } {
  const [message, setMessage] = useState('')
  const announce = useCallback((text: string) => {
    setMessage((previous) => (previous === text ? `${text}\u00a0` : text))
  }, [])
  return { message, announce }
}
