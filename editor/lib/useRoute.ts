import { useSyncExternalStore } from 'react'
import { parseRoute, type Route } from './route.ts'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

function getHash(): string {
  return window.location.hash
}

/** The current hash route; re-renders when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, getHash)
  return parseRoute(hash)
}

/** Goes to a hash (`#/…`), adding a history entry. */
export function navigate(hash: string): void {
  window.location.hash = hash
}
