import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { focusBy, focusedName, focusedText } from './keys.ts'
import { adminInviteUrl, editorOf, signIn, storedText, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('keyboard only', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[WCAG] from the overview to typing in a proposal and back, without the mouse', async () => {
    const writer = await server.invite({ name: 'Toos Toetsenbord', role: 'writer', proposals: '*' })
    const { page, context } = await signIn(browser, writer.url)
    await page.getByTestId('proposal-list').waitFor()

    await focusBy(page, 'Tab', async () => (await focusedText(page)) === 'Voorstel 7')
    await page.keyboard.press('Enter')
    await editorOf(page).waitFor()
    expect(page.url()).toContain('#/voorstel/voorstel-7')

    // The toolbar is one Tab stop; the next one is the text.
    await focusBy(page, 'Tab', () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'editor'),
    )
    await page.keyboard.type('Met het toetsenbord geschreven')
    await page.keyboard.press('Shift+Tab')
    expect(
      await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null),
    ).toBe(true)
    await page.keyboard.press('Home')
    expect(await focusedText(page)).toBe('Kop 1')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Enter')
    expect(await editorOf(page).locator('h1').textContent()).toBe('Met het toetsenbord geschreven')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-7'))
      .toContain('Met het toetsenbord geschreven')

    await focusBy(page, 'Shift+Tab', async () => (await focusedText(page)) === 'Alle voorstellen')
    await page.keyboard.press('Enter')
    await page.getByTestId('proposal-list').waitFor()
    expect(page.url()).toMatch(/#\/$/)
    await context.close()
  })

  it('[A5] inviting and revoking on the people page, without the mouse', async () => {
    const { page, context } = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await page.getByTestId('proposal-list').waitFor()
    await focusBy(page, 'Tab', async () => (await focusedText(page)) === 'Mensen')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Iemand uitnodigen' }).waitFor()

    await focusBy(page, 'Tab', async () => (await focusedName(page)) === 'Naam')
    await page.keyboard.type('Kees Klavier')
    await focusBy(page, 'Tab', async () => (await focusedName(page)) === 'Voorstel 2')
    await page.keyboard.press('Space')
    await focusBy(page, 'Tab', async () => (await focusedText(page)) === 'Uitnodiging maken')
    await page.keyboard.press('Enter')
    await page.getByTestId('invite-result').waitFor()
    expect(await focusedName(page)).toBe('Aanmeldlink')
    await expect
      .poll(() => page.getByTestId('people-table').textContent())
      .toContain('Kees Klavier')

    await focusBy(
      page,
      'Tab',
      async () => (await focusedText(page)) === 'Toegang intrekken van Kees Klavier',
    )
    await page.keyboard.press('Enter')
    expect(await focusedText(page)).toBe('Ja, intrekken')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.getByTestId('people-message').textContent())
      .toContain('Kees Klavier')
    await context.close()
  })
})
