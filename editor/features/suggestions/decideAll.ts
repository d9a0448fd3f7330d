import { ApiError } from '../../lib/api.ts'
import type { ThreadsApi } from '../comments/threadsApi.ts'
import type { Thread } from '../comments/types.ts'

/** What became of deciding several suggestions at once. */
export interface Decided {
  done: Thread[]
  failed: Array<{ id: string; message: string }>
}

/**
 * Takes over or rejects several suggestions, one after the other (each its
 * own change of the text, credited to its proposer, C6). One that cannot be
 * taken over (its text changed since) is reported and the rest go on.
 */
export async function decideAll(
  api: ThreadsApi,
  ids: string[],
  how: 'accept' | 'reject',
  note = '',
): Promise<Decided> {
  const result: Decided = { done: [], failed: [] }
  for (const id of ids) {
    try {
      result.done.push(how === 'accept' ? await api.accept(id) : await api.reject(id, note))
    } catch (error) {
      result.failed.push({
        id,
        message: error instanceof ApiError ? error.message : 'Er ging iets mis.',
      })
    }
  }
  return result
}

/** "3 voorstellen overgenomen." with what could not be done. */
export function decidedText(decided: Decided, how: 'accept' | 'reject'): string {
  const count = decided.done.length
  const verb = how === 'accept' ? 'overgenomen' : 'afgewezen'
  const done = `${count === 1 ? '1 voorstel' : `${count} voorstellen`} ${verb}.`
  if (decided.failed.length === 0) return done
  const first = decided.failed[0]!.message
  return `${done} ${decided.failed.length} niet: ${first}`
}
