import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Me } from '../../lib/types.ts'
import type { Version } from './types.ts'
import type { VersionsState } from './useVersions.ts'
import { VersionsPanel } from './VersionsPanel.tsx'

const anna = { id: 'p-anna', name: 'Anna', organisation: 'Gemeente Zwolle' }
const version = (id: string, name: string, createdAt: string, auto = false): Version => ({
  id,
  name,
  auto,
  createdAt,
  createdBy: anna,
})
const versions = [
  version('v-3', 'Automatisch opgeslagen', '2023-06-14T12:30:00Z', true),
  version('v-2', 'Na de regio-avond', '2023-06-14T12:05:00Z'),
  version('v-1', 'Consultatieversie 1', '2023-06-01T08:00:00Z'),
]
const state = (list: Version[], add = vi.fn()): VersionsState => ({
  versions: list,
  loaded: true,
  error: null,
  reload: vi.fn(async () => undefined),
  add,
})
const me = (role: Me['role']): Me => ({ person: anna, role, proposals: '*' })

describe('the versions panel', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[V1] lists named and automatic versions apart, newest first, with author and time', () => {
    render(
      <VersionsPanel
        proposalId="voorstel-1"
        me={me('reviewer')}
        versions={state(versions)}
        onShow={vi.fn()}
      />,
    )
    const named = screen.getByTestId('named-versions')
    const names = within(named)
      .getAllByRole('listitem')
      .map((item) => item.firstChild?.textContent)
    expect(names).toEqual(['Na de regio-avond', 'Consultatieversie 1'])
    expect(named.textContent).toContain('Anna (Gemeente Zwolle), 14 juni 2023 om 14:05')
    expect(within(screen.getByTestId('auto-versions')).getAllByRole('listitem')).toHaveLength(1)
    // A2: reviewers read and compare versions but do not save them.
    expect(screen.queryByRole('button', { name: 'Versie opslaan' })).toBeNull()
  })

  it('[H4] on a vastgesteld proposal only editors are offered to save a version', () => {
    const { rerender } = render(
      <VersionsPanel
        proposalId="voorstel-1"
        me={me('writer')}
        versions={state(versions)}
        onShow={vi.fn()}
        frozen
      />,
    )
    expect(screen.queryByRole('button', { name: 'Versie opslaan' })).toBeNull()
    rerender(
      <VersionsPanel
        proposalId="voorstel-1"
        me={me('editor')}
        versions={state(versions)}
        onShow={vi.fn()}
        frozen
      />,
    )
    expect(screen.getByRole('button', { name: 'Versie opslaan' })).toBeTruthy()
  })

  it('[V1] a writer saves a version with a name; the server’s refusal is shown in Dutch', async () => {
    const add = vi.fn()
    const saved = version('v-4', 'Consultatieversie 2', '2023-06-15T09:00:00Z')
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        Response.json(
          { error: { code: 'forbidden', message: 'Uw rol staat dit niet toe.' } },
          { status: 403 },
        ),
      )
      .mockResolvedValueOnce(Response.json(saved, { status: 201 }))
    vi.stubGlobal('fetch', fetchMock)
    render(
      <VersionsPanel
        proposalId="voorstel-1"
        me={me('writer')}
        versions={state(versions, add)}
        onShow={vi.fn()}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Versie opslaan' }))
    const name = screen.getByLabelText('Naam van de versie')
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    expect((await screen.findByRole('alert')).textContent).toContain('naam van 1 tot 200 tekens')
    expect(fetchMock).not.toHaveBeenCalled()
    fireEvent.change(name, { target: { value: 'Consultatieversie 2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    expect((await screen.findByText('Uw rol staat dit niet toe.')).getAttribute('role')).toBe(
      'alert',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    await vi.waitFor(() => expect(add).toHaveBeenCalledWith(saved))
    const [url, init] = fetchMock.mock.calls[1]!
    expect(url).toBe('api/proposals/voorstel-1/versions')
    expect(JSON.parse(init.body)).toEqual({ name: 'Consultatieversie 2' })
  })

  it('[V3] opens a comparison of a version with now, or of two chosen versions', () => {
    const onShow = vi.fn()
    render(
      <VersionsPanel
        proposalId="voorstel-1"
        me={me('reviewer')}
        versions={state(versions)}
        onShow={onShow}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Vergelijk met nu: Consultatieversie 1' }))
    expect(onShow).toHaveBeenLastCalledWith({ kind: 'compare', from: 'v-1', to: 'current' })
    fireEvent.change(screen.getByLabelText('Versie'), { target: { value: 'v-1' } })
    fireEvent.change(screen.getByLabelText('Vergelijken met'), { target: { value: 'v-2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vergelijken' }))
    expect(onShow).toHaveBeenLastCalledWith({ kind: 'compare', from: 'v-1', to: 'v-2' })
  })
})
