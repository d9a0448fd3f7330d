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

  it('[S9] a pasted link keeps only its address, the editor sets target and rel, and an unsafe link becomes text', async () => {
    const writer = await server.invite({
      name: 'Luuk Link',
      role: 'writer',
      proposals: ['voorstel-6'],
    })
    const { page, context } = await signIn(browser, writer.url)
    await openProposal(page, server.url, 'voorstel-6')
    await waitOnline(page)
    await editorOf(page).click()
    const html =
      '<p>Zie <a href="https://vng.nl/" target="_self" rel="opener" class="evil" title="Titel" onclick="x()">de VNG</a>' +
      ' en <a href="javascript:alert(1)">dit</a>.</p>'
    await editorOf(page).evaluate((element, pasted) => {
      const data = new DataTransfer()
      data.setData('text/html', pasted)
      data.setData('text/plain', 'Zie de VNG en dit.')
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    }, html)
    const link = editorOf(page).locator('a')
    await expect.poll(() => link.count()).toBe(1)
    const attributes = await link.evaluate((a) =>
      Object.fromEntries(
        Array.from(a.attributes, (attribute) => [attribute.name, attribute.value]),
      ),
    )
    expect(attributes).toEqual({
      href: 'https://vng.nl/',
      target: '_blank',
      rel: 'noopener noreferrer',
    })

    const stored = async () =>
      (await server.api<{ doc: PmNode }>('/api/proposals/voorstel-6/content')).body.doc
    await expect.poll(async () => JSON.stringify(await stored())).toContain('dit')
    const links: unknown[] = []
    walk(await stored(), (node) => {
      for (const mark of node.marks ?? []) if (mark.type === 'link') links.push(mark)
    })
    expect(links).toEqual([{ type: 'link', attrs: { href: 'https://vng.nl/' } }])
    // The paste was accepted: the writer is still connected.
    await waitOnline(page)
    await context.close()
  })
})
