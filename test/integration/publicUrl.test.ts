import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../helpers/server.ts'

describe('invitation links without PUBLIC_URL', () => {
  let server: TestServer
  afterEach(() => server.close())

  const warnings = () =>
    server.logs
      .map((line) => JSON.parse(line) as { level: string; message: string })
      .filter((line) => line.level === 'warn' && line.message.includes('PUBLIC_URL'))

  it('[A5] a server on a non-loopback address without PUBLIC_URL warns once that links follow the Host header', async () => {
    server = await startServer({ host: '0.0.0.0' })
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]!.message).toMatch(/Host header.*http:\/\//)
    // Requests do not repeat it.
    const invited = await server.invite({ name: 'Anna', role: 'writer', proposals: '*' })
    expect(invited.url).toMatch(/^http:\/\//)
    expect(warnings()).toHaveLength(1)
  })

  it('[A5] with PUBLIC_URL, or on loopback only, there is nothing to warn about', async () => {
    server = await startServer({ host: '0.0.0.0', publicUrl: 'https://meeschrijven.vng.nl' })
    expect(warnings()).toHaveLength(0)
    const invited = await server.invite({ name: 'Anna', role: 'writer', proposals: '*' })
    expect(invited.url).toMatch(/^https:\/\/meeschrijven\.vng\.nl\/#\/welkom\?token=/)
    await server.close()
    server = await startServer()
    expect(warnings()).toHaveLength(0)
  })
})
