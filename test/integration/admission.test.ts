/**
 * A socket is admitted over several awaits (the proposal's lookup, the socket
 * counts, the proposal's load). A revocation that lands meanwhile must still keep
 * the person out (A5: "the token stops working at once"): the socket closes with
 * 4401 and never joins the proposal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectClient, type TestClient } from '../helpers/clients.ts'
import { startServer, type TestServer } from '../helpers/server.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

/** A door the server waits at, opened by the test. */
function gate() {
  let arrived!: () => void
  let open!: () => void
  const reached = new Promise<void>((resolve) => {
    arrived = resolve
  })
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  const wait = () => {
    arrived()
    return opened
  }
  return { reached, open, wait }
}

describe('[A5] a revocation while a socket is being admitted', () => {
  let server: TestServer
  const clients: TestClient[] = []
  beforeEach(async () => {
    server = await startServer({ logLevel: 'warn' })
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
  })

  const storage = () => server.server.services.storage

  /** Makes the next call of `method` on `target` wait at a gate; later calls pass. */
  function holdNext<T extends object>(target: T, method: keyof T & string) {
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target)
    const door = gate()
    let held = false
    ;(target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (!held) {
        held = true
        await door.wait()
      }
      return original(...args)
    }
    return door
  }

  const stages = {
    'looks the proposal up': () => holdNext(storage().proposals, 'get'),
    'loads the proposal': () => holdNext(storage().documents, 'load'),
  }

  for (const [stage, hold] of Object.entries(stages)) {
    it(`[A5][A4] revoked while the server ${stage}: the socket closes with 4401 and never joins`, async () => {
      const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
      const door = hold()
      const client = connectClient(server.wsUrl, 'voorstel-1', anna.token)
      clients.push(client)
      await door.reached
      const revoked = await server.api(`/api/people/${anna.person.id}`, { method: 'DELETE' })
      expect(revoked.status).toBe(200)
      door.open()
      await vi.waitFor(() => expect(client.closed).toEqual({ code: 4401, reason: 'revoked' }))
      expect(client.provider.synced).toBe(false)
      const room = server.server.services.rooms.peek('voorstel-1')
      expect([...(room?.connections ?? [])].map((conn) => conn.personId)).not.toContain(
        anna.person.id,
      )
    })

    it(`[A5][A4] not revoked while the server ${stage}: the same socket is let in and writes`, async () => {
      const bram = await server.invite({ name: 'Bram', role: 'writer', proposals: ['voorstel-1'] })
      const door = hold()
      const client = connectClient(server.wsUrl, 'voorstel-1', bram.token)
      clients.push(client)
      await door.reached
      door.open()
      await client.synced()
      appendBlock(client.doc, 'Bram is binnen.')
      const reader = connectClient(server.wsUrl, 'voorstel-1', server.adminToken)
      clients.push(reader)
      await vi.waitFor(() => expect(linesOf(reader.doc)).toBe('Bram is binnen.'))
      expect(client.closed).toBeNull()
    })
  }
})
