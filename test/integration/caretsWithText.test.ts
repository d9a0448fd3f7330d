/**
 * Carets travel with the text (contract A6, S1): a caret waiting for its batch leaves
 * with the next text update, in the same write, so a reader that keeps up pays one
 * write per keystroke rather than two. The batch interval is set to a minute here: a
 * caret that arrives within the test can only have come with an update.
 */
import { describe, expect, it, vi } from 'vitest'
import { sendOwnAwarenessOnly } from '../../editor/features/presence/sendOwnAwareness.ts'
import { caret } from '../helpers/carets.ts'
import { client, start } from '../helpers/identitySupport.ts'
import { appendBlock, linesOf } from '../helpers/ydoc.ts'

const A_MINUTE = 60_000

describe('carets with the text', () => {
  it('[A6][S1] a caret waiting for its batch reaches the others with the next edit; without an edit it waits for the batch', async () => {
    const server = await start({ awarenessFlushMs: A_MINUTE })
    const anna = await server.invite({ name: 'Anna', role: 'writer', proposals: ['voorstel-1'] })
    const bram = await server.invite({ name: 'Bram', role: 'reviewer', proposals: ['voorstel-1'] })
    const a = client(server, 'voorstel-1', anna.token)
    const b = client(server, 'voorstel-1', bram.token)
    sendOwnAwarenessOnly(a.provider)
    sendOwnAwarenessOnly(b.provider)
    await Promise.all([a.synced(), b.synced()])
    const annasCaret = () => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor

    // A caret alone waits for its batch (a minute here)...
    a.provider.awareness.setLocalStateField('cursor', caret(1))
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(annasCaret()).toBeUndefined()
    // ...and leaves with the next edit, in time for the text it points into.
    appendBlock(a.doc, 'Eerste zin')
    await vi.waitFor(() => {
      expect(linesOf(b.doc)).toBe('Eerste zin')
      expect(annasCaret()).toEqual(caret(1))
    })

    // Again: the caret of the keystroke before travels with the keystroke after.
    a.provider.awareness.setLocalStateField('cursor', caret(2))
    appendBlock(a.doc, 'Tweede zin')
    await vi.waitFor(() => {
      expect(linesOf(b.doc)).toBe('Eerste zin\nTweede zin')
      expect(annasCaret()).toEqual(caret(2))
    })
    expect([a.closeCodes, b.closeCodes]).toEqual([[], []])
  })
})
