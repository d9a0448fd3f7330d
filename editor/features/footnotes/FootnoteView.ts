import type { Node as PmNode } from '@tiptap/pm/model'
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { StepMap } from '@tiptap/pm/transform'
import { type Decoration, type DecorationSource, EditorView, type NodeView } from '@tiptap/pm/view'
import { footnoteKeymap, type OuterCommands } from './footnoteKeymap.ts'

/** The number a footnote has in text order, given by `footnoteNumbers` as a node decoration. */
export function numberOf(decorations: readonly Decoration[]): number | null {
  for (const decoration of decorations) {
    const number = (decoration.spec as { footnoteNumber?: number }).footnoteNumber
    if (typeof number === 'number') return number
  }
  return null
}

/**
 * A footnote in the editor: in the text, a superscript number (clicking it
 * goes to the footnote's text); below the text, an item of the footnote list
 * holding a small editor of its own for the footnote's text. That editor's
 * changes are steps of the main document (so they reach Yjs, undo and other
 * people like any edit), its selection is mirrored into the main editor (so
 * the toolbar, a new comment and one's caret for others follow it), and what
 * the main editor draws inside the footnote — comment highlights, others'
 * carets — is drawn in it. After ProseMirror's footnote example.
 */
export class FootnoteView implements NodeView {
  readonly dom: HTMLElement
  /** The footnote's item in the list below the text. */
  readonly item: HTMLLIElement
  readonly #inner: EditorView
  readonly #back: HTMLButtonElement
  #node: PmNode

