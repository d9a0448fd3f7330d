/**
 * A session on the server's inspector (the server runs with `--inspect=127.0.0.1:0`):
 * heap in use, forced garbage collection, and heap snapshots.
 */
import { WebSocket } from 'ws'
import { type HeapSummary, summariseSnapshot } from './heapSnapshot.ts'

interface Message {
  id?: number
  method?: string
  params?: { chunk?: string }
  result?: Record<string, number>
}

export async function openInspector(url: string) {
  const socket = new WebSocket(url)
  await new Promise((done, fail) => socket.once('open', done).once('error', fail))
  let id = 0
  let chunks: string[] | null = null
  const waiting = new Map<number, (result: Record<string, number>) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Message
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk')
      chunks?.push(message.params?.chunk ?? '')
    if (message.id !== undefined) waiting.get(message.id)?.(message.result ?? {})
  })
  /** Resolves with the result, or with {} when the server does not answer in time. */
  const call = (method: string, params: object = {}, timeoutMs = 10_000) =>
    new Promise<Record<string, number>>((done) => {
      const ask = ++id
      const timer = setTimeout(() => done({}), timeoutMs)
      waiting.set(ask, (result) => {
        clearTimeout(timer)
        waiting.delete(ask)
        done(result)
      })
      socket.send(JSON.stringify({ id: ask, method, params }))
    })
  const collect = async () => {
    // Twice: the first pass may only finalise what the second frees.
    await call('HeapProfiler.collectGarbage')
    await call('HeapProfiler.collectGarbage')
  }
  const heap = async () => {
    const { usedSize, totalSize } = await call('Runtime.getHeapUsage')
    return { used: usedSize ?? Number.NaN, total: totalSize ?? Number.NaN }
  }
  return {
    /** Used and total V8 heap in bytes (NaN when the inspector does not answer). */
    heap,
    /** Heap in use after forced garbage collection. */
    async heapAfterGc(): Promise<number> {
      await collect()
      return (await heap()).used
    },
    /** After forced garbage collection: heap in use, and a snapshot summary (null if it failed). */
    async snapshot(): Promise<{ used: number; summary: HeapSummary | null }> {
      await collect()
      const { used } = await heap()
      chunks = []
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 120_000)
      const text = chunks.join('')
      chunks = null
      try {
        return { used, summary: summariseSnapshot(text) }
      } catch {
        return { used, summary: null }
      }
    },
    close: () => socket.close(),
  }
}
