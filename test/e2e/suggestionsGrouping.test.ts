import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { selectText } from './selectText.ts'
import { inserted, popover, type SuggestionThread, threePeople } from './suggestionPeople.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  storedText,
  WITHIN_A_SECOND,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()
const LAST = 'Slot van het voorstel.'

/** The empty paragraph's place: the caret goes from the start of `after` one step back. */
async function caretBefore(page: Page, after: string): Promise<void> {
  await selectText(page, after)
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
}

/** True when this browser holds no suggestion the server does not have yet. */
function allSent(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.includes('voorstellen.'))
      .every((key) => localStorage.getItem(key) === '[]'),
  )
}

/**
 * Types as a person who pauses after each letter: every letter reaches the
 * server before the next one, so each is grouped with what the server has.
 */
async function typeWithPauses(page: Page, text: string): Promise<void> {
  for (const letter of text) {
    await page.keyboard.type(letter)
    await expect.poll(() => allSent(page)).toBe(true)
  }
}

describe.skipIf(skip)('typing a suggestion where the text has no characters to hold it', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  /** The writer sees `sentence` inserted at once, as one suggestion, while the stored text is unchanged. */
  async function expectOneInsertion(
    people: Awaited<ReturnType<typeof threePeople>>,
    proposalId: string,
    sentence: string,
  ) {
    await expect.poll(() => inserted(people.writer.page), WITHIN_A_SECOND).toBe(sentence)
    await expect
      .poll(async () => (await people.threads()).map((t) => [t.kind, t.quote, t.replacement]))
      .toEqual([['amendment', '', sentence]])
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(people.written)
  }

  it('[C2] a sentence typed into an empty paragraph is one suggestion with the whole sentence', async () => {
    const proposalId = 'voorstel-4'
    const people = await threePeople(server, browser, proposalId, ['', LAST])
    const { member, close } = people
    const sentence = 'Een nieuwe alinea.'
    await caretBefore(member.page, LAST)
    await typeWithPauses(member.page, sentence)

    await expectOneInsertion(people, proposalId, sentence)
    await close()
  })

  it('[C2] a sentence typed at the end of a paragraph that is followed by another is one suggestion', async () => {
    const proposalId = 'voorstel-5'
    const people = await threePeople(server, browser, proposalId)
    const { member, close } = people
    const sentence = ' Dat vraagt om regie.'
    await selectText(member.page, 'transities.')
    await member.page.keyboard.press('ArrowRight')
    await typeWithPauses(member.page, sentence)

    await expectOneInsertion(people, proposalId, sentence)
    await close()
  })

  it('[C2][C6] a member types the first sentence of a proposal nobody wrote in yet: one suggestion, which the editor takes over', async () => {
    const proposalId = 'voorstel-6'
    const people = await Promise.all(
      (['editor', 'reviewer'] as const).map((role) =>
        server.invite({
          name: `${role} ${proposalId}`,
          role,
          proposals: role === 'editor' ? '*' : [proposalId],
          organisation: 'Gemeente Zwolle',
        }),
      ),
    )
    const [editor, member] = await Promise.all(people.map((person) => signIn(browser, person.url)))
    for (const visitor of [editor!, member!]) {
      await openProposal(visitor.page, server.url, proposalId)
      await waitOnline(visitor.page)
    }
    const threads = async () =>
      (await server.api<SuggestionThread[]>(`/api/proposals/${proposalId}/threads`)).body
    const sentence = 'Een eerste zin.'
    await editorOf(member!.page).click()
    await typeWithPauses(member!.page, sentence.slice(0, 4))
    await member!.page.keyboard.type(sentence.slice(4))

    await expect.poll(() => inserted(editor!.page), WITHIN_A_SECOND).toBe(sentence)
    await expect
      .poll(async () => (await threads()).map((t) => [t.kind, t.quote, t.replacement]))
      .toEqual([['amendment', '', sentence]])
    expect(await member!.page.getByTestId('suggestion-status').textContent()).toBe('')
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe('')

    await editorOf(editor!.page).focus()
    await editor!.page.keyboard.press('Control+Home')
    await editor!.page.keyboard.press('Alt+ArrowDown')
    await popover(editor!.page).getByRole('button', { name: 'Overnemen' }).click()
    await expect.poll(() => storedText(server.url, server.adminToken, proposalId)).toBe(sentence)
    await expect.poll(() => editorText(member!.page), WITHIN_A_SECOND).toBe(sentence)
    for (const visitor of [editor!, member!]) await visitor.context.close()
  })
})