  constructor(
    node: PmNode,
    readonly outer: EditorView,
    readonly getPos: () => number | undefined,
    decorations: readonly Decoration[],
    innerDecorations: DecorationSource,
    readonly options: { commands: OuterCommands; onDestroy: (view: FootnoteView) => void },
  ) {
    this.#node = node
    this.dom = document.createElement('sup')
    this.dom.className = 'footnote-ref'
    this.dom.addEventListener('mousedown', (event) => {
      event.preventDefault()
      this.focusText('end')
    })
    this.item = document.createElement('li')
    this.item.className = 'footnotes__item'
    const host = document.createElement('div')
    this.#back = document.createElement('button')
    this.#back.type = 'button'
    this.#back.className = 'footnotes__back'
    this.#back.textContent = '↑'
    this.#back.addEventListener('click', () => this.backToText())
    this.item.append(host, this.#back)
    this.#inner = new EditorView(host, {
      state: EditorState.create({ doc: node, plugins: [footnoteKeymap(this, options.commands)] }),
      dispatchTransaction: (tr) => this.#dispatchInner(tr),
      editable: () => this.outer.editable,
      decorations: () => innerDecorations,
      // A read-only text (a member's) stays selectable, as the main text does: the
      // footnote says it is read-only and keeps the browser from changing it.
      attributes: () => ({
        class: 'footnotes__text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-readonly': this.#outerReadOnly() ? 'true' : 'false',
      }),
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          if (!this.#outerReadOnly()) return false
          event.preventDefault()
          return true
        },
      },
      // A click on a highlight in a footnote opens its thread, as in the text.
      handleClick: (_view, pos, event) => {
        const base = this.#base()
        return (
          base !== null &&
          this.outer.someProp('handleClick', (f) => f(this.outer, base + pos, event)) === true
        )
      },
    })
    this.#label(numberOf(decorations))
  }

  /** Where the footnote's content starts in the main document, or null once it is gone. */
  #base(): number | null {
    const pos = this.getPos()
    return pos === undefined ? null : pos + 1
  }

  /** The number in the text (read as "Voetnoot 2") and the names of the footnote's editor. */
  #label(number: number | null): void {
    const name = number === null ? 'Voetnoot' : `Voetnoot ${number}`
    const hidden = document.createElement('span')
    hidden.className = 'visually-hidden'
    hidden.textContent = 'Voetnoot '
    this.dom.replaceChildren(hidden, number === null ? '' : String(number))
    this.#inner.dom.setAttribute('aria-label', name)
    this.#back.setAttribute('aria-label', `Terug naar ${name.toLowerCase()} in de tekst`)
    this.#back.title = 'Terug naar de tekst'
  }

  /** The main text refuses the person's own changes (see collab/ReadOnlyText). */
  #outerReadOnly(): boolean {
    return this.outer.dom.getAttribute('aria-readonly') === 'true'
  }

  #dispatchInner(tr: Transaction): void {
    // A change the main text would refuse must not show here either.
    if (tr.docChanged && !tr.getMeta('fromOutside') && this.#outerReadOnly()) return
    const { state, transactions } = this.#inner.state.applyTransaction(tr)
    this.#inner.updateState(state)
    if (tr.getMeta('fromOutside')) return
    const base = this.#base()
    if (base === null) return
    const outerTr = this.outer.state.tr
    const offset = StepMap.offset(base)
    for (const t of transactions) for (const step of t.steps) outerTr.step(step.map(offset)!)
    // The main editor's selection follows, so its toolbar, comments and caret see the footnote.
    const { anchor, head } = state.selection
    outerTr.setSelection(TextSelection.create(outerTr.doc, base + anchor, base + head))
    if (!tr.docChanged) outerTr.setMeta('addToHistory', false)
    this.outer.dispatch(outerTr)
  }

  /**
   * Puts the caret in the footnote's text: at its end (the main selection
   * follows), or where the main selection already is.
   */
  focusText(where: 'end' | { anchor: number; head: number }): void {
    const doc = this.#inner.state.doc
    const { anchor, head } =
      where === 'end' ? { anchor: doc.content.size, head: doc.content.size } : where
    const clamp = (n: number) => Math.max(0, Math.min(n, doc.content.size))
    const tr = this.#inner.state.tr.setSelection(
      TextSelection.create(doc, clamp(anchor), clamp(head)),
    )
    this.#inner.focus()
    // From the main editor's own selection there is nothing to send back (and it is mid-update).
    this.#dispatchInner(where === 'end' ? tr : tr.setMeta('fromOutside', true))
    this.item.scrollIntoView?.({ block: 'nearest' })
  }

  /** Back to the text, with the caret right after the footnote's number. */
  backToText(): void {
    const pos = this.getPos()
    if (pos === undefined) return
    const after = pos + this.#node.nodeSize
    this.outer.dispatch(
      this.outer.state.tr.setSelection(TextSelection.create(this.outer.state.doc, after)),
    )
    this.outer.focus()
  }

  /** True while the footnote's own editor has the focus. */
  hasFocus(): boolean {
    return this.#inner.hasFocus()
  }

  /** The main editor may change editability: the footnote's editor follows. */
  refresh(): void {
    this.#inner.setProps({})
  }

  update(node: PmNode, decorations: readonly Decoration[], inner: DecorationSource): boolean {
    if (node.type !== this.#node.type) return false
    this.#node = node
    this.#label(numberOf(decorations))
    const state = this.#inner.state
    const start = node.content.findDiffStart(state.doc.content)
    if (start !== null && start !== undefined) {
      let { a: endA, b: endB } = node.content.findDiffEnd(state.doc.content)!
      const overlap = start - Math.min(endA, endB)
      if (overlap > 0) {
        endA += overlap
        endB += overlap
      }
      this.#inner.dispatch(
        state.tr.replace(start, endB, node.slice(start, endA)).setMeta('fromOutside', true),
      )
    }
    this.#inner.setProps({ decorations: () => inner })
    return true
  }

  /** The main editor gives a selection inside the footnote (a toolbar command, an insert): its editor takes it. */
  setSelection(anchor: number, head: number): void {
    if (!this.#inner.hasFocus()) this.focusText({ anchor, head })
  }

  selectNode(): void {
    this.dom.classList.add('footnote-ref--selected')
  }

  deselectNode(): void {
    this.dom.classList.remove('footnote-ref--selected')
  }

  stopEvent(event: Event): boolean {
    return event.type === 'mousedown'
  }

  ignoreMutation(): boolean {
    return true
  }

  destroy(): void {
    this.#inner.destroy()
    this.item.remove()
    this.options.onDestroy(this)
  }
}
