import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import { seriousViolations } from './axe.ts'
import { selectText } from './selectText.ts'
import {
  inserted,
  popover,
  SECOND,
  type SuggestionThread,
  struck,
  TEXT,
  threePeople as threePeopleOn,
} from './suggestionPeople.ts'
import {
  editorOf,
  editorText,
  storedText,
  WITHIN_A_SECOND,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

interface Change {
  type: string
  text: string
  by: Array<{ name: string }>
  acceptedBy?: { name: string }
}

describe.skipIf(skip)('suggesting changes in the text', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  const threePeople = (proposalId: string) => threePeopleOn(server, browser, proposalId)

  it('[C2][C6][A3][V3] a member replaces a word by typing; the writer sees it inline at once while the text is unchanged; the editor takes it over in the text, credited to the member', async () => {
    const proposalId = 'voorstel-1'
    const { editor, writer, member, close } = await threePeople(proposalId)
    const toggle = member.page.getByRole('button', { name: 'Wijzigingen voorstellen' })
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    expect(await toggle.getAttribute('aria-disabled')).toBe('true')
    const version = await server.api<{ id: string }>(`/api/proposals/${proposalId}/versions`, {
      method: 'POST',
      body: { name: 'Voor de voorstellen' },
    })

    await selectText(member.page, 'scherpere')
    await member.page.keyboard.type('duidelijke')
    await expect.poll(() => struck(writer.page), WITHIN_A_SECOND).toBe('scherpere')
    await expect.poll(() => inserted(writer.page), WITHIN_A_SECOND).toBe('duidelijke')
    // The text itself has not changed, in the browsers nor on the server (A3).
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(`${TEXT}\n${SECOND}`)
    expect(await member.page.getByText('Deze verbinding is gesloten').count()).toBe(0)

    // The editor clicks the struck word: the popover names the member and offers "Overnemen".
    await expect.poll(() => struck(editor.page), WITHIN_A_SECOND).toBe('scherpere')
    await editorOf(editor.page).locator('del.suggestion-del').click()
    await expect.poll(() => popover(editor.page).textContent()).toContain('Gemeente Zwolle')
    expect(await popover(editor.page).textContent()).toContain(
      '‘duidelijke’ in plaats van ‘scherpere’',
    )
    await popover(editor.page).getByRole('button', { name: 'Overnemen' }).click()

    const expected = TEXT.replace('scherpere', 'duidelijke')
    for (const page of [editor.page, writer.page, member.page])
      await expect.poll(() => editorText(page), WITHIN_A_SECOND).toBe(`${expected}\n${SECOND}`)
    await expect.poll(() => struck(writer.page)).toBe('')
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(
      `${expected}\n${SECOND}`,
    )
    const diff = await server.api<{ changes: Change[] }>(
      `/api/proposals/${proposalId}/versions/${version.body.id}/diff?against=current`,
    )
    expect(
      diff.body.changes.map((c) => [c.type, c.text, c.by.map((p) => p.name), c.acceptedBy?.name]),
    ).toEqual([
      // The minimal change: the final "e" both words share stays where it was.
      ['delete', 'scherper', [`Mila ${proposalId}`], `Eva ${proposalId}`],
      ['insert', 'duidelijk', [`Mila ${proposalId}`], `Eva ${proposalId}`],
    ])
    await close()
  })

  it('[C2] typing a sentence is one suggestion, and deleting across two paragraphs is one; the writer sees both while the text stays as it was', async () => {
    const proposalId = 'voorstel-2'
    const { writer, member, close, threads } = await threePeople(proposalId)
    const sentence = ' Dat vraagt om regie.'

    // At the end of the second paragraph: the caret after "provincie.".
    await selectText(member.page, 'provincie.')
    await member.page.keyboard.press('ArrowRight')
    await member.page.keyboard.type(sentence)
    await expect.poll(() => inserted(writer.page), WITHIN_A_SECOND).toBe(sentence)
    await expect
      .poll(async () => (await threads()).map((t) => [t.kind, t.quote, t.replacement]))
      .toEqual([['amendment', '', sentence]])

    // From "transities." over the paragraph break into "Regio’s", then Backspace.
    await selectText(member.page, 'transities.')
    // Shift+ArrowRight until the selection reaches over the break: each press is read
    // by the editor before the next (ProseMirror takes the selection after a task).
    const selected = () =>
      member.page.evaluate(() => {
        const dom = document.querySelector('[data-testid="editor"]')
        const { state } = (dom as unknown as { editor: { state: EditorStateLike } }).editor
        return state.doc.textBetween(state.selection.from, state.selection.to, '\n')
      })
    for (let step = 0; step < 'Regio’s'.length + 1; step++) {
      const before = await selected()
      await member.page.keyboard.press('Shift+ArrowRight')
      await expect.poll(selected).not.toBe(before)
    }
    expect(await selected()).toBe('transities.\nRegio’s')
    await member.page.keyboard.press('Backspace')
    await expect.poll(() => struck(writer.page), WITHIN_A_SECOND).toBe('transities.¶Regio’s')
    await expect.poll(async () => (await threads()).length).toBe(2)
    const deletion = (await threads()).find((t) => t.replacement === '')
    expect(deletion?.quote).toBe('transities.\nRegio’s')
    // Still one suggestion each: the sentence did not split into words or letters.
    expect((await threads()).map((t) => t.replacement).sort()).toEqual(['', sentence])
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(`${TEXT}\n${SECOND}`)
    await close()
  })

  it('[C5][A3] with the keyboard only, the editor reaches a suggestion, hears who proposed what, and rejects it with a note; nothing serious for axe with suggestions shown', async () => {
    const proposalId = 'voorstel-3'
    const { editor, writer, member, close } = await threePeople(proposalId)
    await selectText(member.page, 'scherpere')
    await member.page.keyboard.type('duidelijke')
    await expect.poll(() => struck(editor.page), WITHIN_A_SECOND).toBe('scherpere')
    await expect.poll(() => inserted(editor.page), WITHIN_A_SECOND).toBe('duidelijke')

    // The text is where Tab from the toolbar lands; Alt+ArrowDown goes to the next suggestion.
    await editorOf(editor.page).focus()
    await editor.page.keyboard.press('Control+Home')
    await editor.page.keyboard.press('Alt+ArrowDown')
    await expect
      .poll(() => editor.page.getByTestId('comments-announcer').textContent())
      .toContain('Voorstel van Gemeente Zwolle: ‘duidelijke’ in plaats van ‘scherpere’.')
    await expect.poll(() => popover(editor.page).count()).toBe(1)
    expect(await seriousViolations(editor.page)).toEqual([])

    const focused = () => editor.page.evaluate(() => document.activeElement?.textContent ?? '')
    await editor.page.keyboard.press('Tab')
    expect(await focused()).toBe('Overnemen')
    await editor.page.keyboard.press('Tab')
    expect(await focused()).toBe('Afwijzen')
    await editor.page.keyboard.press('Enter')
    await editor.page.keyboard.press('Shift+Tab')
    await editor.page.keyboard.type('Scherper is hier bedoeld.')
    await editor.page.keyboard.press('Tab')
    expect(await focused()).toBe('Afwijzen met deze toelichting')
    await editor.page.keyboard.press('Enter')

    // Gone from the text for everyone, the text unchanged, the decision with its note kept (C5).
    await expect.poll(() => struck(writer.page), WITHIN_A_SECOND).toBe('')
    await expect.poll(() => inserted(writer.page), WITHIN_A_SECOND).toBe('')
    const [decided] = (await server.api<SuggestionThread[]>(`/api/proposals/${proposalId}/threads`))
      .body
    expect([decided?.status, decided?.decision, decided?.note]).toEqual([
      'resolved',
      'niet-verwerkt',
      'Scherper is hier bedoeld.',
    ])
    expect(await storedText(server.url, server.adminToken, proposalId)).toBe(`${TEXT}\n${SECOND}`)
    // The positive twin: focus went back to the text, which still reads as before.
    await expect.poll(() => editorText(member.page)).toBe(`${TEXT}\n${SECOND}`)
    await close()
  })
})

/** The part of a ProseMirror state the page-side checks read. */
interface EditorStateLike {
  selection: { from: number; to: number }
  doc: { textBetween(from: number, to: number, separator: string): string }
}
