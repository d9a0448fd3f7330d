/**
 * What the shared ProseMirror schema allows, asked in the terms of a Yjs tree as
 * y-tiptap writes it: an `XmlElement` per node (its attributes as the
 * element's), text as `XmlText` inside textblocks with each mark as a
 * formatting attribute named after it (`<mark>--<hash>` for marks that may
 * overlap themselves). Everything here is derived from the schema — content
 * expressions, `inlineContent`, allowed marks, attribute specs with their
 * `validate` — so node types added to the schema are covered without a list
 * of their own.
 */
import type { AttributeSpec, ContentMatch, MarkType, NodeType, Schema } from '@tiptap/pm/model'

/** A child whose type is unknown because Yjs forgot it (a collected deletion): it may have been any. */
export const ANY_TYPE = 'any'

/** A child's type for content matching: a node type, any type, or null for something no schema node is. */
export type ChildType = NodeType | typeof ANY_TYPE | null

/** One declared attribute of a node or mark, from its public spec. */
export interface AttributeRule {
  hasDefault: boolean
  default: unknown
  /** Why a value is not of the attribute's type, or null. */
  problem(value: unknown): string | null
}

// The mark name inside a y-tiptap formatting key (same pattern as y-tiptap's own).
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/

const rulesOfSchema = new WeakMap<Schema, SchemaRules>()

export class SchemaRules {
  /** The rules of a schema, derived once per schema. */
  static for(schema: Schema): SchemaRules {
    const known = rulesOfSchema.get(schema)
    if (known) return known
    const rules = new SchemaRules(schema)
    rulesOfSchema.set(schema, rules)
    return rules
  }

  readonly schema: Schema
  readonly #allowed = new Map<NodeType, ReadonlySet<NodeType>>()
  readonly #orderFree = new Map<NodeType, ReadonlySet<NodeType> | null>()
  readonly #attributes = new Map<NodeType | MarkType, ReadonlyMap<string, AttributeRule>>()

  constructor(schema: Schema) {
    this.schema = schema
  }

  /** The node type an element of this name stands for; null for unknown names and `text`. */
  elementType(nodeName: string): NodeType | null {
    const type = Object.hasOwn(this.schema.nodes, nodeName)
      ? this.schema.nodes[nodeName]
      : undefined
    return type && !type.isText ? type : null
  }

  get textType(): NodeType {
    return this.schema.nodes.text as NodeType
  }

  get topType(): NodeType {
    return this.schema.topNodeType
  }

  /** Every child type that may appear somewhere in `parent`'s content. */
  allowedChildren(parent: NodeType): ReadonlySet<NodeType> {
    let allowed = this.#allowed.get(parent)
    if (!allowed) {
      const types = new Set<NodeType>()
      const seen = new Set<ContentMatch>()
      const visit = (match: ContentMatch) => {
        if (seen.has(match)) return
        seen.add(match)
        for (let i = 0; i < match.edgeCount; i++) {
          const { type, next } = match.edge(i)
          types.add(type)
          visit(next)
        }
      }
      visit(parent.contentMatch)
      allowed = types
      this.#allowed.set(parent, allowed)
    }
    return allowed
  }

  /** The declared attributes of a node or mark type (memoised). */
  attributes(type: NodeType | MarkType): ReadonlyMap<string, AttributeRule> {
    let rules = this.#attributes.get(type)
    if (!rules) {
      const specs: Record<string, AttributeSpec> = type.spec.attrs ?? {}
      rules = new Map(
        Object.entries(specs).map(([key, spec]) => [key, attributeRule(type.name, key, spec)]),
      )
      this.#attributes.set(type, rules)
    }
    return rules
  }

