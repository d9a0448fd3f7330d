/**
 * Seeded Yjs updates of every shape the schema does not allow (contract S9),
 * each built on a copy of a writer's document the way a buggy or hostile
 * client could: wrong nesting, content of the wrong kind, unknown attributes
 * and attributes of the wrong type, text outside textblocks, embeds, empty
 * containers, list items that do not start with a paragraph, bad marks. Also
 * the valid edits a writer makes in between. Deterministic for a seed.
 */
import * as prng from 'lib0/prng'
import * as Y from 'yjs'

type PRNG = prng.PRNG
type Child = Y.XmlElement | Y.XmlText

/** An element holding `children`; strings become text. */
export function el(
  name: string,
  children: Array<Child | string> = [],
  attrs: Record<string, unknown> = {},
) {
  const element = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string)
  element.insert(
    0,
    children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)),
  )
  return element
}
const para = (text: string) => el('paragraph', [text])
const item = (text: string) => el('listItem', [para(text)])

/** Every element of the fragment named one of `names`, depth first. */
function elements(fragment: Y.XmlFragment, names: readonly string[]): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const walk = (parent: Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (names.includes(child.nodeName)) found.push(child)
      walk(child)
    }
  }
  walk(fragment)
  return found
}

function pick<T>(gen: PRNG, items: readonly T[], what: string): T {
  if (items.length === 0) throw new Error(`the document has no ${what}`)
  return prng.oneOf(gen, items as T[])
}
const at = (gen: PRNG, parent: Y.XmlFragment) => prng.int32(gen, 0, parent.length)
const textblock = (gen: PRNG, f: Y.XmlFragment) =>
  pick(gen, elements(f, ['paragraph', 'heading']), 'textblock')
const list = (gen: PRNG, f: Y.XmlFragment) =>
  pick(gen, elements(f, ['bulletList', 'orderedList']), 'list')
const container = (gen: PRNG, f: Y.XmlFragment): Y.XmlFragment =>
  prng.oneOf(gen, [f, ...elements(f, ['bulletList', 'orderedList', 'listItem', 'blockquote'])])
function textIn(gen: PRNG, f: Y.XmlFragment): Y.XmlText {
  const texts = elements(f, ['paragraph', 'heading'])
    .map((block) => block.get(0))
    .filter((child): child is Y.XmlText => child instanceof Y.XmlText && child.length > 1)
  return pick(gen, texts, 'text')
}
const word = (gen: PRNG) => prng.word(gen, 2, 8)

