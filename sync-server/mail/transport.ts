/**
 * Where mail goes (contract M2): with `SMTP_URL` and `MAIL_FROM` over SMTP
 * through nodemailer; without them, each mail as an `.eml` file in
 * `DATA_DIR/outbox/`, so the embedded default works on any machine and an
 * operator can still open what would have been sent. Both write the same
 * message with nodemailer.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import { writeFileAtomic } from '../persistence/atomicFile.ts'

/** The sender name people see. */
export const SENDER_NAME = 'VNG Verenigingsstrategie'

/** One message, ready to go. */
export interface OutgoingMail {
  /** Unique per queued mail: the Message-ID, so a mail sent twice could be told. */
  id: string
  to: string
  subject: string
  text: string
  html: string
  /** One-click unsubscribe (RFC 8058), for notification mails. */
  unsubscribeUrl?: string
}

export interface MailTransport {
  /** `smtp` or `outbox`, for the note on the people page. */
  readonly mode: 'smtp' | 'outbox'
  /** @throws when the message was not accepted; `isPermanent` tells whether to try again */
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export interface MailSettings {
  /** e.g. `smtp://user:pass@host:587`; without it (or `from`) mail goes to the outbox folder. */
  smtpUrl?: string
  /** The sender address, e.g. `meeschrijven@vng.nl`. */
  from?: string
}

function messageOf(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from: { name: SENDER_NAME, address: from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@meeschrijven>`,
    ...(mail.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'Afmelden' } },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }
      : {}),
  }
}

class SmtpTransport implements MailTransport {
  readonly mode = 'smtp'
  readonly #transporter: Transporter
  readonly #from: string

  constructor(url: string, from: string) {
    // A pool: a list of 342 invitations reuses a few connections instead of 342.
    // Settings in the URL's query (`?ignoreTLS=true` …) are read by nodemailer.
    this.#transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 3 })
    this.#from = from
  }

  async send(mail: OutgoingMail) {
    await this.#transporter.sendMail(messageOf(mail, this.#from))
  }

  close() {
    this.#transporter.close()
  }
}

class OutboxTransport implements MailTransport {
  readonly mode = 'outbox'
  readonly #dir: string
  readonly #transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  })

  constructor(dir: string) {
    this.#dir = dir
  }

  async send(mail: OutgoingMail) {
    const info = await this.#transporter.sendMail(messageOf(mail, 'meeschrijven@localhost'))
    await mkdir(this.#dir, { recursive: true, mode: 0o700 })
    // The file holds a sign-in link: readable by the server's user only.
    await writeFileAtomic(join(this.#dir, `${mail.id}.eml`), info.message as Buffer, 0o600)
  }

  close() {}
}

/** SMTP when both settings are there, else the outbox folder under `dataDir`. */
export function createTransport(settings: MailSettings, dataDir: string): MailTransport {
  if (settings.smtpUrl && settings.from) return new SmtpTransport(settings.smtpUrl, settings.from)
  return new OutboxTransport(join(dataDir, 'outbox'))
}

/**
 * True when trying again cannot help: the server refused the message or the
 * address for good (an SMTP 5xx). Connection trouble and 4xx are worth a retry.
 */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}
