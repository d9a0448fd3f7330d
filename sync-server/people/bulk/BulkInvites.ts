/**
 * Inviting a list of people at once (M1): the file is read and checked in
 * full, then either shown (a dry run) or applied — all or nothing, in one
 * storage batch, with one invitation queued per new person (sent in the
 * background, never while the request waits). A file with any error changes
 * nothing, and uploading the same file again changes nothing.
 */
import { randomBytes } from 'node:crypto'
import { canSee, type Principal } from '../../auth/Principal.ts'
import { hashToken, newToken } from '../../auth/tokens.ts'
import type { MailQueue } from '../../mail/MailQueue.ts'
import type { PersonRecord, Storage } from '../../persistence/Storage.ts'
import { colorFor } from '../colors.ts'
import { parseCsv } from './parseCsv.ts'
import { type PlannedRow, planImport } from './planImport.ts'
import { type ListRow, type RowError, readHeader, readRow } from './readRows.ts'

/** More rows than this is not a list of members: refused, with a line to say so. */
export const MAX_ROWS = 5000

export interface BulkResult {
  /** What happened, or for a dry run what would happen; all 0 when there are errors. */
  created: number
  updated: number
  unchanged: number
  errors: RowError[]
  rows: PlannedRow[]
  applied: boolean
  encoding: 'utf-8' | 'windows-1252'
  /** The ids of the people created. */
  createdIds: string[]
}

export class BulkInvites {
  readonly #storage: Storage
  readonly #mail: MailQueue

  constructor(storage: Storage, mail: MailQueue) {
    this.#storage = storage
    this.#mail = mail
  }

  async run(
    editor: Principal,
    body: Uint8Array,
    options: { dryRun: boolean },
  ): Promise<BulkResult> {
    const file = parseCsv(body)
    const [header, ...records] = file.records
    const { index, errors } = readHeader(header)
    const proposals = await this.#storage.proposals.list()
    const known = new Set(proposals.map((p) => p.id))
    // Outside the editor's set an id is not called unknown (A5): the row says "not yours".
    const isKnown = (id: string) => !canSee(editor, id) || known.has(id)
    const rows: ListRow[] = []
    if (errors.length === 0) {
      if (records.length === 0)
        errors.push({ line: 1, field: 'naam', message: 'Het bestand bevat geen mensen.' })
      if (records.length > MAX_ROWS)
        errors.push({
          line: records[MAX_ROWS]!.line,
          field: 'naam',
          message: `Een lijst heeft hoogstens ${MAX_ROWS} regels. Splits het bestand.`,
        })
      const seen = new Map<string, number>()
      for (const record of records.slice(0, MAX_ROWS)) {
        const read = readRow(record, index, isKnown)
        errors.push(...read.errors)
        const earlier = read.email ? seen.get(read.email) : undefined
        if (earlier !== undefined) {
          errors.push({
            line: record.line,
            field: 'e-mail',
            message: `Dit e-mailadres staat ook op regel ${earlier}.`,
          })
          continue
        }
        if (read.email) seen.set(read.email, record.line)
        if (read.row) rows.push(read.row)
      }
    }
    const people = await this.#storage.people.list()
    const plan = planImport(editor, rows, people)
    const allErrors = [...errors, ...plan.errors].sort((a, b) => a.line - b.line)
    const count = (action: PlannedRow['action']) =>
      allErrors.length > 0 ? 0 : plan.rows.filter((row) => row.action === action).length
    const result: BulkResult = {
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged') + count('revoked'),
      errors: allErrors,
      rows: plan.rows,
      applied: false,
      encoding: file.encoding,
      createdIds: [],
    }
    if (options.dryRun || allErrors.length > 0) return result
    const created = plan.create.map((row, i) => this.#newPerson(editor, row, people.length + i))
    await this.#storage.people.saveBatch({ create: created, change: plan.change })
    await this.#queueInvitations(editor, created)
    return { ...result, applied: true, createdIds: created.map((person) => person.id) }
  }

  #newPerson(editor: Principal, row: ListRow, index: number): PersonRecord {
    return {
      id: `p-${randomBytes(6).toString('hex')}`,
      name: row.name,
      email: row.email,
      role: row.role,
      proposals: row.proposals,
      organisation: row.organisation,
      province: row.province,
      color: colorFor(index),
      // Nobody ever sees this token: the invitation mail carries a link of its own.
      tokenHash: hashToken(newToken()),
      isAdmin: false,
      createdAt: new Date().toISOString(),
      createdBy: editor.person.id,
      revokedAt: null,
    }
  }

  async #queueInvitations(editor: Principal, people: PersonRecord[]) {
    const titles = new Map((await this.#storage.proposals.list()).map((p) => [p.id, p.title]))
    await this.#mail.enqueue(
      people.map((person) => ({
        // One invitation per person, however often this is retried.
        id: `m-invite-${person.id}`,
        kind: 'invitation' as const,
        personId: person.id,
        to: person.email!,
        data: invitationData(editor, person, titles),
      })),
    )
  }
}

/** Queues the invitation of one person invited through the form (A5 with `email`). */
export async function queueInvitation(
  services: { storage: Storage; mail: MailQueue },
  editor: Principal,
  person: PersonRecord,
) {
  const titles = new Map((await services.storage.proposals.list()).map((p) => [p.id, p.title]))
  await services.mail.enqueue([
    {
      id: `m-invite-${person.id}`,
      kind: 'invitation',
      personId: person.id,
      to: person.email!,
      data: invitationData(editor, person, titles),
    },
  ])
}

/** What an invitation mail says besides the link (see `mail/messages.ts`). */
export function invitationData(
  editor: Principal,
  person: PersonRecord,
  titles: Map<string, string>,
) {
  return {
    inviter: editor.person.isAdmin ? null : editor.person.name,
    role: person.role,
    proposals: person.proposals === '*' ? '*' : person.proposals.map((id) => titles.get(id) ?? id),
  }
}
