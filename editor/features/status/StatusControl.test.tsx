import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import StatusControl from './StatusControl.tsx'

const eva = { id: 'p-eva', name: 'Eva', organisation: 'VNG' }

describe('changing the status', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[H4] says what vastgesteld means before anything changes, and changes it only on the button', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      Response.json({
        id: 'voorstel-1',
        title: 'Voorstel 1',
        status: JSON.parse(String(init?.body)).status,
        statusChangedAt: '2023-06-14T12:05:00Z',
        statusChangedBy: eva,
        updatedAt: '2023-06-14T12:05:00Z',
        openThreads: 0,
      }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const onChanged = vi.fn()
    render(<StatusControl proposalId="voorstel-1" status="consultatie" onChanged={onChanged} />)
    const select = screen.getByLabelText('Status van het voorstel')
    const button = screen.getByRole('button', { name: 'Status wijzigen' })
    expect(button.hasAttribute('disabled')).toBe(true)

    fireEvent.change(select, { target: { value: 'vastgesteld' } })
    expect(screen.getByText(/Niemand kan de tekst nog wijzigen/)).toBeTruthy()
    expect(fetchMock).not.toHaveBeenCalled()
    fireEvent.click(button)
    expect(await screen.findByText('De status is nu Vastgesteld.')).toBeTruthy()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('api/proposals/voorstel-1')
    expect(init).toMatchObject({ method: 'PATCH', body: JSON.stringify({ status: 'vastgesteld' }) })
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'vastgesteld' }))
  })

  it('[H4] shows the server’s own words when it refuses', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { error: { code: 'forbidden', message: 'Uw rol staat dit niet toe.' } },
          { status: 403 },
        ),
      ),
    )
    render(<StatusControl proposalId="voorstel-1" status="concept" onChanged={vi.fn()} />)
    fireEvent.change(screen.getByLabelText('Status van het voorstel'), {
      target: { value: 'definitief' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Status wijzigen' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Uw rol staat dit niet toe.')
  })
})
