import { STORAGE_PREFIX } from '../session/tokenStore.ts'
import type { Draft } from './types.ts'

const PREFIX = `${STORAGE_PREFIX}voorstellen.`

function keyFor(personId: string, proposalId: string): string {
  return `${PREFIX}${personId}.${proposalId}`
}

function isDraft(value: unknown): value is Draft {
  const draft = value as Partial<Draft> | null
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.key === 'string' &&
    typeof draft.quote === 'string' &&
    typeof draft.replacement === 'string' &&
    typeof draft.anchor === 'object' &&
    draft.anchor !== null
  )
}

/** The drafts this browser kept for a person and proposal (unsent suggestions). */
export function loadDrafts(personId: string, proposalId: string): Draft[] {
  try {
    const value: unknown = JSON.parse(
      window.localStorage.getItem(keyFor(personId, proposalId)) ?? '[]',
    )
    return Array.isArray(value) ? value.filter(isDraft) : []
  } catch {
    return []
  }
}

/** Keeps the drafts (under the prefix that signing out clears). */
export function saveDrafts(personId: string, proposalId: string, drafts: Draft[]): void {
  try {
    const key = keyFor(personId, proposalId)
    if (drafts.length === 0) window.localStorage.removeItem(key)
    else window.localStorage.setItem(key, JSON.stringify(drafts))
  } catch {
    // Storage full or blocked: the drafts still live in this tab.
  }
}

/** How many proposals hold suggestions that have not reached the server. */
export function countProposalsWithDrafts(): number {
  let count = 0
  try {
    const storage = window.localStorage
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? ''
      if (key.startsWith(PREFIX) && storage.getItem(key) !== '[]') count++
    }
  } catch {
    return 0
  }
  return count
}
