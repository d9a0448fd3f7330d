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

/** Adds `state` to `states` unless it is there (the sets stay tiny: a few states). */
function add(states: ContentMatch[], state: ContentMatch): void {
  if (!states.includes(state)) states.push(state)
}

/** The states after `type` from any of `states`, added to `into`. */
function step(states: readonly ContentMatch[], type: ChildType, into: ContentMatch[]): void {
  if (type === null) return
  for (const state of states) {
    if (type === ANY_TYPE) {
      for (let i = 0; i < state.edgeCount; i++) add(into, state.edge(i).next)
    } else {
      const after = state.matchType(type)
      if (after) add(into, after)
    }
  }
}

/** True when some choice of the optional entries is valid content for `parent`. */
export function contentFits(parent: NodeType, entries: Iterable<SequenceEntry>): boolean {
  let states: ContentMatch[] = [parent.contentMatch]
  for (const entry of entries) {
    // An optional child may be left out: the states before it stay possible.
    const next = entry.optional ? [...states] : []
    step(states, entry.type, next)
    states = next
    if (states.length === 0) return false
  }
  return states.some((state) => state.validEnd)
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
