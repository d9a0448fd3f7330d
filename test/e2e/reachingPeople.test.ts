/**
 * Reaching people in the browser (M1–M4): the CSV list with its preview and
 * errors, the overview's timeline and "Voor u" for a member with an open
 * round, Meldingen, a new sign-in link and unsubscribing — each new page
 * without serious axe findings and without sideways scrolling at 320 CSS px.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { csvOf, type ListPerson, municipalities } from '../helpers/memberList.ts'
import { adminEditor, serverBlocks } from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { adminInviteUrl, signIn, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

/** True when the page needs no sideways scrolling (WCAG 1.4.10 reflow). */
async function reflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
}

/** True when nothing inside the element sticks out to the right of the screen. */
async function partReflows(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluate((root) =>
      [root, ...root.querySelectorAll('*')]
        .filter(
          (e) =>
            e.getBoundingClientRect().right > window.innerWidth + 0.5 ||
            e.scrollWidth > e.clientWidth + 1,
        )
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    )
}

/**
 * axe, and reflow at 320 CSS px wide (the width of WCAG 1.4.10), then back. On a
 * page that is not new only its new parts are held to reflow (`parts`).
 */
async function checkPage(page: Page, ready: () => Promise<unknown>, parts: string[] = []) {
  await ready()
  expect(await seriousViolations(page)).toEqual([])
  await page.setViewportSize({ width: 320, height: 640 })
  await ready()
  if (parts.length === 0) expect(await reflows(page)).toBe(true)
  for (const part of parts) expect(await partReflows(page, part), part).toEqual([])
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe.skipIf(skip)('reaching people in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[M1] the people page previews a CSV list: a bad row is named and nothing changes; a good one is applied', async () => {
    const { page, context } = await signIn(browser, adminInviteUrl(server.url, server.adminToken), {
      bypassCSP: true,
    })
    await page.goto(`${server.url}/#/mensen`)
    await page.getByRole('heading', { name: 'Een lijst uitnodigen' }).waitFor()
    // No SMTP here: the page says where mail goes instead (M2).
    await page.getByTestId('mail-note').waitFor()
    const list = municipalities(3)
    const bad: ListPerson[] = [...list, { ...list[0]!, name: 'Fout', email: 'geen-adres' }]
    const file = page.getByLabel('CSV-bestand kiezen')
    await file.setInputFiles({
      name: 'leden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvOf(bad, { bom: true })),
    })
    const errors = page.getByTestId('bulk-errors')
    await errors.waitFor()
    expect(await errors.textContent()).toContain('Regel 5, kolom e-mail')
    expect(await errors.textContent()).toContain('Er is niets veranderd')
    expect(await page.getByRole('button', { name: /uitnodigingen versturen/ }).count()).toBe(0)
    expect(await page.getByTestId('people-table').count()).toBe(0)
    await checkPage(page, () => errors.waitFor(), [
      'section:has(> h2:text("Een lijst uitnodigen"))',
    ])

    await file.setInputFiles({
      name: 'leden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvOf(list)),
    })
    await expect
      .poll(() => page.getByTestId('bulk-summary').textContent())
      .toContain('3 nieuwe mensen')
    expect(await page.getByTestId('bulk-preview').textContent()).toContain(
      'Nieuw: krijgt een uitnodiging',
    )
    await page.getByRole('button', { name: '3 uitnodigingen versturen' }).click()
    await expect
      .poll(() => page.getByTestId('bulk-message').textContent())
      .toContain('3 mensen zijn uitgenodigd')
    await expect
      .poll(() => page.getByTestId('people-table').textContent())
      .toContain('Contactpersoon 3')

    await page.getByLabel('Zoeken op naam, e-mail of organisatie').fill('gemeente2.nl')
    await expect
      .poll(() => page.getByTestId('people-count').textContent())
      .toBe('1 van de 3 mensen')
    expect(await page.getByTestId('people-table').textContent()).toContain('Contactpersoon 2')
    expect(await page.getByTestId('people-table').textContent()).not.toContain('Contactpersoon 3')
    await checkPage(page, () => page.getByTestId('people-table').waitFor(), [
      'section:has(> h2:text("Een lijst uitnodigen"))',
      '.people-filters',
    ])
    await context.close()
  })

  it('[M4] the overview shows the timeline and, for a member with an open round, "Voor u" with the closing date; Meldingen lists the round', async () => {
    const editor = await adminEditor(server)
    editor.editor.commands.insertContent('<p>Gemeenten nemen het voortouw.</p>')
    await serverBlocks(server, ['Gemeenten nemen het voortouw.'])
    editor.destroy()
    const member = await server.invite({
      name: 'Mieke Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Urk',
      province: 'Flevoland',
    })
    const version = await server.api<{ id: string }>('/api/proposals/voorstel-1/versions', {
      method: 'POST',
      body: { name: 'Consultatieversie' },
    })
    const round = await server.api('/api/proposals/voorstel-1/rounds', {
      method: 'POST',
      body: { versionId: version.body.id, closesAt: '2099-03-01', title: 'Ledenraadpleging' },
    })
    expect(round.status).toBe(201)

    const { page, context } = await signIn(browser, member.url, { bypassCSP: true })
    const forYou = page.getByTestId('for-you')
    await expect.poll(() => forYou.textContent()).toContain('Ledenraadpleging')
    expect(await forYou.textContent()).toContain('open tot 1 maart 2099')
    expect(await forYou.textContent()).toContain('0 van de 1 passages')
    const timeline = page.getByTestId('timeline')
    expect(await timeline.textContent()).toContain('1 december 2021')
    expect(await timeline.textContent()).toContain('14 juni 2023')
    expect(
      await page.getByRole('heading', { name: 'Wat is de Verenigingsstrategie 2030?' }).count(),
    ).toBe(1)
    // A member cannot move a step or write descriptions.
    expect(await page.getByRole('button', { name: /Datum wijzigen/ }).count()).toBe(0)
    await checkPage(page, () => forYou.waitFor())

    await expect.poll(() => page.getByTestId('notifications-link').textContent()).toContain('1')
    await page.getByTestId('notifications-link').click()
    const items = page.getByTestId('notification-list')
    await expect.poll(() => items.textContent()).toContain('consultatieronde geopend op Voorstel 1')
    await checkPage(page, () => items.waitFor())
    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click()
    await expect.poll(() => page.getByTestId('notifications-link').textContent()).toBe('Meldingen')
    await context.close()
  })

  it('[M3][M4] signed out: "Stuur mij een nieuwe link" answers alike for every address; an unsubscribe link works without signing in', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', bypassCSP: true })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Stuur mij een nieuwe link' }).waitFor()
    await page.getByLabel('E-mailadres').fill('onbekend@gemeente.nl')
    await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).click()
    await expect
      .poll(() => page.getByTestId('new-link-status').textContent())
      .toContain('Als dit e-mailadres bij ons bekend is')
    await checkPage(page, () => page.getByTestId('new-link-status').waitFor())

    const person = await server.invite({ name: 'Uma', role: 'reviewer', proposals: ['voorstel-1'] })
    const token = server.server.services.unsubscribe.tokenFor(person.person.id)
    await page.goto(`${server.url}/#/afmelden?token=${encodeURIComponent(token)}`)
    await expect
      .poll(() => page.getByTestId('unsubscribe-status').textContent())
      .toContain('U krijgt geen meldingen meer per e-mail')
    expect(
      await server.server.services.storage.notifications.preferences(person.person.id),
    ).toMatchObject({ reply: false, round: false })
    await checkPage(page, () => page.getByTestId('unsubscribe-status').waitFor())
    await page.getByRole('button', { name: 'Toch weer e-mails ontvangen' }).click()
    await expect
      .poll(() => page.getByTestId('unsubscribe-status').textContent())
      .toContain('U krijgt weer meldingen per e-mail')
    expect(
      await server.server.services.storage.notifications.preferences(person.person.id),
    ).toMatchObject({ reply: true })
    await context.close()
  })
})
