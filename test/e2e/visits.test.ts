/**
 * Visits as they happen in a browser: a reviewer's second visit with the copy the
 * browser kept and a connection that drops (S7), and a writer whose network goes
 * away, who must be told within 5 seconds that the edits stay in the browser.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { connectClient } from '../helpers/clients.ts'
import type { TestServer } from '../helpers/server.ts'
import { appendBlock, textOfBlock } from '../helpers/ydoc.ts'
import {
  editorText,
  openProposal,
  signIn,
  signInBehindSwitch,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

/** The offline message of the status line, waited for within the 5 s promised. */
async function expectOfflineWithin5s(page: Page) {
  const status = page.locator('[data-testid="connection-status"][data-state="offline"]')
  await status.waitFor({ timeout: 5_000 })
  expect(await status.textContent()).toContain('blijven in deze browser bewaard')
}

describe.skipIf(skip)('every visit in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[S7][A3] a reviewer’s second visit with the browser’s copy, and after a dropped connection, is let in and keeps reading along', async () => {
    const proposal = 'voorstel-5'
    const schrijver = await server.invite({ name: 'Sanne', role: 'writer', proposals: [proposal] })
    const writer = connectClient(server.wsUrl, proposal, schrijver.token)
    try {
      await writer.synced()
      // A history with formatting and deletions: the copy's sync step 2 carries a delete set.
      const text = appendBlock(writer.doc, 'Gemeenten nemen samen het voortouw in de transities.')
      text.format(0, 9, { bold: {} })
      text.delete(16, 6)
      await expect.poll(() => storedText(server.url, server.adminToken, proposal)).toContain('het')

      const lid = await server.invite({
        name: 'Lotte Lid',
        role: 'reviewer',
        proposals: [proposal],
        organisation: 'Gemeente Emmen',
        province: 'Drenthe',
      })
      const { page, context } = await signIn(browser, lid.url)
      await openProposal(page, server.url, proposal)
      await waitOnline(page)
      expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(1)

      // The second visit starts from the copy IndexedDB kept.
      await page.reload()
      await waitOnline(page)
      const add = (words: string) => {
        const first = textOfBlock(writer.doc, 0)
        first.insert(first.length, words)
      }
      add(' Tweede bezoek.')
      await expect.poll(() => editorText(page)).toContain('Tweede bezoek.')

      // The connection drops (the server side is cut): the browser reconnects and stays in.
      for (const conn of server.server.services.rooms.peek(proposal)!.connections) {
        if (conn.personId === lid.person.id) conn.socket.terminate()
      }
      await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor()
      await waitOnline(page)
      add(' Na de storing.')
      await expect.poll(() => editorText(page)).toContain('Na de storing.')
      expect(await page.getByTestId('refusal').count()).toBe(0)
      await context.close()
    } finally {
      writer.destroy()
    }
  })

  it('[S1][S7] a writer whose network goes offline is told within 5 s; what was typed arrives when it returns', async () => {
    const proposal = 'voorstel-6'
    const anna = await server.invite({
      name: 'Anna Netwerk',
      role: 'writer',
      proposals: [proposal],
    })
    const { page, context } = await signIn(browser, anna.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    await typeAtEnd(page, 'Voor het wegvallen.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toContain('Voor het wegvallen.')

    await context.setOffline(true)
    await expectOfflineWithin5s(page)
    await typeAtEnd(page, ' Offline getypt.')
    await context.setOffline(false)
    await waitOnline(page)
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toContain('Offline getypt.')
    await context.close()
  })

  it('[S1][S7] a connection that goes silent without closing is noticed within 5 s; what was typed arrives after', async () => {
    const proposal = 'voorstel-7'
    const bram = await server.invite({ name: 'Bram Stilte', role: 'writer', proposals: [proposal] })
    const { page, context, link } = await signInBehindSwitch(browser, bram.url)
    await openProposal(page, server.url, proposal)
    await waitOnline(page)
    await typeAtEnd(page, 'Voor de stilte.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toContain('Voor de stilte.')

    // Nothing passes any more, and nothing closes: only the editor's own check can tell.
    link.set('silent')
    await expectOfflineWithin5s(page)
    await typeAtEnd(page, ' In de stilte getypt.')
    link.set('open')
    await waitOnline(page)
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposal))
      .toContain('In de stilte getypt.')
    await context.close()
  })
})
