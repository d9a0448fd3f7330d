/**
 * The ProseMirror schema, defined once: the editor builds its Tiptap editor from
 * `createSchemaExtensions()`, and the server builds the same schema with
 * `getSchema(createSchemaExtensions())` to read and write the Yjs document (S2).
 */
import { type Attributes, Extension, type Extensions } from '@tiptap/core'
import Blockquote from '@tiptap/extension-blockquote'
import Bold from '@tiptap/extension-bold'
import Document from '@tiptap/extension-document'
import HardBreak from '@tiptap/extension-hard-break'
import Heading from '@tiptap/extension-heading'
import Highlight from '@tiptap/extension-highlight'
import Italic from '@tiptap/extension-italic'
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list'
import Paragraph from '@tiptap/extension-paragraph'
import Strike from '@tiptap/extension-strike'
import Text from '@tiptap/extension-text'
import Underline from '@tiptap/extension-underline'
import { Footnote } from './footnote.ts'
import { Link } from './link.ts'
import { Table, TableParts } from './tables.ts'

/** Node types that are passages: each carries a `blockId` (contract B1). */
export const TEXTBLOCK_TYPES = ['paragraph', 'heading'] as const

/** Name of the attribute holding a passage's stable id (contract B1). */
export const BLOCK_ID_ATTRIBUTE = 'blockId'

/** Name of the Y.XmlFragment holding the text (contract S2). */
export const FRAGMENT_NAME = 'default'

/** Heading levels the editor offers. */
export const HEADING_LEVELS = [1, 2, 3] as const

/** Numbering styles of a numbered list (HTML's `type` of `<ol>`); null is 1, 2, 3. */
export const LIST_NUMBERING = ['1', 'a', 'A', 'i', 'I'] as const

/**
 * Gives an attribute its type in the schema (ProseMirror's `validate`, which
 * `Node.check()` and the server's structure check apply, S9) and makes what a
 * paste brings fit it: a value of another type is read as the default, so the
 * editor never writes a value the server would refuse.
 */
function typed(
  attributes: Attributes,
  name: string,
  isValid: (value: unknown) => boolean,
  describe: string,
): Attributes {
  const attribute = attributes[name]
  if (!attribute) throw new Error(`no attribute ${name} to type`)
  const parse = attribute.parseHTML
  return {
    ...attributes,
    [name]: {
      ...attribute,
      validate: (value: unknown) => {
        if (!isValid(value)) throw new RangeError(`${name} must be ${describe}`)
      },
      ...(parse && {
        parseHTML: (element: HTMLElement) => {
          const value = parse(element)
          return isValid(value) ? value : attribute.default
        },
      }),
    },
  }
}

const isStringOrNull = (value: unknown) => value === null || typeof value === 'string'

const TypedHeading = Heading.extend({
  addAttributes() {
    return typed(
      this.parent?.() ?? {},
      'level',
      (value) => (HEADING_LEVELS as readonly unknown[]).includes(value),
      `one of ${HEADING_LEVELS.join(', ')}`,
    )
  },
})

const TypedOrderedList = OrderedList.extend({
  addAttributes() {
    const withStart = typed(
      this.parent?.() ?? {},
      'start',
      (value) => Number.isSafeInteger(value) && (value as number) >= 0,
      'a whole number',
    )
    return typed(
      withStart,
      'type',
      (value) => value === null || (LIST_NUMBERING as readonly unknown[]).includes(value),
      `null or one of ${LIST_NUMBERING.join(' ')}`,
    )
  },
})

/**
 * Adds the `blockId` attribute to every textblock. Only the server assigns ids.
 * Tiptap copies a block's attributes to both halves of a split (it honours
 * `keepOnSplit: false` only at the very end of a block), so the server gives the
 * younger of two blocks sharing an id a new one; blocks an editor rebuilds (type
 * changes, lists, clear formatting) get their id back from the text they hold.
 */
export const BlockId = Extension.create({
  name: 'blockId',
  addGlobalAttributes() {
    return [
      {
        types: [...TEXTBLOCK_TYPES],
        attributes: {
          [BLOCK_ID_ATTRIBUTE]: {
            default: null,
            keepOnSplit: false,
            validate: (value: unknown) => {
              if (!isStringOrNull(value)) throw new RangeError('blockId must be a string or null')
            },
            // Typed structurally: the server's type check has no DOM library.
            parseHTML: (element) =>
              (element as unknown as { getAttribute(name: string): string | null }).getAttribute(
                'data-block-id',
              ),
            renderHTML: (attributes) =>
              attributes[BLOCK_ID_ATTRIBUTE]
                ? { 'data-block-id': attributes[BLOCK_ID_ATTRIBUTE] }
                : {},
          },
        },
      },
    ]
  },
})

/** The text: blocks and tables; a table is no `block`, so lists, quotes and cells hold none. */
const TextDocument = Document.extend({ content: '(block | table)+' })

/**
 * The extension list both sides build the schema from: paragraphs, headings 1–3,
 * bold, italic, underline, strikethrough, highlight, links, bullet and numbered
 * lists, quotes, hard breaks, tables and footnotes (W1) — each named here rather
 * than through StarterKit, whose other extensions (code, history, rules …) would
 * still be bundled into every editor. Yjs brings undo.
 */
export function createSchemaExtensions(): Extensions {
  return [
    TextDocument,
    Paragraph,
    Text,
    TypedHeading.configure({ levels: [...HEADING_LEVELS] }),
    Bold,
    Italic,
    Underline,
    Strike,
    Highlight,
    Blockquote,
    HardBreak,
    BulletList,
    TypedOrderedList,
    ListItem,
    ListKeymap,
    Table,
    ...TableParts,
    Footnote,
    Link,
    BlockId,
  ]
}
