/**
 * Runs a parent's content expression (ProseMirror's `ContentMatch`) over a
 * sequence of children where some children may or may not be there: the
 * sequence fits when at least one choice of the optional children makes it a
 * valid content of the parent. With every child required this is exactly
 * ProseMirror's own check.
 */
import type { ContentMatch, NodeType } from '@tiptap/pm/model'
import { ANY_TYPE, type ChildType } from './SchemaRules.ts'

/** One child in order; `optional` children may be left out. */
export interface SequenceEntry {
  type: ChildType
  optional: boolean
}

function step(states: ReadonlySet<ContentMatch>, type: ChildType): Set<ContentMatch> {
  const next = new Set<ContentMatch>()
  if (type === null) return next
  for (const state of states) {
    if (type === ANY_TYPE) {
      for (let i = 0; i < state.edgeCount; i++) next.add(state.edge(i).next)
    } else {
      const after = state.matchType(type)
      if (after) next.add(after)
    }
  }
  return next
}

/** True when some choice of the optional entries is valid content for `parent`. */
export function contentFits(parent: NodeType, entries: Iterable<SequenceEntry>): boolean {
  let states: Set<ContentMatch> = new Set([parent.contentMatch])
  for (const entry of entries) {
    const next = step(states, entry.type)
    if (entry.optional) for (const state of states) next.add(state)
    states = next
    if (states.size === 0) return false
  }
  for (const state of states) if (state.validEnd) return true
  return false
}

/** True when these children, all present, are valid content for `parent`. */
export function isValidContent(parent: NodeType, types: Iterable<ChildType>): boolean {
  let match: ContentMatch | null = parent.contentMatch
  for (const type of types) {
    if (type === null || type === ANY_TYPE) return false
    match = match.matchType(type)
    if (!match) return false
  }
  return match.validEnd
}
