import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { formatShortDateTime } from '../../shared/dates.ts'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { selectText } from './selectText.ts'
import { popover, struck, threePeople } from './suggestionPeople.ts'
import { editorOf, WITHIN_A_SECOND, withEditorAndBrowser } from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('who made a suggestion and when, on hover and on focus', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[C2][C6] pointing at a suggestion shows a tooltip with organisation, time and change; Escape and moving away close it; reaching it with the keyboard shows and says the same', async () => {
    const { writer, member, close, threads } = await threePeople(server, browser, 'voorstel-1')
    await selectText(member.page, 'scherpere')
    await member.page.keyboard.type('duidelijke')
    await expect.poll(() => struck(writer.page), WITHIN_A_SECOND).toBe('scherpere')
    await expect.poll(async () => (await threads())[0]?.replacement).toBe('duidelijke')
    const [thread] = await threads()
    const when = formatShortDateTime(thread!.createdAt)
    const who = `Gemeente Zwolle, ${when}`
    const change = '‘duidelijke’ in plaats van ‘scherpere’'
    const tooltip = writer.page.getByRole('tooltip')

    for (const mark of ['del.suggestion-del', 'ins.suggestion-ins']) {
      await editorOf(writer.page).locator(mark).hover()
      await expect.poll(() => tooltip.textContent()).toBe(`${who}${change}`)
      // Away from the text: the tooltip goes.
      await writer.page.getByRole('heading', { level: 1 }).hover()
      await expect.poll(() => tooltip.count()).toBe(0)
    }
    await editorOf(writer.page).locator('del.suggestion-del').hover()
    await expect.poll(() => tooltip.count()).toBe(1)
    await writer.page.keyboard.press('Escape')
    await expect.poll(() => tooltip.count()).toBe(0)

    // The keyboard reaches the same words: the caret on the suggestion.
    await editorOf(writer.page).focus()
    await writer.page.keyboard.press('Control+Home')
    await writer.page.keyboard.press('Alt+ArrowDown')
    await expect
      .poll(() => writer.page.getByTestId('comments-announcer').textContent())
      .toContain(`Voorstel van Gemeente Zwolle: ${change}.`)
    await expect
      .poll(() => popover(writer.page).textContent())
      .toContain(`(Gemeente Zwolle), ${when}`)
    expect(await popover(writer.page).textContent()).toContain(change)
    await close()
  })
})
