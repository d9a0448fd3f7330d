import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import UnsentNotice from './UnsentNotice.tsx'

const passages = [
  { blockId: 'p-a', text: 'Eerste zin. Niet bewaard.', removed: false },
  { blockId: 'p-b', text: 'Weggehaald.', removed: true },
]

describe('the notice of unsent text', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[S5] says in Dutch why, shows what was not saved and copies the written text', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    render(<UnsentNotice passages={passages} frozen onDismiss={vi.fn()} onReload={vi.fn()} />)
    const notice = screen.getByTestId('unsent-notice')
    expect(notice.textContent).toContain(
      'Deze wijzigingen zijn niet opgeslagen: het voorstel is vastgesteld',
    )
    expect(screen.getByTestId('unsent-text').textContent).toBe(
      'Eerste zin. Niet bewaard.U had deze alinea verwijderd: Weggehaald.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Kopieer mijn tekst' }))
    expect(await screen.findByText('Uw tekst staat op het klembord.')).toBeTruthy()
    expect(writeText).toHaveBeenCalledWith('Eerste zin. Niet bewaard.')
  })

  it('[S5] once the freeze lifts it says the person may write again; without an answer it offers a reload', () => {
    const onReload = vi.fn()
    const { rerender } = render(
      <UnsentNotice passages={passages} frozen={false} onDismiss={vi.fn()} onReload={onReload} />,
    )
    expect(screen.getByTestId('unsent-notice').textContent).toContain('U kunt weer schrijven')
    rerender(<UnsentNotice passages={null} frozen onDismiss={vi.fn()} onReload={onReload} />)
    fireEvent.click(screen.getByRole('button', { name: 'Tekst opnieuw laden' }))
    expect(onReload).toHaveBeenCalled()
  })

  it('[A3] after a change of role it says so, and that typing again makes a suggestion', () => {
    const { rerender } = render(
      <UnsentNotice
        passages={passages}
        cause="role"
        frozen={false}
        onDismiss={vi.fn()}
        onReload={vi.fn()}
      />,
    )
    const text = screen.getByTestId('unsent-notice').textContent
    expect(text).toContain('u mag de tekst niet meer wijzigen')
    expect(text).toContain('wijzigingsvoorstel')
    expect(text).not.toContain('vastgesteld')
    rerender(
      <UnsentNotice
        passages={null}
        cause="role"
        frozen={false}
        onDismiss={vi.fn()}
        onReload={vi.fn()}
      />,
    )
    expect(screen.getByTestId('unsent-unknown').textContent).toContain(
      'Uw rol is gewijzigd terwijl u schreef',
    )
  })
})
