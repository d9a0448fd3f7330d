import { readFile } from 'node:fs/promises'
import mammoth from 'mammoth'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { adminEditor, openRound, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { openProposal, signIn, waitOnline, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()
const LINES = ['Omkering', 'Gemeenten nemen het voortouw.', 'Regio’s verschillen sterk.']
const REASON = 'Mits de provincie meebetaalt aan de uitvoering.'

/** The bar beside a passage, found by what it says to screen readers. */
const bar = (page: Page, number: string) =>
  page.getByRole('button', { name: new RegExp(`^Passage ${number.replace('.', '\\.')}:`) })

describe.skipIf(skip)('consultation rounds in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[R3][R4][E1][R7] a member of Gemeente Zwolle gives "akkoord, mits"; the editor sees bar and reason change live and downloads the memorandum', async () => {
    const writer = await adminEditor(server)
    writer.editor.commands.insertContent(`<h1>${LINES[0]}</h1><p>${LINES[1]}</p><p>${LINES[2]}</p>`)
    await serverBlocks(server, LINES)
    writer.destroy()
    await openRound(server, await saveVersion(server, 'Consultatieversie'))
    const eva = await server.invite({
      name: 'Eva Redactie',
      role: 'editor',
      proposals: '*',
      organisation: 'VNG',
    })
    const zoe = await server.invite({
      name: 'Zoë Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })

    // CSP bypassed for the editor only, so axe-core can be added to the page.
    const editor = await signIn(browser, eva.url, { bypassCSP: true })
    await openProposal(editor.page, server.url, 'voorstel-1')
    await waitOnline(editor.page)
    // R3: numbers beside the text follow the heading.
    await expect
      .poll(() => editor.page.getByTestId('passage-number').allTextContents())
      .toEqual(['1', '1.1', '1.2'])
    await bar(editor.page, '1.1').click()
    const detail = editor.page.getByTestId('passage-detail')
    await expect.poll(() => detail.textContent()).toContain('Nog geen standpunten')

    const member = await signIn(browser, zoe.url)
    await openProposal(member.page, server.url, 'voorstel-1')
    await waitOnline(member.page)
    await bar(member.page, '1.1').click()
    const form = member.page.getByTestId('position-form')
    await form.getByLabel('Akkoord, mits').check()
    await form.getByRole('button', { name: 'Standpunt opslaan' }).click()
    // The condition is asked for before anything is sent.
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('voorwaarde')
    await form.getByLabel('Toelichting').fill(REASON)
    await form.getByRole('button', { name: 'Standpunt opslaan' }).click()
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Het standpunt is opgeslagen.')

    // The editor's page, not reloaded: the bar, its counts and the reason follow (E1).
    await expect
      .poll(() => bar(editor.page, '1.1').textContent())
      .toContain('0 akkoord, 1 akkoord mits, 0 niet akkoord, 0 onthouding')
    const mits = bar(editor.page, '1.1').locator('rect[data-position="akkoord-mits"]')
    expect(Number(await mits.getAttribute('width'))).toBeGreaterThan(0)
    await expect.poll(() => detail.getByTestId('position-list').textContent()).toContain(REASON)
    expect(await detail.getByTestId('position-list').textContent()).toContain(
      'Gemeente Zwolle (Overijssel): Akkoord, mits',
    )
    await expect
      .poll(() => editor.page.getByTestId('round-response').textContent())
      .toContain('1 van')

    // The overview, and no serious accessibility problems with panel and overview open.
    await editor.page.getByRole('button', { name: 'Overzicht bekijken' }).click()
    const overview = editor.page.getByTestId('round-overview')
    await expect
      .poll(() => overview.getByTestId('province-table').textContent())
      .toContain('Overijssel')
    expect(await seriousViolations(editor.page)).toEqual([])
    await overview.getByRole('button', { name: 'Terug naar de tekst' }).click()

    const downloading = editor.page.waitForEvent('download')
    await editor.page.getByTestId('memorandum-docx').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(
      /^Reactienota Voorstel 1 - Consultatie 1 - \d{4}-\d{2}-\d{2}\.docx$/,
    )
    const buffer = await readFile((await download.path())!)
    const { value: html } = await mammoth.convertToHtml({ buffer })
    expect(html).toContain('<h2>Passage 1.1</h2>')
    expect(html).toContain('<table>')
    expect(html).toContain('<strong>Gemeente Zwolle</strong> (Overijssel): Mits de provincie')

    await member.context.close()
    await editor.context.close()
  })
})
