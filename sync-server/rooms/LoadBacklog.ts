/**
 * What reaches a room while its stored document is not built yet: frames,
 * the carets owed to sockets greeted meanwhile and other instances' changes
 * wait here, in arrival order per kind, and are handled once the document is there.
 */
import type { Connection } from '../transport/Connection.ts'

export interface BacklogHandlers {
  remote(personId: string, update: Uint8Array): void
  /** Sends a socket greeted before the build the carets of the others. */
  presence(conn: Connection): void
  message(conn: Connection, data: Uint8Array): void
}

export class LoadBacklog {
  readonly #messages: Array<[Connection, Uint8Array]> = []
  readonly #greetings: Connection[] = []
  readonly #remote: Array<[string, Uint8Array]> = []

  holdMessage(conn: Connection, data: Uint8Array): void {
    this.#messages.push([conn, data])
  }

  /** True when a frame of `conn` waits: its later frames must wait behind it (frames are handled in order). */
  holdsFrameOf(conn: Connection): boolean {
    return this.#messages.some(([held]) => held === conn)
  }

  holdPresence(conn: Connection): void {
    this.#greetings.push(conn)
  }

  holdRemote(personId: string, update: Uint8Array): void {
    this.#remote.push([personId, update])
  }

  /** Other instances' changes first: the answers that follow must include them. */
  drain(handlers: BacklogHandlers): void {
    for (const [personId, update] of this.#remote.splice(0)) handlers.remote(personId, update)
    for (const conn of this.#greetings.splice(0)) if (!conn.closed) handlers.presence(conn)
    for (const [conn, data] of this.#messages.splice(0))
      if (!conn.closed) handlers.message(conn, data)
  }

  /** The sockets still waiting (to close them when the document cannot be built). */
  waitingSockets(): Connection[] {
    return [...this.#greetings, ...this.#messages.map(([conn]) => conn)]
  }
}
