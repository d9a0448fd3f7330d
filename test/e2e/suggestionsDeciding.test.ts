import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { selectText } from './selectText.ts'
import { inserted, popover, SECOND, struck, TEXT, threePeople } from './suggestionPeople.ts'
import {
  editorOf,
  openProposal,
  signIn,
  storedText,
  type Visitor,
  WITHIN_A_SECOND,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

/** The passages a person sees, as they read (a passage hidden by the view is not there). */
function visiblePassages(page: Page): Promise<string[]> {
  return editorOf(page).evaluate((element) =>
    Array.from(element.querySelectorAll<HTMLElement>('p'))
      .filter((p) => p.offsetParent !== null)
      .map((p) => {
        const copy = p.cloneNode(true) as HTMLElement
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
        return copy.textContent ?? ''
      }),
  )
}

/** Replaces `word` with `by` as a suggestion, and waits until the server has it. */
async function suggest(page: Page, word: string, by: string, sent: () => Promise<string[]>) {
  await selectText(page, word)
  await page.keyboard.type(by)
  await expect.poll(sent).toContain(by)
}

describe.skipIf(skip)('showing and deciding suggestions', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** A second member, of Gemeente Ede, on the proposal. */
  async function secondMember(proposalId: string): Promise<Visitor> {
    const ede = await server.invite({
      name: `Eef ${proposalId}`,
      role: 'reviewer',
      proposals: [proposalId],
      organisation: 'Gemeente Ede',
    })
    const visitor = await signIn(browser, ede.url)
    await openProposal(visitor.page, server.url, proposalId)
    await waitOnline(visitor.page)
    return visitor
  }

  it('[C6] "Met voorstellen" shows the text with the changes, "Zonder voorstellen" the clean text, "Alleen wijzigingen" only the passages they change', async () => {
    const { editor, member, close, threads } = await threePeople(server, browser, 'voorstel-1')
    const replacements = async () => (await threads()).map((t) => t.replacement)
    await suggest(member.page, 'scherpere', 'duidelijke', replacements)
    const view = (name: string) => editor.page.getByRole('radio', { name }).check()
    const changed = TEXT.replace('scherpere', 'scherpereduidelijke')

    await expect.poll(() => visiblePassages(editor.page)).toEqual([changed, SECOND])
    await view('Zonder voorstellen')
    await expect.poll(() => visiblePassages(editor.page)).toEqual([TEXT, SECOND])
    expect(await inserted(editor.page)).toBe('')
    await view('Alleen wijzigingen')
    await expect.poll(() => visiblePassages(editor.page)).toEqual([changed])
    await view('Met voorstellen')
    await expect.poll(() => visiblePassages(editor.page)).toEqual([changed, SECOND])
    await close()
  })

  it('[C5][C6] taking over all of one person changes the text once per suggestion; the other person’s suggestion stays', async () => {
    const proposalId = 'voorstel-2'
    const { editor, member, close, threads } = await threePeople(server, browser, proposalId)
    const other = await secondMember(proposalId)
    const replacements = async () => (await threads()).map((t) => t.replacement)
    await suggest(member.page, 'scherpere', 'duidelijke', replacements)
    await suggest(member.page, 'sterk', 'flink', replacements)
    await suggest(other.page, 'provincie', 'regio', replacements)
    await expect.poll(() => inserted(editor.page), WITHIN_A_SECOND).toBe('duidelijke|flink|regio')

    await editor.page.getByRole('button', { name: `Alle overnemen van Mila ${proposalId}` }).click()
    await editor.page.getByRole('button', { name: 'Overnemen in de tekst' }).click()

    const expected = `${TEXT.replace('scherpere', 'duidelijke')}\n${SECOND.replace('sterk', 'flink')}`
    await expect.poll(() => storedText(server.url, server.adminToken, proposalId)).toBe(expected)
    const open = (await threads()).filter((t) => t.status === 'open')
    expect(open.map((t) => [t.createdBy.name, t.quote, t.replacement])).toEqual([
      [`Eef ${proposalId}`, 'provincie', 'regio'],
    ])
    // Still in the text, as before, for the editor and the other member.
    for (const page of [editor.page, other.page]) {
      await expect.poll(() => struck(page), WITHIN_A_SECOND).toBe('provincie')
      await expect.poll(() => inserted(page), WITHIN_A_SECOND).toBe('regio')
    }
    await other.context.close()
    await close()
  })

  it('[C5][C6] two people’s suggestions in one passage stand side by side, and each is decided on its own', async () => {
    const proposalId = 'voorstel-3'
    const { editor, member, close, threads } = await threePeople(server, browser, proposalId)
    const other = await secondMember(proposalId)
    const replacements = async () => (await threads()).map((t) => t.replacement)
    await suggest(member.page, 'scherpere', 'duidelijke', replacements)
    await suggest(other.page, 'koers', 'richting', replacements)
    await expect.poll(() => struck(editor.page), WITHIN_A_SECOND).toBe('scherperekoers')
    await expect.poll(() => inserted(editor.page), WITHIN_A_SECOND).toBe('duidelijke|richting')
    // Each in its proposer's colour.
    const colours = await editorOf(editor.page)
      .locator('ins.suggestion-ins')
      .evaluateAll((marks) => marks.map((m) => getComputedStyle(m).color))
    expect(new Set(colours).size).toBe(2)

    // The other member's is taken over, the first member's rejected.
    await editorOf(editor.page).locator('del.suggestion-del', { hasText: 'koers' }).click()
    await expect.poll(() => popover(editor.page).textContent()).toContain('Gemeente Ede')
    await popover(editor.page).getByRole('button', { name: 'Overnemen', exact: true }).click()
    await expect
      .poll(() => storedText(server.url, server.adminToken, proposalId))
      .toBe(`${TEXT.replace('koers', 'richting')}\n${SECOND}`)
    await expect.poll(() => inserted(editor.page), WITHIN_A_SECOND).toBe('duidelijke')

    await editorOf(editor.page).locator('del.suggestion-del', { hasText: 'scherpere' }).click()
    await expect.poll(() => popover(editor.page).textContent()).toContain('Gemeente Zwolle')
    await popover(editor.page).getByRole('button', { name: 'Afwijzen', exact: true }).click()
    await popover(editor.page)
      .getByRole('button', { name: 'Afwijzen met deze toelichting' })
      .click()
    await expect.poll(() => inserted(editor.page), WITHIN_A_SECOND).toBe('')
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(
      `${TEXT.replace('koers', 'richting')}\n${SECOND}`,
    )
    const decided = (await threads()).map((t) => [t.createdBy.name, t.status, t.decision])
    expect(decided).toEqual(
      expect.arrayContaining([
        [`Mila ${proposalId}`, 'resolved', 'niet-verwerkt'],
        [`Eef ${proposalId}`, 'resolved', expect.any(String)],
      ]),
    )
    await other.context.close()
    await close()
  })
})
