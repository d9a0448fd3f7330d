import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  adminInviteUrl,
  openProposal,
  signIn,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('inviting and revoking people', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A5] an editor invites a person, revokes them, and their open browser is signed out at once', async () => {
    const editor = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    const page = editor.page
    await page.getByRole('link', { name: 'Mensen' }).click()
    await page.getByLabel('Naam', { exact: true }).fill('Karin de Vries')
    await page.getByLabel('Rol', { exact: true }).selectOption('writer')
    await page.getByRole('checkbox', { name: 'Voorstel 5' }).check()
    await page.getByLabel('Organisatie (niet verplicht)').fill('Gemeente Zwolle')
    await page.getByLabel('Provincie (niet verplicht)').selectOption('Overijssel')
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click()
    const link = await page.getByTestId('invite-url').inputValue()
    expect(link).toMatch(/#\/welkom\?token=/)
    await expect
      .poll(() => page.getByTestId('people-table').textContent())
      .toContain('Karin de Vries')

    const karin = await signIn(browser, link)
    expect(await karin.page.getByTestId('session-name').textContent()).toBe('Karin de Vries')
    expect(karin.page.url()).not.toContain('token=')
    await openProposal(karin.page, server.url, 'voorstel-5')
    await waitOnline(karin.page)

    await page.getByRole('button', { name: 'Toegang intrekken van Karin de Vries' }).click()
    await page.getByRole('button', { name: 'Ja, intrekken' }).click()
    await expect
      .poll(() => page.getByTestId('people-message').textContent())
      .toContain('ingetrokken')

    await karin.page.getByTestId('signed-out-notice').waitFor()
    expect(await karin.page.getByTestId('signed-out-notice').textContent()).toContain('afgemeld')
    expect(await karin.page.getByTestId('session-name').count()).toBe(0)
    expect(await karin.page.evaluate(() => window.localStorage.length)).toBe(0)
    await karin.context.close()
    await editor.context.close()
  })
})
