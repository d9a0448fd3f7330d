import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import {
  adminEditor,
  type Block,
  givePosition,
  P1,
  saveVersion,
  serverBlocks,
} from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { openProposal, signIn, type Visitor, waitOnline, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()
const YEAR = new Date().getUTCFullYear() + 1
const LINES = ['Gemeenten nemen het voortouw.', 'Regio’s verschillen sterk.']

interface Round {
  id: string
  closesAt: string
  open: boolean
}

describe.skipIf(skip)('consultation rounds for VNG editors in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** A fresh text with a named version, no open round, status concept. */
  async function freshProposal(): Promise<Block[]> {
    const writer = await adminEditor(server)
    writer.editor.commands.setContent(LINES.map((line) => `<p>${line}</p>`).join(''))
    const blocks = await serverBlocks(server, LINES)
    writer.destroy()
    const rounds = await server.api<Round[]>(`${P1}/rounds`)
    for (const round of rounds.body.filter((r) => r.open))
      await server.api(`${P1}/rounds/${round.id}/close`, { method: 'POST' })
    await server.api(P1, { method: 'PATCH', body: { status: 'concept' } })
    await saveVersion(server, 'Consultatieversie')
    return blocks
  }

  async function editorIn(timezoneId: string, name: string): Promise<Visitor> {
    const eva = await server.invite({ name, role: 'editor', proposals: '*', organisation: 'VNG' })
    const visitor = await signIn(browser, eva.url, { timezoneId })
    await openProposal(visitor.page, server.url, 'voorstel-1')
    await waitOnline(visitor.page)
    return visitor
  }

  const panel = (page: Page) => page.getByTestId('rounds-panel')

  /** Opens a round closing at the end of `date` through the panel's form. */
  async function openRoundIn(page: Page, date: string) {
    await panel(page).getByText('Nieuwe consultatieronde').click()
    const form = page.getByTestId('open-round-form')
    await form.getByLabel('Sluit aan het eind van').fill(date)
    await form.getByRole('button', { name: 'Consultatieronde openen' }).click()
    await expect.poll(() => panel(page).textContent()).toContain('Open tot')
  }

  async function closeRoundIn(page: Page) {
    await panel(page).getByRole('button', { name: 'Ronde nu sluiten' }).click()
    const dialog = page.getByTestId('close-round')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await dialog.getByRole('button', { name: 'Ja, ronde sluiten' }).click()
  }

  it('[R8][E1] a date chosen in a browser on UTC and one on Amsterdam time close at the same moment: the end of that day in the Netherlands', async () => {
    await freshProposal()
    const utc = await editorIn('UTC', 'Uma Redactie')
    const amsterdam = await editorIn('Europe/Amsterdam', 'Arie Redactie')
    // The two browsers really are on different clocks.
    const offsets = await Promise.all(
      [utc, amsterdam].map(({ page }) =>
        page.evaluate((y) => new Date(`${y}-03-31T12:00:00`).getTimezoneOffset(), YEAR),
      ),
    )
    expect(offsets).toEqual([0, -120])

    await openRoundIn(utc.page, `${YEAR}-03-31`)
    const first = (await server.api<Round[]>(`${P1}/rounds`)).body[0]!
    expect(first.closesAt).toBe(`${YEAR}-03-31T21:59:59.999Z`)
    for (const { page } of [utc, amsterdam]) {
      await expect
        .poll(() => panel(page).textContent())
        .toContain(`Open tot 31 maart ${YEAR} om 23:59.`)
      // R8: opening a round on a concept made it consultatie, at once on every page (E1).
      await expect.poll(() => page.getByTestId('status-badge').textContent()).toBe('Consultatie')
    }

    // Closing asks first; cancelling changes nothing.
    await panel(utc.page).getByRole('button', { name: 'Ronde nu sluiten' }).click()
    await utc.page.getByTestId('close-round').getByRole('button', { name: 'Annuleren' }).click()
    expect((await server.api<Round>(`${P1}/rounds/${first.id}`)).body.open).toBe(true)
    await closeRoundIn(utc.page)
    for (const { page } of [utc, amsterdam]) {
      await expect.poll(() => panel(page).textContent()).toContain('Gesloten op')
      expect(await panel(page).textContent()).not.toContain('Open tot')
    }
    expect((await server.api<Round>(`${P1}/rounds/${first.id}`)).body.open).toBe(false)

    await openRoundIn(amsterdam.page, `${YEAR}-03-31`)
    const second = (await server.api<Round[]>(`${P1}/rounds`)).body[0]!
    expect(second.id).not.toBe(first.id)
    expect(second.closesAt).toBe(first.closesAt)
    await utc.context.close()
    await amsterdam.context.close()
  })

  it('[R8][H4][E1] making the text vastgesteld asks first, then closes the open round on every open page without a reload', async () => {
    await freshProposal()
    const eva = await editorIn('Europe/Amsterdam', 'Eva Redactie')
    const other = await editorIn('UTC', 'Otto Redactie')
    await openRoundIn(eva.page, `${YEAR}-03-31`)
    await expect.poll(() => panel(other.page).textContent()).toContain('Open tot')
    // The status the round set has reached the page (a later status event would reset the choice).
    await expect.poll(() => eva.page.getByTestId('status-badge').textContent()).toBe('Consultatie')

    const control = eva.page.getByTestId('status-control')
    await control.getByLabel('Status van het voorstel').selectOption('vastgesteld')
    await control.getByRole('button', { name: 'Status wijzigen' }).click()
    const dialog = eva.page.getByTestId('confirm-vastgesteld')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.textContent()).toContain('Loopt er een consultatieronde')
    expect((await server.api<{ status: string }>(P1)).body.status).toBe('consultatie')
    await dialog.getByRole('button', { name: 'Ja, vaststellen' }).click()

    for (const { page } of [eva, other]) {
      await expect.poll(() => page.getByTestId('status-badge').textContent()).toBe('Vastgesteld')
      await expect.poll(() => panel(page).textContent()).toContain('Gesloten op')
      expect(await panel(page).getByRole('button', { name: 'Ronde nu sluiten' }).count()).toBe(0)
    }
    await eva.context.close()
    await other.context.close()
  })

  it('[R5][R7] the overview lists who did and did not respond with their province; the VNG response written there is in the memorandum', async () => {
    const blocks = await freshProposal()
    const eva = await editorIn('Europe/Amsterdam', 'Eva Redactie')
    await openRoundIn(eva.page, `${YEAR}-03-31`)
    const round = (await server.api<Round[]>(`${P1}/rounds`)).body[0]!
    const member = (name: string, organisation: string, province: string) =>
      server.invite({ name, role: 'reviewer', proposals: ['voorstel-1'], organisation, province })
    const zwolle = await member('Anna', 'Gemeente Zwolle', 'Overijssel')
    await member('Dirk', 'Gemeente Deventer', 'Overijssel')
    await givePosition(server, zwolle.token, round.id, blocks[0]!.blockId, {
      position: 'akkoord-mits',
      reason: 'Mits er geld komt.',
    })

    await panel(eva.page).getByRole('button', { name: 'Overzicht bekijken' }).click()
    const overview = eva.page.getByTestId('round-overview')
    await expect
      .poll(() => overview.getByTestId('members-responded').textContent())
      .toBe('Gemeente Zwolle — Overijssel')
    expect(await overview.getByTestId('members-silent').textContent()).toBe(
      'Gemeente Deventer — Overijssel',
    )
    expect(await overview.getByTestId('overview-response').textContent()).toContain(
      'Gereageerd: 1 van 2 lidorganisaties (50%)',
    )

    // The passage with most resistance comes first: 1, where Zwolle set a condition.
    const editor = overview.getByTestId('response-editor').first()
    await editor.locator('summary').click()
    await editor.getByRole('textbox').fill('De VNG neemt de voorwaarde over.')
    await editor.getByRole('button', { name: 'Reactie opslaan' }).click()
    await expect
      .poll(() => editor.getByRole('status').textContent())
      .toBe('De reactie is opgeslagen.')

    const md = await (
      await fetch(`${server.url}${P1}/rounds/${round.id}/reactienota?format=md`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).text()
    const p1 = md.slice(md.indexOf('### Passage 1'), md.indexOf('#### Standpunten'))
    expect(p1).toContain('#### Reactie VNG\n\nDe VNG neemt de voorwaarde over.')
    expect(md).toContain('- Gemeente Deventer (Overijssel)')
    await eva.context.close()
  })
})
