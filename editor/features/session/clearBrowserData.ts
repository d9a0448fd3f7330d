import { DATABASE_PREFIX, rememberedDatabases } from './localData.ts'
import { STORAGE_PREFIX } from './tokenStore.ts'

type Cleanup = () => Promise<void> | void
const cleanups = new Set<Cleanup>()

/**
 * Registers work that must happen before the browser's data is removed, such as
 * closing an open proposal's database (a database with open connections cannot
 * be deleted). Returns a function that unregisters it.
 */
export function registerBeforeClear(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = window.indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    // "blocked" is followed by success once other tabs close their connection.
  })
}

async function listDatabases(): Promise<string[]> {
  const names = new Set(rememberedDatabases())
  try {
    const found = (await window.indexedDB.databases?.()) ?? []
    for (const db of found) if (db.name?.startsWith(DATABASE_PREFIX)) names.add(db.name)
  } catch {
    // Older browsers lack databases(): the remembered list has to do.
  }
  return [...names]
}

/**
 * Removes everything this editor kept in the browser: open proposals are closed,
 * their IndexedDB caches deleted, and every `meeschrijven.` key in localStorage
 * and all of sessionStorage cleared.
 */
export async function clearBrowserData(): Promise<void> {
  for (const cleanup of [...cleanups]) {
    try {
      await cleanup()
    } catch {
      // Closing failed: deleting below still removes the data.
    }
  }
  if (typeof window.indexedDB !== 'undefined') {
    await Promise.all((await listDatabases()).map(deleteDatabase))
  }
  const storage = window.localStorage
  const keys: string[] = []
  for (let i = 0; i < storage.length; i++) keys.push(storage.key(i) ?? '')
  for (const key of keys) if (key.startsWith(STORAGE_PREFIX)) storage.removeItem(key)
  window.sessionStorage.clear()
}
