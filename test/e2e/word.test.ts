import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import { startHeadlessEditor } from '../helpers/headlessEditor.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { editorOf, openAs, pasteHtml, typeAtEnd, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

/** Word's clipboard HTML of a policy note (see test/fixtures/word/README.md). */
const WORD_CLIPBOARD = readFileSync(
  new URL('../fixtures/word/word-clipboard.html', import.meta.url),
  'utf8',
)

interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  text?: string
  marks?: Array<{ type: string }>
  content?: PmNode[]
}

/** The name of the element that has the focus. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    return element?.getAttribute('aria-label') ?? element?.textContent ?? ''
  })

/** From the text: `key` into the toolbar, then arrow keys to the button called `name`. */
async function toolbarButton(page: Page, name: string, key = 'Shift+Tab'): Promise<void> {
  await page.keyboard.press(key)
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('[role=toolbar]') !== null))
    .toBe(true)
  for (let i = 0; i < 40 && (await focusedName(page)) !== name; i++) {
    await page.keyboard.press('ArrowRight')
  }
  expect(await focusedName(page)).toBe(name)
}

describe.skipIf(skip)('tables and footnotes in the editor', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((both) => ({ server, browser } = both))
  const started = () => ({ server, browser })

  const stored = async (proposalId: string) =>
    (await server.api<{ doc: PmNode; text: string }>(`/api/proposals/${proposalId}/content`)).body

  it('[W1][B1] a writer inserts a table with the keyboard, types in a cell and adds a row', async () => {
    const { page, context } = await openAs(
      started(),
      { name: 'Tess Tabel', role: 'writer' },
      'voorstel-2',
    )
    await typeAtEnd(page, 'Wie doet wat')
    await page.keyboard.press('Enter')
    await toolbarButton(page, 'Tabel invoegen')
    await page.keyboard.press('Enter')
    await expect.poll(() => editorOf(page).locator('table tr').count()).toBe(3)
    await page.keyboard.type('Partij')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Rol')
    // In a table Tab and Shift+Tab go from cell to cell; Alt+F10 goes to the toolbar.
    await toolbarButton(page, 'Rij toevoegen', 'Alt+F10')
    await page.keyboard.press('Enter')
    await expect.poll(() => editorOf(page).locator('table tr').count()).toBe(4)
    await expect.poll(async () => (await stored('voorstel-2')).text).toContain('Partij\nRol')
    // R3: the table goes on with the text's numbers; a row's cells share one line of the gutter.
    const lines = page.getByTestId('passage-gutter').locator('.passage-gutter__line')
    await expect
      .poll(async () => lines.evaluateAll((all) => all.map((line) => line.textContent)))
      .toEqual(['1', '23'])
    const stored2 = await stored('voorstel-2')
    const table = stored2.doc.content!.find((node) => node.type === 'table')!
    expect(table.content).toHaveLength(4)
    expect(table.content![0]!.content!.map((cell) => cell.type)).toEqual([
      'tableHeader',
      'tableHeader',
      'tableHeader',
    ])
    await context.close()
  })

  it('[W1] a writer adds a footnote with Ctrl+Alt+F, types its text below the text, makes a word bold from the toolbar and goes back with Escape', async () => {
    const { page, context } = await openAs(
      started(),
      { name: 'Vera Voet', role: 'writer' },
      'voorstel-3',
    )
    await typeAtEnd(page, 'Gemeenten nemen het voortouw')
    await page.keyboard.press('Control+Alt+f')
    await expect.poll(() => focusedName(page)).toBe('Voetnoot 1')
    await page.keyboard.type('Zie de brief.')
    // The toolbar works on the footnote's selection, and gives the focus back to it.
    await page.keyboard.press('ArrowLeft')
    for (let i = 0; i < 'brief'.length; i++) await page.keyboard.press('Shift+ArrowLeft')
    await toolbarButton(page, 'Vet', 'Alt+F10')
    await page.keyboard.press('Enter')
    await expect.poll(() => focusedName(page)).toBe('Voetnoot 1')
    await page.keyboard.press('End')
    await page.keyboard.press('Escape')
    await page.keyboard.type(' bij de transities.')
    await expect
      .poll(async () => (await stored('voorstel-3')).text)
      .toBe('Gemeenten nemen het voortouw[1] bij de transities.\n[1] Zie de brief.')
    const note = (await stored('voorstel-3')).doc.content![0]!.content![1]!
    expect(note).toMatchObject({
      type: 'footnote',
      content: [
        { type: 'text', text: 'Zie de ' },
        { type: 'text', text: 'brief', marks: [{ type: 'bold' }] },
        { type: 'text', text: '.' },
      ],
    })
    await context.close()
  })

  it('[W1] pasting a note from Word keeps its table and footnotes, lists without doubled bullets, and says what was left out', async () => {
    // CSP bypassed for this browser only, so axe-core can be added to the page.
    const { page, context } = await openAs(
      started(),
      { name: 'Pim Plak', role: 'writer' },
      'voorstel-4',
      {
        bypassCSP: true,
      },
    )
    await pasteHtml(page, WORD_CLIPBOARD, 'Omkering in de praktijk')
    await expect.poll(() => editorOf(page).locator('table tr').count()).toBe(3)
    expect(await editorOf(page).locator('th').allTextContents()).toEqual(['Partij', 'Rol'])
    expect(await page.getByTestId('footnotes').locator('li').allTextContents()).toEqual([
      'Zie de ledenbrief van 2022.↑',
      'Volgens de Gemeentewet.↑',
    ])
    expect(await editorOf(page).locator('ul > li').allTextContents()).toEqual([
      'EnergieWarmtenetten',
      'Warmtenetten',
      'Wonen',
    ])
    expect(await page.getByTestId('paste-notice').textContent()).toBe(
      'Plakken: 1 opmerking, 2 bijgehouden wijzigingen, 1 tekstvak en 1 afbeelding zijn niet overgenomen. ' +
        'De tekst staat erin zoals na het aanvaarden van alle wijzigingen. ' +
        'De tekst uit een tekstvak staat als gewone alinea in het voorstel. Sluiten',
    )
    await expect
      .poll(async () => (await stored('voorstel-4')).text)
      .toContain('Regie[2]\nen uitvoering\nSamen met het Rijk')
    const { text } = await stored('voorstel-4')
    expect(text).toContain('[1] Zie de ledenbrief van 2022.\n[2] Volgens de Gemeentewet.')
    expect(text).not.toMatch(/·|Klopt dit jaartal|oude woorden/)
    // The table, the footnotes' editors and the notice pass axe.
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('[C2][C3][W1] a reviewer selects words in a footnote and comments on them; the highlight shows in the footnote', async () => {
    const writer = startHeadlessEditor({
      wsUrl: server.wsUrl,
      proposalId: 'voorstel-6',
      token: server.adminToken,
    })
    await writer.synced()
    writer.editor.commands.setContent({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Gemeenten nemen het voortouw' },
            { type: 'footnote', content: [{ type: 'text', text: 'Zie de ledenbrief van 2022.' }] },
            { type: 'text', text: ' bij de transities.' },
          ],
        },
      ],
    })
    const { page, context } = await openAs(
      started(),
      { name: 'Rik Lees', role: 'reviewer' },
      'voorstel-6',
    )
    const note = page.getByTestId('footnotes').locator('.footnotes__text')
    await expect.poll(() => note.textContent()).toBe('Zie de ledenbrief van 2022.')
    // Selectable as the member's text is, and read-only: typing in it changes nothing.
    expect(await note.getAttribute('aria-readonly')).toBe('true')
    await note.click()
    await page.keyboard.type('xyz')
    await page.keyboard.press('Backspace')
    expect(await note.textContent()).toBe('Zie de ledenbrief van 2022.')

    // Select "ledenbrief" in the footnote, as a mouse drag would; the main editor follows.
    await note.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      const node = walker.nextNode() as Text
      const at = node.data.indexOf('ledenbrief')
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + 'ledenbrief'.length)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
    })
    await page.waitForFunction(() => {
      const dom = document.querySelector('[data-testid="editor"]') as unknown as {
        editor?: {
          state: {
            selection: { from: number; to: number }
            doc: { textBetween(a: number, b: number): string }
          }
        }
      }
      const state = dom?.editor?.state
      return state
        ? state.doc.textBetween(state.selection.from, state.selection.to) === 'ledenbrief'
        : false
    })
    await page.getByRole('button', { name: 'Reageer', exact: true }).click()
    await page.getByTestId('comments-panel').getByLabel('Uw reactie').fill('Welke brief precies?')
    await page.getByRole('button', { name: 'Reactie plaatsen' }).click()

    await expect
      .poll(() => note.locator('[data-thread-ids]').allTextContents())
      .toEqual(['ledenbrief'])
    const threads = await server.api<Array<{ quote: string; anchored: boolean; blockId: string }>>(
      '/api/proposals/voorstel-6/threads',
    )
    const { doc } = await stored('voorstel-6')
    expect(threads.body).toEqual([
      expect.objectContaining({
        quote: 'ledenbrief',
        anchored: true,
        blockId: doc.content![0]!.attrs!.blockId,
      }),
    ])
    writer.destroy()
    await context.close()
  })
})
