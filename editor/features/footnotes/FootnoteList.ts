import type { EditorView } from '@tiptap/pm/view'
import type { FootnoteView } from './FootnoteView.ts'

/**
 * The list of footnotes below the text: a section after the editor's own
 * element (so Tiptap moves it along when it mounts the editor), holding each
 * footnote's item in text order. Hidden while the text has no footnotes.
 */
export class FootnoteList {
  readonly views = new Set<FootnoteView>()
  readonly #section: HTMLElement
  readonly #list: HTMLOListElement
  #editable: boolean

  constructor(readonly view: EditorView) {
    this.#editable = view.editable
    this.#section = document.createElement('section')
    this.#section.className = 'footnotes'
    this.#section.setAttribute('aria-labelledby', 'voetnoten-titel')
    this.#section.dataset.testid = 'footnotes'
    const title = document.createElement('h2')
    title.id = 'voetnoten-titel'
    title.className = 'footnotes__title'
    title.textContent = 'Voetnoten'
    this.#list = document.createElement('ol')
    this.#list.className = 'footnotes__list'
    this.#section.append(title, this.#list)
    this.update()
  }

  add(footnote: FootnoteView): void {
    this.views.add(footnote)
    this.#list.append(footnote.item)
  }

  remove(footnote: FootnoteView): void {
    this.views.delete(footnote)
  }

  /** After every change: items in text order, the section in place, editability passed on. */
  update(): void {
    if (!this.#section.isConnected && this.view.dom.parentNode) this.view.dom.after(this.#section)
    const ordered = [...this.views]
      .map((footnote) => ({ footnote, pos: footnote.getPos() ?? Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.pos - b.pos)
    // Only misplaced items move: moving the item being typed in would take its focus.
    ordered.forEach(({ footnote }, index) => {
      const at = this.#list.children[index]
      if (at !== footnote.item) this.#list.insertBefore(footnote.item, at ?? null)
    })
    this.#section.hidden = this.views.size === 0
    if (this.view.editable !== this.#editable) {
      this.#editable = this.view.editable
      for (const footnote of this.views) footnote.refresh()
    }
  }

  /** The footnote whose own editor has the focus, if any. */
  focused(): FootnoteView | undefined {
    for (const footnote of this.views) if (footnote.hasFocus()) return footnote
    return undefined
  }

  /** The footnote at `pos` in the main document. */
  at(pos: number): FootnoteView | undefined {
    for (const footnote of this.views) if (footnote.getPos() === pos) return footnote
    return undefined
  }

  destroy(): void {
    this.#section.remove()
  }
}
