import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import CompareView from './CompareView.tsx'
import type { Comparison } from './types.ts'

const anna = { id: 'p-anna', name: 'Anna', organisation: 'Gemeente Zwolle' }
const bram = { id: 'p-bram', name: 'Bram', organisation: null }

const comparison: Comparison = {
  from: {
    id: 'v-1',
    name: 'Eerste',
    auto: false,
    createdAt: '2023-06-14T12:05:00Z',
    createdBy: anna,
  },
  to: { id: 'current' },
  changes: [
    { type: 'delete', text: 'grote ', blockId: 'p-1', by: [bram] },
    { type: 'insert', text: 'echte ', blockId: 'p-1', by: [anna] },
  ],
  inserted: 6,
  deleted: 6,
  blocks: [{ type: 'added', blockId: 'p-2' }],
  view: [
    {
      blockId: 'p-1',
      node: 'paragraph',
      level: null,
      parents: [],
      parts: [
        { text: 'Het ' },
        { text: 'grote ', change: 0 },
        { text: 'echte ', change: 1 },
        { text: 'voortouw.' },
      ],
    },
  ],
}

describe('the comparison view', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[V3] shows insertions and deletions in place, with who made them, and a summary', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(comparison)),
    )
    render(<CompareView proposalId="voorstel-1" from="v-1" to="current" />)
    const text = await screen.findByTestId('compare-text')
    const deleted = text.querySelector('del')!
    const inserted = text.querySelector('ins')!
    expect(deleted.getAttribute('title')).toBe('Verwijderd door Bram')
    expect(inserted.getAttribute('title')).toBe('Ingevoegd door Anna (Gemeente Zwolle)')
    expect(screen.getByTestId('compare-summary').textContent).toBe(
      '1 invoeging en 1 verwijdering door 2 auteurs. Verder: 1 alinea toegevoegd.',
    )
    expect(within(screen.getByTestId('change-list')).getAllByRole('button')).toHaveLength(2)
    expect(screen.getByText(/van “Eerste”/i).textContent).toContain('de tekst zoals die nu is')
  })

  it('[V3] j and k (or Alt+↓ and Alt+↑) move the focus from change to change and say which', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json(comparison)),
    )
    render(<CompareView proposalId="voorstel-1" from="v-1" to="current" />)
    const view = await screen.findByTestId('compare-view')
    fireEvent.keyDown(view, { key: 'j' })
    expect(document.activeElement?.tagName).toBe('DEL')
    expect(screen.getByTestId('compare-announcer').textContent).toBe(
      'Wijziging 1 van 2: Verwijderd door Bram: “grote”',
    )
    fireEvent.keyDown(view, { key: 'ArrowDown', altKey: true })
    expect(document.activeElement?.tagName).toBe('INS')
    fireEvent.keyDown(view, { key: 'k' })
    expect(document.activeElement?.tagName).toBe('DEL')
    // A plain arrow key is left to the page (scrolling); only Alt+arrow steps.
    fireEvent.keyDown(view, { key: 'ArrowDown' })
    expect(document.activeElement?.tagName).toBe('DEL')
  })

  it('says in Dutch when the comparison cannot be made', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { error: { code: 'not_found', message: 'Deze versie bestaat niet (meer).' } },
          { status: 404 },
        ),
      ),
    )
    render(<CompareView proposalId="voorstel-1" from="v-weg" to="current" />)
    expect((await screen.findByRole('alert')).textContent).toBe('Deze versie bestaat niet (meer).')
  })
})
