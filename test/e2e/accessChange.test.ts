/**
 * An editor changes what someone may do while that person has the proposal open:
 * the page follows without a reload (the server closes the person's sockets with
 * 1001 `access_changed`, the editor reconnects and asks who it is again).
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  signInBehindSwitch,
  storedText,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('access changed while the proposal is open', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  async function typeAtTheEnd(page: Page, text: string) {
    await editorOf(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }

  const suggested = (page: Page) =>
    editorOf(page)
      .locator('ins.suggestion-ins')
      .allTextContents()
      .then((parts) => parts.join(''))

  it('[A3][A5][S5] a writer made member can only suggest from then on, and made writer again writes in the text, without reloading', async () => {
    const proposal = 'voorstel-4'
    const person = await server.invite({
      name: 'Wessel Wissel',
      role: 'writer',
      proposals: [proposal],
      organisation: 'Gemeente Ede',
      province: 'Gelderland',
    })
    const { page, context } = await signIn(browser, person.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    await typeAtTheEnd(page, 'Als schrijver.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toBe('Als schrijver.')

    const setRole = (role: string) =>
      server.api(`/api/people/${person.person.id}`, { method: 'PATCH', body: { role } })
    expect((await setRole('reviewer')).status).toBe(200)
    await expect.poll(() => editorOf(page).getAttribute('aria-readonly')).toBe('true')
    await expect.poll(() => page.getByTestId('session-role').textContent()).toContain('Lid')
    await waitOnline(page)
    await typeAtTheEnd(page, ' Als lid.')
    // What a member types is a suggestion of theirs (an amendment to the text), never the text.
    await expect.poll(() => suggested(page)).toBe(' Als lid.')
    const threads = async () =>
      (
        await server.api<Array<{ kind: string; replacement: string; createdBy: { id: string } }>>(
          `/api/proposals/${proposal}/threads`,
        )
      ).body
    await expect
      .poll(async () => (await threads()).map((t) => [t.kind, t.replacement, t.createdBy.id]))
      .toEqual([['amendment', ' Als lid.', person.person.id]])
    expect(await storedText(server.url, server.adminToken, proposal)).toBe('Als schrijver.')

    expect((await setRole('writer')).status).toBe(200)
    await expect.poll(() => editorOf(page).getAttribute('aria-readonly')).toBe('false')
    await waitOnline(page)
    await editorOf(page).getByText('Als schrijver.').click()
    await page.keyboard.press('Home')
    await page.keyboard.type('Weer ')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toBe('Weer Als schrijver.')
    await context.close()
  })

  it('[A4][A5] a proposal taken off someone’s list while they have it open gives the page that says so, with a way back', async () => {
    const person = await server.invite({
      name: 'Lotte Lijst',
      role: 'writer',
      proposals: ['voorstel-5', 'voorstel-6'],
    })
    const { page, context } = await signIn(browser, person.url)
    await openProposal(page, server.url, 'voorstel-5')
    await waitOnline(page)

    const answer = await server.api(`/api/people/${person.person.id}`, {
      method: 'PATCH',
      body: { proposals: ['voorstel-6'] },
    })
    expect(answer.status).toBe(200)
    const missing = page.getByTestId('proposal-missing')
    await expect
      .poll(() => missing.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toBe('Geen toegang tot dit voorstel')
    expect(await editorOf(page).count()).toBe(0)
    // The proposal still on the list opens as usual.
    await openProposal(page, server.url, 'voorstel-6')
    await waitOnline(page)
    await context.close()
  })
})

describe.skipIf(skip)('access changed while offline', () => {
  let server: TestServer
  let browser: Browser

  const suggested = (page: Page) =>
    editorOf(page)
      .locator('ins.suggestion-ins')
      .allTextContents()
      .then((parts) => parts.join(''))

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A5][S5][P5] words a writer typed offline, made member meanwhile, are not lost: they are shown as not saved, with why', async () => {
    const proposal = 'voorstel-3'
    const person = await server.invite({
      name: 'Olaf Offline',
      role: 'writer',
      proposals: [proposal],
    })
    const { page, context, link } = await signInBehindSwitch(browser, person.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    await editorOf(page).click()
    await page.keyboard.type('Online.')
    await expect.poll(() => storedText(server.url, server.adminToken, proposal)).toBe('Online.')
    link.set('down')
    await page.keyboard.type(' Offline geschreven.')
    const answer = await server.api(`/api/people/${person.person.id}`, {
      method: 'PATCH',
      body: { role: 'reviewer' },
    })
    expect(answer.status).toBe(200)
    link.set('open')

    // The server refuses the words (4403 read_only); the page says so, keeps them to copy,
    // and goes on as a member with the stored text.
    const notice = page.getByTestId('unsent-notice')
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toContain('Deze wijzigingen zijn niet opgeslagen: u mag de tekst niet meer wijzigen')
    expect(await notice.getByTestId('unsent-text').textContent()).toBe(
      'Online. Offline geschreven.',
    )
    await expect.poll(() => page.getByTestId('session-role').textContent()).toContain('Lid')
    await expect.poll(() => editorText(page)).toBe('Online.')
    await waitOnline(page)
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('true')
    expect(await storedText(server.url, server.adminToken, proposal)).toBe('Online.')
    // As a member, what they type again becomes their suggestion.
    await editorOf(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Opnieuw.')
    await expect.poll(() => suggested(page)).toBe(' Opnieuw.')
    await context.close()
  })

  it('[A3][A5] a member made writer while offline writes in the text once the connection returns, without reloading', async () => {
    const proposal = 'voorstel-6'
    const person = await server.invite({
      name: 'Pim Promotie',
      role: 'reviewer',
      proposals: [proposal],
    })
    const { page, context, link } = await signInBehindSwitch(browser, person.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('true')
    link.set('down')
    const answer = await server.api(`/api/people/${person.person.id}`, {
      method: 'PATCH',
      body: { role: 'writer' },
    })
    expect(answer.status).toBe(200)
    link.set('open')
    await waitOnline(page)
    await expect
      .poll(() => editorOf(page).getAttribute('aria-readonly'), { timeout: 10_000 })
      .toBe('false')
    await editorOf(page).click()
    await page.keyboard.type('Nu als schrijver.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toBe('Nu als schrijver.')
    await context.close()
  })
})
