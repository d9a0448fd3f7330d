import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { selectText } from './selectText.ts'
import { inserted, popover, SECOND, struck, TEXT, threePeople } from './suggestionPeople.ts'
import {
  editorOf,
  editorText,
  storedText,
  WITHIN_A_SECOND,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('suggestions while others write and while offline', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[C3][C6] a writer types right before and right after a suggestion’s text: it stays on its word, and taking it over lands there', async () => {
    const proposalId = 'voorstel-1'
    const { editor, writer, member, close, threads } = await threePeople(
      server,
      browser,
      proposalId,
    )
    await selectText(member.page, 'scherpere')
    await member.page.keyboard.type('duidelijke')
    await expect.poll(async () => (await threads())[0]?.replacement).toBe('duidelijke')
    await expect.poll(() => struck(writer.page), WITHIN_A_SECOND).toBe('scherpere')

    // Right before the struck word, then right after it (after the inserted word too).
    await selectText(writer.page, 'scherpere')
    await writer.page.keyboard.press('ArrowLeft')
    await writer.page.keyboard.type('veel ')
    await selectText(writer.page, 'scherpere')
    await writer.page.keyboard.press('ArrowRight')
    await writer.page.keyboard.type(', nieuwe')
    const written = TEXT.replace('scherpere', 'veel scherpere, nieuwe')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposalId))
      .toBe(`${written}\n${SECOND}`)

    // The suggestion is still on its word only, for everyone, and its quote is unchanged.
    for (const page of [editor.page, member.page]) {
      await expect.poll(() => struck(page), WITHIN_A_SECOND).toBe('scherpere')
      await expect.poll(() => inserted(page), WITHIN_A_SECOND).toBe('duidelijke')
    }
    expect((await threads()).map((t) => [t.quote, t.replacement])).toEqual([
      ['scherpere', 'duidelijke'],
    ])

    // The struck word may be drawn in parts (another person's caret or selection splits it).
    await editorOf(editor.page).locator('del.suggestion-del').first().click()
    await popover(editor.page).getByRole('button', { name: 'Overnemen', exact: true }).click()
    const accepted = TEXT.replace('scherpere', 'veel duidelijke, nieuwe')
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposalId))
      .toBe(`${accepted}\n${SECOND}`)
    await expect.poll(() => editorText(writer.page), WITHIN_A_SECOND).toBe(`${accepted}\n${SECOND}`)
    await close()
  })

  it('[C2][P5] a suggestion made offline is kept and said to be waiting, and reaches the others when the connection returns', async () => {
    const proposalId = 'voorstel-2'
    const { writer, member, close, threads } = await threePeople(server, browser, proposalId)
    await member.context.setOffline(true)
    await selectText(member.page, 'scherpere')
    await member.page.keyboard.type('duidelijke')

    const status = member.page.getByTestId('suggestion-status')
    await expect
      .poll(() => status.textContent())
      .toBe('Uw voorstel wordt verstuurd zodra er weer verbinding is.')
    // Shown to the member as typed, not on the server yet.
    expect(await inserted(member.page)).toBe('duidelijke')
    expect(await threads()).toEqual([])

    await member.context.setOffline(false)
    await expect
      .poll(async () => (await threads()).map((t) => [t.quote, t.replacement]))
      .toEqual([['scherpere', 'duidelijke']])
    await expect.poll(() => inserted(writer.page), WITHIN_A_SECOND).toBe('duidelijke')
    await expect.poll(() => status.textContent()).toBe('')
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(`${TEXT}\n${SECOND}`)
    await close()
  })
})
