/**
 * New sign-in links by mail (M3). Anyone may ask with an e-mail address; the
 * answer is the same whether or not the address is known (the work happens
 * after the answer is sent, so its timing says nothing either). A known,
 * active person gets a mail with a new link; earlier links keep working. At
 * most `perAddress` requests per address per hour lead to a mail, and one
 * network may ask `perNetwork` times per hour (beyond that: 429).
 * Editors can send a person a new link from the people page.
 */

import type { RequestLimiter } from '../api/RateLimiter.ts'
import type { Principal } from '../auth/Principal.ts'
import { AppError, invalidField } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { MailQueue } from '../mail/MailQueue.ts'
import type { Storage } from '../persistence/Storage.ts'
import { within } from './access.ts'
import { activeWithEmail, isActive, normaliseEmail } from './email.ts'

export interface SignInLinkLimiters {
  /** Keyed by address: 5 per hour. */
  perAddress: RequestLimiter
  /** Keyed by network address: against one machine trying many addresses. */
  perNetwork: RequestLimiter
}

export class SignInLinks {
  readonly #storage: Storage
  readonly #mail: MailQueue
  readonly #limits: SignInLinkLimiters
  readonly #log: Logger

  constructor(storage: Storage, mail: MailQueue, limits: SignInLinkLimiters, log: Logger) {
    this.#storage = storage
    this.#mail = mail
    this.#limits = limits
    this.#log = log
  }

  /**
   * Checks what can be checked before answering: the address's shape and the
   * network's limit. @throws 422 for a malformed address, 429 past the limit
   */
  async admit(email: unknown, network: string): Promise<string> {
    const address = typeof email === 'string' ? normaliseEmail(email) : null
    if (!address)
      throw invalidField('email', 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.')
    const wait = await this.#limits.perNetwork.take(`sign-in-network:${network}`)
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        'Te veel aanvragen vanaf dit netwerk. Probeer het later opnieuw.',
        {
          headers: { 'retry-after': String(wait) },
        },
      )
    }
    return address
  }

  /** The work after the 202: never throws, so the answer never depends on it. */
  async send(address: string): Promise<void> {
    try {
      // Counted for unknown addresses too: the limit says nothing about who exists.
      if ((await this.#limits.perAddress.take(`sign-in-address:${address}`)) > 0) return
      const person = activeWithEmail(await this.#storage.people.list(), address)
      if (!person) return
      await this.#mail.enqueue([
        { kind: 'sign-in-link', personId: person.id, to: address, data: {} },
      ])
    } catch (error) {
      this.#log.error('queueing a sign-in link failed', { error: String(error) })
    }
  }

  /** An editor sends a person a new link ("Link opnieuw sturen"). */
  async resend(editor: Principal, personId: string): Promise<void> {
    const person = await this.#storage.people.get(personId)
    if (!person) throw new AppError('not_found', 'Deze persoon bestaat niet.')
    if (!within(editor.person.proposals, person.proposals))
      throw new AppError('forbidden', 'Deze persoon valt buiten uw voorstellen.')
    if (!isActive(person))
      throw new AppError(
        'conflict',
        'Deze persoon heeft geen toegang meer; er gaat geen link heen.',
      )
    if (!person.email)
      throw invalidField('email', 'Van deze persoon is geen e-mailadres bekend. Vul het eerst in.')
    await this.#mail.enqueue([
      {
        kind: 'sign-in-link',
        personId: person.id,
        to: person.email,
        data: { by: editor.person.id },
      },
    ])
  }
}
