import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createSchemaExtensions, FRAGMENT_NAME } from '../../../shared/schema.ts'
import { RemoteCarets } from './RemoteCarets.ts'

const editors: Editor[] = []
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy()
})

/** An editor on `doc` with carets from `awareness`, as ProposalEditor builds it. */
function editorWith() {
  const doc = new Y.Doc()
  const awareness = new Awareness(doc)
  const provider = { doc, awareness }
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...createSchemaExtensions(),
      Collaboration.configure({ document: doc, field: FRAGMENT_NAME }),
      RemoteCarets.configure({ provider, user: { name: 'Ik', color: '#1f5f8b' } }),
    ],
  })
  editors.push(editor)
  return { editor, doc, awareness }
}

/** A remote person's presence, as y-protocols applies it. */
function remoteState(awareness: Awareness, clientId: number, state: Record<string, unknown>) {
  awareness.states.set(clientId, state)
  awareness.meta.set(clientId, { clock: 1, lastUpdated: Date.now() })
  awareness.emit('change', [{ added: [clientId], updated: [], removed: [] }, 'remote'])
  awareness.emit('update', [{ added: [clientId], updated: [], removed: [] }, 'remote'])
}

/** Another writer's paragraph, applied as y-websocket applies a remote update. */
function remoteParagraph(doc: Y.Doc, text: string) {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  const fragment = other.getXmlFragment(FRAGMENT_NAME)
  fragment.insert(fragment.length, [paragraph])
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote')
}

const malformed = [{}, { anchor: {}, head: {} }, { anchor: { tname: 'default' } }, 'x', 7]

describe('RemoteCarets', () => {
  // With Tiptap's CollaborationCaret in its place this test fails: y-tiptap's caret
  // plugin throws while applying the next remote change.
  it('[A7] a malformed remote caret never stops the editor from following the text', () => {
    const { editor, doc, awareness } = editorWith()
    remoteParagraph(doc, 'Eerste')
    malformed.forEach((cursor, i) => {
      remoteState(awareness, 100 + i, { user: { name: `Gast ${i}` }, cursor })
    })
    remoteParagraph(doc, 'Tweede')
    expect(editor.getText()).toContain('Tweede')
    // The positive twin: a well-formed caret of someone else is drawn.
    const text = (doc.getXmlFragment(FRAGMENT_NAME).get(0) as Y.XmlElement).get(0) as Y.XmlText
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 2))
    remoteState(awareness, 200, {
      user: { name: 'Bram', color: '#8b1f1f' },
      cursor: { anchor: at, head: at },
    })
    remoteParagraph(doc, 'Derde')
    expect(editor.getText()).toContain('Derde')
    expect(editor.view.dom.querySelectorAll('.collaboration-carets__caret')).toHaveLength(1)
  })
})
