import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PositionForm } from './PositionForm.tsx'
import type { PositionView } from './types.ts'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const anna = { id: 'p-anna', name: 'Anna', organisation: 'Gemeente Zwolle' }
const mark = { id: 'p-mark', name: 'Mark', organisation: 'Gemeente Zwolle' }

const given = (fields: Partial<PositionView>): PositionView => ({
  id: 's-1',
  blockId: 'p-1',
  organisation: 'Gemeente Zwolle',
  province: 'Overijssel',
  position: 'akkoord',
  reason: null,
  person: mark,
  createdAt: '2027-03-01T10:00:00Z',
  ...fields,
})

function renderForm(own: PositionView | null = null, onSaved = vi.fn()) {
  const view = render(
    <PositionForm
      proposalId="voorstel-1"
      roundId="r-1"
      blockId="p-1"
      organisation="Gemeente Zwolle"
      me={anna}
      own={own}
      onSaved={onSaved}
    />,
  )
  return { onSaved, view }
}

const sent = (fetchMock: ReturnType<typeof vi.fn>, call = 0) =>
  JSON.parse(String((fetchMock.mock.calls[call] as unknown as [string, RequestInit])[1].body))

const dialog = () => screen.getByTestId('replace-position')
const inDialog = (name: string) =>
  within(dialog()).getByRole('button', { name, hidden: true }) as HTMLButtonElement

describe('giving a position', () => {
  it('[R4] asks for the condition before sending "akkoord, mits", then sends it', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json(given({ person: anna, position: 'akkoord-mits', reason: 'Mits er geld komt' })),
    )
    vi.stubGlobal('fetch', fetchMock)
    const { onSaved } = renderForm()
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
    // Nothing stood yet, and the form says so: a colleague's position meanwhile is not replaced unseen.
    expect(sent(fetchMock)).toEqual({
      position: 'akkoord-mits',
      reason: 'Mits er geld komt',
      replaces: null,
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
    const { onSaved } = renderForm()
    expect(screen.getByLabelText('Toelichting (niet verplicht)')).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Akkoord'))
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Deze consultatieronde is gesloten.',
    )
    expect(sent(fetchMock)).toEqual({ position: 'akkoord', replaces: null })
    expect(onSaved).not.toHaveBeenCalled()
  })

  it('[R4] shows the organisation’s current position and who gave it, and follows a change of it', () => {
    const { view } = renderForm(given({ position: 'niet-akkoord', reason: 'Te vaag.' }))
    expect((screen.getByLabelText('Niet akkoord') as HTMLInputElement).checked).toBe(true)
    expect((screen.getByLabelText('Toelichting') as HTMLTextAreaElement).value).toBe('Te vaag.')
    expect(screen.getByTestId('position-given-by').textContent).toBe(
      'Gegeven door Mark, 1 maart 2027',
    )
    view.rerender(
      <PositionForm
        proposalId="voorstel-1"
        roundId="r-1"
        blockId="p-1"
        organisation="Gemeente Zwolle"
        me={anna}
        own={given({ id: 's-2', position: 'onthouding', person: anna })}
        onSaved={vi.fn()}
      />,
    )
    expect((screen.getByLabelText('Onthouding') as HTMLInputElement).checked).toBe(true)
    expect(
      (screen.getByLabelText('Toelichting (niet verplicht)') as HTMLTextAreaElement).value,
    ).toBe('')
    expect(screen.getByTestId('position-given-by').textContent).toContain('Gegeven door Anna')
  })

  it('[R4] replacing a colleague’s position asks first; cancelling sends nothing, confirming replaces exactly that one', async () => {
    const fetchMock = vi.fn(async () => Response.json(given({ id: 's-2', person: anna })))
    vi.stubGlobal('fetch', fetchMock)
    const { onSaved } = renderForm(given({ position: 'akkoord' }))
    fireEvent.click(screen.getByLabelText('Onthouding'))
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    expect(dialog().textContent).toContain('Mark van Gemeente Zwolle gaf al ‘Akkoord’. Vervangen?')
    fireEvent.click(inDialog('Annuleren'))
    expect(fetchMock).not.toHaveBeenCalled()

    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    fireEvent.click(inDialog('Ja, vervangen'))
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    expect(sent(fetchMock)).toEqual({ position: 'onthouding', replaces: 's-1' })
  })

  it('[R4] a colleague who answered meanwhile (409): the form asks with what stands now, and replaces that one when confirmed', async () => {
    const now = given({ id: 's-9', position: 'niet-akkoord', reason: 'Te duur.' })
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        Response.json(
          {
            error: {
              code: 'conflict',
              message: 'Mark van Gemeente Zwolle gaf intussen ‘Niet akkoord’.',
              details: { field: 'replaces', current: now },
            },
          },
          { status: 409 },
        ),
      )
      .mockResolvedValueOnce(Response.json(given({ id: 's-10', person: anna })))
    vi.stubGlobal('fetch', fetchMock)
    const { onSaved } = renderForm(null)
    fireEvent.click(screen.getByLabelText('Akkoord'))
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt opslaan' }))
    await waitFor(() =>
      expect(dialog().textContent).toContain(
        'Mark van Gemeente Zwolle gaf intussen ‘Niet akkoord’. Vervangen?',
      ),
    )
    expect(dialog().textContent).toContain('Toelichting van Mark: Te duur.')
    expect(onSaved).not.toHaveBeenCalled()
    fireEvent.click(inDialog('Ja, vervangen'))
    await waitFor(() => expect(onSaved).toHaveBeenCalled())
    expect(sent(fetchMock, 0)).toEqual({ position: 'akkoord', replaces: null })
    expect(sent(fetchMock, 1)).toEqual({ position: 'akkoord', replaces: 's-9' })
  })
})
