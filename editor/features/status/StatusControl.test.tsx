import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import StatusControl from './StatusControl.tsx'

const eva = { id: 'p-eva', name: 'Eva', organisation: 'VNG' }

describe('changing the status', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[H4][R8] says what vastgesteld means before anything changes, and changes it only when confirmed in the dialog', async () => {
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
    expect(screen.getAllByText(/Niemand kan de tekst nog wijzigen/).length).toBeGreaterThan(0)
    expect(fetchMock).not.toHaveBeenCalled()
    // The button asks first; cancelling changes nothing.
    fireEvent.click(button)
    const dialog = screen.getByTestId('confirm-vastgesteld')
    expect(dialog.textContent).toContain(
      'Loopt er een consultatieronde, dan wordt die nu gesloten.',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren', hidden: true }))
    expect(fetchMock).not.toHaveBeenCalled()
    fireEvent.click(button)
    fireEvent.click(
      within(screen.getByTestId('confirm-vastgesteld')).getByRole('button', {
        name: 'Ja, vaststellen',
        hidden: true,
      }),
    )
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
