import { describe, expect, it, vi } from 'vitest'
import { MessageIntake } from './MessageIntake.ts'

/** A socket stand-in that records pauses; the intake only pauses and resumes it. */
function socket() {
  return {
    paused: false,
    pause() {
      this.paused = true
    },
    resume() {
      this.paused = false
    },
  }
}

const busyFor = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until) {}
}

describe('MessageIntake', () => {
  it('handles a message at once while the turn has budget, then lets messages wait in order and resumes the socket when they are done', async () => {
    const intake = new MessageIntake(5)
    const handled: string[] = []
    const a = socket()
    const b = socket()
    const fromA = intake.source(
      a,
      (data) => {
        handled.push(`a${data.toString()}`)
        busyFor(2)
      },
      () => {},
    )
    const fromB = intake.source(
      b,
      (data) => handled.push(`b${data.toString()}`),
      () => {},
    )
    for (let i = 0; i < 10; i++) fromA.receive(Buffer.from(String(i)))
    // The budget of this turn is spent after a few of A's messages: the rest wait, A is paused.
    expect(handled.length).toBeGreaterThan(0)
    expect(handled.length).toBeLessThan(10)
    expect(a.paused).toBe(true)
    // B had nothing waiting, but the turn's budget is spent: it waits behind A's turn, not behind all of A.
    fromB.receive(Buffer.from('x'))
    await vi.waitFor(() => expect(handled).toHaveLength(11))
    expect(handled.filter((m) => m.startsWith('a'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `a${i}`),
    )
    expect(handled.indexOf('bx')).toBeLessThan(handled.indexOf('a9'))
    expect([a.paused, b.paused]).toEqual([false, false])
  })

  it('a socket that closes has what it sent before handled first, and only then its close passed on', async () => {
    const intake = new MessageIntake(1)
    const events: string[] = []
    const a = socket()
    const fromA = intake.source(
      a,
      (data) => {
        events.push(data.toString())
        busyFor(2)
      },
      () => events.push('closed'),
    )
    for (let i = 0; i < 5; i++) fromA.receive(Buffer.from(String(i)))
    expect(events).toEqual(['0'])
    fromA.closed()
    expect(events).toEqual(['0'])
    await vi.waitFor(() => expect(events).toEqual(['0', '1', '2', '3', '4', 'closed']))

    // A socket with nothing waiting passes its close on at once.
    const b = intake.source(
      socket(),
      () => {},
      () => events.push('b closed'),
    )
    b.closed()
    expect(events.at(-1)).toBe('b closed')
  })

  it('flushAll handles everything waiting at once (shutdown)', () => {
    const intake = new MessageIntake(1)
    const handled: string[] = []
    const fromA = intake.source(
      socket(),
      (data) => {
        handled.push(data.toString())
        busyFor(2)
      },
      () => {},
    )
    for (let i = 0; i < 4; i++) fromA.receive(Buffer.from(String(i)))
    expect(handled).toEqual(['0'])
    intake.flushAll()
    expect(handled).toEqual(['0', '1', '2', '3'])
  })
})
