/** Every close code a socket can get, and that y-websocket clients stop on 44xx (contract A4, S4). */
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import { closeOf, type TestClient } from '../helpers/clients.ts'
import {
  client,
  contentText,
  frame,
  framesOf,
  MiB,
  rawSocket,
  SYNC_STEP1,
  start,
} from '../helpers/identitySupport.ts'
import { appendBlock } from '../helpers/ydoc.ts'

describe('close codes', () => {
  it('[A4] y-websocket clients stop reconnecting after 4401, 4400, 4403 and 4404, while one closed by a restart comes back', async () => {
    const server = await start()
    const listed = await server.invite({ name: 'Lies', role: 'writer', proposals: ['voorstel-1'] })
    const refused: Array<[TestClient, number]> = [
      [client(server, 'voorstel-1', null, { connect: false }), 4401],
      [client(server, 'voorstel-1', 'onbekend-token', { connect: false }), 4401],
      [client(server, 'Voorstel_1', listed.token, { connect: false }), 4400],
      [client(server, 'voorstel-2', listed.token, { connect: false }), 4403],
      [client(server, 'voorstel-99', server.adminToken, { connect: false }), 4404],
    ]
    const good = client(server, 'voorstel-1', listed.token, { connect: false })
    const attempts = new Map<TestClient, number>()
    for (const c of [...refused.map(([c]) => c), good]) {
      attempts.set(c, 0)
      c.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connecting') attempts.set(c, attempts.get(c)! + 1)
      })
      c.provider.connect()
    }
    await good.synced()
    await vi.waitFor(() => {
      for (const [c, code] of refused) expect(c.closed?.code).toBe(code)
    })

    const before = good.provider.ws
    await server.restart()
    await vi.waitFor(() => {
      expect(good.provider.ws).not.toBe(before)
      expect(good.provider.synced).toBe(true)
    })
    expect(attempts.get(good)).toBeGreaterThanOrEqual(2)
    for (const [c, code] of refused) {
      expect({
        code,
        attempts: attempts.get(c),
        shouldConnect: c.provider.shouldConnect,
        closes: c.closeCodes,
      }).toEqual({
        code,
        attempts: 1,
        shouldConnect: false,
        closes: [code],
      })
    }
  })

  it('[A4][S4] an undecodable frame closes 4400; a well-formed one on a socket like it is answered', async () => {
    const server = await start()
    const good = await rawSocket(server, 'voorstel-1', server.adminToken)
    const frames = framesOf(good)
    good.send(SYNC_STEP1)
    await vi.waitFor(() => expect(frames.some((f) => f[0] === 0 && f[1] === 1)).toBe(true))
    expect(good.readyState).toBe(good.OPEN)

    const truncated = await rawSocket(server, 'voorstel-1', server.adminToken)
    const truncatedClose = closeOf(truncated)
    truncated.send(new Uint8Array([0x80]))
    expect((await truncatedClose).code).toBe(4400)

    const garbage = await rawSocket(server, 'voorstel-1', server.adminToken)
    const garbageClose = closeOf(garbage)
    garbage.send(
      frame(0, (e) => {
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff, 0x7f, 0x03, 0x01]))
      }),
    )
    expect((await garbageClose).code).toBe(4400)

    // A sync step 1 whose state vector says two clients follow and then ends.
    const badVector = await rawSocket(server, 'voorstel-1', server.adminToken)
    const badVectorClose = closeOf(badVector)
    badVector.send(
      frame(0, (e) => {
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint8Array(e, new Uint8Array([0x02, 0x05]))
      }),
    )
    expect((await badVectorClose).code).toBe(4400)

    const event = await rawSocket(server, 'voorstel-1', server.adminToken)
    const eventClose = closeOf(event)
    event.send(frame(100, (e) => encoding.writeVarString(e, JSON.stringify({ type: 'status' }))))
    expect((await eventClose).code).toBe(4400)

    // The process and the other socket carry on.
    expect(good.readyState).toBe(good.OPEN)
    expect((await server.api('/healthz', { token: null })).status).toBe(200)
  })

  it('[A4][S4] a frame over 2 MiB closes 4413 and the client stays away; a 1.5 MiB edit is accepted', async () => {
    const server = await start()
    const wim = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-1'] })

    const raw = await rawSocket(server, 'voorstel-1', wim.token)
    const rawClose = closeOf(raw)
    raw.send(new Uint8Array(2 * MiB + 1))
    expect((await rawClose).code).toBe(4413)

    const tooBig = client(server, 'voorstel-1', wim.token)
    await tooBig.synced()
    appendBlock(tooBig.doc, 'a'.repeat(2 * MiB + 10))
    await vi.waitFor(() => expect(tooBig.closed).toMatchObject({ code: 4413 }))
    expect(tooBig.provider.shouldConnect).toBe(false)
    expect(await contentText(server, 'voorstel-1')).toBe('')

    const fits = client(server, 'voorstel-1', wim.token)
    await fits.synced()
    appendBlock(fits.doc, 'b'.repeat(1.5 * MiB))
    await vi.waitFor(async () =>
      expect((await contentText(server, 'voorstel-1')).length).toBe(1.5 * MiB),
    )
    expect(fits.closed).toBeNull()
  })
})
