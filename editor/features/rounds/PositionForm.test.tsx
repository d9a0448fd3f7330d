import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PositionForm } from './PositionForm.tsx'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function renderForm(onSaved = vi.fn()) {
  render(
    <PositionForm
      proposalId="voorstel-1"
      roundId="r-1"
      blockId="p-1"
      organisation="Gemeente Zwolle"
      current={null}
      onSaved={onSaved}
    />,
  )
  return onSaved
}

describe('giving a position', () => {
  it('[R4] asks for the condition before sending "akkoord, mits", then sends it', async () => {
    const fetchMock = vi.fn(async () => Response.json({ blockId: 'p-1', position: 'akkoord-mits' }))
    vi.stubGlobal('fetch', fetchMock)
    const onSaved = renderForm()
    fireEvent.click(screen.getByLabelText('Akkoord, mits'))
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    expect((await screen.findByRole('alert')).textContent).toContain('onder welke voorwaarde')
    expect(fetchMock).not.toHaveBeenCalled()

    fireEvent.change(screen.getByLabelText('Toelichting'), {
      target: { value: 'Mits er geld komt' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('api/proposals/voorstel-1/rounds/r-1/positions/p-1')
    expect(init.method).toBe('PUT')
    expect(JSON.parse(String(init.body))).toEqual({
      position: 'akkoord-mits',
      reason: 'Mits er geld komt',
    })
    expect(screen.getByRole('status').textContent).toBe('Het standpunt is opgeslagen.')
  })

  it('[R4] sends "akkoord" without a reason, and shows the server\'s refusal in Dutch', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json(
        { error: { code: 'round_closed', message: 'Deze consultatieronde is gesloten.' } },
        { status: 409 },
      ),
    )
    vi.stubGlobal('fetch', fetchMock)
    const onSaved = renderForm()
    expect(screen.getByLabelText('Toelichting (niet verplicht)')).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Akkoord'))
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Deze consultatieronde is gesloten.',
    )
    expect(
      JSON.parse(String((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body)),
    ).toEqual({
      position: 'akkoord',
    })
    expect(onSaved).not.toHaveBeenCalled()
  })
})
