import { Extension } from '@tiptap/core'
import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { BLOCK_ID_ATTRIBUTE } from '../../../shared/schema.ts'
import { cleanPaste } from './cleanWordHtml.ts'

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
 * Paste that fits the schema: pasted HTML is cleaned first (tables, footnotes,
 * Word's lists and markup), what could not be kept is told through
 * `onDropped` (W1), and pasted blocks lose their `blockId`, because only the
 * server assigns ids (B1) and a copy must not carry the id of its original.
 */
export const PasteCleanup = Extension.create<{
  onDropped: (dropped: Array<{ what: string; count: number }>) => void
}>({
  name: 'pasteCleanup',
  addOptions() {
    return { onDropped: () => undefined }
  },
  addProseMirrorPlugins() {
    const options = this.options
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: {
          transformPastedHTML: (html) => {
            const cleaned = cleanPaste(html)
            options.onDropped(cleaned.dropped)
            return cleaned.html
          },
          transformPasted: (slice) =>
            new Slice(withoutBlockIds(slice.content), slice.openStart, slice.openEnd),
        },
      }),
    ]
  },
})
