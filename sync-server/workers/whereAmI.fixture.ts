/** Tasks for the WorkerPool test: say which thread ran them, fail, or run out of memory. */
import { threadId } from 'node:worker_threads'

export function whereAmI(input: { text: string }): { threadId: number; shouted: string } {
  return { threadId, shouted: input.text.toUpperCase() }
}

export function fail(input: { text: string }): never {
  throw new Error(`mislukt: ${input.text}`)
}

/** Holds on to ever more memory until the heap limit stops the thread. */
export function exhaustHeap(): number {
  const held: number[][] = []
  for (;;) held.push(new Array(1_000_000).fill(held.length))
}
