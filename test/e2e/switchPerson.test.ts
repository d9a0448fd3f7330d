/**
 * A sign-in link opened in a browser where someone else is signed in (a shared
 * computer) asks before it replaces that session, and never throws away that
 * person's unsent edits without asking; the same person's link again just signs in.
 */
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  openProposal,
  signIn,
  signInBehindSwitch,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('another person’s sign-in link', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[A1][S7] asks first; staying keeps everything, sending first delivers the edits, then it switches', async () => {
    const anna = await server.invite({
      name: 'Anna Eerst',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const bram = await server.invite({
      name: 'Bram Daarna',
      role: 'writer',
      proposals: ['voorstel-2'],
    })
    const { page, context, link } = await signInBehindSwitch(browser, anna.url)
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)
    link.set('down')
    await page.locator('[data-testid="connection-status"][data-state="offline"]').waitFor()
    await typeAtEnd(page, 'Anna schreef dit zonder verbinding.')

    // Bram's link in Anna's browser: nothing changes until someone chooses.
    await page.goto(bram.url)
    const question = page.getByTestId('switch-person')
    await question.waitFor()
    expect(await question.textContent()).toContain('Anna Eerst')
    expect(await question.textContent()).toContain('Bram Daarna')
    await question.getByRole('button', { name: 'Aangemeld blijven als Anna Eerst' }).click()
    await page.getByTestId('session-name').waitFor()
    expect(await page.getByTestId('session-name').textContent()).toBe('Anna Eerst')
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(1)

    // Again, and this time send Anna's edits first: without a connection that fails.
    await page.goto(bram.url)
    await question.waitFor()
    const sendFirst = question.getByRole('button', { name: 'Eerst versturen' })
    await sendFirst.click()
    await question.getByTestId('unsent-failed').waitFor()
    link.set('open')
    await sendFirst.click()
    await page.getByTestId('session-name').filter({ hasText: 'Bram Daarna' }).waitFor()
    expect(await storedText(server.url, server.adminToken, 'voorstel-2')).toContain(
      'Anna schreef dit zonder verbinding.',
    )
    // Nothing of Anna's stays in the browser once Bram is signed in.
    const databases = await page.evaluate(async () =>
      (await indexedDB.databases()).map((db) => db.name),
    )
    expect(databases.some((name) => name?.includes(anna.person.id))).toBe(false)
    await context.close()
  })

  it('[A1] the same person’s link again signs in without a question and keeps the browser’s copy', async () => {
    const cor = await server.invite({
      name: 'Cor Terug',
      role: 'writer',
      proposals: ['voorstel-4'],
    })
    const { page, context } = await signIn(browser, cor.url)
    await openProposal(page, server.url, 'voorstel-4')
    await waitOnline(page)
    await typeAtEnd(page, 'Cor was hier.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-4'))
      .toContain('Cor was hier.')
    const before = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    await page.goto(cor.url)
    await page.getByTestId('session-name').waitFor()
    expect(await page.getByTestId('switch-person').count()).toBe(0)
    const after = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    expect(after).toEqual(before)
    await context.close()
  })
})
