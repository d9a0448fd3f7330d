/**
 * A consistent copy of the embedded storage while the server runs. Every file
 * there is either replaced whole by a rename (JSON, snapshots, versions) or only
 * appended to (update logs, JSON lines). So: hard-link every file into a staging
 * folder in one quick pass, noting the length of the appended ones; if a file
 * vanished meanwhile (a compaction removed an old log), start over. Then copy
 * from the links, cutting appended files at the noted length, and fsync.
 */
import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { copyFile, mkdir, open, readdir, truncate } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fsyncDirectory } from '../persistence/atomicFile.ts'

const STAGING_PREFIX = '.backup-'
const isAppended = (path: string) => /(^|\/)log-\d+\.bin$/.test(path) || path.endsWith('.jsonl')

function listFiles(dir: string, root = dir, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(STAGING_PREFIX) || entry.name.endsWith('.tmp')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) listFiles(path, root, into)
    else if (entry.isFile()) into.push(relative(root, path))
  }
  return into
}

/** Links every file into `staging`; false when one vanished on the way. */
function linkAll(dataDir: string, staging: string, sizes: Map<string, number>): boolean {
  for (const file of listFiles(dataDir)) {
    const target = join(staging, file)
    mkdirSync(dirname(target), { recursive: true })
    try {
      if (isAppended(file)) sizes.set(file, statSync(join(dataDir, file)).size)
      linkSync(join(dataDir, file), target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }
  return true
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Copies `dataDir` to `targetDir` (which must not exist or be empty).
 * @returns the number of files copied
 */
export async function backupDataDir(dataDir: string, targetDir: string): Promise<number> {
  await mkdir(targetDir, { recursive: true })
  if ((await readdir(targetDir)).length > 0) throw new Error(`${targetDir} is not empty`)
  const staging = join(dataDir, `${STAGING_PREFIX}${randomBytes(4).toString('hex')}`)
  try {
    const sizes = new Map<string, number>()
    for (let attempt = 1; ; attempt++) {
      rmSync(staging, { recursive: true, force: true })
      sizes.clear()
      if (linkAll(dataDir, staging, sizes)) break
      if (attempt === 20) throw new Error('the data folder kept changing; try again')
    }
    const files = listFiles(staging)
    for (const file of files) {
      const target = join(targetDir, file)
      await mkdir(dirname(target), { recursive: true, mode: 0o700 })
      await copyFile(join(staging, file), target)
      const size = sizes.get(file)
      if (size !== undefined) await truncate(target, size)
      await fsyncFile(target)
    }
    for (const dir of new Set(files.map((file) => dirname(join(targetDir, file)))))
      await fsyncDirectory(dir)
    return files.length
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}
