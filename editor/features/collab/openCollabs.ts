import type { Collab } from './createCollab.ts'

/**
 * The proposals open in this tab, by id, so sending unsent edits before signing
 * out uses the open document (its newest edits included) rather than a second copy.
 */
export const openCollabs = new Map<string, Collab>()
