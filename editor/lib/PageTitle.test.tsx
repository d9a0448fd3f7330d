import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { PageTitle } from './PageTitle.tsx'

describe('the page title', () => {
  afterEach(cleanup)

  it('takes the focus when a new page opens, not on the first page nor when its words change', () => {
    const input = document.createElement('input')
    document.body.append(input)
    const first = render(<PageTitle title="Voorstellen">Voorstellen</PageTitle>)
    expect(document.title).toBe('Voorstellen — Meeschrijven')
    expect(document.activeElement).not.toBe(screen.getByRole('heading'))
    first.unmount()

    const next = render(<PageTitle title="voorstel-1">voorstel-1</PageTitle>)
    expect(document.activeElement).toBe(screen.getByRole('heading'))
    // Someone is typing when the proposal is renamed: the focus stays with them.
    act(() => input.focus())
    next.rerender(<PageTitle title="Voorstel 1">Voorstel 1</PageTitle>)
    expect(document.title).toBe('Voorstel 1 — Meeschrijven')
    expect(document.activeElement).toBe(input)
    input.remove()
  })
})
