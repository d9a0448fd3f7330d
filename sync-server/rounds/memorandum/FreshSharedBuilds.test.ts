import { afterEach, describe, expect, it, vi } from 'vitest'
import { FreshSharedBuilds } from './FreshSharedBuilds.ts'

/** A build the test finishes by hand, numbered in the order builds start. */
function manualBuilds() {
  const started: Array<() => void> = []
  return {
    started,
    build: () =>
      new Promise<number>((resolve) => {
        const number = started.length + 1
        started.push(() => resolve(number))
      }),
  }
}

describe('FreshSharedBuilds', () => {
  it('[R7] fifty requests at once cost two builds: the running one and one after it', async () => {
    const shared = new FreshSharedBuilds<string>()
    let builds = 0
    const build = async () => `model ${++builds}`
    const first = shared.get('p/r', build)
    await Promise.resolve()
    const others = Array.from({ length: 49 }, () => shared.get('p/r', build))
    const answers = await Promise.all([first, ...others])
    expect(builds).toBe(2)
    expect(answers[0]).toBe('model 1')
    expect(new Set(answers.slice(1))).toEqual(new Set(['model 2']))
  })

  it('[R7] a request never gets a build that started before it; other keys build on their own', async () => {
    const shared = new FreshSharedBuilds<number>()
    const { started, build } = manualBuilds()
    const early = shared.get('p/r', build)
    await expect.poll(() => started.length).toBe(1)
    // The first build is reading: a request now must wait for a build of its own.
    const late = shared.get('p/r', build)
    const otherRound = shared.get('p/s', build)
    await expect.poll(() => started.length).toBe(2)
    started[0]!()
    expect(await early).toBe(1)
    // Only now does the late request's build start: it reads after the request came.
    await expect.poll(() => started.length).toBe(3)
    started[1]!()
    started[2]!()
    expect(await otherRound).toBe(2)
    expect(await late).toBe(3)
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('[R7] while a build runs, the next starts a gap after it and serves every request of that time', async () => {
    vi.useFakeTimers()
    const shared = new FreshSharedBuilds<number>(150)
    const { started, build } = manualBuilds()
    // Nothing running: the first request's build starts at once, without a gap.
    const first = shared.get('p/r', build)
    await vi.advanceTimersByTimeAsync(0)
    expect(started.length).toBe(1)
    const during = shared.get('p/r', build)
    started[0]!()
    expect(await first).toBe(1)
    await vi.advanceTimersByTimeAsync(100)
    // Within the gap: no build yet, and a request now joins the one to come.
    expect(started.length).toBe(1)
    const inGap = shared.get('p/r', build)
    await vi.advanceTimersByTimeAsync(50)
    expect(started.length).toBe(2)
    // Once that build is reading, a new request waits for another of its own.
    const afterStart = shared.get('p/r', build)
    started[1]!()
    expect(await during).toBe(2)
    expect(await inGap).toBe(2)
    await vi.advanceTimersByTimeAsync(150)
    expect(started.length).toBe(3)
    started[2]!()
    expect(await afterStart).toBe(3)
  })
})
