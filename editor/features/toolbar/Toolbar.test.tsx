import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { Editor, type JSONContent } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { FootnoteEditing } from '../footnotes/FootnoteEditing.ts'
import { Toolbar } from './Toolbar.tsx'

function createEditor(): Editor {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...createSchemaExtensions(),
      FootnoteEditing,
      Collaboration.configure({ document: new Y.Doc() }),
    ],
  })
  // With Collaboration the Yjs document is the source; content is set through it.
  editor.commands.setContent('<p>Omkering</p>')
  return editor
}

describe('the toolbar', () => {
  afterEach(cleanup)

  it('is one Tab stop whose buttons are reached with the arrow keys', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    const toolbar = screen.getByRole('toolbar', { name: 'Opmaak' })
    const buttons = Array.from(toolbar.querySelectorAll('button'))
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1)
    const first = screen.getByRole('button', { name: 'Kop 1' })
    act(() => first.focus())
    fireEvent.keyDown(first, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Kop 2' }))
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Opnieuw doen' }))
    editor.destroy()
  })

  it('folds behind "Opmaak", which says whether the buttons are shown', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    const fold = screen.getByRole('button', { name: 'Opmaak' })
    const toolbar = screen.getByRole('toolbar', { name: 'Opmaak' })
    // On a narrow screen the CSS hides the toolbar while the wrapper is not unfolded.
    expect(fold.getAttribute('aria-controls')).toBe(toolbar.id)
    expect(fold.getAttribute('aria-expanded')).toBe('false')
    expect(toolbar.parentElement?.classList.contains('toolbar-wrap--unfolded')).toBe(false)
    fireEvent.click(fold)
    expect(fold.getAttribute('aria-expanded')).toBe('true')
    expect(toolbar.parentElement?.classList.contains('toolbar-wrap--unfolded')).toBe(true)
    editor.destroy()
  })

  it('shows bold as pressed when the selection is bold', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    const bold = screen.getByRole('button', { name: 'Vet' })
    expect(bold.getAttribute('aria-pressed')).toBe('false')
    act(() => {
      editor.commands.selectAll()
    })
    fireEvent.click(bold)
    expect(editor.getHTML()).toContain('<strong>Omkering</strong>')
    expect(bold.getAttribute('aria-pressed')).toBe('true')
    editor.destroy()
  })

  it('turns the selection into a heading and offers Yjs undo', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    fireEvent.click(screen.getByRole('button', { name: 'Kop 2' }))
    expect(editor.getHTML()).toMatch(/^<h2[^>]*>Omkering<\/h2>$/)
    expect(
      screen.getByRole('button', { name: 'Ongedaan maken' }).getAttribute('aria-disabled'),
    ).toBe('false')
    editor.destroy()
  })

  it('[W1] shows the table buttons only in a table, keeps one Tab stop, and adds rows and columns', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    expect(screen.queryByRole('group', { name: 'Tabel' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Tabel invoegen' }))
    const group = screen.getByRole('group', { name: 'Tabel' })
    const names = within(group)
      .getAllByRole('button')
      .map((b) => b.textContent)
    expect(names).toEqual([
      'Rij toevoegen',
      'Rij verwijderen',
      'Kolom toevoegen',
      'Kolom verwijderen',
      'Kopregel',
      'Tabel verwijderen',
    ])
    // The Tab stop moves onto a table button, then the table goes: one Tab stop stays.
    act(() => screen.getByRole('button', { name: 'Rij toevoegen' }).focus())
    fireEvent.click(screen.getByRole('button', { name: 'Rij toevoegen' }))
    fireEvent.click(screen.getByRole('button', { name: 'Kolom toevoegen' }))
    const table: JSONContent = editor.getJSON().content!.find((n) => n.type === 'table')!
    expect(table.content).toHaveLength(4)
    expect(table.content![0]!.content).toHaveLength(4)
    expect(screen.getByRole('button', { name: 'Kopregel' }).getAttribute('aria-pressed')).toBe(
      'true',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Tabel verwijderen' }))
    expect(screen.queryByRole('group', { name: 'Tabel' })).toBeNull()
    const toolbar = screen.getByRole('toolbar', { name: 'Opmaak' })
    expect(
      Array.from(toolbar.querySelectorAll('button')).filter((b) => b.tabIndex === 0),
    ).toHaveLength(1)
    editor.destroy()
  })

  it('[W1] underlines, strikes through and highlights the selection; in a footnote only marks apply', () => {
    const editor = createEditor()
    render(<Toolbar editor={editor} linkOpen={false} setLinkOpen={() => undefined} />)
    act(() => {
      editor.commands.selectAll()
    })
    for (const name of ['Onderstrepen', 'Doorhalen', 'Markeren']) {
      fireEvent.click(screen.getByRole('button', { name }))
    }
    expect(editor.getHTML()).toContain('<u><s><mark>Omkering</mark></s></u>')
    act(() => {
      editor.commands.setTextSelection(3)
      editor.commands.insertFootnote()
    })
    expect(editor.isActive('footnote')).toBe(true)
    for (const name of ['Kop 1', 'Opsomming', 'Tabel invoegen', 'Voetnoot invoegen']) {
      expect(screen.getByRole('button', { name }).getAttribute('aria-disabled')).toBe('true')
    }
    expect(screen.getByRole('button', { name: 'Vet' }).getAttribute('aria-disabled')).toBe('false')
    editor.destroy()
  })
})
