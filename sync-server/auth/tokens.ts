/**
 * Tokens are 32 random bytes, base64url. Only their SHA-256 is stored (A1); a
 * token is too random for a slow hash to add anything.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Compares two tokens in constant time. */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a), 'hex')
  const right = Buffer.from(hashToken(b), 'hex')
  return timingSafeEqual(left, right)
}
