import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OpenRoundFact, useOpenRounds } from './OpenRoundFact.tsx'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const round = {
  id: 'r-1',
  proposalId: 'voorstel-1',
  versionId: 'v-1',
  versionName: 'Consultatieversie',
  title: 'Ledenraadpleging',
  closesAt: '2023-06-14T15:00:00Z',
  createdAt: '2023-05-01T08:00:00Z',
  createdBy: { id: 'p-1', name: 'Eva', organisation: 'VNG' },
  open: true,
  responded: 12,
  invited: 40,
}

function Cards({ ids }: { ids: string[] }) {
  const rounds = useOpenRounds()
  return (
    <dl>
      {ids.map((id) => (
        <OpenRoundFact key={id} round={rounds.get(id)} />
      ))}
    </dl>
  )
}

describe('open rounds on the overview', () => {
  it('[R5] a proposal with an open round says until when and how many responded; others say nothing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json([round])),
    )
    render(<Cards ids={['voorstel-1', 'voorstel-2']} />)
    await waitFor(() => expect(screen.getAllByTestId('open-round')).toHaveLength(1))
    expect(screen.getByTestId('open-round').textContent).toBe(
      'ConsultatieOpen tot 14 juni 2023; gereageerd: 12 van 40 lidorganisaties',
    )
  })

  it('shows nothing when the rounds cannot be read', async () => {
    const fetchMock = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
    vi.stubGlobal('fetch', fetchMock)
    render(<Cards ids={['voorstel-1']} />)
    await waitFor(() => expect(fetchMock).toHaveBeenCalled())
    expect(screen.queryByTestId('open-round')).toBeNull()
  })
})
