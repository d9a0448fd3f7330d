import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { textEditOf } from './textEdit.ts'

let editor: Editor | null = null
afterEach(() => editor?.destroy())

function start(html: string) {
  editor = new Editor({
    element: document.createElement('div'),
    extensions: createSchemaExtensions(),
  })
  editor.commands.setContent(html)
  return editor
}

/** The position right after the first occurrence of `text`. */
function endOf(e: Editor, text: string): number {
  let found = -1
  e.state.doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0
    const at = node.text!.indexOf(text)
    if (at >= 0) found = pos + at + text.length
    return false
  })
  if (found < 0) throw new Error(`no ${text}`)
  return found
}

/** Runs `change` and returns the text edit it made, with the removed text checked against the old document. */
function editOf(e: Editor, change: () => void) {
  const before = e.state.doc
  const caret = e.state.selection.from
  change()
  const edit = textEditOf(before, e.state.doc, caret)
  if (edit) expect(before.textBetween(edit.from, edit.to, '\n', '\n')).toBe(edit.removed)
  return edit
}

describe('textEditOf', () => {
  it('finds typing, replacing a selection and deleting as replacements of the old text', () => {
    const e = start('<p>De scherpere formulering.</p>')
    const at = endOf(e, 'De ')
    e.commands.setTextSelection({ from: at, to: at + 'scherpere'.length })
    expect(editOf(e, () => e.commands.insertContent('d'))).toEqual({
      from: at,
      to: at + 9,
      removed: 'scherpere',
      text: 'd',
    })
    const caret = endOf(e, 'formulering')
    e.commands.setTextSelection(caret)
    expect(editOf(e, () => e.commands.insertContent('en'))).toEqual({
      from: caret,
      to: caret,
      removed: '',
      text: 'en',
    })
    const end = e.state.selection.from
    expect(editOf(e, () => e.commands.deleteRange({ from: end - 1, to: end }))).toEqual({
      from: end - 1,
      to: end,
      removed: 'n',
      text: '',
    })
  })

  it('cuts repeated characters at the caret', () => {
    const e = start('<p>Heeel lang.</p>')
    const caret = endOf(e, 'He')
    e.commands.setTextSelection(caret)
    expect(editOf(e, () => e.commands.insertContent('e'))).toMatchObject({
      from: caret,
      to: caret,
      text: 'e',
    })
  })

  it('reads Enter at the end of a passage as a break after it, and Backspace at a passage start as a join', () => {
    const e = start('<p>Eerste.</p><p>Tweede.</p>')
    const end = endOf(e, 'Eerste.')
    e.commands.setTextSelection(end)
    expect(editOf(e, () => e.commands.keyboardShortcut('Enter'))).toEqual({
      from: end,
      to: end,
      removed: '',
      text: '\n',
    })
    e.commands.setContent('<p>Eerste.</p><p>Tweede.</p>')
    const second = endOf(e, 'Eerste.') + 2
    e.commands.setTextSelection(second)
    expect(editOf(e, () => e.commands.keyboardShortcut('Backspace'))).toEqual({
      from: second - 2,
      to: second,
      removed: '\n',
      text: '',
    })
  })

  it('takes a deletion across two passages and a paste of two passages as one edit each', () => {
    const e = start('<p>Eerste alinea.</p><p>Tweede alinea.</p>')
    e.commands.setTextSelection({ from: endOf(e, 'Eerste '), to: endOf(e, 'Tweede ') })
    expect(editOf(e, () => e.commands.deleteSelection())).toMatchObject({
      removed: 'alinea.\nTweede ',
      text: '',
    })
    const caret = endOf(e, 'Eerste ')
    e.commands.setTextSelection(caret)
    expect(editOf(e, () => e.commands.insertContent('<p>een</p><p>twee </p>'))).toMatchObject({
      from: caret,
      to: caret,
      removed: '',
      // Closed paragraphs split the passage they land in: four passages now.
      text: '\neen\ntwee \n',
    })
  })

  it('finds no text change in formatting or in a list around a passage', () => {
    const e = start('<p>Vet en cursief.</p>')
    e.commands.setTextSelection({ from: 1, to: 4 })
    expect(editOf(e, () => e.commands.toggleBold())).toBeNull()
    expect(editOf(e, () => e.commands.toggleBulletList())).toBeNull()
    expect(editOf(e, () => e.commands.setNode('heading', { level: 2 }))).toBeNull()
  })
})
