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
    render(<ImportForm proposalId="voorstel-1" available />)
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
    render(<ImportForm proposalId="voorstel-1" available />)
    choose(new File(['PK'], 'strategie.docx'))
    expect((await screen.findByRole('alert')).textContent).toBe('Dit voorstel heeft al tekst.')
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('api/proposals/voorstel-1/import')
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('content-type')).toBe(DOCX)
  })

  it('[W1] says what was not kept, and the message stays when the text is no longer empty', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json({
        text: 'Omkering',
        dropped: [
          { what: 'image', count: 2 },
          { what: 'textbox', count: 1 },
        ],
      }),
    )
    vi.stubGlobal('fetch', fetchMock)
    const { rerender } = render(<ImportForm proposalId="voorstel-1" available />)
    choose(new File(['PK'], 'strategie.docx'))
    const dropped = await screen.findByTestId('import-dropped')
    expect(dropped.textContent).toBe(
      '2 afbeeldingen en 1 tekstvak zijn niet overgenomen. De tekst uit een tekstvak staat als gewone alinea in het voorstel.',
    )
    // The text arrives and is no longer empty: the form goes, the message stays.
    rerender(<ImportForm proposalId="voorstel-1" available={false} />)
    expect(screen.queryByLabelText('Tekst uit een Word-document laden')).toBeNull()
    expect(screen.getByRole('status').textContent).toContain('"strategie.docx" is geladen.')
    expect(screen.getByTestId('import-dropped').textContent).toContain('2 afbeeldingen')
    fireEvent.click(screen.getByRole('button', { name: 'Melding sluiten' }))
    expect(screen.queryByTestId('import-form')).toBeNull()
  })

  it('[W1] a document that kept everything says only that it is loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ text: 'Omkering', dropped: [] })),
    )
    render(<ImportForm proposalId="voorstel-1" available />)
    choose(new File(['PK'], 'strategie.docx'))
    // The status region is there from the start; wait for its message.
    await screen.findByText(/is geladen/)
    expect(screen.getByRole('status').textContent).toBe(
      '"strategie.docx" is geladen. De tekst staat nu in het voorstel.',
    )
    expect(screen.queryByTestId('import-dropped')).toBeNull()
  })
})
