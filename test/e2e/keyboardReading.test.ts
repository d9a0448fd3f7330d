import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { adminEditor, openRound, P1, saveVersion, serverBlocks } from '../helpers/rounds.ts'
import type { TestServer } from '../helpers/server.ts'
import { focusBy, focusedName, focusedText, focusIsIn } from './keys.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  storedText,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()
const FIRST = 'Gemeenten nemen het voortouw in de grote transities.'
/** A text of 200 passages: a heading, the sentence above, and 198 more. */
const LINES = [
  'Omkering',
  FIRST,
  ...Array.from({ length: 198 }, (_, i) => `Alinea ${i + 3} over wat gemeenten samen doen.`),
]
const REASON = 'Mits de regio meebeslist.'

interface ThreadLike {
  quote: string
  anchored: boolean
  comments: { body: string }[]
}

const isInText = (page: Page) => focusIsIn(page, '[data-testid="editor"]')

describe.skipIf(skip)('a member reads, reacts and gives a position with the keyboard only', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[WCAG][C2][R4] a member tabs into the read-only text, selects two words, reacts on them and gives a position; the side panel is fewer than 30 Tab stops away in 200 passages', async () => {
    const writer = await adminEditor(server)
    writer.editor.commands.insertContent(
      `<h1>${LINES[0]}</h1>${LINES.slice(1)
        .map((line) => `<p>${line}</p>`)
        .join('')}`,
    )
    const blocks = await serverBlocks(server, LINES)
    writer.destroy()
    const round = await openRound(server, await saveVersion(server, 'Consultatieversie'))
    const zoe = await server.invite({
      name: 'Zoë Lid',
      role: 'reviewer',
      proposals: ['voorstel-1'],
      organisation: 'Gemeente Zwolle',
      province: 'Overijssel',
    })
    const { page, context } = await signIn(browser, zoe.url)
    await openProposal(page, server.url, 'voorstel-1')
    await waitOnline(page)
    await expect.poll(() => page.getByTestId('position-bar').count()).toBe(200)

    // From the top of the page to the reactions column: the 200 bars are one stop.
    const tabs = await focusBy(page, 'Tab', () => focusIsIn(page, '[data-testid="comments-panel"]'))
    expect(tabs).toBeLessThan(30)
    expect(await page.locator('[data-testid="position-bar"][tabindex="0"]').count()).toBe(1)
    // The skip link before the text goes there at once.
    await focusBy(page, 'Shift+Tab', async () => (await focusedText(page)) === 'Naar de reacties')
    await page.keyboard.press('Enter')
    expect(await focusedText(page)).toBe('Reacties')
    expect(page.url()).toContain('#/voorstel/voorstel-1')

    // Back into the text. It is read-only as text: typing and deleting make one suggestion
    // (shown beside the text), and the text itself does not change.
    await focusBy(page, 'Shift+Tab', () => isInText(page))
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('true')
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Tekst van een lid')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Delete')
    const suggestions = async () =>
      (await server.api<ThreadLike[]>(`${P1}/threads`)).body.filter((t) => t.quote !== 'nemen het')
    await expect.poll(async () => (await suggestions()).length).toBe(1)
    expect(await storedText(server.url, server.adminToken, 'voorstel-1')).toBe(LINES.join('\n'))
    // Undo takes the suggestion back, for everyone.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z')
    await expect.poll(async () => (await suggestions()).length).toBe(0)
    expect((await editorText(page)).split('\n').slice(0, 2)).toEqual(LINES.slice(0, 2))
    // Nothing of the member's reached the text through Yjs, so the server had nothing to refuse.
    expect(await page.getByTestId('refusal').count()).toBe(0)
    await waitOnline(page)

    // Two words selected with Shift+arrows: "nemen het" in the second passage.
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('ArrowDown')
    for (let i = 0; i < 'Gemeenten '.length; i++) await page.keyboard.press('ArrowRight')
    for (let i = 0; i < 'nemen het'.length; i++) await page.keyboard.press('Shift+ArrowRight')
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('nemen het')

    // Back to "Reageer" and react; the form takes the focus, the selection is its quote.
    await focusBy(page, 'Shift+Tab', async () => (await focusedText(page)) === 'Reageer')
    await page.keyboard.press('Enter')
    expect(await focusedName(page)).toBe('Uw reactie')
    await page.keyboard.type('Wie neemt het voortouw precies?')
    await focusBy(page, 'Tab', async () => (await focusedText(page)) === 'Reactie plaatsen')
    await page.keyboard.press('Enter')
    const threads = async () => (await server.api<ThreadLike[]>(`${P1}/threads`)).body
    const comments = async () => (await threads()).filter((t) => t.quote === 'nemen het')
    await expect.poll(async () => (await comments()).length).toBe(1)
    const [thread] = await comments()
    expect(thread).toMatchObject({ quote: 'nemen het', anchored: true })
    expect(thread?.comments[0]?.body).toBe('Wie neemt het voortouw precies?')
    await expect
      .poll(() => editorOf(page).locator('.comment-anchor').allTextContents())
      .toEqual(['nemen het'])

    // The bars: one Tab from the text, then arrows to passage 1.1 and Enter.
    await focusBy(page, 'Shift+Tab', () => isInText(page))
    await page.keyboard.press('Tab')
    expect(await focusIsIn(page, '[data-testid="passage-gutter"]')).toBe(true)
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Passage 1.1:')
    await page.keyboard.press('Enter')
    expect(await focusedText(page)).toBe('Passage 1.1')
    await focusBy(page, 'Tab', async () => (await focusedName(page)) === 'Akkoord')
    await page.keyboard.press('ArrowDown')
    expect(await focusedName(page)).toBe('Akkoord, mits')
    await page.keyboard.press('Tab')
    expect(await focusedName(page)).toBe('Toelichting')
    await page.keyboard.type(REASON)
    await focusBy(page, 'Tab', async () => (await focusedText(page)) === 'Standpunt opslaan')
    await page.keyboard.press('Enter')
    const form = page.getByTestId('position-form')
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Het standpunt is opgeslagen.')
    const positions = await server.api<{ current: Record<string, unknown>[] }>(
      `${P1}/rounds/${round.id}/positions/${blocks[1]!.blockId}`,
    )
    expect(positions.body.current).toMatchObject([
      { organisation: 'Gemeente Zwolle', position: 'akkoord-mits', reason: REASON },
    ])

    // Nothing the member typed reached the server, nor was refused by it.
    expect(await storedText(server.url, server.adminToken, 'voorstel-1')).toBe(LINES.join('\n'))
    expect(await page.getByTestId('refusal').count()).toBe(0)
    await context.close()
  })

  it('[WCAG][A3] the same keys in a writer’s text do write: the path above can deliver', async () => {
    const writer = await server.invite({ name: 'Wim Werkgroep', role: 'writer', proposals: '*' })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-2')
    await waitOnline(page)
    await focusBy(page, 'Tab', () => isInText(page))
    expect(await editorOf(page).getAttribute('aria-readonly')).toBe('false')
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Tekst van de werkgroep')
    await expect
      .poll(() => storedText(server.url, server.adminToken, 'voorstel-2'))
      .toBe('Tekst van de werkgroep')
    await context.close()
  })
})
