/**
 * The check of one new item against the place it lands (S9): a node may only
 * hold children its content expression names somewhere, text (`XmlText`) only
 * in textblocks and only characters and allowed marks there, an element only
 * its declared attributes with values of their type. Content Yjs can carry but
 * the schema has no place for (`ContentAny`, embeds, binaries, sub-documents,
 * JSON, maps and arrays) is refused wherever it lands. Where a child sits among
 * its siblings is `checkSequences`'s part.
 */
import type { NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import type { SchemaRules } from './SchemaRules.ts'
import { GONE, type Landing, type UpdateStructs, type YType } from './UpdateStructs.ts'

/** What a type stands for in the schema. */
export type Role =
  | { kind: 'node'; type: NodeType }
  | { kind: 'text'; textblock: NodeType }
  | { kind: 'unknown'; why: string }
  | { kind: 'gone' }

/** Reads a type (live or new) as the schema sees it. */
export function roleOf(
  type: YType,
  root: Y.XmlFragment,
  structs: UpdateStructs,
  rules: SchemaRules,
): Role {
  if (type === root) return { kind: 'node', type: rules.topType }
  if (type instanceof Y.XmlElement) {
    const node = rules.elementType(type.nodeName)
    return node ? { kind: 'node', type: node } : { kind: 'unknown', why: `node "${type.nodeName}"` }
  }
  if (type instanceof Y.XmlText) {
    const place = structs.placeOf(type)
    if (place === GONE) return { kind: 'gone' }
    const holder = place && place.sub === null ? roleOf(place.type, root, structs, rules) : null
    if (holder?.kind === 'gone') return holder
    return holder?.kind === 'node' && holder.type.inlineContent
      ? { kind: 'text', textblock: holder.type }
      : { kind: 'unknown', why: 'text outside a textblock' }
  }
  return { kind: 'unknown', why: type.constructor.name }
}

const contentName = (content: Y.Item['content']) => content.constructor.name

/** Why `item` cannot land where it does, or null when it can. */
export function itemProblem(
  item: Y.Item,
  landing: Landing,
  role: Role,
  rules: SchemaRules,
): string | null {
  const { content } = item
  if (role.kind === 'gone') return null
  if (role.kind === 'unknown') return `${contentName(content)} inside ${role.why}`
  if (content instanceof Y.ContentDeleted) return null
  if (role.kind === 'text') {
    if (landing.sub !== null) return `attribute "${landing.sub}" on text`
    if (content instanceof Y.ContentString) return null
    if (content instanceof Y.ContentFormat)
      return rules.formatProblem(role.textblock, content.key, content.value)
    return `${contentName(content)} inside text`
  }
  const parent = role.type
  if (landing.sub !== null) {
    // One item can hold several values of an attribute: a sender's store merges
    // consecutive overwritten (deleted) settings of one key into one item, so
    // every value is checked, not only a lone one.
    if (content instanceof Y.ContentAny && content.arr.length > 0) {
      for (const value of content.arr) {
        const problem = rules.attributeProblem(parent, landing.sub, value)
        if (problem) return problem
      }
      return null
    }
    return `attribute "${landing.sub}" of ${parent.name} holding ${contentName(content)}`
  }
  if (!(content instanceof Y.ContentType)) return `${contentName(content)} inside ${parent.name}`
  const child = content.type
  let childType: NodeType | null = null
  if (child instanceof Y.XmlElement) {
    childType = rules.elementType(child.nodeName)
    if (!childType) return `unknown node "${child.nodeName}" inside ${parent.name}`
  } else if (child instanceof Y.XmlText) childType = rules.textType
  else return `${child.constructor.name} inside ${parent.name}`
  return rules.allowedChildren(parent).has(childType)
    ? null
    : `${childType.name} inside ${parent.name}`
}
