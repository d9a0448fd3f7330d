import { threadId } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../log.ts'
import { runOffThread } from './offThread.ts'
import { whereAmI } from './whereAmI.fixture.ts'

function collectingLog() {
  const lines: Array<{ level: string; message: string; error?: string }> = []
  const log = createLogger({ level: 'debug', sink: (line) => lines.push(JSON.parse(line)) })
  return { log, lines }
}

describe('runOffThread', () => {
  it('runs a TypeScript module’s function in another thread and answers its result', async () => {
    const { log, lines } = collectingLog()
    const task = {
      module: new URL('./whereAmI.fixture.ts', import.meta.url),
      name: 'whereAmI',
      inProcess: whereAmI,
    }
    const answer = await runOffThread(task, { text: 'reactienota' }, log)
    expect(answer.shouted).toBe('REACTIENOTA')
    expect(answer.threadId).not.toBe(threadId)
    expect(lines).toEqual([])
  })

  it('runs the function here, and says why, when the worker cannot', async () => {
    const { log, lines } = collectingLog()
    const task = {
      module: new URL('./doesNotExist.ts', import.meta.url),
      name: 'whereAmI',
      inProcess: whereAmI,
    }
    const answer = await runOffThread(task, { text: 'toch' }, log)
    expect(answer).toEqual({ threadId, shouted: 'TOCH' })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.level).toBe('warn')
    expect(lines[0]!.error).toContain('doesNotExist')
  })
})
