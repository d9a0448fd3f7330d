import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSkipReason } from '../helpers/browser.ts'
import type { TestServer } from '../helpers/server.ts'
import {
  editorOf,
  openProposal,
  pasteHtml,
  signIn,
  waitOnline,
  withEditorAndBrowser,
} from './support.ts'

const skip = browserSkipReason()

/** What Word puts on the clipboard, shortened: Office namespaces, mso- styles, typed bullets. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><body lang=NL>
<!--StartFragment--><h2 style='mso-list:none'>Wonen<o:p></o:p></h2>
<p class=MsoNormal style='font-family:"Calibri";color:#333'>Het <b>woningtekort</b> vraagt <i>regie</i>; zie <a href="https://vng.nl/">vng.nl</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>Bouwen<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>Verduurzamen<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]>Eerst plannen<o:p></o:p></p>
<!--EndFragment--></body></html>`

interface PmNode {
  type: string
  attrs?: Record<string, unknown>
  marks?: { type: string }[]
  content?: PmNode[]
}

function walk(node: PmNode, visit: (node: PmNode) => void): void {
  visit(node)
  for (const child of node.content ?? []) walk(child, visit)
}

describe.skipIf(skip)('pasting from Word', () => {
  let server: TestServer
  let browser: Browser

  withEditorAndBrowser((started) => ({ server, browser } = started))

  it('[S2][B1] keeps headings, lists, bold, italic and links, drops Word’s styling, and the server numbers every block', async () => {
    const writer = await server.invite({
      name: 'Pien Plak',
      role: 'writer',
      proposals: ['voorstel-5'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-5')
    await waitOnline(page)
    await pasteHtml(page, WORD_HTML, 'Wonen')
    await expect.poll(() => editorOf(page).locator('li').count()).toBe(3)
    expect(await editorOf(page).innerHTML()).not.toMatch(/mso-|Mso|style=/)

    const stored = async () => {
      const answer = await server.api<{ doc: PmNode }>('/api/proposals/voorstel-5/content')
      return answer.body.doc
    }
    await expect.poll(async () => JSON.stringify(await stored())).toContain('Eerst plannen')
    const types = new Set<string>()
    const marks = new Set<string>()
    const blockIds: unknown[] = []
    const doc = await stored()
    walk(doc, (node) => {
      types.add(node.type)
      for (const mark of node.marks ?? []) marks.add(mark.type)
      if (node.type === 'paragraph' || node.type === 'heading') blockIds.push(node.attrs?.blockId)
    })
    expect([...types]).toEqual(expect.arrayContaining(['heading', 'bulletList', 'orderedList']))
    expect([...marks]).toEqual(expect.arrayContaining(['bold', 'italic', 'link']))
    await expect
      .poll(async () => {
        const ids: unknown[] = []
        walk(await stored(), (node) => {
          if (node.type === 'paragraph' || node.type === 'heading') ids.push(node.attrs?.blockId)
        })
        return ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length
      })
      .toBe(true)
    expect(blockIds.length).toBeGreaterThanOrEqual(5)
    await context.close()
  })
})
