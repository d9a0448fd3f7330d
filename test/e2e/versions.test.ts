import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import {
  editorOf,
  openProposal,
  signIn,
  storedText,
  typeAtEnd,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

/** Selects `text` in the editor through the DOM selection, as a mouse would. */
async function select(page: Page, text: string): Promise<void> {
  await editorOf(page).evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + wanted.length)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      return
    }
    throw new Error(`"${wanted}" is not in the text`)
  }, text)
}

describe.skipIf(skip)('versions and comparison in the browser', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[V1][V3] a writer saves a version and edits; a reviewer sees the insertion underlined and the deletion struck through, with the writer’s name', async () => {
    const anna = await server.invite({
      name: 'Anna Werkgroep',
      role: 'writer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
    })
    const rik = await server.invite({
      name: 'Rik Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Urk',
    })
    const a = await signIn(browser, anna.url)
    await openProposal(a.page, server.url, 'voorstel-1')
    await waitOnline(a.page)
    await typeAtEnd(a.page, 'Gemeenten nemen het voortouw in de grote transities.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-1'))
      .toBe('Gemeenten nemen het voortouw in de grote transities.')

    const panel = a.page.getByTestId('versions-panel')
    await panel.getByRole('button', { name: 'Versie opslaan' }).click()
    await panel.getByLabel('Naam van de versie').fill('Consultatieversie 1')
    await panel.getByRole('button', { name: 'Opslaan', exact: true }).click()
    await expect
      .poll(() => a.page.getByTestId('named-versions').textContent())
      .toContain('Consultatieversie 1')
    expect(await a.page.getByTestId('named-versions').textContent()).toContain('Anna Werkgroep')

    await select(a.page, 'grote ')
    await a.page.keyboard.press('Backspace')
    await typeAtEnd(a.page, ' Samen met de provincie.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-1'))
      .toBe('Gemeenten nemen het voortouw in de transities. Samen met de provincie.')

    // CSP off only so that axe can be injected; the app itself runs as served.
    const r = await signIn(browser, rik.url, { bypassCSP: true })
    const scripts: string[] = []
    r.page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url())
    })
    await openProposal(r.page, server.url, 'voorstel-1')
    await waitOnline(r.page)
    expect(await r.page.getByRole('button', { name: 'Versie opslaan' }).count()).toBe(0)
    // The comparison's code is not loaded until someone opens a comparison.
    expect(scripts.filter((url) => url.includes('CompareView'))).toEqual([])
    await r.page
      .getByTestId('named-versions')
      .getByRole('button', { name: 'Vergelijk met nu: Consultatieversie 1' })
      .click()
    const view = r.page.getByTestId('compare-view')
    await view.waitFor()
    expect(scripts.filter((url) => url.includes('CompareView')).length).toBe(1)
    expect(await view.getByTestId('compare-summary').textContent()).toContain(
      '1 invoeging en 1 verwijdering door 1 auteur',
    )

    const inserted = view.getByTestId('compare-text').locator('ins')
    const deleted = view.getByTestId('compare-text').locator('del')
    expect(await inserted.count()).toBe(1)
    expect(await deleted.count()).toBe(1)
    expect(await inserted.textContent()).toContain(' Samen met de provincie.')
    expect(await inserted.getAttribute('title')).toBe(
      'Ingevoegd door Anna Werkgroep (Gemeente Zwolle)',
    )
    expect(await deleted.textContent()).toContain('grote ')
    expect(await deleted.getAttribute('title')).toBe(
      'Verwijderd door Anna Werkgroep (Gemeente Zwolle)',
    )
    const line = (locator: typeof inserted) =>
      locator.evaluate((element) => getComputedStyle(element).textDecorationLine)
    expect(await line(inserted)).toContain('underline')
    expect(await line(deleted)).toContain('line-through')
    expect(await seriousViolations(r.page)).toEqual([])
    // Kept text is neither.
    expect(await view.getByTestId('compare-text').textContent()).toContain(
      'Gemeenten nemen het voortouw in de ',
    )

    // Step through the changes with the keyboard: focus moves and the change is announced.
    await r.page.keyboard.press('j')
    await expect.poll(() => r.page.evaluate(() => document.activeElement?.tagName)).toBe('DEL')
    await expect
      .poll(() => view.getByTestId('compare-announcer').textContent())
      .toContain('Wijziging 1 van 2: Verwijderd door Anna Werkgroep')
    await r.page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => r.page.evaluate(() => document.activeElement?.tagName)).toBe('INS')
    await expect
      .poll(() => view.getByTestId('compare-announcer').textContent())
      .toContain('Wijziging 2 van 2: Ingevoegd door Anna Werkgroep')

    await r.page.getByRole('button', { name: 'Terug naar de tekst' }).click()
    await expect.poll(() => editorOf(r.page).isVisible()).toBe(true)
    await a.context.close()
    await r.context.close()
  })

  it('[V2] a version opens read-only, exactly as it was saved', async () => {
    const wies = await server.invite({ name: 'Wies', role: 'writer', proposals: ['voorstel-2'] })
    const w = await signIn(browser, wies.url)
    await openProposal(w.page, server.url, 'voorstel-2')
    await waitOnline(w.page)
    await typeAtEnd(w.page, 'De eerste versie van de tekst.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-2'))
      .toBe('De eerste versie van de tekst.')
    const panel = w.page.getByTestId('versions-panel')
    await panel.getByRole('button', { name: 'Versie opslaan' }).click()
    await panel.getByLabel('Naam van de versie').fill('Eerste opzet')
    await w.page.keyboard.press('Enter')
    await expect
      .poll(() => w.page.getByTestId('named-versions').textContent())
      .toContain('Eerste opzet')
    await typeAtEnd(w.page, ' Later toegevoegd.')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-2'))
      .toContain('Later toegevoegd.')

    await w.page.getByRole('button', { name: 'Bekijken: Eerste opzet' }).click()
    const text = w.page.getByTestId('version-text')
    await expect.poll(() => text.textContent()).toBe('De eerste versie van de tekst.')
    expect(await text.locator('[contenteditable="true"]').count()).toBe(0)
    expect(await editorOf(w.page).isVisible()).toBe(false)
    await w.context.close()
  })
})
