import { Extension } from '@tiptap/core'
import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { BLOCK_ID_ATTRIBUTE } from '../../../shared/schema.ts'
import { cleanPastedHtml } from './cleanWordHtml.ts'

function withoutBlockIds(fragment: Fragment): Fragment {
  const nodes: PmNode[] = []
  fragment.forEach((node) => {
    const content = withoutBlockIds(node.content)
    const attrs =
      node.attrs[BLOCK_ID_ATTRIBUTE] != null
        ? { ...node.attrs, [BLOCK_ID_ATTRIBUTE]: null }
        : node.attrs
    nodes.push(node.isText ? node : node.type.create(attrs, content, node.marks))
  })
  return Fragment.from(nodes)
}

/**
 * Paste that fits the schema: Word's HTML is cleaned first, and pasted blocks
 * lose their `blockId`, because only the server assigns ids (B1) and a copy must
 * not carry the id of its original.
 */
export const PasteCleanup = Extension.create({
  name: 'pasteCleanup',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: {
          transformPastedHTML: (html) => cleanPastedHtml(html),
          transformPasted: (slice) =>
            new Slice(withoutBlockIds(slice.content), slice.openStart, slice.openEnd),
        },
      }),
    ]
  },
})
