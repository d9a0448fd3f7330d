import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSkipReason, launchBrowser } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  editorOf,
  openProposal,
  signIn,
  startEditorServer,
  storedText,
  typeAtEnd,
  waitOnline,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('writing together in the browser', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startEditorServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

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
      await expect.poll(() => editorOf(page).innerText()).toContain('Gemeenten nemen de regie.')
      await expect.poll(() => editorOf(page).innerText()).toContain('Samen met de provincie.')
      const presence = page.getByTestId('presence-list')
      await expect.poll(() => presence.innerText()).toContain('Anna Jansen')
      await expect.poll(() => presence.innerText()).toContain('Bram de Boer')
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
})
