/** A Tiptap editor bound to a Yjs document, for the unit tests (not part of the editor's build). */
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../../shared/schema.ts'
import { CommentHighlights } from './CommentHighlights.ts'

/** An editor with the comment highlights; `onActivate` hears of clicked threads. */
export function createTestEditor(html: string, onActivate: (id: string) => void = () => {}) {
  const doc = new Y.Doc()
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...createSchemaExtensions(),
      Collaboration.configure({ document: doc, field: FRAGMENT_NAME }),
      CommentHighlights.configure({ onActivate }),
    ],
  })
  editor.commands.setContent(html)
  return { editor, doc }
}

/** The Y.XmlText of the `index`-th paragraph, where the server anchors (LinearText). */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const block = doc.getXmlFragment(FRAGMENT_NAME).get(index) as Y.XmlElement
  return block.get(0) as Y.XmlText
}

/** An anchor as the server makes it: first character (assoc 0), after the last (assoc -1). */
export function serverAnchor(text: Y.XmlText, from: number, to: number) {
  return {
    from: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, from, 0)),
    to: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, to, -1)),
  }
}
