/**
 * What the first start does (contract P3, P4): without `ADMIN_TOKEN` and without
 * an administrator, create one and keep its sign-in link — the token in it —
 * only in a file readable by its owner; on an empty data folder, create the
 * seven proposals.
 *
 * The file holds the whole link, so a newcomer who is told where it is can open
 * it. Later starts rewrite the link when the server's address changed (the
 * token stays the same), and leave a file they cannot match to the
 * administrator alone.
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EDITORS_ORGANISATION } from '../shared/roles.ts'
import { hashToken, newToken } from './auth/tokens.ts'
import { colorFor } from './people/colors.ts'
import { writeFileAtomic } from './persistence/atomicFile.ts'
import type { Storage } from './persistence/Storage.ts'

export const ADMIN_TOKEN_FILE = 'beheerder-token.txt'

/** What happened with the administrator at this start. */
export type AdminBootstrap =
  | { kind: 'environment' }
  | { kind: 'created'; token: string; file: string; link: string }
  | { kind: 'existing'; file: string }

/** The address that signs a person in with `token` (the editor's welcome page). */
export function signInLink(baseUrl: string, token: string): string {
  return `${baseUrl}/#/welkom?token=${token}`
}

function fileText(link: string): string {
  return [
    'Aanmeldlink van de beheerder van Meeschrijven.',
    'Open deze link in uw browser om u aan te melden. Deel hem met niemand: wie hem heeft, is beheerder.',
    '',
    link,
    '',
  ].join('\n')
}

/** The token in a file this server wrote: a sign-in link, or a bare token (older versions). */
function tokenIn(text: string): string | null {
  const fromLink = /welkom\?token=([A-Za-z0-9_-]+)/.exec(text)
  if (fromLink) return fromLink[1]!
  const bare = text.trim()
  return /^[A-Za-z0-9_-]+$/.test(bare) ? bare : null
}

/**
 * Makes sure an administrator can sign in; call once the server listens.
 * @param baseUrl what people open (`PUBLIC_URL`, or the address it listens on)
 */
export async function ensureAdmin(
  storage: Storage,
  dataDir: string,
  adminToken: string | undefined,
  baseUrl: string,
): Promise<AdminBootstrap> {
  if (adminToken) return { kind: 'environment' }
  const file = join(dataDir, ADMIN_TOKEN_FILE)
  const people = await storage.people.list()
  const admins = people.filter((person) => person.isAdmin && !person.revokedAt)
  if (admins.length > 0) {
    await refreshLink(file, baseUrl, new Set(admins.map((admin) => admin.tokenHash)))
    return { kind: 'existing', file }
  }
  const token = newToken()
  const link = signInLink(baseUrl, token)
  // The file first: a start that dies after it still leaves a way in.
  await writeFileAtomic(file, fileText(link), 0o600)
  await storage.people.put({
    id: `p-${randomBytes(6).toString('hex')}`,
    name: 'Beheerder',
    role: 'editor',
    proposals: '*',
    organisation: EDITORS_ORGANISATION,
    province: null,
    color: colorFor(people.length),
    tokenHash: hashToken(token),
    isAdmin: true,
    createdAt: new Date().toISOString(),
    createdBy: null,
    revokedAt: null,
  })
  return { kind: 'created', token, file, link }
}

/** Rewrites the file with a link to this address, when it holds an administrator's token. */
async function refreshLink(file: string, baseUrl: string, adminHashes: Set<string>) {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return
  }
  const token = tokenIn(text)
  if (!token || !adminHashes.has(hashToken(token))) return
  const wanted = fileText(signInLink(baseUrl, token))
  if (text !== wanted) await writeFileAtomic(file, wanted, 0o600)
}