/** Each makes one wrong shape in `f`; its name is the kind the test reports. */
const SHAPES: Record<string, (gen: PRNG, f: Y.XmlFragment) => void> = {
  'block inside a textblock': (gen, f) => {
    const block = textblock(gen, f)
    const intruder = prng.oneOf(gen, [
      () => el('heading', [word(gen)], { level: 1 }),
      () => para(word(gen)),
      () => el('blockquote', [para(word(gen))]),
      () => el('bulletList', [item(word(gen))]),
    ])()
    block.insert(at(gen, block), [intruder])
  },
  'wrong child of a list': (gen, f) => {
    const target = list(gen, f)
    const intruder = prng.oneOf(gen, [
      () => para(word(gen)),
      () => el('heading', [word(gen)], { level: 2 }),
      () => el('blockquote', [para(word(gen))]),
    ])()
    target.insert(at(gen, target), [intruder])
  },
  'list item outside a list': (gen, f) => {
    const target = prng.oneOf(gen, [f, ...elements(f, ['blockquote'])])
    target.insert(at(gen, target), [item(word(gen))])
  },
  'a document inside the document': (gen, f) =>
    f.insert(at(gen, f), [el('doc', [para(word(gen))])]),
  'unknown element': (gen, f) => {
    const name = prng.oneOf(gen, ['text', 'script', 'iframe', 'div', 'Paragraph', 'ychange'])
    f.insert(at(gen, f), [el(name, [prng.bool(gen) ? para(word(gen)) : word(gen)])])
  },
  'value inside an element': (gen, f) => {
    const target = prng.oneOf(gen, [
      f,
      ...elements(f, ['paragraph', 'heading', 'bulletList', 'listItem']),
    ])
    const value = prng.oneOf(gen, [{ html: '<b>' }, 42, 'tekst', true, null, [1, 2]])
    target.insert(at(gen, target), [value] as never)
  },
  'binary inside an element': (gen, f) => {
    const target = prng.oneOf(gen, [f, textblock(gen, f)])
    target.insert(at(gen, target), [prng.uint8Array(gen, 4)] as never)
  },
  'map, array or hook in the text': (gen, f) => {
    const type = prng.oneOf(gen, [
      () => new Y.Map(),
      () => new Y.Array(),
      () => new Y.XmlHook('x'),
    ])()
    f.insert(at(gen, f), [type] as never)
  },
  'sub-document': (gen, f) => f.insert(at(gen, f), [new Y.Doc()] as never),
  embed: (gen, f) => {
    const text = textIn(gen, f)
    const embed = prng.oneOf(gen, [() => ({ image: 'x.png' }), () => new Y.XmlText('binnen')])()
    text.insertEmbed(prng.int32(gen, 0, text.length), embed as never)
  },
  'text outside a textblock': (gen, f) => {
    const target = container(gen, f)
    target.insert(at(gen, target), [new Y.XmlText(word(gen))])
  },
  'unknown attribute': (gen, f) => {
    const target = pick(
      gen,
      elements(f, ['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote']),
      'element',
    )
    const name = prng.oneOf(gen, [
      'onclick',
      'style',
      'class',
      'href',
      'data-x',
      'target',
      'ychange',
    ])
    target.setAttribute(name, word(gen))
  },
  'attribute of the wrong type': (gen, f) => {
    const choice = prng.int32(gen, 0, 3)
    if (choice === 0) {
      const heading = pick(gen, elements(f, ['heading']), 'heading')
      heading.setAttribute('level', prng.oneOf(gen, ['2', 0, 4, 1.5, null, { x: 1 }]) as never)
    } else if (choice === 1) {
      textblock(gen, f).setAttribute('blockId', prng.oneOf(gen, [42, {}, [1], true]) as never)
    } else {
      const ordered = pick(gen, elements(f, ['orderedList']), 'numbered list')
      if (prng.bool(gen))
        ordered.setAttribute('start', prng.oneOf(gen, ['3', -1, 2.5, null]) as never)
      else ordered.setAttribute('type', prng.oneOf(gen, ['x', 3, 'disc']) as never)
    }
  },
  'attribute on text': (gen, f) =>
    textIn(gen, f).setAttribute(prng.oneOf(gen, ['bold', 'style']), 'x'),
  'empty container': (gen, f) => {
    if (prng.bool(gen)) {
      const name = prng.oneOf(gen, ['bulletList', 'orderedList', 'blockquote'])
      f.insert(at(gen, f), [el(name)])
    } else {
      const target = list(gen, f)
      target.insert(at(gen, target), [el('listItem')])
    }
  },
  'list item not starting with a paragraph': (gen, f) => {
    const first = prng.oneOf(gen, [
      () => el('heading', [word(gen)], { level: 1 }),
      () => el('bulletList', [item(word(gen))]),
      () => el('blockquote', [para(word(gen))]),
    ])()
    const odd = el('listItem', [first, para(word(gen))])
    if (prng.bool(gen)) {
      const target = list(gen, f)
      target.insert(at(gen, target), [odd])
    } else f.insert(at(gen, f), [el('bulletList', [odd])])
  },
  'block before the paragraph of a list item': (gen, f) => {
    const target = pick(gen, elements(f, ['listItem']), 'list item')
    target.insert(0, [el('bulletList', [item(word(gen))])])
  },
  'bad mark': (gen, f) => {
    const format = prng.oneOf(gen, [
      { script: {} },
      { link: { href: 'javascript:alert(1)' } },
      { link: { href: 'data:text/html,<b>' } },
      { link: { href: 'https://vng.nl', target: '_self' } },
      { link: { href: 'https://vng.nl', rel: 'opener', class: 'x' } },
      { link: {} },
      { bold: 'ja' },
      { italic: 1 },
    ])
    const text = textIn(gen, f)
    if (prng.bool(gen)) text.format(0, prng.int32(gen, 1, text.length), format as never)
    else text.insert(prng.int32(gen, 0, text.length), word(gen), format as never)
  },
}

/** The kinds of wrong shape, in a fixed order. */
export const WRONG_SHAPE_KINDS = Object.keys(SHAPES)

/** A wrong update made on a copy of `base` (`base` itself is not changed). */
export function wrongShape(gen: PRNG, base: Y.Doc, kind = prng.oneOf(gen, WRONG_SHAPE_KINDS)) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  copy.transact(() => SHAPES[kind]?.(gen, copy.getXmlFragment('default')))
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  return { kind, update }
}

/** The starting text: every node type the schema has, in valid shapes. */
export function fillValidText(doc: Y.Doc): void {
  doc.transact(() => {
    doc
      .getXmlFragment('default')
      .insert(0, [
        el('heading', ['Omkering'], { level: 1 }),
        para('Gemeenten nemen het voortouw.'),
        el('bulletList', [
          item('Energie'),
          el('listItem', [para('Wonen'), el('bulletList', [item('Huur')])]),
        ]),
        el('orderedList', [item('Eerst'), item('Dan')], { start: 1 }),
        el('blockquote', [para('Een citaat.')]),
        el('heading', ['Slot'], { level: 2 }),
        para('Tot slot.'),
      ])
  })
}

/** One valid edit a writer makes: typing, deleting a letter, bold, a new paragraph or list item. */
export function validEdit(gen: PRNG, doc: Y.Doc): void {
  const f = doc.getXmlFragment('default')
  const choice = prng.int32(gen, 0, 4)
  if (choice === 0) {
    const text = textIn(gen, f)
    text.insert(prng.int32(gen, 0, text.length), ` ${word(gen)}`)
  } else if (choice === 1) {
    const text = textIn(gen, f)
    text.delete(prng.int32(gen, 0, text.length - 1), 1)
  } else if (choice === 2) {
    const text = textIn(gen, f)
    text.format(0, prng.int32(gen, 1, text.length), { bold: {} })
  } else if (choice === 3) f.insert(f.length, [para(word(gen))])
  else {
    const target = list(gen, f)
    target.insert(target.length, [item(word(gen))])
  }
}
