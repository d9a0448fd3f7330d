/**
 * The order of checks (contract conventions): no or unknown token → 401;
 * malformed id → 400; outside the token's proposals, or a role too low → 403;
 * an unknown proposal → 404.
 */
import { isWellFormedId } from '../../shared/protocol.ts'
import type { Role } from '../../shared/roles.ts'
import { canSee, hasAtLeast, type Principal } from '../auth/Principal.ts'
import { AppError } from '../errors.ts'
import type { ProposalRecord } from '../persistence/Storage.ts'
import type { RouteContext } from './router.ts'
import type { Services } from './services.ts'

type Context = RouteContext<Services>

/** Authenticates the request and counts it against the token's rate limit. */
export async function signedIn(ctx: Context): Promise<Principal> {
  const header = ctx.req.headers.authorization ?? ''
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
  const principal = await ctx.services.authenticator.authenticate(token)
  if (!principal || !token) {
    throw new AppError(
      'unauthorized',
      'U bent niet (meer) aangemeld. Open uw uitnodigingslink opnieuw.',
    )
  }
  const wait = await ctx.services.rateLimiter.take(token)
  if (wait > 0) {
    throw new AppError(
      'rate_limited',
      'Te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw.',
      {
        headers: { 'retry-after': String(wait) },
      },
    )
  }
  return principal
}

/** @throws AppError bad_request when `id` is not shaped like an id */
export function wellFormed(id: string, what = 'id'): string {
  if (!isWellFormedId(id))
    throw new AppError('bad_request', `Dit ${what} is ongeldig.`, { details: { field: what } })
  return id
}

export function requireRole(principal: Principal, role: Role): void {
  if (!hasAtLeast(principal, role)) {
    throw new AppError('forbidden', 'Uw rol staat dit niet toe. Vraag de VNG-redactie om hulp.')
  }
}

/** Resolves `:id` to a proposal the principal may see, in the order of the contract. */
export async function visibleProposal(
  ctx: Context,
  principal: Principal,
  minimum?: Role,
): Promise<ProposalRecord> {
  const id = wellFormed(ctx.params.id ?? '', 'voorstel-id')
  if (!canSee(principal, id))
    throw new AppError('forbidden', 'U hebt geen toegang tot dit voorstel.')
  if (minimum) requireRole(principal, minimum)
  const proposal = await ctx.services.storage.proposals.get(id)
  if (!proposal) throw new AppError('not_found', 'Dit voorstel bestaat niet.')
  return proposal
}
