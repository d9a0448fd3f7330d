import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import {
  adminEditor,
  type Block,
  openRound,
  P1,
  saveVersion,
  serverBlocks,
} from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { openProposal, signIn, waitOnline, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()
const LINES = ['Omkering', 'Gemeenten nemen het voortouw.', 'Regio’s verschillen sterk.']
const REASON = 'Mits de grensregio wordt genoemd.'

/** The bar beside a passage, found by what it says to screen readers. */
const bar = (page: Page, number: string) =>
  page.getByRole('button', { name: new RegExp(`^Passage ${number.replace('.', '\\.')}:`) })

interface Positions {
  current: Array<{
    organisation: string
    position: string
    reason: string | null
    person: { name: string }
  }>
  history: Array<{ position: string; reason: string | null; person: { name: string } }>
}

/** Opens a passage's detail and waits until its form shows what the server holds. */
async function openPassage(page: Page, number: string) {
  await bar(page, number).click()
  const detail = page.getByTestId('passage-detail')
  await expect
    .poll(() => detail.getByRole('heading', { level: 3 }).textContent())
    .toBe(`Passage ${number}`)
  const form = detail.getByTestId('position-form')
  await form.waitFor()
  return { detail, form }
}

async function save(page: Page) {
  const form = page.getByTestId('position-form')
  await form.getByRole('button', { name: 'Standpunt opslaan' }).click()
  await expect
    .poll(() => form.getByRole('status').textContent())
    .toBe('Het standpunt is opgeslagen.')
}

describe.skipIf(skip)('positions in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** Three passages in a round; returns the passages and the round's id. */
  async function roundOnThreePassages(): Promise<{ blocks: Block[]; roundId: string }> {
    const writer = await adminEditor(server)
    writer.editor.commands.setContent(`<h1>${LINES[0]}</h1><p>${LINES[1]}</p><p>${LINES[2]}</p>`)
    const blocks = await serverBlocks(server, LINES)
    writer.destroy()
    const rounds = await server.api<Array<{ id: string; open: boolean }>>(`${P1}/rounds`)
    for (const round of rounds.body.filter((r) => r.open)) {
      await server.api(`${P1}/rounds/${round.id}/close`, { method: 'POST' })
    }
    const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
    return { blocks, roundId: round.id }
  }

  it('[R4][R7] a member answers two passages in a row with different positions: each holds exactly what was chosen for it', async () => {
    const { blocks, roundId } = await roundOnThreePassages()
    const [, lead, regions] = blocks as [Block, Block, Block]
    const maastricht = await server.invite({
      name: 'Mila Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Maastricht',
      province: 'Limburg',
    })
    const member = await signIn(browser, maastricht.url)
    const { page } = member
    await openProposal(page, server.url, 'voorstel-1')
    await waitOnline(page)

    const first = await openPassage(page, '1.1')
    await first.form.getByLabel('Akkoord, mits').check()
    await first.form.getByLabel('Toelichting').fill(REASON)
    await save(page)

    // The next passage starts empty: nothing of 1.1 is carried over.
    const second = await openPassage(page, '1.2')
    expect(await second.form.getByLabel('Akkoord', { exact: true }).isChecked()).toBe(false)
    expect(await second.form.getByLabel('Akkoord, mits').isChecked()).toBe(false)
    expect(await second.form.getByRole('textbox').inputValue()).toBe('')
    await second.form.getByLabel('Akkoord', { exact: true }).check()
    await save(page)

    // Reopening 1.1 shows what Maastricht gave there, and who gave it.
    const again = await openPassage(page, '1.1')
    expect(await again.form.getByLabel('Akkoord, mits').isChecked()).toBe(true)
    expect(await again.form.getByRole('textbox').inputValue()).toBe(REASON)
    expect(await again.form.getByTestId('position-given-by').textContent()).toMatch(
      /^Gegeven door Mila Lid, \d{1,2} \w+ \d{4}$/,
    )

    const of = (blockId: string) =>
      server.api<Positions>(`${P1}/rounds/${roundId}/positions/${blockId}`)
    const onLead = (await of(lead.blockId)).body
    const onRegions = (await of(regions.blockId)).body
    expect(onLead.history.map((p) => [p.position, p.reason, p.person.name])).toEqual([
      ['akkoord-mits', REASON, 'Mila Lid'],
    ])
    expect(onRegions.history.map((p) => [p.position, p.reason, p.person.name])).toEqual([
      ['akkoord', null, 'Mila Lid'],
    ])

    // The memorandum says the reason under 1.1 only.
    const md = await (
      await fetch(`${server.url}${P1}/rounds/${roundId}/reactienota?format=md`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).text()
    const p11 = md.slice(md.indexOf('### Passage 1.1'), md.indexOf('### Passage 1.2'))
    const p12 = md.slice(md.indexOf('### Passage 1.2'))
    expect(p11).toContain(REASON)
    expect(p12).toContain('Gemeente Maastricht')
    expect(p12).not.toContain('grensregio')
    await member.context.close()
  })

  it('[R4][R1][E1] two people of one organisation: the second sees who answered, is asked before replacing, and the history names both', async () => {
    const { blocks, roundId } = await roundOnThreePassages()
    const lead = blocks[1]!
    const zwolle = (name: string) =>
      server.invite({
        ...{ name, role: 'reviewer', proposals: ['voorstel-1'] },
        ...{ organisation: 'Gemeente Zwolle', province: 'Overijssel' },
      })
    const mark = await signIn(browser, (await zwolle('Mark')).url)
    const anna = await signIn(browser, (await zwolle('Anna')).url)
    for (const { page } of [mark, anna]) {
      await openProposal(page, server.url, 'voorstel-1')
      await waitOnline(page)
    }
    // Anna has the passage open before Mark answers: her form follows his answer (E1).
    const hers = await openPassage(anna.page, '1.1')
    const his = await openPassage(mark.page, '1.1')
    await his.form.getByLabel('Akkoord', { exact: true }).check()
    await save(mark.page)
    await expect
      .poll(() => hers.form.getByTestId('position-given-by').textContent())
      .toMatch(/^Gegeven door Mark, /)
    expect(await hers.form.getByLabel('Akkoord', { exact: true }).isChecked()).toBe(true)

    await hers.form.getByLabel('Niet akkoord').check()
    await hers.form.getByLabel('Toelichting').fill('Te weinig geld voor de uitvoering.')
    await hers.form.getByRole('button', { name: 'Standpunt opslaan' }).click()
    const dialog = anna.page.getByRole('dialog')
    await expect
      .poll(() => dialog.getByRole('heading').textContent())
      .toBe('Mark van Gemeente Zwolle gaf al ‘Akkoord’. Vervangen?')
    // Nothing was sent before she answers the question.
    const before = await server.api<{ history: unknown[] }>(
      `${P1}/rounds/${roundId}/positions/${lead.blockId}`,
    )
    expect(before.body.history).toHaveLength(1)
    await dialog.getByRole('button', { name: 'Ja, vervangen' }).click()
    await expect
      .poll(() => hers.form.getByRole('status').textContent())
      .toBe('Het standpunt is opgeslagen.')
    await expect
      .poll(() => hers.form.getByTestId('position-given-by').textContent())
      .toMatch(/^Gegeven door Anna, /)

    const stored = await server.api<Positions>(`${P1}/rounds/${roundId}/positions/${lead.blockId}`)
    expect(stored.body.current.map((p) => [p.organisation, p.position, p.person.name])).toEqual([
      ['Gemeente Zwolle', 'niet-akkoord', 'Anna'],
    ])
    expect(stored.body.history.map((p) => [p.position, p.person.name])).toEqual([
      ['akkoord', 'Mark'],
      ['niet-akkoord', 'Anna'],
    ])
    // Both names in the history as people see it, on Mark's page too (E1).
    for (const { page } of [anna, mark]) {
      const history = page.getByTestId('position-history')
      await history.locator('summary').click()
      await expect.poll(() => history.textContent()).toContain('(Mark)')
      expect(await history.textContent()).toContain('(Anna)')
    }
    await mark.context.close()
    await anna.context.close()
  })
})
