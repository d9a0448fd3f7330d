import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import {
  adminInviteUrl,
  openProposal,
  signIn,
  signInBehindSwitch,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

// The contract has no rule for accessibility; these tests pin the product's
// requirement: no serious or critical WCAG 2.1 AA violation on the main pages.
describe.skipIf(skip)('accessibility (WCAG 2.1 AA, axe-core)', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[WCAG] the overview, the proposal page and the people page pass axe', async () => {
    const { page, context } = await signIn(browser, adminInviteUrl(server.url, server.adminToken), {
      bypassCSP: true,
    })
    expect(await page.locator('html').getAttribute('lang')).toBe('nl')
    await page.getByTestId('proposal-list').waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const other = await server.invite({
      name: 'Piet Pagina',
      role: 'writer',
      proposals: ['voorstel-1'],
    })
    const piet = await signIn(browser, other.url)
    await openProposal(piet.page, server.url, 'voorstel-1')
    await openProposal(page, server.url, 'voorstel-1')
    await waitOnline(page)
    await typeAtEnd(page, 'Kop en tekst')
    await typeAtEnd(piet.page, ' met een tweede caret')
    await page.locator('.collaboration-carets__label').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await page.goto(`${server.url}/#/mensen`)
    await page.getByTestId('people-table').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await piet.context.close()
    await context.close()
  })

  it('[WCAG] a reviewer’s read-only proposal page passes axe', async () => {
    const lid = await server.invite({
      name: 'Lotte Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
    })
    // The server's CSP forbids inline scripts; axe is injected as one.
    const { page, context } = await signIn(browser, lid.url, { bypassCSP: true })
    await openProposal(page, server.url, 'voorstel-1')
    await waitOnline(page)
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('[WCAG] the question about unsent edits and the page asking before another person signs in pass axe', async () => {
    const [anna, bram] = await Promise.all(
      ['Anna Vraag', 'Bram Vraag'].map((name) =>
        server.invite({ name, role: 'writer', proposals: ['voorstel-2'] }),
      ),
    )
    const { page, context, link } = await signInBehindSwitch(browser, anna!.url, {
      bypassCSP: true,
    })
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)
    link.set('down')
    await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await typeAtEnd(page, 'Nog niet verstuurd.')
    await page.getByRole('button', { name: 'Afmelden' }).click()
    const dialog = page.getByRole('dialog', { name: 'Niet verstuurde wijzigingen' })
    await dialog.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: 'Niet afmelden' }).click()

    await page.goto(bram!.url)
    await page.getByTestId('switch-person').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
})
