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

describe.skipIf(skip)('working while the server cannot be reached', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[S1][P5] edits made offline stay in the browser across a reload and then reach the other person', async () => {
    const anna = await server.invite({
      name: 'Anna Offline',
      role: 'writer',
      proposals: ['voorstel-4'],
    })
    const bram = await server.invite({
      name: 'Bram Online',
      role: 'writer',
      proposals: ['voorstel-4'],
    })
    // Anna's sync socket can be cut (Playwright routes sockets of pages loaded after
    // routing starts); while cut, her edits can only be kept in the browser itself.
    let cut = false
    const a = await signIn(browser, anna.url, {
      prepare: (context) =>
        context.routeWebSocket(/\/sync\//, (ws) => {
          if (cut) ws.close()
          else ws.connectToServer()
        }),
    })
    const b = await signIn(browser, bram.url)
    await openProposal(a.page, server.url, 'voorstel-4')
    await openProposal(b.page, server.url, 'voorstel-4')
    await waitOnline(a.page)
    await typeAtEnd(a.page, 'Voor de storing.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-4'))
      .toContain('Voor de storing.')

    // Anna's socket stays cut until her reload, so her offline edit can only reach
    // the server from the browser's own copy (IndexedDB).
    cut = true
    await server.stop()
    await a.page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor()
    await typeAtEnd(a.page, ' Tijdens de storing geschreven.')
    await expect.poll(() => editorText(a.page)).toContain('Tijdens de storing')

    await server.restart()
    await waitOnline(b.page)
    expect(await storedText(server.url, server.adminToken, 'voorstel-4')).not.toContain(
      'Tijdens de storing',
    )
    cut = false
    await a.page.reload()
    await editorOf(a.page).waitFor()
    await expect.poll(() => editorText(a.page)).toContain('Tijdens de storing geschreven.')
    await waitOnline(a.page)
    await expect.poll(() => editorText(b.page)).toContain('Tijdens de storing geschreven.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-4'))
      .toContain('Tijdens de storing geschreven.')
    await a.context.close()
    await b.context.close()
  })
})
