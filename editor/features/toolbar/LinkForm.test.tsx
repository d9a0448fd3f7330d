import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSchemaExtensions } from '../../../shared/schema.ts'
import { LinkForm, normaliseHref } from './LinkForm.tsx'

describe('links', () => {
  afterEach(cleanup)

  it('accepts what people type as an address', () => {
    expect(normaliseHref('vng.nl')).toBe('https://vng.nl')
    expect(normaliseHref('https://vng.nl/strategie')).toBe('https://vng.nl/strategie')
    expect(normaliseHref('info@vng.nl')).toBe('mailto:info@vng.nl')
    expect(normaliseHref('javascript:alert(1)')).toBeNull()
    expect(normaliseHref('  ')).toBeNull()
  })

  it('sets a link on the selection and explains an empty address in Dutch', () => {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: createSchemaExtensions(),
      content: '<p>VNG</p>',
    })
    editor.commands.selectAll()
    const onClose = vi.fn()
    render(<LinkForm editor={editor} onClose={onClose} />)
    fireEvent.click(screen.getByRole('button', { name: 'Link opslaan' }))
    expect(screen.getByText(/Vul een webadres in/)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Webadres of e-mailadres'), {
      target: { value: 'vng.nl' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Link opslaan' }))
    expect(editor.getHTML()).toContain('href="https://vng.nl"')
    expect(onClose).toHaveBeenCalled()
    editor.destroy()
  })
})
