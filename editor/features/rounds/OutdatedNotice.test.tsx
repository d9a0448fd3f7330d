import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Thread } from '../comments/types.ts'
import { OutdatedNotice, showsOutdated } from './OutdatedNotice.tsx'

afterEach(cleanup)

const thread = (fields: Partial<Thread>) =>
  ({
    id: 't-1',
    versionId: 'v-1',
    status: 'open',
    outdated: false,
    ...fields,
  }) as Thread

describe('an outdated thread', () => {
  it('[R6] says so and shows the comparison from its version to the first that differs', () => {
    const show = vi.fn()
    render(
      <OutdatedNotice
        thread={thread({ outdated: true, outdatedVersionId: 'v-3' })}
        onShowVersion={show}
      />,
    )
    expect(screen.getByTestId('thread-outdated').textContent).toContain('Verouderd')
    fireEvent.click(screen.getByRole('button', { name: 'Bekijk wat er veranderde' }))
    expect(show).toHaveBeenCalledWith({ kind: 'compare', from: 'v-1', to: 'v-3' })
  })

  it('[R6] opened before any version: shows the later version itself', () => {
    const show = vi.fn()
    render(
      <OutdatedNotice
        thread={thread({ versionId: null, outdated: true, outdatedVersionId: 'v-3' })}
        onShowVersion={show}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Bekijk de latere versie' }))
    expect(show).toHaveBeenCalledWith({ kind: 'read', versionId: 'v-3' })
  })

  it('[R6] a resolved comment or accepted amendment is never "Verouderd"; the same thread open is', () => {
    const changed = { outdated: true, outdatedVersionId: 'v-3' } as const
    render(<OutdatedNotice thread={thread({ ...changed, status: 'resolved' })} />)
    expect(screen.queryByTestId('thread-outdated')).toBeNull()
    expect(showsOutdated(thread({ ...changed, status: 'resolved' }))).toBe(false)
    expect(showsOutdated(thread({ ...changed, status: 'open' }))).toBe(true)
  })

  it('[R6] a current thread shows nothing', () => {
    render(<OutdatedNotice thread={thread({ outdated: false })} onShowVersion={vi.fn()} />)
    expect(screen.queryByTestId('thread-outdated')).toBeNull()
  })
})
