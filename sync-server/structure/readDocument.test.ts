import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { plainText } from '../documents/content.ts'
import { readDocument } from './readDocument.ts'
import {
  docOf,
  fragmentOf,
  h,
  li,
  p,
  quote,
  replicaOf,
  rules,
  schema,
  ul,
  yDocOf,
} from './testDocs.ts'

/** A fragment built by hand, as stored data may hold it. */
function stored(build: (fragment: Y.XmlFragment) => void): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => build(fragmentOf(doc)))
  return doc
}

function element(name: string, children: unknown[] = [], attrs: Record<string, unknown> = {}) {
  const node = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string)
  node.insert(
    0,
    children.map((child) => (typeof child === 'string' ? new Y.XmlText(child) : child)) as never,
  )
  return node
}

describe('readDocument', () => {
  it('[S9] reads a valid document exactly as y-tiptap does', () => {
    const docs = [
      docOf(p('')),
      docOf(h(2, 'Kop'), p('Tekst'), quote(p('citaat')), ul(li(p('een'), ul(li(p('twee')))))),
      docOf({
        type: 'paragraph',
        content: [
          { type: 'text', text: 'vet', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'hardBreak' },
          {
            type: 'text',
            text: 'link',
            marks: [{ type: 'link', attrs: { href: 'https://vng.nl' } }],
          },
        ],
      }),
    ]
    for (const json of docs) {
      const doc = yDocOf(json)
      const theirs = yXmlFragmentToProseMirrorRootNode(fragmentOf(replicaOf(doc)), schema)
      expect(readDocument(fragmentOf(doc), rules).toJSON()).toEqual(theirs.toJSON())
    }
  })

  const broken: Array<[string, (f: Y.XmlFragment) => void, string]> = [
    ['text directly under the root', (f) => f.insert(0, [new Y.XmlText('los')]), 'los'],
    ['an element named text', (f) => f.insert(0, [element('text', ['tekst'])]), 'tekst'],
    [
      'a heading inside a paragraph',
      (f) => f.insert(0, [element('paragraph', ['a ', element('heading', ['kop'], { level: 1 })])]),
      'a kop',
    ],
    [
      'a value inside a paragraph',
      (f) => f.insert(0, [element('paragraph', ['woord', { evil: 1 }])]),
      'woord',
    ],
    [
      'an unknown element',
      (f) => f.insert(0, [element('script', [element('paragraph', ['binnen'])])]),
      'binnen',
    ],
    [
      'an empty list',
      (f) => f.insert(0, [element('paragraph', ['voor']), element('bulletList')]),
      'voor',
    ],
    [
      'a list item without its paragraph',
      (f) =>
        f.insert(0, [
          element('bulletList', [
            element('listItem', [
              element('bulletList', [element('listItem', [element('paragraph', ['diep'])])]),
            ]),
          ]),
        ]),
      '\ndiep',
    ],
    [
      'a paragraph directly in a list',
      (f) => f.insert(0, [element('bulletList', [element('paragraph', ['los'])])]),
      'los',
    ],
    [
      'a list item in the root',
      (f) => f.insert(0, [element('listItem', [element('paragraph', ['item'])])]),
      'item',
    ],
    [
      'a heading level of the wrong type',
      (f) => f.insert(0, [element('heading', ['kop'], { level: 'abc' })]),
      'kop',
    ],
    [
      'a javascript: link',
      (f) =>
        f.insert(0, [
          element('paragraph', [
            (() => {
              const t = new Y.XmlText()
              t.insert(0, 'klik', { link: { href: 'javascript:alert(1)' } })
              return t
            })(),
          ]),
        ]),
      'klik',
    ],
    [
      'an embed in text',
      (f) =>
        f.insert(0, [
          element('paragraph', [
            (() => {
              const t = new Y.XmlText('ab')
              t.insertEmbed(1, { img: 1 })
              return t
            })(),
          ]),
        ]),
      'ab',
    ],
  ]
  for (const [what, build, text] of broken) {
    it(`[S9] reads ${what} into a valid document with all its text, changing nothing`, () => {
      const doc = stored(build)
      const before = Y.encodeStateAsUpdate(doc)
      const node = readDocument(fragmentOf(doc), rules)
      node.check()
      expect(plainText(node)).toBe(text)
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    })
  }

  it('[S9] keeps only the address of a link stored with target, rel and class', () => {
    const doc = stored((f) => {
      const t = new Y.XmlText()
      t.insert(0, 'vng', {
        link: { href: 'https://vng.nl', target: '_self', rel: 'opener', class: 'x', title: 't' },
      })
      f.insert(0, [element('paragraph', [t])])
    })
    const node = readDocument(fragmentOf(doc), rules)
    expect(node.firstChild?.firstChild?.marks.map((mark) => mark.toJSON())).toEqual([
      { type: 'link', attrs: { href: 'https://vng.nl' } },
    ])
  })
})
