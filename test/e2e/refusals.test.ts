import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  adminInviteUrl,
  editorOf,
  openProposal,
  signIn,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('refusals and status changes in plain Dutch', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A4] a proposal outside one’s list (403) and an unknown one (404) each get a page of their own with a way back, instead of the editor', async () => {
    const writer = await server.invite({
      name: 'Gerrit Geen',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await page.goto(`${server.url}/#/voorstel/voorstel-2`)
    const missing = page.getByTestId('proposal-missing')
    await expect
      .poll(() => missing.getByRole('heading', { level: 1 }).textContent())
      .toBe('Geen toegang tot dit voorstel')
    expect(await missing.textContent()).toContain('VNG-redactie')
    expect(await editorOf(page).count()).toBe(0)
    expect(await page.getByRole('alert').count()).toBe(0)
    await missing.getByRole('link', { name: 'Naar het overzicht van de voorstellen' }).click()
    await page.getByTestId('proposal-list').waitFor()
    // The proposal on the list opens as usual.
    await openProposal(page, server.url, 'voorstel-1')
    expect(await page.getByTestId('proposal-missing').count()).toBe(0)
    await context.close()

    const editor = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await editor.page.goto(`${server.url}/#/voorstel/bestaat-niet`)
    await expect
      .poll(() => editor.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Voorstel niet gevonden')
    expect(await editor.page.getByTestId('proposal-missing').textContent()).toContain(
      '“bestaat-niet”',
    )
    expect(await editorOf(editor.page).count()).toBe(0)
    expect(await editor.page.getByTestId('connection-status').count()).toBe(0)
    expect(await editor.page.title()).toBe('Voorstel niet gevonden — Meeschrijven')
    await editor.context.close()
  })

  it('[H4][E1][S5] when an editor fixes the text, an open writer’s editor turns read-only and says why', async () => {
    const writer = await server.invite({
      name: 'Vera Vast',
      role: 'writer',
      proposals: ['voorstel-3'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-3')
    await waitOnline(page)
    await typeAtEnd(page, 'Bijna klaar.')
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('false')

    const patch = (status: string) =>
      server.api('/api/proposals/voorstel-3', { method: 'PATCH', body: { status } })
    expect((await patch('vastgesteld')).status).toBe(200)
    await expect.poll(() => page.getByTestId('status-badge').textContent()).toBe('Vastgesteld')
    await expect.poll(() => editorOf(page).getAttribute('aria-readonly')).toBe('true')
    expect(await page.getByTestId('read-only-notice').textContent()).toContain('vastgesteld')

    expect((await patch('consultatie')).status).toBe(200)
    await expect.poll(() => editorOf(page).getAttribute('aria-readonly')).toBe('false')
    expect(await page.getByTestId('read-only-notice').count()).toBe(0)
    await context.close()
  })
})
