import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { selectText } from './selectText.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  storedText,
  typeAtEnd,
  type Visitor,
  WITHIN_A_SECOND,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()
const TEXT = 'Gemeenten nemen het voortouw in de grote transities van deze tijd.'
const SECOND = 'Tweede alinea over de omkering.'

const panel = (page: Page) => page.getByTestId('comments-panel')
const thread = (page: Page, quote: string) =>
  panel(page).getByTestId('thread').filter({ hasText: quote })
/** Opens a thread in the panel unless it is open already. */
async function openThread(page: Page, quote: string) {
  const toggle = thread(page, quote).locator('.thread__toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return thread(page, quote)
}
const highlightText = (page: Page) =>
  editorOf(page)
    .locator('.comment-anchor')
    .allTextContents()
    .then((parts) => parts.join(''))

describe.skipIf(skip)('comments and amendments in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** An editor who wrote two paragraphs and a reviewer reading along, both online. */
  async function twoPeople(proposalId: string, options: { bypassCSP?: boolean } = {}) {
    const eva = await server.invite({
      name: `Eva Redactie ${proposalId}`,
      role: 'editor',
      proposals: '*',
      organisation: 'VNG',
    })
    const rik = await server.invite({
      name: `Rik Lid ${proposalId}`,
      role: 'reviewer',
      proposals: [proposalId],
      organisation: 'Gemeente Urk',
    })
    const editor = await signIn(browser, eva.url, options)
    await openProposal(editor.page, server.url, proposalId)
    await waitOnline(editor.page)
    await typeAtEnd(editor.page, TEXT)
    await editor.page.keyboard.press('Enter')
    await editor.page.keyboard.type(SECOND)
    await expect.poll(() => storedText(server.url, server.adminToken, proposalId)).toContain(SECOND)
    const reviewer = await signIn(browser, rik.url, options)
    await openProposal(reviewer.page, server.url, proposalId)
    await waitOnline(reviewer.page)
    await expect.poll(() => editorText(reviewer.page)).toContain(SECOND)
    return { editor, reviewer, eva, rik }
  }

  /** Selects `quote`, presses "Reageer" and places `body`. */
  async function comment(visitor: Visitor, quote: string, body: string) {
    await selectText(visitor.page, quote)
    await visitor.page.getByRole('button', { name: 'Reageer', exact: true }).click()
    await panel(visitor.page).getByLabel('Uw reactie').fill(body)
    await visitor.page.getByRole('button', { name: 'Reactie plaatsen' }).click()
  }

  it('[C2][C4][C5][C7][A2] a reviewer comments on a selection; the editor sees it within a second, replies and resolves', async () => {
    const { editor, reviewer } = await twoPeople('voorstel-1')
    expect(await editorOf(reviewer.page).getAttribute('aria-readonly')).toBe('true')

    await comment(reviewer, 'het voortouw', 'Wie neemt het voortouw precies?')
    await expect.poll(() => highlightText(editor.page), WITHIN_A_SECOND).toBe('het voortouw')
    await expect.poll(() => thread(editor.page, 'het voortouw').count(), WITHIN_A_SECOND).toBe(1)
    expect(await thread(editor.page, 'het voortouw').textContent()).toContain('Gemeente Urk')

    // Clicking the highlighted text opens its thread in the panel; the focus stays in the text.
    await editorOf(editor.page).locator('.comment-anchor').click()
    const toggle = thread(editor.page, 'het voortouw').getByRole('button', { expanded: true })
    await expect.poll(() => toggle.count()).toBe(1)
    expect(
      await editor.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    ).toBe('editor')
    const opened = thread(editor.page, 'het voortouw')
    expect(await opened.getByTestId('comment-body').textContent()).toBe(
      'Wie neemt het voortouw precies?',
    )

    await opened.getByLabel('Antwoorden').fill('De gemeenten zelf.')
    await opened.getByRole('button', { name: 'Antwoord plaatsen' }).click()
    const seenByReviewer = thread(reviewer.page, 'het voortouw')
    await expect.poll(() => seenByReviewer.textContent(), WITHIN_A_SECOND).toContain('1 antwoord')
    await expect.poll(() => seenByReviewer.textContent()).toContain('Nieuw voor u')

    await opened.getByLabel('Deels verwerkt').check()
    await opened.getByLabel('Toelichting (niet verplicht)').fill('Zie de nieuwe tweede zin.')
    await opened.getByRole('button', { name: 'Afhandelen' }).click()
    await expect
      .poll(() => seenByReviewer.textContent(), WITHIN_A_SECOND)
      .toContain('Afgehandeld: Deels verwerkt')
    await openThread(reviewer.page, 'het voortouw')
    expect(await seenByReviewer.getByTestId('thread-outcome').textContent()).toContain(
      'Zie de nieuwe tweede zin.',
    )
    // The reviewer may not decide (A2): no decision form, no reopen button.
    expect(await seenByReviewer.getByRole('button', { name: 'Heropenen' }).count()).toBe(0)
    expect(await seenByReviewer.getByRole('button', { name: 'Afhandelen' }).count()).toBe(0)
    // Closed again, a resolved thread is no longer highlighted (as in Word).
    await seenByReviewer.getByRole('button', { name: 'Sluiten' }).click()
    expect(await highlightText(reviewer.page)).toBe('')
    await editor.context.close()
    await reviewer.context.close()
  })

  it('[C6][C7] an amendment accepted by the editor changes the text in both browsers', async () => {
    const { editor, reviewer } = await twoPeople('voorstel-2')
    await selectText(reviewer.page, 'de grote transities')
    await reviewer.page.getByRole('button', { name: 'Stel wijziging voor' }).click()
    const form = panel(reviewer.page)
    expect(await form.getByLabel('Nieuwe tekst').inputValue()).toBe('de grote transities')
    await form.getByLabel('Nieuwe tekst').fill('de energietransitie')
    await form.getByLabel('Toelichting', { exact: true }).fill('Concreter.')
    await reviewer.page.getByRole('button', { name: 'Voorstel plaatsen' }).click()

    const amendment = thread(editor.page, 'de grote transities')
    await expect.poll(() => amendment.count(), WITHIN_A_SECOND).toBe(1)
    await openThread(editor.page, 'de grote transities')
    expect(await amendment.locator('del').textContent()).toBe('de grote transities')
    expect(await amendment.locator('ins').textContent()).toBe('de energietransitie')
    await amendment.getByRole('button', { name: 'Overnemen in de tekst' }).click()

    const expected = 'Gemeenten nemen het voortouw in de energietransitie van deze tijd.'
    for (const page of [editor.page, reviewer.page]) {
      await expect.poll(() => editorText(page), WITHIN_A_SECOND).toContain(expected)
    }
    await expect
      .poll(() => thread(reviewer.page, 'de grote transities').textContent(), WITHIN_A_SECOND)
      .toContain('Afgehandeld: Verwerkt')
    expect(await storedText(server.url, server.adminToken, 'voorstel-2')).toContain(expected)
    await editor.context.close()
    await reviewer.context.close()
  })

  it('[C4] a comment with markup shows as text in both browsers and runs nothing', async () => {
    // Without the server's CSP, so that markup taken as HTML would really run.
    const { editor, reviewer } = await twoPeople('voorstel-3', { bypassCSP: true })
    const body = '<img src=x onerror="window.__pwned = true"><b>vet</b>'
    await comment(reviewer, 'de omkering', body)
    const card = thread(editor.page, 'de omkering')
    await expect.poll(() => card.count(), WITHIN_A_SECOND).toBe(1)
    await openThread(editor.page, 'de omkering')
    for (const page of [editor.page, reviewer.page]) {
      const shown = thread(page, 'de omkering').getByTestId('comment-body')
      await expect.poll(() => shown.textContent()).toBe(body)
      expect(await shown.isVisible()).toBe(true)
      expect(await panel(page).locator('img, b').count()).toBe(0)
      expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false)
    }
    await editor.context.close()
    await reviewer.context.close()
  })

  it('[C3][C4] deleted text is listed as "tekst verwijderd"; a hidden comment is hidden from others only', async () => {
    const { editor, reviewer } = await twoPeople('voorstel-4')
    await comment(reviewer, 'Tweede alinea', 'Mag weg.')
    await expect.poll(() => thread(editor.page, 'Tweede alinea').count()).toBe(1)
    const card = await openThread(editor.page, 'Tweede alinea')
    await card.getByRole('button', { name: 'Verbergen' }).click()
    await card.getByLabel('Waarom verbergt u deze reactie?').fill('Persoonlijk')
    await card.getByRole('button', { name: 'Verbergen' }).click()

    const writer = await server.invite({ name: 'Wim', role: 'writer', proposals: ['voorstel-4'] })
    const third = await signIn(browser, writer.url)
    await openProposal(third.page, server.url, 'voorstel-4')
    const theirs = await openThread(third.page, 'Tweede alinea')
    await expect.poll(() => theirs.textContent()).toContain('Verborgen door de redactie.')
    expect(await theirs.textContent()).not.toContain('Mag weg.')
    const own = await openThread(reviewer.page, 'Tweede alinea')
    await expect.poll(() => own.textContent()).toContain('Persoonlijk')
    expect(await own.getByTestId('comment-body').textContent()).toBe('Mag weg.')

    await editorOf(third.page).click()
    await selectText(third.page, SECOND)
    await third.page.keyboard.press('Backspace')
    for (const page of [editor.page, reviewer.page, third.page]) {
      await expect
        .poll(() => thread(page, 'Tweede alinea').textContent())
        .toContain('Tekst verwijderd')
    }
    for (const visitor of [editor, reviewer, third]) await visitor.context.close()
  })

  it('[C2][WCAG] by keyboard only: select, Ctrl+Alt+M, write, post; the thread opens and closes with the focus in place', async () => {
    const writer = await server.invite({ name: 'Toos Toets', role: 'writer', proposals: '*' })
    const { page, context } = await signIn(browser, writer.url, { bypassCSP: true })
    await openProposal(page, server.url, 'voorstel-5')
    await waitOnline(page)
    await typeAtEnd(page, TEXT)
    // Once the server has the text (and has numbered its passage), nothing moves the caret.
    await expect.poll(() => storedText(server.url, server.adminToken, 'voorstel-5')).toContain(TEXT)
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < 'Gemeenten'.length; i++) await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Control+Alt+M')
    const focusedLabel = () =>
      page.evaluate(() => (document.activeElement as HTMLTextAreaElement).labels?.[0]?.textContent)
    expect(await focusedLabel()).toBe('Uw reactie')
    await page.keyboard.type('Alle gemeenten, ook de kleine?')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')

    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-expanded')))
      .toBe('true')
    expect(await page.getByTestId('comments-announcer').textContent()).toContain(
      'Uw reactie is geplaatst.',
    )
    expect(await highlightText(page)).toBe('Gemeenten')
    expect(await seriousViolations(page)).toEqual([])

    // Into the open thread, then Escape: closed, and the focus is back on its heading.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe(
      'false',
    )
    await context.close()
  })

  it('[C2] the overview counts news on one’s threads until the proposal has been looked at', async () => {
    const { editor, reviewer, eva } = await twoPeople('voorstel-6')
    await comment(reviewer, 'het voortouw', 'Graag een voorbeeld.')
    const id = await thread(reviewer.page, 'het voortouw').getAttribute('data-thread-id')
    await editor.context.close()
    await reviewer.page.goto(`${server.url}/#/`)
    await reviewer.page.getByTestId('proposal-list').waitFor()

    const reply = await server.api(`/api/proposals/voorstel-6/threads/${id}/comments`, {
      method: 'POST',
      token: eva.token,
      body: { body: 'Zie de bijlage.' },
    })
    expect(reply.status).toBe(201)
    await reviewer.page.reload()
    const news = reviewer.page.getByTestId('new-for-you')
    await expect.poll(() => news.textContent()).toBe('1 reactie met nieuws voor u')

    await openProposal(reviewer.page, server.url, 'voorstel-6')
    await expect
      .poll(() => thread(reviewer.page, 'het voortouw').textContent())
      .toContain('Nieuw voor u')
    // After a few seconds with the panel in view the news counts as seen.
    await reviewer.page.waitForTimeout(3500)
    await reviewer.page.goto(`${server.url}/#/`)
    await reviewer.page.getByTestId('proposal-list').waitFor()
    expect(await news.count()).toBe(0)
    await reviewer.context.close()
  })

  it('[R6] a thread whose passage reads differently in a newly saved version shows as outdated at once; one on an unchanged passage does not', async () => {
    const { editor, reviewer } = await twoPeople('voorstel-5')
    for (const [quote, body] of [
      ['het voortouw', 'Wie neemt het voortouw?'],
      ['de omkering', 'Wat houdt de omkering in?'],
    ] as const) {
      await comment(reviewer, quote, body)
      for (const page of [reviewer.page, editor.page]) {
        await expect.poll(() => thread(page, quote).count(), { timeout: 5000 }).toBe(1)
      }
    }
    await selectText(editor.page, 'grote ')
    await editor.page.keyboard.press('Backspace')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-5'))
      .toContain('in de transities')
    // A change alone does not make a thread outdated: a version holding it does.
    expect(await thread(reviewer.page, 'het voortouw').textContent()).not.toContain('Verouderd')

    const versions = editor.page.getByTestId('versions-panel')
    await versions.getByRole('button', { name: 'Versie opslaan' }).click()
    await versions.getByLabel('Naam van de versie').fill('Na de eerste reacties')
    await versions.getByRole('button', { name: 'Opslaan', exact: true }).click()
    await expect
      .poll(() => thread(reviewer.page, 'het voortouw').textContent(), { timeout: 5000 })
      .toContain('Verouderd')
    expect(await thread(reviewer.page, 'de omkering').textContent()).not.toContain('Verouderd')
    const opened = await openThread(reviewer.page, 'het voortouw')
    expect(await opened.getByTestId('thread-outdated').textContent()).toContain(
      'deze passage is sinds deze reactie veranderd',
    )
    await editor.context.close()
    await reviewer.context.close()
  })

  it('[C2][WCAG] a reviewer without a mouse names the words; the server finds and highlights them', async () => {
    const { editor, reviewer } = await twoPeople('voorstel-7')
    const { page } = reviewer
    await page.getByRole('button', { name: 'Reageer', exact: true }).focus()
    await page.keyboard.press('Enter')
    const focusedLabel = () =>
      page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)
    expect(await focusedLabel()).toBe('Over welke tekst gaat het?')
    await page.keyboard.type('de omkering')
    await page.keyboard.press('Tab')
    expect(await focusedLabel()).toBe('Uw reactie')
    await page.keyboard.type('Wat houdt de omkering in?')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => highlightText(page)).toBe('de omkering')
    await expect.poll(() => highlightText(editor.page), WITHIN_A_SECOND).toBe('de omkering')

    // Escape leaves a started reaction; the focus goes back to where it was.
    await page.keyboard.press('Control+Alt+M')
    expect(await focusedLabel()).toBe('Over welke tekst gaat het?')
    await page.keyboard.press('Escape')
    expect(await panel(page).getByLabel('Over welke tekst gaat het?').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('thread__toggle')
    await editor.context.close()
    await reviewer.context.close()
  })
})
