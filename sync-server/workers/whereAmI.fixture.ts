/** A task for the offThread test: says which thread ran it, and uses its input. */
import { threadId } from 'node:worker_threads'

export function whereAmI(input: { text: string }): { threadId: number; shouted: string } {
  return { threadId, shouted: input.text.toUpperCase() }
}
