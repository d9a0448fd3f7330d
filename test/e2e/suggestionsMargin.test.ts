import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { selectText } from './selectText.ts'
import { threePeople } from './suggestionPeople.ts'
import { editorOf, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()
/** Enough passages that the last one is far below the first screen. */
const FILLER = Array.from(
  { length: 14 },
  (_, i) =>
    `Passage ${i + 3} beschrijft hoe gemeenten samen optrekken in de regio en waarom dat telt.`,
)
const LAST = 'Tot slot vraagt dit een duidelijk slotwoord van alle partijen.'

/** The top of a card and of the passage holding `text`, as the person sees them now. */
async function tops(page: Page, threadId: string, text: string) {
  return page.evaluate(
    ([id, wanted]) => {
      const card = document.querySelector(`.margin-card[data-thread-id="${id}"]`)!
      const passage = Array.from(document.querySelectorAll('[data-testid="editor"] p')).find((p) =>
        p.textContent?.includes(wanted!),
      )!
      const box = card.getBoundingClientRect()
      return { card: box.top, bottom: box.bottom, passage: passage.getBoundingClientRect().top }
    },
    [threadId, text],
  )
}

describe.skipIf(skip)('reactions beside their passage', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[C7] on a wide screen each card stands beside its passage, follows it while scrolling and does not cover the one above; at 320 px the list is the view and axe finds nothing serious', async () => {
    const { editor, member, close, threads } = await threePeople(server, browser, 'voorstel-1', [
      ...FILLER,
      LAST,
    ])
    await editor.page.setViewportSize({ width: 1440, height: 800 })
    for (const [word, by] of [
      ['scherpere', 'duidelijke'],
      ['koers', 'richting'],
      ['slotwoord', 'eindwoord'],
    ] as const) {
      await selectText(member.page, word)
      await member.page.keyboard.type(by)
      await expect.poll(async () => (await threads()).map((t) => t.replacement)).toContain(by)
    }
    const idOf = async (replacement: string) =>
      (await threads()).find((t) => t.replacement === replacement)!.id
    const last = await idOf('eindwoord')
    const cards = editor.page.locator('.margin-card')
    await expect.poll(() => cards.count()).toBe(3)

    // The last passage scrolled into view: its card stands beside it.
    await editorOf(editor.page)
      .locator('p', { hasText: 'slotwoord' })
      .evaluate((p) => p.scrollIntoView({ block: 'center' }))
    await expect
      .poll(async () => {
        const at = await tops(editor.page, last, 'slotwoord')
        return Math.abs(at.card - at.passage) <= 40 && at.card > 0 && at.card < 800
      })
      .toBe(true)
    // Scrolled further: the card moves with its passage.
    await editor.page.mouse.wheel(0, -250)
    await expect
      .poll(async () => {
        const at = await tops(editor.page, last, 'slotwoord')
        return Math.abs(at.card - at.passage) <= 40
      })
      .toBe(true)

    // Two suggestions on one line: the second card is pushed below the first.
    const first = await tops(editor.page, await idOf('duidelijke'), 'scherpere')
    const second = await tops(editor.page, await idOf('richting'), 'koers')
    expect(Math.abs(first.card - first.passage)).toBeLessThanOrEqual(40)
    expect(second.card).toBeGreaterThanOrEqual(first.bottom)

    // A small screen: no margin, the list of reactions is there, nothing serious for axe.
    await editor.page.setViewportSize({ width: 320, height: 700 })
    await expect.poll(() => editor.page.locator('.margin-cards').isVisible()).toBe(false)
    const list = editor.page.getByTestId('comments-panel').getByTestId('thread')
    await expect.poll(() => list.count()).toBe(3)
    expect(await list.first().isVisible()).toBe(true)
    expect(await seriousViolations(editor.page)).toEqual([])
    await close()
  })
})
