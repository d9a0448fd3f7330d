import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { openProposal, signIn, waitOnline, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

/** "14 juni 2023 om 14:05" (shared/dates.ts). */
const DUTCH_DATE_TIME =
  /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} om \d{2}:\d{2}/

const textOf = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent()) ?? ''

/** What the focused element says, for checks of keyboard use. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

// The issue on operating it: editors see what happened to a proposal and to people,
// and anonymise a person on request (AVG). Accessibility as in accessibility.test.ts.
describe.skipIf(skip)('operating it: activity and anonymising', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[Activity] an editor sees who changed the status, by whom and when, also when someone else does; a writer has no activity panel', async () => {
    const eva = await server.invite({ name: 'Eva de Vries', role: 'editor', proposals: '*' })
    // The server's CSP forbids inline scripts; axe is injected as one.
    const editor = await signIn(browser, eva.url, { bypassCSP: true })
    const page = editor.page
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)
    await page.getByTestId('activity-panel').waitFor()
    await expect.poll(() => textOf(page, 'activity-panel')).toContain('Er is nog niets gebeurd')

    await page.getByLabel('Status van het voorstel').selectOption('consultatie')
    await page.getByRole('button', { name: 'Status wijzigen' }).click()
    await expect
      .poll(() => textOf(page, 'activity-panel'))
      .toContain('Eva de Vries heeft de status gewijzigd van concept naar consultatie')
    const line = page.getByTestId('activity-list').getByRole('listitem').first()
    expect(await line.textContent()).toMatch(DUTCH_DATE_TIME)

    // Another editor's change arrives as an event: no reload.
    const other = await server.api('/api/proposals/voorstel-2', {
      method: 'PATCH',
      body: { status: 'definitief' },
    })
    expect(other.status).toBe(200)
    await expect
      .poll(() => line.textContent())
      .toContain('Beheerder heeft de status gewijzigd van consultatie naar definitief')
    expect(await page.getByTestId('activity-list').getByRole('listitem').count()).toBe(2)
    expect(await seriousViolations(page)).toEqual([])

    const writer = await server.invite({
      name: 'Wim Werkgroep',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const wim = await signIn(browser, writer.url)
    const asked: string[] = []
    wim.page.on('request', (request) => asked.push(request.url()))
    await openProposal(wim.page, server.url, 'voorstel-2')
    await waitOnline(wim.page)
    // The export panel is loaded alongside; once it is there, so would the activity be.
    await wim.page.getByTestId('export-panel').waitFor()
    await wim.page.getByTestId('versions-panel').waitFor()
    expect(await wim.page.getByTestId('activity-panel').count()).toBe(0)
    expect(await wim.page.getByRole('heading', { name: 'Activiteit' }).count()).toBe(0)
    expect(asked.filter((url) => /activity/i.test(url))).toEqual([])
    await wim.context.close()
    await editor.context.close()
  })

  it('[AVG] an editor anonymises a person with the keyboard after a confirmation; the name is gone from the page and the person is signed out', async () => {
    const eva = await server.invite({ name: 'Eva Redactie', role: 'editor', proposals: '*' })
    const karinInvite = await server.invite({
      name: 'Karin de Vries',
      role: 'writer',
      proposals: ['voorstel-5'],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })
    const karin = await signIn(browser, karinInvite.url)
    await openProposal(karin.page, server.url, 'voorstel-5')
    await waitOnline(karin.page)

    const editor = await signIn(browser, eva.url, { bypassCSP: true })
    const page = editor.page
    await page.goto(`${server.url}/#/mensen`)
    await expect.poll(() => textOf(page, 'people-table')).toContain('Karin de Vries')
    await expect
      .poll(() => textOf(page, 'general-activity-list'))
      .toContain('heeft Karin de Vries uitgenodigd als werkgroeplid (schrijven) voor Voorstel 5')

    const start = page.getByRole('button', { name: 'Anonimiseren van Karin de Vries' })
    const dialog = page.getByTestId('anonymise-dialog')
    // Cancelling with Escape changes nothing.
    await start.focus()
    await page.keyboard.press('Enter')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('De naam wordt overal ‘Verwijderde gebruiker’')
    expect(await dialog.textContent()).toContain(
      'De tekst en reacties van deze persoon blijven staan',
    )
    expect(await dialog.textContent()).toContain('De uitnodigingslink werkt niet meer')
    expect(await focused(page)).toBe('Annuleren')
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await textOf(page, 'people-table')).toContain('Karin de Vries')
    expect(await focused(page)).toContain('Anonimiseren')

    await page.keyboard.press('Enter')
    await dialog.waitFor()
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('Ja, anonimiseren')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => textOf(page, 'people-message')).toContain('geanonimiseerd')
    expect(await textOf(page, 'people-table')).not.toContain('Karin')
    const row = page
      .getByTestId('former-people-table')
      .locator('tr[data-anonymised="true"]', { hasText: 'Gemeente Zwolle' })
    expect(await row.textContent()).toContain('Verwijderde gebruiker')
    expect(await row.textContent()).toContain('Geanonimiseerd')
    // The activity names people as they are named now: nowhere on the page is she named.
    await expect
      .poll(() => textOf(page, 'general-activity-list'))
      .toContain('heeft een persoon geanonimiseerd')
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .not.toContain('Karin')
    expect(await seriousViolations(page)).toEqual([])

    // Her link no longer works and her open browser is signed out at once.
    await karin.page.getByTestId('signed-out-notice').waitFor()
    const after = await server.api('/api/me', { token: karinInvite.token })
    expect(after.status).toBe(401)
    await karin.context.close()
    await editor.context.close()
  })
})
