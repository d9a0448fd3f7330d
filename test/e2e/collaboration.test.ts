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
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('writing together in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[S1][A6] two writers see each other’s text, named carets and each other in the presence list', async () => {
    const anna = await server.invite({
      name: 'Anna Jansen',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const bram = await server.invite({
      name: 'Bram de Boer',
      role: 'writer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })
    const a = await signIn(browser, anna.url)
    const b = await signIn(browser, bram.url)
    await openProposal(a.page, server.url, 'voorstel-1')
    await openProposal(b.page, server.url, 'voorstel-1')
    await waitOnline(a.page)
    await waitOnline(b.page)

    await typeAtEnd(a.page, 'Gemeenten nemen de regie.')
    await typeAtEnd(b.page, ' Samen met de provincie.')

    for (const { page } of [a, b]) {
      await expect.poll(() => editorText(page)).toContain('Gemeenten nemen de regie.')
      await expect.poll(() => editorText(page)).toContain('Samen met de provincie.')
      const presence = page.getByTestId('presence-list')
      await expect.poll(() => presence.textContent()).toContain('Anna Jansen')
      await expect.poll(() => presence.textContent()).toContain('Bram de Boer')
    }
    const caretNames = (page: typeof a.page) =>
      page.locator('.collaboration-carets__label').allInnerTexts()
    await expect.poll(() => caretNames(a.page)).toContain('Bram de Boer')
    await expect.poll(() => caretNames(b.page)).toContain('Anna Jansen')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-1'))
      .toContain('Samen met de provincie.')
    await a.context.close()
    await b.context.close()
  })

  it('[S1] text with bold and a heading stays the same for both writers and the server', async () => {
    const anna = await server.invite({
      name: 'Anna Opmaak',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const bram = await server.invite({
      name: 'Bram Opmaak',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const a = await signIn(browser, anna.url)
    const b = await signIn(browser, bram.url)
    await openProposal(a.page, server.url, 'voorstel-2')
    await openProposal(b.page, server.url, 'voorstel-2')
    await waitOnline(a.page)
    await waitOnline(b.page)

    await typeAtEnd(a.page, 'Omkering')
    await a.page.keyboard.press('Control+Alt+1')
    await a.page.keyboard.press('Enter')
    await a.page.keyboard.type('Gemeenten ')
    await a.page.keyboard.press('Control+b')
    await a.page.keyboard.type('nemen de regie')
    await a.page.keyboard.press('Control+b')
    await a.page.keyboard.type(' in de transities.')
    await expect.poll(() => editorText(b.page)).toContain('in de transities.')
    await typeAtEnd(b.page, ' Met de provincie.')
    await typeAtEnd(a.page, ' En het Rijk.')

    const expected = 'Gemeenten nemen de regie in de transities. Met de provincie. En het Rijk.'
    for (const { page } of [a, b]) {
      await expect.poll(() => editorText(page)).toContain(expected)
      expect(await editorOf(page).locator('h1').textContent()).toBe('Omkering')
      expect(await editorOf(page).locator('strong').textContent()).toBe('nemen de regie')
    }
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-2'))
      .toContain(expected)
    await a.context.close()
    await b.context.close()
  })
})
