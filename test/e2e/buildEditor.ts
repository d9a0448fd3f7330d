/**
 * Global setup of the browser tests: builds the editor once per run into
 * `dist/editor`, which the server under test serves. The build runs in its own
 * process with NODE_ENV=production: vitest sets NODE_ENV=test, which would
 * give React's development build.
 */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

export default function buildEditor(): void {
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin/vite.js',
  )
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  })
}
