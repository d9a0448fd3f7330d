import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../../shared/schema.ts'
import { isReadOnly, ReadOnlyText, setReadOnly } from './ReadOnlyText.ts'

const TEXT = 'Gemeenten nemen het voortouw.'

/** An editor bound to a Yjs document, with its text written while it was still writable. */
function createEditor() {
  const doc = new Y.Doc()
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...createSchemaExtensions(),
      ReadOnlyText,
      Collaboration.configure({ document: doc, field: FRAGMENT_NAME }),
    ],
  })
  editor.commands.setContent(`<p>${TEXT}</p>`)
  return { editor, doc, yText: () => doc.getXmlFragment(FRAGMENT_NAME).toString() }
}

/** Presses a key on the text as ProseMirror hears it. */
function press(editor: Editor, init: KeyboardEventInit) {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  editor.view.dom.dispatchEvent(event)
  return event
}

describe('a read-only text that the keyboard can still enter', () => {
  let destroy = () => {}
  afterEach(() => destroy())

  it('[A3] refuses own edits but keeps selecting; the same edit goes through once writable', () => {
    const { editor, doc, yText } = createEditor()
    destroy = () => editor.destroy()
    setReadOnly(editor, true)
    expect(isReadOnly(editor)).toBe(true)
    const before = yText()

    editor.commands.insertContentAt(1, 'Alle ')
    editor.commands.toggleBold()
    editor.view.dispatch(editor.state.tr.delete(1, 5))
    expect(editor.getText()).toBe(TEXT)
    expect(yText()).toBe(before)

    // Selecting is no change: Shift+arrows and a selection by script both work.
    editor.view.dispatch(
      editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 11, 20)),
    )
    expect(
      editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to),
    ).toBe('nemen het')

    // A change from another person still comes in through Yjs.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const paragraph = other.getXmlFragment(FRAGMENT_NAME).get(0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(TEXT.length, ' Samen.')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    expect(editor.getText()).toBe(`${TEXT} Samen.`)

    setReadOnly(editor, false)
    editor.commands.insertContentAt(1, 'Alle ')
    expect(editor.getText()).toBe(`Alle ${TEXT} Samen.`)
    expect(yText()).toContain('Alle Gemeenten')
  })

  it('[A3] Ctrl+Z does not undo earlier own edits while read-only, and does once writable', () => {
    const { editor } = createEditor()
    destroy = () => editor.destroy()
    editor.commands.insertContentAt(1, 'Alle ')
    expect(editor.getText()).toBe(`Alle ${TEXT}`)
    setReadOnly(editor, true)
    expect(press(editor, { key: 'z', code: 'KeyZ', ctrlKey: true }).defaultPrevented).toBe(true)
    expect(editor.getText()).toBe(`Alle ${TEXT}`)

    setReadOnly(editor, false)
    press(editor, { key: 'z', code: 'KeyZ', ctrlKey: true })
    // Yjs undo groups the edits made in one go with the text's first words.
    expect(editor.getText()).not.toContain('Alle')
  })

  it('says it is read-only, stays a text field, and lets Tab leave it', () => {
    const { editor } = createEditor()
    destroy = () => editor.destroy()
    const dom = editor.view.dom
    expect(dom.getAttribute('aria-readonly')).toBe('false')
    setReadOnly(editor, true)
    expect(dom.getAttribute('contenteditable')).toBe('true')
    expect(dom.getAttribute('aria-readonly')).toBe('true')
    expect(dom.getAttribute('inputmode')).toBe('none')

    let reachedProseMirror = false
    editor.view.setProps({ handleKeyDown: () => (reachedProseMirror = true) })
    const tab = press(editor, { key: 'Tab', code: 'Tab' })
    expect(tab.defaultPrevented).toBe(false)
    expect(reachedProseMirror).toBe(false)
    setReadOnly(editor, false)
    press(editor, { key: 'Tab', code: 'Tab' })
    expect(reachedProseMirror).toBe(true)
  })

  it('refuses typing before the browser changes the page', () => {
    const { editor } = createEditor()
    destroy = () => editor.destroy()
    const typing = () =>
      new InputEvent('beforeinput', { inputType: 'insertText', data: 'x', cancelable: true })
    setReadOnly(editor, true)
    const refused = typing()
    editor.view.dom.dispatchEvent(refused)
    expect(refused.defaultPrevented).toBe(true)
    setReadOnly(editor, false)
    const allowed = typing()
    editor.view.dom.dispatchEvent(allowed)
    expect(allowed.defaultPrevented).toBe(false)
  })
})
