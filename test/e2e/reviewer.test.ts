import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  storedText,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('reading along as a reviewer', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** Clicks into the text and types, the same way for both roles. */
  async function tryToType(page: Parameters<typeof editorOf>[0], text: string) {
    await editorOf(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }

  it('[A3][S5] what a reviewer types never reaches the text: it is told why, and it shows as a suggestion of theirs only', async () => {
    const lid = await server.invite({
      name: 'Lies Lid',
      role: 'reviewer',
      proposals: ['voorstel-2'],
      organisation: 'Gemeente Assen',
      province: 'Drenthe',
    })
    const { page, context } = await signIn(browser, lid.url)
    await expect.poll(() => page.getByTestId('session-role').textContent()).toContain('Lid')
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)

    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('true')
    await expect
      .poll(() => page.getByTestId('read-only-notice').textContent())
      .toContain('niet wijzigen')
    expect(await page.getByRole('toolbar').count()).toBe(0)

    await tryToType(page, 'Tekst van een lid')
    // The positive twin below shows this path does deliver to the text; a member's typing
    // becomes a suggestion, shown as inserted text beside the text, never in it.
    await expect
      .poll(async () =>
        (await editorOf(page).locator('ins.suggestion-ins').allTextContents()).join(''),
      )
      .toBe('Tekst van een lid')
    const writer = await server.invite({
      name: 'Wim Werkgroep',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const w = await signIn(browser, writer.url)
    await openProposal(w.page, server.url, 'voorstel-2')
    await waitOnline(w.page)
    await tryToType(w.page, 'Tekst van de werkgroep')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-2'))
      .toContain('Tekst van de werkgroep')
    expect(await storedText(server.url, server.adminToken, 'voorstel-2')).not.toContain('lid')
    // The reviewer reads along: the writer's text reaches them.
    await expect.poll(() => editorText(page)).toContain('Tekst van de werkgroep')
    await context.close()
    await w.context.close()
  })

  it('[A3] a writer typing through the same path does reach the server', async () => {
    const writer = await server.invite({
      name: 'Wanda Werkgroep',
      role: 'writer',
      proposals: ['voorstel-3'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-3')
    await waitOnline(page)
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('false')
    expect(await page.getByTestId('read-only-notice').count()).toBe(0)
    await tryToType(page, 'Tekst van een schrijver')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-3'))
      .toContain('Tekst van een schrijver')
    await context.close()
  })
})
