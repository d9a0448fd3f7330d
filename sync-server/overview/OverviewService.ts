/**
 * What the overview tells beyond the list of proposals: the process steps
 * with the date each is planned for now (editors may move one to a later
 * date), and a short description per proposal that editors write. Each is its
 * own setting, so two editors changing two of them never overwrite each other.
 */
import { PROCESS_STEPS } from '../../shared/strategy.ts'
import type { Principal } from '../auth/Principal.ts'
import { AppError, invalidField } from '../errors.ts'
import type { Storage } from '../persistence/Storage.ts'

interface Changed<T> {
  value: T
  by: string
  at: string
}

/** Longest description of a proposal, in characters. */
export const MAX_DESCRIPTION = 600

export class OverviewService {
  readonly #storage: Storage

  constructor(storage: Storage) {
    this.#storage = storage
  }

  async get() {
    const dates = new Map(
      (await this.#storage.settings.list<Changed<string>>('timeline:')).map(({ key, value }) => [
        key.slice('timeline:'.length),
        value.value,
      ]),
    )
    const descriptions: Record<string, string> = {}
    for (const { key, value } of await this.#storage.settings.list<Changed<string>>('description:'))
      descriptions[key.slice('description:'.length)] = value.value
    return {
      timeline: PROCESS_STEPS.map((step) => ({
        ...step,
        date: dates.get(step.id) ?? step.planned,
      })),
      descriptions,
    }
  }

  /** Moves a step to a later date (never before the planned one). */
  async setStepDate(editor: Principal, stepId: string, input: Record<string, unknown>) {
    const step = PROCESS_STEPS.find((s) => s.id === stepId)
    if (!step) throw new AppError('not_found', 'Deze processtap bestaat niet.')
    const date = typeof input.date === 'string' ? input.date : ''
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
      throw invalidField('date', 'Geef een datum als JJJJ-MM-DD.')
    if (date < step.planned)
      throw invalidField('date', 'Een stap kan alleen naar een latere datum dan gepland.')
    await this.#storage.settings.put(`timeline:${step.id}`, this.#changed(editor, date))
    return { ...step, date }
  }

  async setDescription(editor: Principal, proposalId: string, input: Record<string, unknown>) {
    const text = typeof input.description === 'string' ? input.description.trim() : null
    if (text === null || text.length > MAX_DESCRIPTION)
      throw invalidField(
        'description',
        `Geef een beschrijving van hoogstens ${MAX_DESCRIPTION} tekens.`,
      )
    await this.#storage.settings.put(`description:${proposalId}`, this.#changed(editor, text))
    return { proposalId, description: text }
  }

  #changed<T>(editor: Principal, value: T): Changed<T> {
    return { value, by: editor.person.id, at: new Date().toISOString() }
  }
}