  /**
   * The allowed children when `parent`'s content expression cares only that
   * they are allowed and (for `+`) that there is one — `block+`, `inline*`,
   * `listItem+` — so a check need not walk all of a long parent's children;
   * null when order matters (`paragraph block*`).
   */
  orderFree(parent: NodeType): ReadonlySet<NodeType> | null {
    if (this.#orderFree.has(parent)) return this.#orderFree.get(parent) ?? null
    const start = parent.contentMatch
    const allowed = this.allowedChildren(parent)
    const edgesOf = (match: ContentMatch) =>
      Array.from({ length: match.edgeCount }, (_, i) => match.edge(i))
    const first = edgesOf(start)
    const loop = first[0]?.next ?? start
    const free =
      first.every((edge) => edge.next === loop) &&
      loop.validEnd &&
      edgesOf(loop).every((edge) => edge.next === loop) &&
      edgesOf(loop).length === allowed.size &&
      first.length === allowed.size
    this.#orderFree.set(parent, free ? allowed : null)
    return free ? allowed : null
  }

  /** Why `value` cannot be attribute `key` of a `type` node or mark, or null when it can. */
  attributeProblem(type: NodeType | MarkType, key: string, value: unknown): string | null {
    const rule = this.attributes(type).get(key)
    return rule ? rule.problem(value) : `${type.name} has no attribute "${key}"`
  }

  /**
   * Attributes for a node or mark read from Yjs: each declared one, a value of
   * the wrong type replaced by the default; null when a required one is missing.
   */
  readAttributes(
    type: NodeType | MarkType,
    given: Record<string, unknown>,
  ): Record<string, unknown> | null {
    const attrs: Record<string, unknown> = {}
    for (const [key, rule] of this.attributes(type)) {
      const value = Object.hasOwn(given, key) ? given[key] : rule.default
      if (rule.problem(value) === null) attrs[key] = value
      else if (rule.hasDefault && rule.problem(rule.default) === null) attrs[key] = rule.default
      else return null
    }
    return attrs
  }

  /** The mark a formatting key of an XmlText names, or null. */
  markOf(key: string): MarkType | null {
    const name = HASHED_MARK.exec(key)?.[1] ?? key
    return Object.hasOwn(this.schema.marks, name) ? (this.schema.marks[name] as MarkType) : null
  }

  /**
   * Why formatting `key` = `value` cannot be inside a `textblock`, or null when
   * it can: a mark the textblock allows, its value null (the mark ends) or the
   * mark's attributes, each declared and of its type.
   */
  formatProblem(textblock: NodeType, key: string, value: unknown): string | null {
    const mark = this.markOf(key)
    if (!mark) return `no mark "${key}" in the schema`
    if (!textblock.allowsMarkType(mark)) return `${textblock.name} does not allow ${mark.name}`
    if (value === null) return null
    if (!isRecord(value)) return `${mark.name} with a value that is no attributes`
    const rules = this.attributes(mark)
    // Values an earlier version of the schema wrote, taken and never read (see shared/link.ts).
    const legacy = (mark.spec as { legacyAttrs?: Record<string, readonly unknown[]> }).legacyAttrs
    for (const name of Object.keys(value)) {
      if (rules.has(name) || legacy?.[name]?.includes(value[name])) continue
      return `${mark.name} has no attribute "${name}"`
    }
    for (const [name, rule] of rules) {
      const problem = rule.problem(Object.hasOwn(value, name) ? value[name] : rule.default)
      if (problem) return `${mark.name}: ${problem}`
    }
    return null
  }
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function attributeRule(owner: string, key: string, spec: AttributeSpec): AttributeRule {
  const { validate } = spec
  const problem = (value: unknown): string | null => {
    if (typeof validate === 'function') {
      try {
        validate(value)
        return null
      } catch (error) {
        return `${owner}.${key}: ${(error as Error).message}`
      }
    }
    if (typeof validate === 'string') {
      const kind = value === null ? 'null' : typeof value
      return validate.split('|').includes(kind) ? null : `${owner}.${key} must be ${validate}`
    }
    // An attribute the schema gives no type: plain values only, never objects.
    return isPlainValue(value) ? null : `${owner}.${key} holds an object`
  }
  return { hasDefault: Object.hasOwn(spec, 'default'), default: spec.default, problem }
}

/** A value for an attribute without a declared type: a primitive, or a flat array of them. */
function isPlainValue(value: unknown): boolean {
  const primitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v)
  return primitive(value) || (Array.isArray(value) && value.every(primitive))
}
