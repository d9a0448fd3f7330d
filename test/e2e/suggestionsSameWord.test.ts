/** Two members propose something else for the same word: each can be reached and decided at that word. */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { selectText } from './selectText.ts'
import { inserted, popover, SECOND, TEXT, threePeople } from './suggestionPeople.ts'
import {
  editorOf,
  openProposal,
  signIn,
  storedText,
  WITHIN_A_SECOND,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

describe.skipIf(skip)('two suggestions on one word', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  async function suggest(page: Page, word: string, by: string, sent: () => Promise<string[]>) {
    await selectText(page, word)
    await page.keyboard.type(by)
    await expect.poll(sent).toContain(by)
  }

  it('[C5][C6] the popover at the word offers the other one too; the editor takes over the one chosen and the other stays open', async () => {
    const proposalId = 'voorstel-5'
    const { editor, member, close, threads } = await threePeople(server, browser, proposalId)
    const ede = await server.invite({
      name: `Eef ${proposalId}`,
      role: 'reviewer',
      proposals: [proposalId],
      organisation: 'Gemeente Ede',
    })
    const other = await signIn(browser, ede.url)
    await openProposal(other.page, server.url, proposalId)
    await waitOnline(other.page)
    const replacements = async () => (await threads()).map((t) => t.replacement)
    await suggest(member.page, 'scherpere', 'duidelijke', replacements)
    await suggest(other.page, 'scherpere', 'andere', replacements)
    await expect
      .poll(() => inserted(editor.page), WITHIN_A_SECOND)
      .toMatch(/^(duidelijke\|andere|andere\|duidelijke)$/)

    // The caret in the word: one popover, which names the other suggestion there.
    await editorOf(editor.page).locator('del.suggestion-del').first().click()
    const here = popover(editor.page).getByTestId('suggestions-here-too')
    await expect.poll(() => here.textContent()).toContain('Op deze plek staat nog een voorstel')
    const first = (await popover(editor.page).textContent()) ?? ''
    const [shown, otherName] = first.includes('Voorstel van Gemeente Ede')
      ? ['Gemeente Ede', 'Gemeente Zwolle']
      : ['Gemeente Zwolle', 'Gemeente Ede']
    await here
      .getByRole('button', { name: new RegExp(`^Toon het voorstel van .*${otherName}`) })
      .click()
    await expect
      .poll(() => popover(editor.page).locator('.suggestion-popover__who').textContent())
      .toContain(otherName)
    expect(await here.textContent()).toMatch(new RegExp(`Toon het voorstel van .*${shown}`))
    // The focus stays in the popover, for whoever works with the keyboard.
    expect(
      await editor.page.evaluate(
        () => document.activeElement?.closest('[data-testid="suggestion-popover"]') !== null,
      ),
    ).toBe(true)

    // Taking over the one chosen: Ede's word if Ede is shown now, else Zwolle's.
    const word = otherName === 'Gemeente Ede' ? 'andere' : 'duidelijke'
    await popover(editor.page).getByRole('button', { name: 'Overnemen', exact: true }).click()
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposalId))
      .toBe(`${TEXT.replace('scherpere', word)}\n${SECOND}`)
    const open = (await threads()).filter((t) => t.status === 'open').map((t) => t.createdBy.name)
    expect(open).toEqual([
      otherName === 'Gemeente Ede' ? `Mila ${proposalId}` : `Eef ${proposalId}`,
    ])
    await other.context.close()
    await close()
  })
})
