import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { focusedText } from './keys.ts'
import { adminInviteUrl, openProposal, signIn, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()
const SECTIONS = [
  'Status',
  'Wat is onderzocht, hoe en wanneer',
  'Wat nog niet goed werkt, en wat we eraan doen',
  'Contact',
]

/** The footer's link to the statement, followed; waits for the statement's sections. */
async function followFooterLink(page: Page) {
  const footer = page.getByRole('contentinfo')
  expect(await footer.count()).toBe(1)
  await footer.getByRole('link', { name: 'Toegankelijkheid' }).click()
  await page.getByRole('heading', { level: 1 }).waitFor()
  expect(page.url()).toMatch(/#\/toegankelijkheid$/)
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
  expect(headings).toEqual(SECTIONS)
}

describe.skipIf(skip)('the accessibility statement and the way to it', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[WCAG] every page links to the statement in its footer; it reads the same signed in or not', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Aanmelden bij Meeschrijven' }).waitFor()
    await followFooterLink(page)
    expect(await page.title()).toBe('Toegankelijkheidsverklaring — Meeschrijven')
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain('voldoet gedeeltelijk aan de eisen')
    expect(text).toContain('WCAG) 2.1 op niveau AA')
    expect(await page.getByRole('link', { name: 'info@vng.nl' }).getAttribute('href')).toBe(
      'mailto:info@vng.nl',
    )
    // Not the sign-in page: the statement is public.
    expect(await page.getByRole('heading', { name: 'Aanmelden bij Meeschrijven' }).count()).toBe(0)
    await context.close()

    const admin = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await admin.page.getByTestId('proposal-list').waitFor()
    await followFooterLink(admin.page)
    await admin.page.goto(`${server.url}/#/mensen`)
    await admin.page.getByRole('heading', { name: 'Mensen', level: 1 }).waitFor()
    await followFooterLink(admin.page)
    await openProposal(admin.page, server.url, 'voorstel-1')
    await followFooterLink(admin.page)
    // Signed in, the header stays: the way back to the proposals is there.
    await admin.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByText('Voorstellen').click()
    await admin.page.getByTestId('proposal-list').waitFor()
    await admin.context.close()
  })

  it('[WCAG] "Naar de inhoud" moves the focus to the page’s content and keeps the page', async () => {
    const admin = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    for (const address of ['#/', '#/voorstel/voorstel-1']) {
      // Loaded afresh, so the focus starts at the top of the page.
      await admin.page.goto(`${server.url}/${address}`)
      await admin.page.reload()
      await admin.page.locator('main h1').waitFor()
      await admin.page.keyboard.press('Tab')
      expect(await focusedText(admin.page)).toBe('Naar de inhoud')
      await admin.page.keyboard.press('Enter')
      expect(await admin.page.evaluate(() => document.activeElement?.id)).toBe('inhoud')
      // The address stays that of the page, which is still there.
      expect(admin.page.url()).toBe(`${server.url}/${address}`)
      expect(await admin.page.locator('main h1').count()).toBe(1)
      expect(await admin.page.getByRole('heading', { name: 'Pagina niet gevonden' }).count()).toBe(
        0,
      )
    }
    await admin.context.close()
  })
})
