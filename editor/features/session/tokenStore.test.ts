import { beforeEach, describe, expect, it } from 'vitest'
import { readToken, takeTokenFromLocation, writeToken } from './tokenStore.ts'

describe('the invite token', () => {
  beforeEach(() => {
    window.localStorage.clear()
    window.history.replaceState(null, '', '/')
  })

  it('is taken from the fragment and removed from the address bar', () => {
    window.history.replaceState(null, '', '/#/welkom?token=geheim-123')
    const token = takeTokenFromLocation(window.location, window.history)
    expect(token).toBe('geheim-123')
    expect(window.location.href).not.toContain('geheim-123')
    expect(window.location.hash).toBe('#/')
  })

  it('is not found in other addresses', () => {
    window.history.replaceState(null, '', '/#/voorstel/voorstel-1')
    expect(takeTokenFromLocation(window.location, window.history)).toBeNull()
    expect(window.location.hash).toBe('#/voorstel/voorstel-1')
  })

  it('is kept in the browser', () => {
    writeToken('t-1')
    expect(readToken()).toBe('t-1')
  })
})
