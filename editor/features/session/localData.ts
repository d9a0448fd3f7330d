import { STORAGE_PREFIX } from './tokenStore.ts'

/**
 * Bookkeeping of what this browser keeps besides the token: the IndexedDB
 * databases that cache proposals, and the proposals with edits the server has
 * not confirmed yet. Signing out uses both (municipal staff share computers).
 */
const DATABASES_KEY = `${STORAGE_PREFIX}databases`
const UNSENT_KEY = `${STORAGE_PREFIX}unsent`

/** Prefix of every IndexedDB database the editor creates. */
export const DATABASE_PREFIX = 'meeschrijven-'

function readList(key: string): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]')
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
  } catch {
    return []
  }
}

function writeList(key: string, list: string[]): void {
  try {
    window.localStorage.setItem(key, JSON.stringify([...new Set(list)]))
  } catch {
    // Storage full or blocked: the bookkeeping is a help, not a requirement.
  }
}

/** Name of the database that caches one proposal for one person. */
export function databaseName(personId: string, proposalId: string): string {
  return `${DATABASE_PREFIX}${personId}-${proposalId}`
}

/** Notes a database so that sign-out finds it even where `indexedDB.databases()` is missing. */
export function rememberDatabase(name: string): void {
  writeList(DATABASES_KEY, [...readList(DATABASES_KEY), name])
}

/** The databases noted with {@link rememberDatabase}. */
export function rememberedDatabases(): string[] {
  return readList(DATABASES_KEY)
}

/** Marks a proposal as having edits the server may not have yet. */
export function markUnsent(proposalId: string): void {
  const list = readList(UNSENT_KEY)
  if (!list.includes(proposalId)) writeList(UNSENT_KEY, [...list, proposalId])
}

/** Marks a proposal's edits as delivered. */
export function markSent(proposalId: string): void {
  const list = readList(UNSENT_KEY)
  if (list.includes(proposalId))
    writeList(
      UNSENT_KEY,
      list.filter((id) => id !== proposalId),
    )
}

/** Ids of the proposals with edits that may not have reached the server. */
export function listUnsent(): string[] {
  return readList(UNSENT_KEY)
}
