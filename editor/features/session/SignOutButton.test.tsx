import 'fake-indexeddb/auto'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { markUnsent } from './localData.ts'
import { type Session, SessionContext } from './SessionContext.ts'
import { SignOutButton } from './SignOutButton.tsx'

function renderWith(signOut: Session['signOut']) {
  const session: Session = {
    state: { status: 'loading' },
    signOut,
    retry: () => undefined,
    refresh: async () => undefined,
    switchPerson: async () => undefined,
    staySignedIn: () => undefined,
  }
  return render(
    <SessionContext.Provider value={session}>
      <SignOutButton />
    </SessionContext.Provider>,
  )
}

describe('signing out', () => {
  beforeEach(() => {
    window.localStorage.clear()
    // happy-dom's dialog lacks showModal in some versions; the browser has it.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true
    }
  })
  afterEach(cleanup)

  it('[A1] signs out at once when every edit has reached the server', async () => {
    const signOut = vi.fn(async () => undefined)
    renderWith(signOut)
    fireEvent.click(screen.getByRole('button', { name: 'Afmelden' }))
    await waitFor(() => expect(signOut).toHaveBeenCalledWith('signedOut'))
  })

  it('[A1][S7] asks first when edits have not reached the server: send first, throw away, or stay', async () => {
    markUnsent('voorstel-1')
    const signOut = vi.fn(async () => undefined)
    renderWith(signOut)
    fireEvent.click(screen.getByRole('button', { name: 'Afmelden' }))
    expect(screen.getByText(/nog niet bij de server zijn aangekomen/)).toBeTruthy()
    const sendFirst = screen.getByRole('button', { name: 'Eerst versturen', hidden: true })
    await waitFor(() => expect(document.activeElement).toBe(sendFirst))
    expect(signOut).not.toHaveBeenCalled()

    fireEvent.click(screen.getByRole('button', { name: 'Niet afmelden', hidden: true }))
    expect(signOut).not.toHaveBeenCalled()

    fireEvent.click(
      screen.getByRole('button', { name: 'Toch afmelden en wijzigingen weggooien', hidden: true }),
    )
    await waitFor(() => expect(signOut).toHaveBeenCalledWith('signedOut'))
  })
})
