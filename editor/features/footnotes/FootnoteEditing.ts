import { Extension } from '@tiptap/core'
import { NodeSelection, Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { DecorationSet, EditorView } from '@tiptap/pm/view'
import { FOOTNOTE } from '../../../shared/footnote.ts'
import { FootnoteList } from './FootnoteList.ts'
import { FootnoteView } from './FootnoteView.ts'
import { footnoteNumbers } from './footnoteNumbers.ts'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    footnoteEditing: {
      /** Adds an empty footnote after the selection and puts the caret in its text. */
      insertFootnote: () => ReturnType
    }
  }
}

const key = new PluginKey<DecorationSet>('footnoteEditing')

/** One list per editor view; node views are made before the plugin's own view. */
const lists = new WeakMap<EditorView, FootnoteList>()

function listOf(view: EditorView): FootnoteList {
  let list = lists.get(view)
  if (!list) {
    list = new FootnoteList(view)
    lists.set(view, list)
  }
  return list
}

/** The footnote the selection is in, with its position, if any. */
function footnoteAround(view: EditorView) {
  const { $from } = view.state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === FOOTNOTE) return { node, pos: $from.before(depth) }
  }
  return null
}

/** Gives the focus to the footnote the main selection is in, at that selection. */
function focusFootnote(view: EditorView): void {
  const around = footnoteAround(view)
  if (!around) return
  const { anchor, head } = view.state.selection
  const base = around.pos + 1
  listOf(view)
    .at(around.pos)
    ?.focusText({ anchor: anchor - base, head: head - base })
}

/**
 * Footnotes in the editor (W1): numbered in text order, each reference a
 * superscript number and each text in the list below the text
 * (`FootnoteView`); "Voetnoot invoegen" (Ctrl+Alt+F, as in Word) adds one at
 * the caret and puts the caret in its text; Enter on a selected number, or a
 * click on it, goes to its text; Escape there comes back.
 */
export const FootnoteEditing = Extension.create({
  name: 'footnoteEditing',

  addCommands() {
    return {
      insertFootnote:
        () =>
        ({ state, tr, dispatch }) => {
          const type = state.schema.nodes[FOOTNOTE]
          const { $to } = tr.selection
          if (!type || !$to.parent.inlineContent || $to.parent.type === type) return false
          if (!$to.parent.canReplaceWith($to.index(), $to.index(), type)) return false
          if (dispatch) {
            const at = $to.pos
            tr.insert(at, type.create())
            tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView()
          }
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-f': () => this.editor.isEditable && this.editor.commands.insertFootnote(),
      Enter: () => {
        const { selection } = this.editor.state
        if (!(selection instanceof NodeSelection) || selection.node.type.name !== FOOTNOTE) {
          return false
        }
        listOf(this.editor.view).at(selection.from)?.focusText('end')
        return true
      },
    }
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    const commands = {
      undo: () => editor.commands.undo(),
      redo: () => editor.commands.redo(),
    }
    // Set by a mouse press in the text, so the focus that follows stays where the click was.
    let pointing = false
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => footnoteNumbers(state.doc),
          apply: (tr, previous) => (tr.docChanged ? footnoteNumbers(tr.doc) : previous),
        },
        props: {
          decorations: (state) => key.getState(state),
          nodeViews: {
            [FOOTNOTE]: (node, view, getPos, decorations, innerDecorations) => {
              const list = listOf(view)
              const footnote = new FootnoteView(node, view, getPos, decorations, innerDecorations, {
                commands,
                onDestroy: (gone) => list.remove(gone),
              })
              list.add(footnote)
              return footnote
            },
          },
          handleDOMEvents: {
            mousedown: () => {
              pointing = true
              // The focus a press gives comes in the same task; after it, a focus is not the mouse's.
              setTimeout(() => {
                pointing = false
              })
              return false
            },
            focus: (view, event) => {
              const byPointer = pointing
              pointing = false
              const around = footnoteAround(view)
              if (!around || byPointer) return false
              const from = (event as FocusEvent).relatedTarget
              if (from instanceof Node && view.dom.parentNode?.contains(from)) {
                // Shift+Tab from a footnote's text lands in the text after its number,
                // not back in the footnote (which the main selection still points into).
                const after = around.pos + around.node.nodeSize
                view.dispatch(
                  view.state.tr.setSelection(TextSelection.create(view.state.doc, after)),
                )
              } else {
                // Focus given back to the text with the selection in a footnote (a toolbar
                // button, a command): the footnote's own editor takes it.
                focusFootnote(view)
              }
              return false
            },
          },
        },
        view: (view) => {
          const list = listOf(view)
          return {
            update: (_view, previous) => {
              list.update()
              // A command put the selection in a footnote (inserting one): its editor takes it.
              if (view.hasFocus() && !previous.selection.eq(view.state.selection)) {
                focusFootnote(view)
              }
            },
            destroy: () => {
              list.destroy()
              lists.delete(view)
            },
          }
        },
      }),
    ]
  },
})
