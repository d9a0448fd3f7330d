/**
 * Filling an empty proposal from a Word document (contract V5): mammoth reads
 * the .docx as HTML in a worker thread (`readDocxHtml`, which refuses files
 * that unpack too large), `htmlToDoc` makes that a document of the shared schema,
 * and the text is written as one change credited to the editor. The server then
 * gives every passage its id (B1), as for any new block. What could not be kept
 * is counted (`htmlToDoc`, `countDropped`) and answered as `dropped` (W1).
 * Word's tracked changes are not applied: the text is the file's original, and
 * the changes are returned with their place to become suggestions (W2).
 */
import { Node, type Schema } from '@tiptap/pm/model'
import { isFrozen } from '../../shared/roles.ts'
import type { Principal } from '../auth/Principal.ts'
import { type LocatedChange, locateChanges } from '../comments/importedSuggestions.ts'
import { LinearText } from '../comments/LinearText.ts'
import { documentContent } from '../documents/content.ts'
import { AppError, invalidField, textFrozen } from '../errors.ts'
import type { ProposalRecord } from '../persistence/Storage.ts'
import type { Room } from '../rooms/Room.ts'
import type { Rooms } from '../rooms/Rooms.ts'
import { applyDocument } from '../versions/applyDocument.ts'
import { type Dropped, DroppedCounter } from './dropped.ts'
import { htmlToDoc } from './htmlToDoc.ts'
import { type DocxReading, readDocxHtml, unreadableDocx } from './readDocxHtml.ts'
import type { TrackedChanges } from './trackedChanges.ts'

/**
 * The .docx as a checked document of the shared schema, and what it held that
 * could not be kept. @throws AppError 422, 503
 */
export async function readDocx(
  bytes: Buffer,
  schema: Schema,
  reading: DocxReading,
): Promise<{ node: Node; dropped: Dropped[]; tracked: TrackedChanges | null }> {
  const { html, dropped: inFile, tracked } = await readDocxHtml(bytes, reading)
  const { doc: json, dropped: inHtml } = htmlToDoc(html)
  if (!json.content?.length) throw invalidField('file', 'Dit Word-document bevat geen tekst.')
  const dropped = new DroppedCounter()
  dropped.addAll(inHtml)
  dropped.addAll(inFile)
  try {
    const node = Node.fromJSON(schema, json)
    node.check()
    return { node, dropped: dropped.list(), tracked }
  } catch {
    throw unreadableDocx()
  }
}

/** True when the text holds no characters (empty paragraphs do not count). */
function isEmpty(room: Room, schema: Schema): boolean {
  return documentContent(room.fragment, schema).text.trim() === ''
}

const notEmpty = () =>
  new AppError(
    'not_empty',
    'Dit voorstel heeft al tekst. Een Word-document kan alleen in een leeg voorstel worden geladen.',
  )

/**
 * Replaces the empty text of `proposal` by the document in `bytes`, as `editor`.
 * @throws AppError frozen (409) in `vastgesteld`, not_empty (409) when the
 *   proposal has text, validation_failed (422) for a file that is no readable .docx
 */
export async function importDocx(
  deps: { rooms: Rooms; schema: Schema } & DocxReading,
  editor: Principal,
  proposal: ProposalRecord,
  bytes: Buffer,
) {
  if (isFrozen(proposal.status)) throw textFrozen()
  const { rooms, schema } = deps
  const room = await rooms.get(proposal.id)
  try {
    if (!isEmpty(room, schema)) throw notEmpty()
    // Tracked changes (W2): the original text is imported, each change becomes a suggestion.
    const { node, dropped, tracked } = await readDocx(bytes, schema, deps)
    // Checked again in the turn of writing: someone may have typed while Word was read.
    if (!isEmpty(room, schema)) throw notEmpty()
    room.writeAsServer(editor.person.id, () => applyDocument(room.doc, room.fragment, node))
    await room.flushed()
    let changes: LocatedChange[] = []
    if (tracked) {
      const linear = new LinearText(room.fragment)
      const { located, missing } = locateChanges(linear, tracked.text, tracked.changes)
      changes = located
      if (missing > 0) dropped.push({ what: 'trackedChange', count: missing })
    }
    return { ...documentContent(room.fragment, schema), dropped, changes }
  } finally {
    rooms.releaseIdle(room)
  }
}
