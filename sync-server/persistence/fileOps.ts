/**
 * The few file operations the append-only logs use, as one object, so a test
 * can make them fail the way a full or broken disk does (a short write, an
 * fsync error) without filling a disk.
 */
import { closeSync, fstatSync, fsync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { truncate } from 'node:fs/promises'

export interface FileOps {
  openSync(path: string, flags: string, mode: number): number
  /** Writes up to `length` bytes; may write fewer (a short write). @returns bytes written */
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number
  fsync(fd: number): Promise<void>
  fsyncSync(fd: number): void
  sizeSync(fd: number): number
  ftruncateSync(fd: number, length: number): void
  truncate(path: string, length: number): Promise<void>
  closeSync(fd: number): void
}

/** The real thing. */
export const nodeFileOps: FileOps = {
  openSync: (path, flags, mode) => openSync(path, flags, mode),
  writeSync: (fd, data, offset, length) => writeSync(fd, data, offset, length),
  fsync: (fd) =>
    new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve()))),
  fsyncSync: (fd) => fsyncSync(fd),
  sizeSync: (fd) => fstatSync(fd).size,
  ftruncateSync: (fd, length) => ftruncateSync(fd, length),
  truncate: (path, length) => truncate(path, length),
  closeSync: (fd) => closeSync(fd),
}

/**
 * Writes all of `data` at the end of an append-mode file: `write` may write
 * less than asked (a nearly full disk), so it goes on until everything is
 * written or a write fails.
 * @throws the write's error, or an Error when a write makes no progress
 */
export function writeFully(ops: FileOps, fd: number, data: Uint8Array): void {
  let written = 0
  while (written < data.length) {
    const step = ops.writeSync(fd, data, written, data.length - written)
    if (step <= 0) throw new Error(`writing stopped after ${written} of ${data.length} bytes`)
    written += step
  }
}
