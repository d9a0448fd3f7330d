/**
 * The ProseMirror schema, defined once: the editor builds its Tiptap editor from
 * `createSchemaExtensions()`, and the server builds the same schema with
 * `getSchema(createSchemaExtensions())` to read and write the Yjs document (S2).
 */
import { Extension, type Extensions } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'

/** Node types that are passages: each carries a `blockId` (contract B1). */
export const TEXTBLOCK_TYPES = ['paragraph', 'heading'] as const

/** Name of the attribute holding a passage's stable id (contract B1). */
export const BLOCK_ID_ATTRIBUTE = 'blockId'

/** Name of the Y.XmlFragment holding the text (contract S2). */
export const FRAGMENT_NAME = 'default'

/** Heading levels the editor offers. */
export const HEADING_LEVELS = [1, 2, 3] as const

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

/**
 * The extension list both sides build the schema from: paragraphs, headings 1–3,
 * bold, italic, links, bullet and numbered lists, quotes, hard breaks. Yjs brings
 * undo, so StarterKit's own undo is off.
 */
export function createSchemaExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      trailingNode: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['http', 'https', 'mailto'],
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    BlockId,
  ]
}
