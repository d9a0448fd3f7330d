import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { listUnsent, markUnsent } from './localData.ts'
import { adoptSignInLink } from './signInLink.ts'
import { readToken, writeToken } from './tokenStore.ts'

/** `GET /api/me` as the server answers it, for the tokens of this test. */
const PEOPLE: Record<string, { id: string; name: string }> = {
  'anna-1': { id: 'anna', name: 'Anna' },
  'anna-2': { id: 'anna', name: 'Anna' },
  'bram-1': { id: 'bram', name: 'Bram' },
}

describe('a sign-in link in a browser where someone is signed in', () => {
  beforeEach(() => {
    window.localStorage.clear()
    // The server is replaced by a table: no server hands one person two tokens yet (M3).
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      const token = String((init.headers as Record<string, string>).Authorization).slice(7)
      const person = PEOPLE[token]
      if (!person)
        return new Response('{"error":{"code":"unauthorized","message":"x"}}', { status: 401 })
      const me = { person: { ...person, organisation: null }, role: 'writer', proposals: '*' }
      return new Response(JSON.stringify(me), { status: 200 })
    })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('[A1] signs in when nobody was signed in', async () => {
    expect(await adoptSignInLink('anna-1')).toEqual({ kind: 'done' })
    expect(readToken()).toBe('anna-1')
  })

  it('[A1] the same person’s new link signs in and keeps the browser’s copies and unsent edits', async () => {
    writeToken('anna-1')
    markUnsent('voorstel-1')
    expect(await adoptSignInLink('anna-2')).toEqual({ kind: 'done' })
    expect(readToken()).toBe('anna-2')
    expect(listUnsent()).toEqual(['voorstel-1'])
  })

  it('[A1] another person’s link changes nothing and asks', async () => {
    writeToken('anna-1')
    markUnsent('voorstel-1')
    const link = await adoptSignInLink('bram-1')
    expect(link).toMatchObject({
      kind: 'ask',
      current: { person: { name: 'Anna' } },
      next: { person: { name: 'Bram' } },
      token: 'bram-1',
    })
    expect(readToken()).toBe('anna-1')
    expect(listUnsent()).toEqual(['voorstel-1'])
  })

  it('[A1] a link that does not work changes nothing', async () => {
    writeToken('anna-1')
    markUnsent('voorstel-1')
    expect(await adoptSignInLink('kapot')).toEqual({ kind: 'invalid' })
    expect(readToken()).toBe('anna-1')
    expect(listUnsent()).toEqual(['voorstel-1'])
  })

  it('[A1] replaces a session whose own token no longer works (its edits can never be sent)', async () => {
    writeToken('ingetrokken')
    markUnsent('voorstel-1')
    expect(await adoptSignInLink('bram-1')).toEqual({ kind: 'done' })
    expect(readToken()).toBe('bram-1')
    expect(listUnsent()).toEqual([])
  })
})
