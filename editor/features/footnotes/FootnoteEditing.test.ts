import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { NodeSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { FootnoteEditing } from './FootnoteEditing.ts'

let editor: Editor | null = null

function createEditor(): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  editor = new Editor({
    element,
    extensions: [
      ...createSchemaExtensions(),
      FootnoteEditing,
      Collaboration.configure({ document: new Y.Doc() }),
    ],
  })
  editor.commands.setContent('<p>Gemeenten besluiten.</p>')
  return editor
}

/** The footnotes' own editors in the list below the text. */
const noteEditors = () => Array.from(document.querySelectorAll<HTMLElement>('.footnotes__text'))

describe('footnotes in the editor', () => {
  afterEach(() => {
    editor?.destroy()
    editor = null
    document.body.replaceChildren()
  })

  it('[W1] inserting one puts an empty footnote at the caret with its editor in the list below, numbered in text order', () => {
    const e = createEditor()
    e.commands.setTextSelection(10)
    expect(e.commands.insertFootnote()).toBe(true)
    e.commands.setTextSelection(3)
    expect(e.commands.insertFootnote()).toBe(true)
    const refs = Array.from(
      e.view.dom.querySelectorAll('sup.footnote-ref'),
      (sup) => sup.textContent,
    )
    expect(refs).toEqual(['Voetnoot 1', 'Voetnoot 2'])
    expect(noteEditors().map((n) => n.getAttribute('aria-label'))).toEqual([
      'Voetnoot 1',
      'Voetnoot 2',
    ])
    expect(document.querySelector<HTMLElement>('[data-testid="footnotes"]')?.hidden).toBe(false)
  })

  it('[W1] text typed in a footnote’s editor is part of the main document, and a change there shows in the footnote', () => {
    const e = createEditor()
    e.commands.setTextSelection(10)
    e.commands.insertFootnote()
    // What the main document holds inside the footnote is what its editor shows.
    let pos = -1
    e.state.doc.descendants((node, at) => {
      if (node.type.name === 'footnote') pos = at
      return pos < 0
    })
    e.commands.insertContentAt(pos + 1, 'Zie de brief.')
    expect(noteEditors()[0]?.textContent).toBe('Zie de brief.')
    e.chain()
      .setTextSelection({ from: pos + 5, to: pos + 6 })
      .toggleBold()
      .run()
    expect(noteEditors()[0]?.querySelector('strong')?.textContent).toBe('d')
    expect(e.getHTML()).toContain(
      '<span data-footnote="" class="footnote">Zie <strong>d</strong>e brief.</span>',
    )
  })

  it('[W1] Enter on a selected footnote opens its text and keeps it; deleting it takes its editor out of the list', () => {
    const e = createEditor()
    e.commands.setTextSelection(10)
    e.commands.insertFootnote()
    const pos = 10
    e.view.dispatch(e.state.tr.setSelection(NodeSelection.create(e.state.doc, pos)))
    e.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(e.state.doc.child(0).childCount).toBe(3)
    expect(e.state.doc.childCount).toBe(1)
    expect(document.activeElement).toBe(noteEditors()[0])
    e.view.dispatch(e.state.tr.delete(pos, pos + 2))
    expect(e.getJSON().content?.[0]?.content?.map((n) => n.type)).toEqual(['text'])
    expect(noteEditors()).toEqual([])
    expect(document.querySelector<HTMLElement>('[data-testid="footnotes"]')?.hidden).toBe(true)
  })
})
