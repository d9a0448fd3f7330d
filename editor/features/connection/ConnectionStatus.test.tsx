import { act, cleanup, render, screen } from '@testing-library/react'
import { ObservableV2 } from 'lib0/observable'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { useConnection } from './useConnection.ts'

/** The events of a y-websocket provider, from the same observable class it is built on. */
class ProviderEvents extends ObservableV2<{
  status: (event: { status: string }) => void
  sync: (synced: boolean) => void
  'connection-close': (event: { code: number; reason: string } | null) => void
  closed: (event: { code: number; reason: string }) => void
}> {
  synced = false
  wsconnected = false
}

function Status({ provider }: { provider: ProviderEvents }) {
  const connection = useConnection(provider as unknown as WebsocketProvider)
  return <ConnectionStatus connection={connection} canWrite={true} />
}

describe('the connection in plain words', () => {
  afterEach(cleanup)

  const text = () => screen.getByTestId('connection-status').textContent ?? ''

  it('[P5] a server that cannot store says so, and that the edits wait in this browser', () => {
    const provider = new ProviderEvents()
    render(<Status provider={provider} />)
    act(() => provider.emit('connection-close', [{ code: 1011, reason: 'storage_failed' }]))
    expect(text()).toContain('De server kan wijzigingen op dit moment niet opslaan')
    expect(text()).toContain('uw wijzigingen blijven in deze browser bewaard')
    // Retrying keeps the reason in view.
    act(() => provider.emit('status', [{ status: 'connecting' }]))
    act(() => provider.emit('connection-close', [{ code: 1006, reason: '' }]))
    expect(text()).toContain('niet opslaan')
    act(() => {
      provider.wsconnected = true
      provider.synced = true
      provider.emit('status', [{ status: 'connected' }])
    })
    expect(text()).toContain('Verbonden')
  })

  it('an ordinary lost connection says only that it is retrying', () => {
    const provider = new ProviderEvents()
    render(<Status provider={provider} />)
    act(() => provider.emit('connection-close', [{ code: 1006, reason: '' }]))
    expect(text()).toContain('Geen verbinding met de server')
    expect(text()).not.toContain('niet opslaan')
  })
})
