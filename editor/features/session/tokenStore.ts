/**
 * Where the browser keeps what it knows about the signed-in person. Every key
 * starts with {@link STORAGE_PREFIX}, so that signing out can remove all of it.
 */
export const STORAGE_PREFIX = 'meeschrijven.'

const TOKEN_KEY = `${STORAGE_PREFIX}token`

/** The stored token, or null when nobody is signed in here. */
export function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

/** Keeps the token for later visits. */
export function writeToken(token: string): void {
  window.localStorage.setItem(TOKEN_KEY, token)
}

/**
 * Takes the invite token out of the address (`#/welkom?token=…`) and replaces the
 * address with the overview, so the token is not left in the address bar, in the
 * history entry or on a screenshot.
 * @returns the token, or null when the address holds none
 */
export function takeTokenFromLocation(location: Location, history: History): string | null {
  const match = /^#\/welkom\?(.*)$/.exec(location.hash)
  if (!match) return null
  const token = new URLSearchParams(match[1]).get('token')
  history.replaceState(null, '', `${location.pathname}${location.search}#/`)
  return token && token.trim() !== '' ? token.trim() : null
}
