import { fetchServerState } from './fetchServerState.ts'
import { type UnsentPassage, unsentPassages } from './unsentEdits.ts'

/**
 * The passages of `local` (this browser's state) that the server does not
 * have, read against a fresh copy of the server's text. Loaded only when a
 * freeze lands, so it weighs nothing on opening a proposal.
 */
export async function findUnsent(
  proposalId: string,
  token: string,
  local: Uint8Array,
): Promise<UnsentPassage[]> {
  return unsentPassages(await fetchServerState(proposalId, token), local)
}
