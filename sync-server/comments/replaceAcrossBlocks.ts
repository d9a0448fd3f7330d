/**
 * Replacing text that spans passages (contract C6) as one minimal change. The
 * replacement's lines are the new passages: the text is changed in ProseMirror
 * terms (a replace with an open slice, which joins or splits passages as the
 * lines ask) and the fragment is then made equal to the result with
 * `applyDocument`, which keeps every passage it can match by id and changes
 * only the characters that differ. Each line takes the id of the passage it
 * replaces, in order, so two paragraphs rewritten as two paragraphs keep their
 * ids, their untouched words' authors and the anchors of other threads.
 */
import { Fragment, type Node, type Schema, Slice } from '@tiptap/pm/model'
import { Transform } from '@tiptap/pm/transform'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { BLOCK_ID_ATTRIBUTE } from '../../shared/schema.ts'
import { applyDocument } from '../versions/applyDocument.ts'
import type { LinearText } from './LinearText.ts'
import type { Replacement } from './replaceText.ts'

/** Where each textblock's content starts in the ProseMirror document, in text order. */
function textblockStarts(doc: Node): number[] {
  const starts: number[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    starts.push(pos + 1)
    return false
  })
  return starts
}

/**
 * @returns null when the range lies in one passage (see `planReplacement`), holds
 *   a line break inside a passage, or cannot be changed this way (ProseMirror
 *   cannot fit it)
 */
export function planReplacementAcrossBlocks(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  schema: Schema,
  linear: LinearText,
  from: number,
  to: number,
  replacement: string,
): Replacement | null {
  const first = linear.blocks.findIndex((block) => from >= block.start && from <= block.end)
  const last = linear.blocks.findIndex((block) => to >= block.start && to <= block.end)
  // Within one passage only a replacement of several lines comes here (a split).
  if (first < 0 || last < first || (last === first && !replacement.includes('\n'))) return null
  // A line break inside a passage reads as "\n" too: its lines would not be passages.
  const separators = new Set(linear.blocks.slice(first, last).map((block) => block.end))
  for (
    let at = linear.value.indexOf('\n', from);
    at >= 0 && at < to;
    at = linear.value.indexOf('\n', at + 1)
  )
    if (!separators.has(at)) return null
  const current = yXmlFragmentToProseMirrorRootNode(fragment, schema)
  const starts = textblockStarts(current)
  const spanned: Node[] = []
  current.descendants((node) => {
    if (!node.isTextblock) return true
    spanned.push(node)
    return false
  })
  if (starts.length !== linear.blocks.length) return null
  const at = (index: number, offset: number) =>
    starts[index]! + offset - linear.blocks[index]!.start
  const blocks = spanned.slice(first, last + 1)
  const lines = replacement.split('\n')
  const nodes = lines.map((line, i) => {
    // The first and last line join the passages the range starts and ends in;
    // lines between take the ids of the passages between, while there are any.
    // Within one passage the first line keeps its id (B1: a split keeps the id
    // on the first part); the server names the others.
    const like =
      i === 0
        ? blocks[0]
        : i === lines.length - 1
          ? blocks.at(-1)
          : i < blocks.length - 1
            ? blocks[i]
            : undefined
    const type = like?.type ?? schema.nodes.paragraph!
    const keepsId = like !== undefined && (i === 0 || blocks.length > 1)
    const attrs = like
      ? { ...like.attrs, ...(keepsId ? {} : { [BLOCK_ID_ATTRIBUTE]: null }) }
      : null
    return type.create(attrs, line ? schema.text(line) : null)
  })
  const transform = new Transform(current)
  try {
    transform.replace(at(first, from), at(last, to), new Slice(Fragment.from(nodes), 1, 1))
    transform.doc.check()
  } catch {
    return null
  }
  const next = transform.doc
  return {
    from,
    to: from + replacement.length,
    apply: () => applyDocument(doc, fragment, next),
  }
}
