/**
 * The one error class of the server. `code` is the stable snake_case code of the
 * contract's error body; `status` the HTTP status; the message is Dutch, for people.
 */
export const ErrorStatus = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  validation_failed: 422,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  frozen: 409,
  quote_not_found: 422,
  anchor_unknown: 409,
  quote_changed: 409,
  reason_required: 422,
  round_closed: 409,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  not_empty: 409,
  server_busy: 503,
  storage_failed: 503,
  internal_error: 500,
} as const

export type ErrorCode = keyof typeof ErrorStatus

/** An error that becomes `{error: {code, message, details?}}` with its status. */
export class AppError extends Error {
  override name = 'AppError'
  readonly code: ErrorCode
  readonly status: number
  readonly details: Record<string, unknown> | undefined
  readonly headers: Record<string, string> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.code = code
    this.status = ErrorStatus[code]
    this.details = options.details
    this.headers = options.headers
  }
}

/** Raised when stored data cannot be read or parsed (contract P6): it stops the start. */
export class StorageError extends Error {
  override name = 'StorageError'
  readonly file: string

  constructor(file: string, reason: string) {
    super(`Cannot read ${file}: ${reason}. The server will not start and will not overwrite it.`)
    this.file = file
  }
}

/** The message of an unknown thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** 409 `frozen`: the proposal is `vastgesteld`, its text cannot change (H4). */
export function textFrozen(): AppError {
  return new AppError(
    'frozen',
    'Dit voorstel is vastgesteld; de tekst kan niet meer veranderen. Zet eerst de status terug.',
  )
}

/** 503 `storage_failed`: a change could not be stored; nothing of it was kept. */
/** Another instance gave the address to someone else a moment ago (M1–M3). */
export function emailTaken(): AppError {
  return new AppError(
    'conflict',
    'Dit e-mailadres is zojuist aan iemand anders gegeven. Kies een ander adres of vraag de beheerder.',
    { details: { field: 'email' } },
  )
}

export function storageFailed(): AppError {
  return new AppError(
    'storage_failed',
    'De wijziging kon niet worden opgeslagen: de server kan op dit moment niet schrijven. Probeer het later opnieuw.',
  )
}

/** A 422 naming the field that is wrong. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { details: { field } })
}
