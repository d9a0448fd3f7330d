import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { passageOutline } from './passageOutline.ts'

// Every editor made in a test is destroyed after it: one left behind flushes its
// DOM observer on a timer after the DOM of the test environment is gone.
const editors: Editor[] = []
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy()
})

function outline(html: string) {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: createSchemaExtensions(),
  })
  editors.push(editor)
  editor.commands.setContent(html)
  return passageOutline(editor.state.doc)
}

describe('passage numbers of the live text', () => {
  it('[R3] follow the headings, inside lists and quotes too, with the ids of the passages', () => {
    const found = outline(
      '<p data-block-id="p-a">Aanleiding</p><h1>Energie</h1><p>Zon</p>' +
        '<ul><li><p>Wind</p></li></ul><h2>Opwekking</h2><blockquote><p>Samen</p></blockquote><h1>Wonen</h1>',
    )
    expect(found.map((p) => p.number)).toEqual(['1', '2', '2.1', '2.2', '2.3', '2.3.1', '3'])
    expect(found[0]?.blockId).toBe('p-a')
    expect(found[1]?.blockId).toBeNull()
  })

  it('[R3] an empty paragraph takes no number; the same text without it numbers on', () => {
    expect(outline('<p>Een</p><p></p><p>Twee</p>').map((p) => p.number)).toEqual(['1', null, '2'])
    expect(outline('<p>Een</p><p>Twee</p>').map((p) => p.number)).toEqual(['1', '2'])
  })
})
