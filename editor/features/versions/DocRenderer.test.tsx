import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CompareText } from './CompareText.tsx'
import { DocRenderer } from './DocRenderer.tsx'
import type { DocNode } from './types.ts'

const text = (value: string, ...marks: string[]): DocNode => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
})
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content })
const note = (value: string): DocNode => ({ type: 'footnote', content: [text(value)] })

describe('a saved version as text', () => {
  afterEach(cleanup)

  it('[W1] shows tables with header cells and spans, footnotes numbered with their text below, and every mark', () => {
    const doc: DocNode = {
      type: 'doc',
      content: [
        p(
          text('Regie'),
          note('Eerste noot.'),
          text(' en '),
          text('onder', 'underline'),
          text(' '),
          text('weg', 'strike'),
          text(' '),
          text('geel', 'highlight'),
        ),
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', content: [p(text('Partij'))] },
                { type: 'tableHeader', content: [p(text('Rol'))] },
              ],
            },
            {
              type: 'tableRow',
              content: [
                {
                  type: 'tableCell',
                  attrs: { colspan: 2 },
                  content: [p(text('Samen'), note('Tweede noot.'))],
                },
              ],
            },
          ],
        },
      ],
    }
    const { container } = render(<DocRenderer doc={doc} />)
    expect(Array.from(container.querySelectorAll('th'), (th) => th.textContent)).toEqual([
      'Partij',
      'Rol',
    ])
    expect(container.querySelector('td')?.getAttribute('colspan')).toBe('2')
    expect(screen.getByRole('link', { name: 'Voetnoot 1' }).getAttribute('href')).toBe(
      '#versie-voetnoot-1',
    )
    expect(screen.getByRole('link', { name: 'Voetnoot 2' })).toBeDefined()
    const notes = within(screen.getByRole('region', { name: 'Voetnoten' })).getAllByRole('listitem')
    expect(notes.map((li) => li.textContent)).toEqual(['Eerste noot.', 'Tweede noot.'])
    expect(container.querySelector('u')?.textContent).toBe('onder')
    expect(container.querySelector('s')?.textContent).toBe('weg')
    expect(container.querySelector('mark')?.textContent).toBe('geel')
  })

  it('[W1] without footnotes there is no footnote list', () => {
    render(<DocRenderer doc={{ type: 'doc', content: [p(text('Alleen tekst.'))] }} />)
    expect(screen.queryByRole('region', { name: 'Voetnoten' })).toBeNull()
  })
})

describe('a comparison of passages in a table', () => {
  afterEach(cleanup)

  it('[V3][W1] names the row and column of each passage in a table, and says a header cell is one', () => {
    render(
      <CompareText
        current={-1}
        changes={[{ type: 'insert', text: 'Provincie', blockId: 'p-3', by: [] }]}
        view={[
          {
            blockId: 'p-1',
            node: 'paragraph',
            level: null,
            parents: ['table', 'tableRow', 'tableHeader'],
            cell: { row: 1, column: 1, header: true },
            parts: [{ text: 'Partij' }],
          },
          {
            blockId: 'p-3',
            node: 'paragraph',
            level: null,
            parents: ['table', 'tableRow', 'tableCell'],
            cell: { row: 3, column: 1, header: false },
            block: 'added',
            parts: [{ text: 'Provincie', change: 0 }],
          },
        ]}
      />,
    )
    const blocks = screen.getByTestId('compare-text').querySelectorAll('.compare-block')
    expect(blocks[0]?.textContent).toBe('Tabel (kop), rij 1, kolom 1Partij')
    expect(blocks[1]?.textContent).toContain('Tabel, rij 3, kolom 1 · Nieuwe alinea')
  })
})
