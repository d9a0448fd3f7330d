/**
 * Restoring a version (contract V4): the current text is first saved as a
 * version named "Voor herstel van <name>", then the text is made equal to the
 * version as one new, minimal change credited to the editor. History is never
 * rewritten: the restore is an ordinary update in the log, sent to every open
 * editor like any other.
 */
import { Node, type Schema } from '@tiptap/pm/model'
import { sliceWhole } from '../../shared/codePoints.ts'
import { Limits } from '../../shared/protocol.ts'
import { isFrozen } from '../../shared/roles.ts'
import type { Principal } from '../auth/Principal.ts'
import { textFrozen } from '../errors.ts'
import type { ProposalRecord } from '../persistence/Storage.ts'
import { applyDocument } from './applyDocument.ts'
import type { VersionService } from './VersionService.ts'
import type { VersionView } from './views.ts'

/** What a restore answers: the version restored and the safety version saved before it. */
export interface RestoreResult {
  restoredFrom: VersionView
  safetyVersion: VersionView
}

/** The name of the safety version, within the length every version name keeps. */
export function safetyVersionName(name: string): string {
  const full = `Voor herstel van ${name}`
  const max = Limits.maxTitleChars
  return full.length <= max ? full : `${sliceWhole(full, max - 1)}…`
}

/**
 * Restores version `versionId` of `proposal` for `editor` (the route checks the role).
 * @throws AppError not_found for an unknown version, frozen (409) in `vastgesteld`
 */
export async function restoreVersion(
  versions: VersionService,
  schema: Schema,
  editor: Principal,
  proposal: ProposalRecord,
  versionId: string,
): Promise<RestoreResult> {
  const version = await versions.read(proposal, versionId)
  if (isFrozen(proposal.status)) throw textFrozen()
  // Built and checked before anything changes: a change that failed halfway
  // would leave the room's document ahead of what was stored and sent.
  const node = Node.fromJSON(schema, version.doc)
  // A version saved before anyone wrote is an empty fragment: restoring it empties the text.
  if (node.childCount > 0) node.check()
  const { doc: _doc, text: _text, ...restoredFrom } = version
  let written: Promise<void> = Promise.resolve()
  const safetyVersion = await versions.saveAndChange(
    editor,
    proposal,
    safetyVersionName(version.name),
    (room) => {
      room.writeAsServer(editor.person.id, () => applyDocument(room.doc, room.fragment, node))
      written = room.flushed()
      // Awaited below, once the safety version is saved; not unhandled meanwhile.
      written.catch(() => {})
    },
  )
  // Answered only once the restored text is stored.
  await written
  return { restoredFrom, safetyVersion }
}
