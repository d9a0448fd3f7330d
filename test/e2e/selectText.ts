/** Selecting text in the browser's editor as a person would, for the browser tests. */
import type { Page } from 'playwright-core'

/**
 * Selects the first occurrence of `text` in the proposal's text, as a mouse
 * drag would. The text may run over several text nodes (highlights split them);
 * other people's caret labels are not part of it.
 */
export async function selectText(page: Page, text: string): Promise<void> {
  // The focus handler of a text that was not focused yet may put back the selection
  // ProseMirror last knew, after ours, on a busy machine: then the range is set again.
  for (let attempt = 1; ; attempt += 1) {
    await placeRange(page, text)
    try {
      await waitForEditorSelection(page, text, attempt < 3 ? 5_000 : 30_000)
      return
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
}

/** Focuses the text and sets the browser's selection on the first occurrence of `text`. */
async function placeRange(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid="editor"]')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const nodes: { node: Node; start: number }[] = []
    let all = ''
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.collaboration-carets__caret')) continue
      nodes.push({ node, start: all.length })
      all += node.textContent ?? ''
    }
    const at = all.indexOf(wanted)
    if (at < 0) throw new Error(`"${wanted}" is not in the text`)
    const place = (offset: number, end: boolean) => {
      const found = nodes.findLast(({ node, start }) =>
        end ? start < offset : start <= offset && offset < start + (node.textContent?.length ?? 0),
      )!
      return [found.node, offset - found.start] as const
    }
    // A drag puts the focus in the text; ProseMirror reads a selection only in a focused text.
    ;(root as HTMLElement).focus()
    const range = document.createRange()
    range.setStart(...place(at, false))
    range.setEnd(...place(at + wanted.length, true))
    const selection = window.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
  }, text)
}

/**
 * ProseMirror reads the selection on `selectionchange`, which fires after a task:
 * waits until the editor (Tiptap keeps itself on its element) holds the range.
 */
async function waitForEditorSelection(page: Page, text: string, timeout: number) {
  await page.waitForFunction(
    (wanted) => {
      const dom = document.querySelector('[data-testid="editor"]')
      const editor = (dom as unknown as { editor?: { state: EditorStateLike } } | null)?.editor
      if (!editor) return false
      const { from, to } = editor.state.selection
      return editor.state.doc.textBetween(from, to, '\n') === wanted
    },
    text,
    { timeout },
  )
}

/** The part of a ProseMirror state the page-side check above reads. */
interface EditorStateLike {
  selection: { from: number; to: number }
  doc: { textBetween(from: number, to: number, separator: string): string }
}
