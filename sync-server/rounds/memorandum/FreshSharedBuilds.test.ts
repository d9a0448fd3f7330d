import { describe, expect, it } from 'vitest'
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
})
