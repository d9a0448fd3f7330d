import { useCallback, useState } from 'react'
import type { VersionTarget } from './types.ts'

/**
 * Which version or comparison the text column shows instead of the editor.
 * Closing it puts the focus back in the versions panel, where it came from.
 */
export function useVersionTarget() {
  const [target, setTarget] = useState<VersionTarget | null>(null)
  const close = useCallback(() => {
    setTarget(null)
    requestAnimationFrame(() => document.getElementById('versies-titel')?.focus())
  }, [])
  return { target, show: setTarget, close }
}
