import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Me } from '../../lib/types.ts'
import { ProposalList } from './ProposalList.tsx'

const me: Me = {
  person: { id: 'p-1', name: 'Anna', organisation: null },
  role: 'writer',
  proposals: '*',
}

describe('the overview', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[H2] lists each proposal with status, last change in Dutch and open threads', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json([
        {
          id: 'voorstel-1',
          title: 'Voorstel 1',
          status: 'consultatie',
          statusChangedAt: '2023-06-01T08:30:00Z',
          statusChangedBy: { id: 'p-2', name: 'Eva', organisation: 'VNG' },
          updatedAt: '2023-06-14T12:05:00Z',
          openThreads: 3,
          newForYou: 2,
        },
      ]),
    )
    vi.stubGlobal('fetch', fetchMock)
    render(<ProposalList me={me} />)
    const list = await screen.findByTestId('proposal-list')
    const link = within(list).getByRole('link', { name: 'Voorstel 1' })
    expect(link.getAttribute('href')).toBe('#/voorstel/voorstel-1')
    expect(list.textContent).toContain('Consultatie')
    // H4: who changed the status, and when.
    expect(within(list).getByTestId('status-change').textContent).toBe(
      'Status gewijzigd door Eva (VNG), 1 juni 2023 om 10:30',
    )
    expect(list.textContent).toContain('14 juni 2023 om 14:05')
    expect(list.textContent).toContain('3 open reacties')
    expect(screen.getByTestId('new-for-you').textContent).toBe('2 reacties met nieuws voor u')
  })

  it('says in Dutch when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    render(<ProposalList me={me} />)
    expect((await screen.findByRole('alert')).textContent).toContain('niet bereikbaar')
  })
})
