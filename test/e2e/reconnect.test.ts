/**
 * What changed while someone's connection was gone reaches their page when it
 * returns: the events sent meanwhile never came, so the page reads again what
 * they keep current.
 */
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { inFuture } from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  adminInviteUrl,
  openProposal,
  signIn,
  signInBehindSwitch,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('coming back after a lost connection', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[E1][H4][V1][R2] a member sees the status, a version and a round that came while offline, and the page follows events again', async () => {
    const proposal = 'voorstel-7'
    const path = `/api/proposals/${proposal}`
    const writer = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await openProposal(writer.page, server.url, proposal)
    await waitOnline(writer.page)
    await typeAtEnd(writer.page, 'De tekst voor de leden.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toBe('De tekst voor de leden.')
    await writer.context.close()

    const lid = await server.invite({
      name: 'Lia Lid',
      role: 'reviewer',
      proposals: [proposal],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })
    const { page, context, link } = await signInBehindSwitch(browser, lid.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    const badge = page.getByTestId('status-badge')
    await expect.poll(() => badge.textContent()).toBe('Concept')

    link.set('down')
    const version = await server.api<{ id: string }>(`${path}/versions`, {
      method: 'POST',
      body: { name: 'Voor de consultatie' },
    })
    expect(version.status).toBe(201)
    const round = await server.api(`${path}/rounds`, {
      method: 'POST',
      body: { versionId: version.body.id, closesAt: inFuture() },
    })
    expect(round.status).toBe(201)
    expect((await server.api<{ status: string }>(path)).body.status).toBe('consultatie')

    link.set('open')
    await waitOnline(page)
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('Consultatie')
    await expect
      .poll(() => page.getByTestId('versions-panel').textContent())
      .toContain('Voor de consultatie')
    await expect
      .poll(() => page.getByTestId('rounds-panel').textContent())
      .toContain('Op de versie “Voor de consultatie”')

    // Events reach the page again: the next change shows without a reconnect.
    expect((await server.api(path, { method: 'PATCH', body: { status: 'concept' } })).status).toBe(
      200,
    )
    await expect.poll(() => badge.textContent()).toBe('Concept')
    await context.close()
  })
})
