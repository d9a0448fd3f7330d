import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ImportForm } from './ImportForm.tsx'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

function choose(file: File) {
  const input = screen.getByLabelText('Tekst uit een Word-document laden')
  fireEvent.change(input, { target: { files: [file] } })
  fireEvent.click(screen.getByRole('button', { name: 'Word-document laden' }))
}

describe('loading a Word document', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('[V5] refuses another file or one over 1 MB before sending anything', async () => {
    const fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
    render(<ImportForm proposalId="voorstel-1" />)
    choose(new File(['x'], 'notitie.pdf'))
    expect((await screen.findByRole('alert')).textContent).toContain('Alleen een Word-document')
    choose(new File([new Uint8Array(1024 * 1024 + 1)], 'groot.docx'))
    expect((await screen.findByRole('alert')).textContent).toContain('groter dan 1 MB')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('[V5] sends the file as a .docx and shows the server’s words when it is refused', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      Response.json(
        { error: { code: 'not_empty', message: 'Dit voorstel heeft al tekst.' } },
        { status: 409 },
      ),
    )
    vi.stubGlobal('fetch', fetchMock)
    render(<ImportForm proposalId="voorstel-1" />)
    choose(new File(['PK'], 'strategie.docx'))
    expect((await screen.findByRole('alert')).textContent).toBe('Dit voorstel heeft al tekst.')
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('api/proposals/voorstel-1/import')
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('content-type')).toBe(DOCX)
  })
})
