/**
 * The people downloading in `downloads.ts`, in a process of their own: fifty
 * fetches and their answers are client work, which must not count against the
 * event loop of the server, measured in the harness process. Says `ready` once
 * loaded, fires every download at once on a line on stdin, then prints one JSON
 * line: the answers by status and each download's time in ms.
 *
 * `node --import tsx bench/downloadClients.ts '{"url":…,"token":…,"count":50}'`
 */
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'

interface Order {
  url: string
  token: string
  count: number
}

const order = JSON.parse(process.argv[2] ?? '{}') as Order
const lines = createInterface({ input: process.stdin })
console.log('ready')
await new Promise((resolve) => lines.once('line', resolve))
lines.close()
const statuses: Record<number, number> = {}
const each = await Promise.all(
  Array.from({ length: order.count }, async () => {
    const started = performance.now()
    const response = await fetch(order.url, {
      headers: { authorization: `Bearer ${order.token}` },
    })
    await response.arrayBuffer()
    statuses[response.status] = (statuses[response.status] ?? 0) + 1
    return performance.now() - started
  }),
)
console.log(JSON.stringify({ statuses, each }))
