import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkStructure } from './checkStructure.ts'
import {
  docOf,
  editorUpdate,
  fragmentOf,
  h,
  li,
  p,
  quote,
  rules,
  ul,
  updateOf,
  verdictOf,
  yDocOf,
} from './testDocs.ts'

const start = () =>
  yDocOf(docOf(h(1, 'Titel'), p('Eerste alinea.'), ul(li(p('een')), li(p('twee')))))

/** An element holding `children` (strings become text). */
function element(name: string, children: Array<Y.XmlElement | Y.XmlText | string> = []) {
  const node = new Y.XmlElement(name)
  node.insert(
    0,
    children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)),
  )
  return node
}

const firstBlock = (fragment: Y.XmlFragment) => fragment.get(1) as Y.XmlElement
const firstText = (fragment: Y.XmlFragment) => firstBlock(fragment).get(0) as Y.XmlText
const firstOf = (fragment: Y.XmlFragment) => fragment.get(0) as Y.XmlElement
const list = (fragment: Y.XmlFragment) => fragment.get(2) as Y.XmlElement

describe('checkStructure', () => {
  it('[S9] lets every edit the editor makes through', () => {
    const base = start()
    const edits = [
      docOf(h(1, 'Titel'), p('Eerste alinea, langer.'), ul(li(p('een')), li(p('twee')))),
      docOf(h(2, 'Titel'), p('Eerste'), p('alinea.'), ul(li(p('een')), li(p('twee')))),
      docOf(h(1, 'Titel'), quote(p('Eerste alinea.')), ul(li(p('een'), ul(li(p('sub')))))),
      docOf(h(1, 'Titel'), p('Eerste alinea.'), p('een'), p('twee')),
      docOf(p('')),
      docOf(
        h(1, 'Titel'),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'vet', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            {
              type: 'text',
              text: 'link',
              marks: [{ type: 'link', attrs: { href: 'https://vng.nl' } }],
            },
          ],
        },
        { type: 'orderedList', attrs: { start: 3, type: 'a' }, content: [li(p('drie'))] },
      ),
    ]
    for (const json of edits)
      expect(verdictOf(base, editorUpdate(base, json))).toEqual({ ok: true })
  })

  it('[S9] checks every value of an attribute a sender’s store merged into one item', () => {
    // Without garbage collection Yjs merges overwritten settings of one key (2, then 3,
    // then 1) into one item holding [2, 3]; an editor changing a heading's level sends that.
    const base = start()
    const sent = (levels: unknown[]) => {
      const replica = new Y.Doc({ gc: false })
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(base))
      const before = Y.encodeStateVector(replica)
      replica.transact(() => {
        for (const level of levels)
          firstOf(fragmentOf(replica)).setAttribute('level', level as never)
      })
      return Y.encodeStateAsUpdate(replica, before)
    }
    const merged = Y.decodeUpdate(sent([2, 3, 1])).structs.find(
      (struct) => struct instanceof Y.Item && struct.content instanceof Y.ContentAny,
    ) as Y.Item
    expect((merged.content as Y.ContentAny).arr).toEqual([2, 3])
    expect(verdictOf(base, sent([2, 3, 1]))).toEqual({ ok: true })
    expect(verdictOf(base, sent([2, '<script>', 1]))).toMatchObject({ ok: false })
  })

  it('[S9] lets typing, formatting and deleting text through', () => {
    const base = start()
    const typed = updateOf(base, (f) => firstText(f).insert(6, 'korte '))
    expect(verdictOf(base, typed.update)).toEqual({ ok: true })
    const bold = updateOf(base, (f) => firstText(f).format(0, 6, { bold: {} }))
    expect(verdictOf(base, bold.update)).toEqual({ ok: true })
    const deleted = updateOf(base, (f) => firstText(f).delete(0, 7))
    expect(verdictOf(base, deleted.update)).toEqual({ ok: true })
  })

  it('[S9] takes a link as the previous editor wrote it (its default target and rel), from a browser copy made then', () => {
    const base = start()
    const legacy = {
      href: 'https://vng.nl',
      target: '_blank',
      rel: 'noopener noreferrer nofollow',
      class: null,
      title: null,
    }
    const { update } = updateOf(base, (f) => firstText(f).format(0, 3, { link: legacy }))
    expect(verdictOf(base, update)).toEqual({ ok: true })
  })

  const refused: Array<[string, (fragment: Y.XmlFragment, doc: Y.Doc) => void, RegExp]> = [
    ['text directly under the root', (f) => f.insert(1, [new Y.XmlText('los')]), /text inside doc/],
    ['an element named text', (f) => f.insert(1, [element('text', ['x'])]), /unknown node "text"/],
    ['an unknown element', (f) => f.insert(1, [element('script', ['x'])]), /unknown node/],
    [
      'a heading inside a paragraph',
      (f) => firstBlock(f).insert(1, [element('heading', ['x'])]),
      /heading inside paragraph/,
    ],
    [
      'a value inside a paragraph',
      (f) => firstBlock(f).insert(1, [{ evil: true }] as never),
      /ContentAny inside paragraph/,
    ],
    [
      'a paragraph directly in a list',
      (f) => list(f).insert(0, [element('paragraph', ['x'])]),
      /paragraph inside bulletList/,
    ],
    ['text in a list', (f) => list(f).insert(0, [new Y.XmlText('x')]), /text inside bulletList/],
    [
      'a list item in the root',
      (f) => f.insert(0, [element('listItem', [element('paragraph', ['x'])])]),
      /listItem inside doc/,
    ],
    [
      'an empty new list',
      (f) => f.insert(1, [element('bulletList')]),
      /bulletList would not be valid/,
    ],
    [
      'a new list item without a paragraph first',
      (f) =>
        f.insert(1, [
          element('bulletList', [
            element('listItem', [
              element('bulletList', [element('listItem', [element('paragraph', ['x'])])]),
            ]),
          ]),
        ]),
      /listItem would not be valid/,
    ],
    [
      'an empty quote',
      (f) => f.insert(1, [element('blockquote')]),
      /blockquote would not be valid/,
    ],
    [
      'a list placed before the paragraph of an item',
      (f) =>
        (list(f).get(0) as Y.XmlElement).insert(0, [
          element('bulletList', [element('listItem', [element('paragraph', ['x'])])]),
        ]),
      /listItem would not be valid/,
    ],
    [
      'an unknown attribute',
      (f) => firstBlock(f).setAttribute('onclick', 'x'),
      /no attribute "onclick"/,
    ],
    [
      'a heading level of the wrong type',
      (f) => (f.get(0) as Y.XmlElement).setAttribute('level', '2'),
      /level must be/,
    ],
    [
      'a heading level out of range',
      (f) => (f.get(0) as Y.XmlElement).setAttribute('level', 7 as never),
      /level must be/,
    ],
    [
      'a block id that is an object',
      (f) => firstBlock(f).setAttribute('blockId', { id: 1 } as never),
      /blockId/,
    ],
    [
      'a list start that is text',
      (f) =>
        f.insert(3, [
          (() => {
            const o = element('orderedList', [element('listItem', [element('paragraph', ['x'])])])
            o.setAttribute('start', 'drie')
            return o
          })(),
        ]),
      /start must be/,
    ],
    [
      'an attribute on text',
      (f) => firstText(f).setAttribute('style', 'x'),
      /attribute "style" on text/,
    ],
    [
      'an embed in text',
      (f) => firstText(f).insertEmbed(0, { img: 'x' }),
      /ContentEmbed inside text/,
    ],
    [
      'a nested type in text',
      (f) => firstText(f).insertEmbed(0, new Y.XmlElement('paragraph')),
      /ContentType inside text/,
    ],
    [
      'binary content',
      (f) => firstBlock(f).insert(0, [new Uint8Array([1, 2])] as never),
      /ContentBinary inside paragraph/,
    ],
    ['a sub-document', (f) => f.insert(0, [new Y.Doc()] as never), /ContentDoc inside doc/],
    ['a map in the root', (f) => f.insert(0, [new Y.Map()] as never), /YMap inside doc/],
    ['an unknown mark', (f) => firstText(f).format(0, 3, { script: {} }), /no mark "script"/],
    [
      'a javascript: link',
      (f) => firstText(f).format(0, 3, { link: { href: 'javascript:alert(1)' } }),
      /link/,
    ],
    [
      'a link with a target',
      (f) => firstText(f).format(0, 3, { link: { href: 'https://vng.nl', target: '_self' } }),
      /no attribute "target"/,
    ],
    [
      'a link with a class',
      (f) => firstText(f).format(0, 3, { link: { href: 'https://vng.nl', class: 'x' } }),
      /no attribute "class"/,
    ],
    [
      'a mark whose value is no object',
      (f) => firstText(f).format(0, 3, { bold: 'ja' }),
      /no attributes/,
    ],
  ]
  for (const [what, change, detail] of refused) {
    it(`[S9] refuses ${what}`, () => {
      const base = start()
      const verdict = verdictOf(base, updateOf(base, change).update)
      expect(verdict.ok).toBe(false)
      if (!verdict.ok) expect(verdict.detail).toMatch(detail)
    })
  }

  it('[S9] refuses a bad child inside a new element whose parent comes later in the update', () => {
    const base = start()
    const { update } = updateOf(base, (f) => {
      const item = element('listItem', [element('paragraph', ['a'])])
      f.insert(3, [element('bulletList', [item])])
      item.insert(1, [element('heading', ['b'])])
    })
    expect(verdictOf(base, update)).toEqual({ ok: true })
    const bad = updateOf(base, (f) => {
      const item = element('listItem', [element('paragraph', ['a'])])
      f.insert(3, [element('bulletList', [item])])
      item.insert(1, [new Y.XmlText('los')])
    })
    expect(verdictOf(base, bad.update)).toMatchObject({ ok: false })
  })

  it('[S9] lets deletions alone in, even when they empty a list or the text: the merge repair mends that after', () => {
    // The sender's copy may hold children the server does not see (a convergence run
    // had honest clients do this); what deletions leave is mended (repairMerge.test.ts).
    const base = start()
    expect(verdictOf(base, updateOf(base, (f) => list(f).delete(0, 2)).update)).toEqual({
      ok: true,
    })
    expect(verdictOf(base, updateOf(base, (f) => f.delete(0, 3)).update)).toEqual({ ok: true })
    // A deletion that adds a wrong child is still refused.
    const mixed = updateOf(base, (f) => {
      list(f).delete(0, 2)
      list(f).insert(0, [new Y.XmlText('los')])
    })
    expect(verdictOf(base, mixed.update)).toMatchObject({ ok: false })
  })

  it('[S9] accepts a deletion that is valid for its sender though a concurrent one empties the list', () => {
    const base = start()
    const a = updateOf(base, (f) => list(f).delete(0, 1))
    const b = updateOf(base, (f) => list(f).delete(1, 1))
    expect(verdictOf(base, a.update)).toEqual({ ok: true })
    Y.applyUpdate(base, a.update)
    // B did not know of A's deletion: for B the list still had its first item.
    expect(verdictOf(base, b.update)).toEqual({ ok: true })
  })

  it('[S9] accepts a list added after a paragraph someone else deleted meanwhile', () => {
    const base = yDocOf(docOf(ul(li(p('een'), p('twee')))))
    const item = (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).get(0) as Y.XmlElement
    const deletion = updateOf(base, (f) => item(f).delete(0, 1))
    const addition = updateOf(base, (f) =>
      item(f).insert(1, [
        element('bulletList', [element('listItem', [element('paragraph', ['x'])])]),
      ]),
    )
    Y.applyUpdate(base, deletion.update)
    expect(verdictOf(base, addition.update)).toEqual({ ok: true })
  })

  it('[S9] a paste of 6,000 paragraphs into a list item is checked in one pass, without deep recursion', () => {
    const base = start()
    const { update } = updateOf(base, (f) => {
      const item = list(f).get(0) as Y.XmlElement
      item.insert(
        1,
        Array.from({ length: 6000 }, (_, i) => element('paragraph', [`${i}`])),
      )
    })
    // Reversed, so every item's left neighbour comes after it in the update.
    const decoded = Y.decodeUpdate(update)
    decoded.structs.reverse()
    expect(checkStructure(base, fragmentOf(base), decoded, rules)).toEqual({ ok: true })
  })

  it('[S9] an update that changes nothing new passes, and so does one already applied', () => {
    const base = start()
    const { update } = updateOf(base, (f) => firstText(f).insert(0, 'x'))
    Y.applyUpdate(base, update)
    expect(verdictOf(base, update)).toEqual({ ok: true })
    expect(verdictOf(base, Y.encodeStateAsUpdate(base))).toEqual({ ok: true })
    expect(fragmentOf(base).length).toBe(3)
  })
})
