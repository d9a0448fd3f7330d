import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  openProposal,
  signIn,
  signInBehindSwitch,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('signing out on a shared computer', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A1] sign-out leaves no token and nothing of the proposal in localStorage, sessionStorage or IndexedDB', async () => {
    const writer = await server.invite({
      name: 'Sam Gedeeld',
      role: 'writer',
      proposals: ['voorstel-6'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-6')
    await waitOnline(page)
    await typeAtEnd(page, 'Vertrouwelijke kladtekst')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-6'))
      .toContain('Vertrouwelijke kladtekst')
    const before = await page.evaluate(async () => (await indexedDB.databases()).length)
    expect(before).toBeGreaterThan(0)

    await page.getByRole('button', { name: 'Afmelden' }).click()
    await page.getByTestId('signed-out-notice').waitFor()

    const left = await page.evaluate(async () => ({
      local: Object.keys(window.localStorage),
      session: Object.keys(window.sessionStorage),
      databases: (await indexedDB.databases()).map((db) => db.name),
    }))
    expect(left).toEqual({ local: [], session: [], databases: [] })
    await page.reload()
    await page.getByText('Aanmelden bij Meeschrijven').waitFor()
    expect(await page.getByTestId('session-name').count()).toBe(0)
    await context.close()
  })

  it('[A1] with edits the server has not received, sign-out warns first and then still clears everything', async () => {
    const writer = await server.invite({
      name: 'Olga Offline',
      role: 'writer',
      proposals: ['voorstel-7'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-7')
    await waitOnline(page)
    await server.stop()
    await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor()
    await typeAtEnd(page, 'Nog niet verstuurd')

    await page.getByRole('button', { name: 'Afmelden' }).click()
    const dialog = page.getByRole('dialog', { name: 'Niet verstuurde wijzigingen' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Niet afmelden' }).click()
    expect(await page.getByTestId('session-name').textContent()).toBe('Olga Offline')

    await page.getByRole('button', { name: 'Afmelden' }).click()
    await dialog.getByRole('button', { name: 'Toch afmelden en wijzigingen weggooien' }).click()
    await page.getByTestId('signed-out-notice').waitFor()
    const left = await page.evaluate(async () => ({
      local: Object.keys(window.localStorage),
      databases: (await indexedDB.databases()).map((db) => db.name),
    }))
    expect(left).toEqual({ local: [], databases: [] })
    await server.restart()
    await context.close()
  })

  it('[A1][S7] a word typed just before signing out, on a connection that died unnoticed, is asked about and sent first', async () => {
    const writer = await server.invite({
      name: 'Wendy Wifi',
      role: 'writer',
      proposals: ['voorstel-3'],
    })
    const { page, context, link } = await signInBehindSwitch(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-3')
    await waitOnline(page)
    // The network dies without anything closing; the page still says "Verbonden".
    link.set('silent')
    await typeAtEnd(page, 'Laatste zin voor het afmelden.')
    await page.getByRole('button', { name: 'Afmelden' }).click()
    const dialog = page.getByRole('dialog', { name: 'Niet verstuurde wijzigingen' })
    await dialog.waitFor()
    const sendFirst = dialog.getByRole('button', { name: 'Eerst versturen' })
    expect(await sendFirst.evaluate((button) => button === document.activeElement)).toBe(true)

    // Without a connection, sending says so and keeps everything.
    await sendFirst.click()
    await dialog.getByTestId('unsent-failed').waitFor()
    expect(await page.getByTestId('session-name').textContent()).toBe('Wendy Wifi')
    expect(await storedText(server.url, server.adminToken, 'voorstel-3')).not.toContain(
      'Laatste zin',
    )

    // With the connection back, sending first works and then signs out.
    link.set('open')
    await sendFirst.click()
    await page.getByTestId('signed-out-notice').waitFor()
    expect(await storedText(server.url, server.adminToken, 'voorstel-3')).toContain(
      'Laatste zin voor het afmelden.',
    )
    const left = await page.evaluate(async () => ({
      local: Object.keys(window.localStorage),
      databases: (await indexedDB.databases()).map((db) => db.name),
    }))
    expect(left).toEqual({ local: [], databases: [] })
    await context.close()
  })
})
