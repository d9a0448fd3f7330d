/**
 * LibreOffice as the office suite of the Word tests: it writes the .docx
 * fixtures the way people's office software does, and reads our exports back.
 * Debian's `soffice` (apt-get install -y libreoffice-writer-nogui); under CI a
 * missing one fails the run, locally those tests are skipped and say why. It
 * takes seconds to start, so each call converts a whole list of files.
 */
import { execFile } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Where Debian installs LibreOffice. */
export const SOFFICE_PATH = '/usr/bin/soffice'

/**
 * Why LibreOffice cannot run here, or null when it can.
 * @throws Error under CI (`CI=true`), where a missing LibreOffice is a failure
 */
export function libreOfficeSkipReason(): string | null {
  if (existsSync(SOFFICE_PATH)) return null
  const reason = `${SOFFICE_PATH} is missing (install it with: apt-get install -y libreoffice-writer-nogui)`
  if (process.env.CI === 'true') throw new Error(`Word tests cannot run: ${reason}`)
  console.warn(`[word] skipping tests that need LibreOffice: ${reason}`)
  return reason
}

/** `docx`, `html` (LibreOffice's own HTML of a text) or `txt` (UTF-8 plain text). */
export type OfficeFormat = 'docx' | 'html' | 'txt'

const FILTERS: Record<OfficeFormat, string> = {
  docx: 'docx:MS Word 2007 XML',
  html: 'html:HTML (StarWriter)',
  txt: 'txt:Text (encoded):UTF8',
}

/**
 * Converts `files` to `format` in one run of LibreOffice, with a profile of
 * its own (parallel runs on one profile wait for each other), and returns the
 * paths of the results, in order. Asynchronous: a server in the same process
 * keeps serving meanwhile.
 */
export async function convertWithLibreOffice(
  files: string[],
  format: OfficeFormat,
): Promise<string[]> {
  const work = await mkdtemp(join(tmpdir(), 'meeschrijven-office-'))
  const profile = join(work, 'profile')
  const out = join(work, 'out')
  await mkdir(out)
  // Inputs get unique names, so two files called the same do not overwrite each other's result.
  const inputs = await Promise.all(
    files.map(async (file, i) => {
      const input = join(work, `${i}-${basename(file)}`)
      await copyFile(file, input)
      return input
    }),
  )
  await run(
    SOFFICE_PATH,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      FILTERS[format],
      '--outdir',
      out,
      ...inputs,
    ],
    { timeout: 180_000 },
  )
  const results = inputs.map((input) => join(out, `${basename(input, extname(input))}.${format}`))
  const missing = results.filter((result) => !existsSync(result))
  if (missing.length > 0) throw new Error(`LibreOffice wrote no ${missing.join(', ')}`)
  // The profile is large; the results stay until the machine's temporary files go.
  await rm(profile, { recursive: true, force: true })
  return results
}

/**
 * A .docx made by LibreOffice from the fixture `source` (a .fodt), kept in the
 * temporary folder under the hash of the source: the two runs of the
 * integration tests (embedded and PostgreSQL) convert it once.
 */
export async function docxFixture(source: string): Promise<Buffer> {
  const content = await readFile(source)
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 16)
  const cached = join(tmpdir(), 'meeschrijven-fixtures', `${basename(source)}-${hash}.docx`)
  if (!existsSync(cached)) {
    const [made] = await convertWithLibreOffice([source], 'docx')
    await mkdir(join(tmpdir(), 'meeschrijven-fixtures'), { recursive: true })
    // Written under a unique name and renamed, so a parallel run never reads half a file.
    const partial = `${cached}.${randomUUID()}`
    await copyFile(made!, partial)
    await rename(partial, cached)
  }
  return readFile(cached)
}
