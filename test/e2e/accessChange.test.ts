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
  openProposal,
  signIn,
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
