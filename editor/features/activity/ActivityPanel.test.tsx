import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ServerEvent, ServerEvents } from '../collab/serverEvents.ts'
import ActivityPanel from './ActivityPanel.tsx'
import type { ActivityEntry } from './types.ts'

const eva = { id: 'p-1', name: 'Eva de Vries', organisation: 'VNG' }

function entry(n: number, type = 'status.changed'): ActivityEntry {
  return {
    id: `a-${n}`,
    type,
    person: eva,
    at: '2023-06-14T12:05:00Z',
    details: { from: 'concept', to: 'consultatie' },
  }
}

/** A hub like the proposal's server events, with `emit` for the test. */
function fakeEvents() {
  const listeners = new Map<string, Set<(event: ServerEvent) => void>>()
  const events: ServerEvents = {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set()
      set.add(listener)
      listeners.set(type, set)
      return () => set.delete(listener)
    },
  }
  const emit = (event: ServerEvent) => {
    for (const listener of listeners.get(event.type) ?? []) listener(event)
  }
  return { events, emit }
}

describe('the activity panel', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('shows sentences with Dutch dates, asks again after a status event, and pages by ten', async () => {
    let answer: ActivityEntry[] = []
    const fetchMock = vi.fn(async (_path: string) => Response.json(answer))
    vi.stubGlobal('fetch', fetchMock)
    const { events, emit } = fakeEvents()
    render(<ActivityPanel proposalId="voorstel-1" events={events} />)
    await screen.findByText('Er is nog niets gebeurd met dit voorstel.')
    expect(fetchMock.mock.calls[0]?.[0]).toBe('api/proposals/voorstel-1/activity?limit=100')

    answer = Array.from({ length: 12 }, (_, i) => entry(i))
    act(() => emit({ type: 'status', status: 'consultatie' }))
    const list = await screen.findByTestId('activity-list', {}, { timeout: 2000 })
    const items = within(list).getAllByRole('listitem')
    expect(items).toHaveLength(10)
    expect(items[0]?.textContent).toBe(
      'Eva de Vries heeft de status gewijzigd van concept naar consultatie — 14 juni 2023 om 14:05',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Eerdere activiteit tonen (nog 2)' }))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(12))
    expect(screen.queryByRole('button', { name: /Eerdere activiteit/ })).toBeNull()
  })

  it('says so when the server refuses, and tries again on request', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        Response.json(
          { error: { code: 'forbidden', message: 'U hebt hiervoor geen toestemming.' } },
          { status: 403 },
        ),
      )
      .mockResolvedValueOnce(Response.json([entry(1, 'amendment.accepted')]))
    vi.stubGlobal('fetch', fetchMock)
    render(<ActivityPanel proposalId="voorstel-1" events={null} />)
    await screen.findByText('U hebt hiervoor geen toestemming.')
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }))
    await screen.findByText('Eva de Vries heeft een wijzigingsvoorstel overgenomen')
  })
})
