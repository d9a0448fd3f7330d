/**
 * Seeded random editing through an editor's own commands, the way a person edits:
 * put the caret or a selection somewhere, then type, press Enter / Backspace / Delete /
 * Tab, or use a toolbar command (bold, italic, heading, list, quote). Every choice comes
 * from one lib0 PRNG, so a seed replays the same choices on the same documents.
 */
import type { Editor } from '@tiptap/core'
import * as prng from 'lib0/prng'
import { HEADING_LEVELS } from '../../shared/schema.ts'

/** The kinds of edit, each a thing a person does in the editor. */
export const EDIT_KINDS = [
  'type',
  'deleteRange',
  'enter',
  'backspaceAtStart',
  'deleteAtEnd',
  'bold',
  'italic',
  'heading',
  'paragraph',
  'bulletList',
  'orderedList',
  'sinkListItem',
  'liftListItem',
  'blockquote',
] as const

export type EditKind = (typeof EDIT_KINDS)[number]

/** How often each kind is picked, relative to the others. */
export const DEFAULT_WEIGHTS: Record<EditKind, number> = {
  type: 30,
  deleteRange: 10,
  enter: 10,
  backspaceAtStart: 8,
  deleteAtEnd: 3,
  bold: 5,
  italic: 5,
  heading: 6,
  paragraph: 4,
  bulletList: 4,
  orderedList: 3,
  sinkListItem: 2,
  liftListItem: 3,
  blockquote: 4,
}

const WORDS = [
  'gemeente',
  'vereniging',
  'strategie',
  'samen',
  'leden',
  'voorstel',
  'inwoners',
  'de',
  'het',
  'een',
  'wij',
  'doen',
  'dienstverlening',
  '2030',
  'Zwolle',
  'één',
  'café',
] as const

/** A seeded source of random edits. */
export interface RandomEdits {
  /** The PRNG behind every choice; use it for the test's own choices to stay seeded. */
  gen: prng.PRNG
  /**
   * Makes one random edit on `editor` and returns what it did (for failure messages).
   * An edit that does not apply where the caret landed (Tab outside a list) is a no-op.
   */
  next(editor: Editor): string
}

/**
 * Creates a random edit source for `seed`.
 * @param weights overrides of {@link DEFAULT_WEIGHTS}; a weight of 0 turns a kind off.
 */
export function createRandomEdits(
  seed: number,
  weights: Partial<Record<EditKind, number>> = {},
): RandomEdits {
  const gen = prng.create(seed)
  const table = EDIT_KINDS.map((kind) => [kind, weights[kind] ?? DEFAULT_WEIGHTS[kind]] as const)
  const total = table.reduce((sum, [, weight]) => sum + weight, 0)

  const pickKind = (): EditKind => {
    let roll = prng.real53(gen) * total
    for (const [kind, weight] of table) {
      roll -= weight
      if (roll < 0) return kind
    }
    return 'type'
  }

  return {
    gen,
    next: (editor) => {
      const kind = pickKind()
      return `${kind} ${applyEdit(editor, kind, gen)}`
    },
  }
}

/**
 * Presses a key as the browser would: ProseMirror's `handleKeyDown` props (the keymaps
 * of Tiptap and its extensions) see the keydown, and every transaction they dispatch is
 * applied at once. Tiptap's `keyboardShortcut` command is not used: it captures the
 * dispatched transactions into one, and a handler that dispatches twice (ListKeymap's
 * Delete, for one) then fails with a TransformError.
 */
function pressKey(editor: Editor, key: string, modifiers: { shiftKey?: boolean } = {}): void {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers })
  editor.view.someProp('handleKeyDown', (handle) => handle(editor.view, event))
}

/** Start and end (inside the content) of every textblock, in document order. */
function textblocks(editor: Editor): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = []
  editor.state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    blocks.push({ start: pos + 1, end: pos + 1 + node.content.size })
    return false
  })
  return blocks
}

/** A caret position inside some textblock. */
function randomCaret(editor: Editor, gen: prng.PRNG): number {
  const block = prng.oneOf(gen, textblocks(editor))
  return prng.int32(gen, block.start, block.end)
}

/** A selection starting inside a textblock, sometimes reaching into the next ones. */
function randomRange(editor: Editor, gen: prng.PRNG, maxLength: number) {
  const from = randomCaret(editor, gen)
  const blocks = textblocks(editor)
  const to = prng.int32(gen, from, Math.min(from + maxLength, editor.state.doc.content.size))
  // Land the end inside a textblock too, as a mouse or Shift+arrows would.
  const inside = blocks.filter((block) => block.start <= to)
  const last = inside[inside.length - 1]
  const end = last ? Math.min(Math.max(to, last.start), last.end) : from
  return { from, to: Math.max(from, end) }
}

function applyEdit(editor: Editor, kind: EditKind, gen: prng.PRNG): string {
  // `editor.commands` builds its transaction when read: read it afresh for every command.
  const caret = () => {
    const pos = randomCaret(editor, gen)
    editor.commands.setTextSelection(pos)
    return `@${pos}`
  }
  const range = (maxLength: number) => {
    const { from, to } = randomRange(editor, gen, maxLength)
    editor.commands.setTextSelection({ from, to })
    return `@${from}-${to}`
  }
  const blockEdge = (edge: 'start' | 'end') => {
    const block = prng.oneOf(gen, textblocks(editor))
    editor.commands.setTextSelection(block[edge])
    return `@${block[edge]}`
  }
  // Block commands act on the caret's block, or on several when the selection spans them.
  const blockTarget = () => (prng.int32(gen, 0, 3) === 0 ? range(40) : caret())

  switch (kind) {
    case 'type': {
      const at = caret()
      const text = `${prng.bool(gen) ? ' ' : ''}${prng.oneOf(gen, [...WORDS])}`
      // What ProseMirror does with a keystroke: insert text with the marks at the caret.
      editor.commands.command(({ tr }) => {
        tr.insertText(text)
        return true
      })
      return `${at} ${JSON.stringify(text)}`
    }
    case 'deleteRange': {
      const at = range(12)
      editor.commands.deleteSelection()
      return at
    }
    case 'enter': {
      const at = caret()
      pressKey(editor, 'Enter')
      return at
    }
    case 'backspaceAtStart': {
      const at = blockEdge('start')
      pressKey(editor, 'Backspace')
      return at
    }
    case 'deleteAtEnd': {
      const at = blockEdge('end')
      pressKey(editor, 'Delete')
      return at
    }
    case 'bold': {
      const at = range(20)
      editor.commands.toggleBold()
      return at
    }
    case 'italic': {
      const at = range(20)
      editor.commands.toggleItalic()
      return at
    }
    case 'heading': {
      const at = blockTarget()
      const level = prng.oneOf(gen, [...HEADING_LEVELS])
      editor.commands.toggleHeading({ level })
      return `${at} h${level}`
    }
    case 'paragraph': {
      const at = blockTarget()
      editor.commands.setParagraph()
      return at
    }
    case 'bulletList': {
      const at = blockTarget()
      editor.commands.toggleBulletList()
      return at
    }
    case 'orderedList': {
      const at = blockTarget()
      editor.commands.toggleOrderedList()
      return at
    }
    case 'sinkListItem': {
      const at = caret()
      pressKey(editor, 'Tab')
      return at
    }
    case 'liftListItem': {
      const at = caret()
      pressKey(editor, 'Tab', { shiftKey: true })
      return at
    }
    case 'blockquote': {
      const at = blockTarget()
      editor.commands.toggleBlockquote()
      return at
    }
  }
}
