/**
 * Structured logs: one JSON object a line on stderr, with the module that wrote
 * it. Tokens never appear here: callers pass people and proposals by id.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type LogFields = Record<string, unknown>

/** Where log lines go; tests pass a collector, `main.ts` the default (stderr). */
export type LogSink = (line: string) => void

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger for a sub-module, e.g. `log.child('rooms')`. */
  child(module: string): Logger
}

/**
 * Creates a logger. Lines below `level` are dropped.
 * @default level 'info', sink writes to stderr
 */
export function createLogger(
  options: { module?: string; level?: LogLevel; sink?: LogSink } = {},
): Logger {
  const module = options.module ?? 'server'
  const minimum = LEVEL_ORDER[options.level ?? 'info']
  const sink = options.sink ?? ((line: string) => process.stderr.write(`${line}\n`))
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < minimum) return
    sink(JSON.stringify({ time: new Date().toISOString(), level, module, message, ...fields }))
  }
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (child) => createLogger({ ...options, module: child }),
  }
}
