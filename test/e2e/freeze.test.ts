import type { Browser, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  adminInviteUrl,
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

describe.skipIf(skip)('freezing the text while someone writes', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[H4][S5][E1] an editor sets "vastgesteld" while a writer types: the writer is told why, sees what was not saved, and writes again once it is lifted', async () => {
    const wies = await server.invite({
      name: 'Wies Werkgroep',
      role: 'writer',
      proposals: ['voorstel-6'],
    })
    // Wies' socket can be held: what her browser sends waits, as on a slow line,
    // so her last words certainly reach the server after the freeze.
    let latest: WebSocketRoute | null = null
    let held: WebSocketRoute | null = null
    const w = await signIn(browser, wies.url, {
      prepare: async (context) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'])
        await context.routeWebSocket(/\/sync\//, (ws) => {
          const toServer = ws.connectToServer()
          latest = ws
          ws.onMessage((message) => {
            if (ws !== held) toServer.send(message)
          })
        })
      },
    })
    const e = await signIn(browser, adminInviteUrl(server.url, server.adminToken))
    await openProposal(w.page, server.url, 'voorstel-6')
    await openProposal(e.page, server.url, 'voorstel-6')
    await waitOnline(w.page)
    await waitOnline(e.page)
    const stored = () => storedText(server.url, server.adminToken, 'voorstel-6')

    await typeAtEnd(w.page, 'Eerste zin.')
    await expect.poll(stored).toBe('Eerste zin.')
    held = latest
    await typeAtEnd(w.page, ' Niet bewaard.')
    expect(await editorText(w.page)).toBe('Eerste zin. Niet bewaard.')

    const control = e.page.getByTestId('status-control')
    await control.getByLabel('Status van het voorstel').selectOption('vastgesteld')
    expect(await control.textContent()).toContain('Niemand kan de tekst nog wijzigen')
    await control.getByRole('button', { name: 'Status wijzigen' }).click()
    // Fixing the text asks once more (R8).
    await e.page
      .getByTestId('confirm-vastgesteld')
      .getByRole('button', { name: 'Ja, vaststellen' })
      .click()

    // Wies' editor turns read-only and says why; her words stay visible, marked as not saved.
    await expect.poll(() => editorOf(w.page).getAttribute('aria-readonly')).toBe('true')
    const notice = w.page.getByTestId('unsent-notice')
    await expect
      .poll(() => notice.textContent())
      .toContain('Deze wijzigingen zijn niet opgeslagen: het voorstel is vastgesteld')
    expect(await notice.getByTestId('unsent-text').textContent()).toBe('Eerste zin. Niet bewaard.')
    expect(await w.page.getByTestId('read-only-notice').textContent()).toContain('vastgesteld')
    expect(await w.page.getByTestId('status-change').textContent()).toContain('Beheerder')
    // Her text is now the server's: her words are not merged later behind anyone's back.
    await expect.poll(() => editorText(w.page)).toBe('Eerste zin.')
    expect(await stored()).toBe('Eerste zin.')
    await notice.getByRole('button', { name: 'Kopieer mijn tekst' }).click()
    await expect.poll(() => notice.textContent()).toContain('Uw tekst staat op het klembord.')
    expect(await w.page.evaluate(() => navigator.clipboard.readText())).toBe(
      'Eerste zin. Niet bewaard.',
    )

    // The freeze lifts: Wies writes again without reloading, and only what she writes now counts.
    await control.getByLabel('Status van het voorstel').selectOption('consultatie')
    await control.getByRole('button', { name: 'Status wijzigen' }).click()
    await expect.poll(() => editorOf(w.page).getAttribute('aria-readonly')).toBe('false')
    expect(await notice.textContent()).toContain('U kunt weer schrijven')
    await waitOnline(w.page)
    await typeAtEnd(w.page, ' Weer open.')
    await expect.poll(stored).toBe('Eerste zin. Weer open.')
    await expect.poll(() => editorText(e.page)).toBe('Eerste zin. Weer open.')
    await w.context.close()
    await e.context.close()
  })
})
