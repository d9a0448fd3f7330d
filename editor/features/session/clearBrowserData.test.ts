import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { clearBrowserData, registerBeforeClear } from './clearBrowserData.ts'
import { databaseName, listUnsent, markUnsent, rememberDatabase } from './localData.ts'
import { readToken, writeToken } from './tokenStore.ts'

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

describe('signing out on a shared computer', () => {
  it('removes the token, the cached proposals and session data, and keeps other sites’ keys', async () => {
    writeToken('geheim')
    markUnsent('voorstel-1')
    window.localStorage.setItem('iets-anders', 'blijft')
    window.sessionStorage.setItem('x', 'y')
    const name = databaseName('p-1', 'voorstel-1')
    rememberDatabase(name)
    const db = await openDatabase(name)
    let closed = false
    registerBeforeClear(() => {
      db.close()
      closed = true
    })

    await clearBrowserData()

    expect(closed).toBe(true)
    expect(readToken()).toBeNull()
    expect(listUnsent()).toEqual([])
    expect(window.sessionStorage.length).toBe(0)
    expect(window.localStorage.getItem('iets-anders')).toBe('blijft')
    const left = (await indexedDB.databases()).map((info) => info.name)
    expect(left).not.toContain(name)
  })
})
