import type { Editor, Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { EditorContent, useEditor } from '@tiptap/react'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../../shared/schema.ts'
import { type DroppedPart, droppedText } from '../../lib/droppedText.ts'
import { FootnoteEditing } from '../footnotes/FootnoteEditing.ts'
import '../footnotes/footnotes.css'
import { PasteCleanup } from '../paste/PasteCleanup.ts'
import { RemoteCarets } from '../presence/RemoteCarets.ts'
import { renderCaret } from '../presence/renderCaret.ts'
import { LinkShortcut } from '../toolbar/LinkShortcut.ts'
import { Toolbar } from '../toolbar/Toolbar.tsx'
import { ToolbarShortcut } from '../toolbar/ToolbarShortcut.ts'
import type { Collab } from './createCollab.ts'
import { ReadOnlyText, setReadOnly, setSuggestingInput } from './ReadOnlyText.ts'

/** The local person as the caret extension needs it; the server sets what others see (A6). */
export interface LocalUser {
  id: string
  name: string
  color: string
}

/**
 * The text itself: the shared schema (S2) bound to the Yjs fragment `default`,
 * with named carets, Yjs undo, Word-aware paste and the toolbar. Read-only when
 * `editable` is false (reviewers, a frozen text, a refused connection), yet
 * still a text field the keyboard can enter and select in (see ReadOnlyText).
 * `extensions` come from other features (comment highlights) and must be the
 * same objects for the life of `collab`; `onEditor` hears of the editor, and
 * `bar` is shown with the toolbar above the text, also when it is read-only.
 */
export function ProposalEditor(props: {
  collab: Collab
  user: LocalUser
  editable: boolean
  labelledBy: string
  describedBy?: string
  extensions?: Extensions
  onEditor?: (editor: Editor | null) => void
  bar?: ReactNode
  /**
   * Suggesting mode: what the person types becomes suggestions, also in a
   * read-only text; the toolbar keeps only undo and redo, which act on them.
   */
  suggesting?: { undo(): void; redo(): void } | null
  /** Shown over the text (the popover of the suggestion at the caret). */
  overlay?: ReactNode
}) {
  const { collab, user, editable, labelledBy, describedBy, extensions = [], onEditor, bar } = props
  const [linkOpen, setLinkOpen] = useState(false)
  const openLink = useRef(() => setLinkOpen(true))
  // What the last paste could not keep (W1), until it is closed or the next paste.
  const [pasteNotice, setPasteNotice] = useState<string | null>(null)
  const onDropped = useRef((dropped: DroppedPart[]) => {
    const text = droppedText(dropped)
    setPasteNotice(text ? `Plakken: ${text}` : null)
  })
  const editor = useEditor(
    {
      // Created after the first render: the caret extension announces the local
      // user in awareness, which updates the presence list of the page.
      immediatelyRender: false,
      extensions: [
        ...createSchemaExtensions(),
        ReadOnlyText.configure({ readOnly: !editable }),
        Collaboration.configure({ document: collab.doc, field: FRAGMENT_NAME }),
        RemoteCarets.configure({ provider: collab.provider, user, render: renderCaret }),
        FootnoteEditing,
        PasteCleanup.configure({ onDropped: (dropped) => onDropped.current(dropped) }),
        LinkShortcut.configure({ onOpen: () => openLink.current() }),
        ToolbarShortcut,
        ...extensions,
      ],
      editorProps: {
        attributes: {
          id: 'voorstel-tekst',
          class: 'prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelledBy,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          'data-testid': 'editor',
        },
      },
    },
    [collab],
  )

  useEffect(() => {
    if (editor) setReadOnly(editor, !editable)
    if (!editable) setLinkOpen(false)
  }, [editor, editable])

  const suggesting = Boolean(props.suggesting)
  useEffect(() => {
    // A member's read-only text takes input while suggesting: it becomes suggestions.
    if (editor) setSuggestingInput(editor, suggesting)
  }, [editor, suggesting])

  useEffect(() => {
    if (!editor || !onEditor) return
    onEditor(editor)
    return () => onEditor(null)
  }, [editor, onEditor])

  if (!editor) return null
  return (
    <div className="editor">
      {/* One sticky area, so the toolbar and the bar stay in view together. The bar
          comes first: from the text, Shift+Tab goes back to the formatting toolbar. */}
      <div className="editor__bars">
        {bar}
        {editable && (
          <Toolbar
            editor={editor}
            linkOpen={linkOpen}
            setLinkOpen={setLinkOpen}
            suggesting={props.suggesting ?? null}
          />
        )}
      </div>
      <div role="status" className="paste-notice" data-testid="paste-notice">
        {pasteNotice && (
          <>
            <span>{pasteNotice}</span>{' '}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setPasteNotice(null)}
            >
              Sluiten
            </button>
          </>
        )}
      </div>
      <EditorContent editor={editor} className="editor__content" />
      {props.overlay}
    </div>
  )
}
