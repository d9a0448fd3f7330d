/**
 * What the first start does (contract P3, P4): without `ADMIN_TOKEN` and without
 * an administrator, create one and keep its token only in a file readable by its
 * owner; on an empty data folder, create the seven proposals.
 */
import { randomBytes } from 'node:crypto'
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
  | { kind: 'created'; token: string; file: string }
  | { kind: 'existing'; file: string }

export async function ensureAdmin(
  storage: Storage,
  dataDir: string,
  adminToken: string | undefined,
): Promise<AdminBootstrap> {
  if (adminToken) return { kind: 'environment' }
  const file = join(dataDir, ADMIN_TOKEN_FILE)
  const people = await storage.people.list()
  if (people.some((person) => person.isAdmin && !person.revokedAt))
    return { kind: 'existing', file }
  const token = newToken()
  await writeFileAtomic(file, `${token}\n`, 0o600)
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
  return { kind: 'created', token, file }
}
