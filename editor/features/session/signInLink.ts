import { ApiError, api } from '../../lib/api.ts'
import type { Me } from '../../lib/types.ts'
import { clearBrowserData } from './clearBrowserData.ts'
import { readToken, writeToken } from './tokenStore.ts'

/** What a sign-in link (`#/welkom?token=…`) means for the session in this browser. */
export type SignInLink =
  /** No link, or one that was taken: go on with the stored token. */
  | { kind: 'done' }
  /** The link is someone else's than the person signed in here: ask first. */
  | { kind: 'ask'; current: Me; next: Me; token: string }
  /** The link's token does not work; whoever was signed in here stays signed in. */
  | { kind: 'invalid' }

/** Who a token belongs to, or null when it does not work. @throws ApiError when offline */
async function whoIs(token: string): Promise<Me | null> {
  try {
    return await api<Me>('api/me', { token })
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/**
 * Decides what the token of a sign-in link means here. The same person's new
 * link just signs in, keeping the browser's copies (and any unsent edits).
 * Another person's link never replaces a session silently: the caller asks. A
 * link whose token does not work changes nothing.
 * @throws ApiError (status 0) when the server cannot be reached to check the link
 */
export async function adoptSignInLink(token: string | null): Promise<SignInLink> {
  if (!token) return { kind: 'done' }
  const previous = readToken()
  if (!previous || previous === token) {
    writeToken(token)
    return { kind: 'done' }
  }
  const [next, current] = await Promise.all([whoIs(token), whoIs(previous)])
  if (!next) return { kind: 'invalid' }
  if (current && current.person.id !== next.person.id) {
    return { kind: 'ask', current, next, token }
  }
  // The same person (their copies are theirs), or a session that no longer works
  // (a revoked token: its edits can never be sent, and it would be signed out anyway).
  if (!current) await clearBrowserData()
  writeToken(token)
  return { kind: 'done' }
}
