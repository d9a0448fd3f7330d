import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CommentBody } from './CommentBody.tsx'
import { aComment } from './testThreads.ts'

describe('a comment’s words', () => {
  afterEach(cleanup)

  it('[C4] shows markup as typed text and creates no elements from it', () => {
    const body = '<img src=x onerror="window.__pwned = true"><script>alert(1)</script>'
    const { container } = render(
      <CommentBody comment={{ ...aComment('c', 'a'), body }} isAuthor={false} />,
    )
    expect(container.textContent).toBe(body)
    expect(container.querySelector('img, script')).toBeNull()
  })

  it('[C4] says when a comment was deleted or hidden, and tells its author it is hidden', () => {
    const deleted = render(
      <CommentBody comment={{ ...aComment('c', 'a'), body: '', deleted: true }} isAuthor />,
    )
    expect(deleted.container.textContent).toBe('Deze reactie is verwijderd.')
    cleanup()
    const forOthers = render(
      <CommentBody comment={{ ...aComment('c', 'a'), body: '', hidden: true }} isAuthor={false} />,
    )
    expect(forOthers.container.textContent).toBe('Verborgen door de redactie.')
    cleanup()
    const forAuthor = render(
      <CommentBody
        comment={{
          ...aComment('c', 'a'),
          body: 'Mijn tekst',
          hidden: true,
          hiddenReason: 'Te persoonlijk',
        }}
        isAuthor
      />,
    )
    expect(forAuthor.container.textContent).toContain('Mijn tekst')
    expect(forAuthor.container.textContent).toContain('Te persoonlijk')
    expect(forAuthor.container.textContent).toContain('Alleen u en de redactie')
  })
})
