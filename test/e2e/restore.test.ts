import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  adminInviteUrl,
  editorText,
  openProposal,
  signIn,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('restoring a version in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[V4] an editor restores a version after a confirmation that says what happens; both browsers show the old text', async () => {
    const wies = await server.invite({
      name: 'Wies Werkgroep',
      role: 'writer',
      proposals: ['voorstel-5'],
    })
    const w = await signIn(browser, wies.url)
    const e = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await openProposal(w.page, server.url, 'voorstel-5')
    await openProposal(e.page, server.url, 'voorstel-5')
    await waitOnline(w.page)
    await waitOnline(e.page)
    const stored = () => storedText(server.url, server.adminToken, 'voorstel-5')

    await typeAtEnd(w.page, 'Gemeenten nemen het voortouw.')
    await expect.poll(stored).toBe('Gemeenten nemen het voortouw.')
    const panel = e.page.getByTestId('versions-panel')
    await panel.getByRole('button', { name: 'Versie opslaan' }).click()
    await panel.getByLabel('Naam van de versie').fill('Eerste opzet')
    await panel.getByRole('button', { name: 'Opslaan', exact: true }).click()
    await expect
      .poll(() => panel.getByTestId('named-versions').textContent())
      .toContain('Eerste opzet')

    await typeAtEnd(w.page, ' Later toegevoegd.')
    await expect.poll(stored).toBe('Gemeenten nemen het voortouw. Later toegevoegd.')
    await expect.poll(() => editorText(e.page)).toContain('Later toegevoegd.')

    await panel.getByRole('button', { name: 'Bekijken: Eerste opzet' }).click()
    await e.page.getByRole('button', { name: 'Deze versie terugzetten' }).click()
    const confirm = e.page.getByTestId('restore-confirm')
    const said = (await confirm.textContent()) ?? ''
    expect(said).toContain('Voor herstel van Eerste opzet')
    expect(said).toContain('Iedereen die het voorstel open heeft')
    // Nothing happens before the confirmation.
    expect(await stored()).toBe('Gemeenten nemen het voortouw. Later toegevoegd.')
    await confirm.getByRole('button', { name: 'Ja, zet deze versie terug' }).click()

    await expect.poll(stored).toBe('Gemeenten nemen het voortouw.')
    await expect.poll(() => editorText(e.page)).toBe('Gemeenten nemen het voortouw.')
    await expect.poll(() => editorText(w.page)).toBe('Gemeenten nemen het voortouw.')
    await expect
      .poll(() => w.page.getByTestId('restored-notice').textContent())
      .toContain('Beheerder heeft de versie "Eerste opzet" teruggezet')
    await expect
      .poll(() => e.page.getByTestId('restored-notice').textContent())
      .toContain('U hebt de versie "Eerste opzet" teruggezet')
    await expect
      .poll(() => w.page.getByTestId('named-versions').textContent())
      .toContain('Voor herstel van Eerste opzet')
    // A writer reads versions but is not offered restoring them.
    await w.page
      .getByTestId('versions-panel')
      .getByRole('button', { name: 'Bekijken: Eerste opzet' })
      .click()
    await w.page.getByTestId('version-reader').waitFor()
    expect(await w.page.getByRole('button', { name: 'Deze versie terugzetten' }).count()).toBe(0)
    await w.context.close()
    await e.context.close()
  })
})
