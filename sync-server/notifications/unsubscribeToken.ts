/**
 * Unsubscribe links that need no sign-in (M4): `<personId>.<signature>`, an
 * HMAC of the person's id with a secret the installation makes once and keeps
 * in its settings (shared by every instance of a cluster). The link stops
 * notification mails only, so it may stay valid for good.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Storage } from '../persistence/Storage.ts'

const SECRET_KEY = 'secret:unsubscribe'

export class UnsubscribeTokens {
  readonly #secret: Buffer

  private constructor(secret: Buffer) {
    this.#secret = secret
  }

  /** Reads the secret, making it on the first start (one wins when instances start together). */
  static async open(storage: Storage): Promise<UnsubscribeTokens> {
    const secret = await storage.settings.putIfAbsent(
      SECRET_KEY,
      randomBytes(32).toString('base64url'),
    )
    return new UnsubscribeTokens(Buffer.from(secret, 'base64url'))
  }

  #sign(personId: string): Buffer {
    return createHmac('sha256', this.#secret).update(`unsubscribe:${personId}`).digest()
  }

  tokenFor(personId: string): string {
    return `${personId}.${this.#sign(personId).toString('base64url')}`
  }

  /** @returns the person the token was made for, or null when it is not genuine */
  personOf(token: unknown): string | null {
    if (typeof token !== 'string') return null
    const [personId, signature, ...rest] = token.split('.')
    if (!personId || !signature || rest.length > 0) return null
    const given = Buffer.from(signature, 'base64url')
    const expected = this.#sign(personId)
    return given.length === expected.length && timingSafeEqual(given, expected) ? personId : null
  }
}
