/** What the browser tests of suggestions share: three people on one proposal, and reading the inline marks. */
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { TestServer } from '../helpers/server.ts'
import {
  editorOf,
  editorText,
  openProposal,
  signIn,
  storedText,
  typeAtEnd,
  type Visitor,
  waitOnline,
} from './support.ts'

/** The first paragraph the editor writes. */
export const TEXT = 'De gemeenten kiezen een scherpere koers in de grote transities.'
/** The second paragraph. */
export const SECOND = 'Regio’s verschillen sterk, ook binnen een provincie.'

/** The struck-through text of all suggestions, joined. */
export const struck = (page: Page) =>
  editorOf(page)
    .locator('del.suggestion-del')
    .allTextContents()
    .then((parts) => parts.join(''))

/** The inserted text of all suggestions, joined with `|`. */
export const inserted = (page: Page) =>
  editorOf(page)
    .locator('ins.suggestion-ins')
    .allTextContents()
    .then((parts) => parts.join('|'))

/** The popover of the suggestion at the caret. */
export const popover = (page: Page) => page.getByTestId('suggestion-popover')

/** An open or decided suggestion as the API lists it. */
export interface SuggestionThread {
  id: string
  kind: string
  status: string
  quote: string
  replacement: string
  decision?: string
  note?: string
  createdBy: { id: string; name: string }
  createdAt: string
}

/**
 * An editor (VNG) who wrote two paragraphs ({@link TEXT}, {@link SECOND}), a
 * writer (Gemeente Urk) and a member (Gemeente Zwolle), all online; `extra`
 * paragraphs are written after them.
 */
export async function threePeople(
  server: TestServer,
  browser: Browser,
  proposalId: string,
  extra: string[] = [],
) {
  const proposals = [proposalId]
  const eva = await server.invite({
    name: `Eva ${proposalId}`,
    role: 'editor',
    proposals: '*',
    organisation: 'VNG',
  })
  const wim = await server.invite({
    name: `Wim ${proposalId}`,
    role: 'writer',
    proposals,
    organisation: 'Gemeente Urk',
  })
  const mila = await server.invite({
    name: `Mila ${proposalId}`,
    role: 'reviewer',
    proposals,
    organisation: 'Gemeente Zwolle',
  })
  // axe is put into the editor's page as a script, which the page's CSP would refuse.
  const editor = await signIn(browser, eva.url, { bypassCSP: true })
  await openProposal(editor.page, server.url, proposalId)
  await waitOnline(editor.page)
  await typeAtEnd(editor.page, TEXT)
  await editor.page.keyboard.press('Enter')
  await editor.page.keyboard.type(SECOND)
  // The extra passages are only there to react on: each goes in as one input,
  // not key by key, so a long proposal does not cost the test its time.
  for (const paragraph of extra) {
    await editor.page.keyboard.press('Enter')
    if (paragraph) await editor.page.keyboard.insertText(paragraph)
  }
  const written = [TEXT, SECOND, ...extra].join('\n')
  await expect.poll(() => storedText(server.url, server.adminToken, proposalId)).toBe(written)
  const people: Record<'writer' | 'member', Visitor> = {
    writer: await signIn(browser, wim.url),
    member: await signIn(browser, mila.url),
  }
  for (const visitor of Object.values(people)) {
    await openProposal(visitor.page, server.url, proposalId)
    await waitOnline(visitor.page)
    await expect.poll(() => editorText(visitor.page)).toBe(written)
  }
  const close = async () => {
    for (const visitor of [editor, ...Object.values(people)]) await visitor.context.close()
  }
  const threads = async () =>
    (await server.api<SuggestionThread[]>(`/api/proposals/${proposalId}/threads`)).body
  return { editor, ...people, close, eva, written, threads }
}
