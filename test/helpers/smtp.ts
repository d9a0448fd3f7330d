/**
 * A real SMTP server for tests (the `smtp-server` package on a free port):
 * every message that arrives is parsed with `mailparser` and kept. It can be
 * told to refuse messages for a while (451, "try again later").
 */
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string
  subject: string
  text: string
  html: string
  messageId: string
  from: string
  /** Each header as it was written (unfolded), by lowercase name. */
  header(name: string): string | undefined
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:PORT` for `SMTP_URL` / the `mail` option. */
  url: string
  received: ReceivedMail[]
  /** Mails to one address. */
  to(address: string): ReceivedMail[]
  /** While true, every message is refused with 451 (a temporary failure). */
  refusing: boolean
  /** Messages refused so far. */
  refused: number
  close(): Promise<void>
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = []
  const state = { refusing: false, refused: 0 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (state.refusing) {
        stream.resume()
        stream.on('end', () => {
          state.refused++
          const error = Object.assign(new Error('Probeer het later opnieuw'), { responseCode: 451 })
          callback(error)
        })
        return
      }
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: Array.isArray(mail.to) ? (mail.to[0]?.text ?? '') : (mail.to?.text ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
            from: mail.from?.text ?? '',
            header: (name) => headerOf(mail, name),
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) =>
      received.filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase())),
    get refusing() {
      return state.refusing
    },
    set refusing(value: boolean) {
      state.refusing = value
    },
    get refused() {
      return state.refused
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

/** mailparser folds List-* headers into one structure: the raw line says what was sent. */
function headerOf(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim()
}

/** The sign-in link in a mail's text: `…/#/welkom?token=…`. */
export function linkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+#\/welkom\?token=[\w-]+/.exec(mail.text)
  if (!match) throw new Error(`no sign-in link in: ${mail.text.slice(0, 300)}`)
  return match[0]
}

/** The token of a sign-in link. */
export function tokenOf(link: string): string {
  return new URLSearchParams(link.split('?')[1]).get('token') ?? ''
}
