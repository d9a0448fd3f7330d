/**
 * `npm start` builds the editor only when its sources are newer than the last
 * build, so a restart takes a second and a fresh clone still gets a build (P1).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCES = ['editor', 'shared', 'vite.config.ts', 'package-lock.json']

function newestChange(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)))
  return newest
}

const built = statSync(join(root, 'dist', 'editor', 'index.html'), { throwIfNoEntry: false })
const sources = Math.max(...SOURCES.map((source) => newestChange(join(root, source))))
if (built && built.mtimeMs >= sources) process.exit(0)

console.log('De editor wordt gebouwd…')
const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
