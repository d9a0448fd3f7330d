/** One reading of the soak run (a row of its CSV); sizes in bytes. */
export interface Sample {
  elapsedS: number
  /** Resident memory of the server process (VmRSS). */
  rss: number
  heapUsed: number
  heapTotal: number
  /** Open sync sockets, as GET /metrics says. */
  sockets: number
  openProposals: number
  editsTotal: number
  /** Accepted edits per second since the previous reading. */
  editsPerS: number
  /** The server's own average over its last 10 seconds. */
  serverEditsPerS: number
  /** Edits the clients made so far. */
  sent: number
  bytesWritten: number
  refused: number
  loopP99Ms: number
  /** Clients of the run connected at the time. */
  connected: number
  joins: number
  leaves: number
  /** The proposals' Yjs state as one client of each encodes it, together. */
  docBytes: number
}
