/**
 * File operations that fail on demand the way a full or failing disk does, for
 * the tests of the append-only logs.
 */
import { type FileOps, nodeFileOps } from './fileOps.ts'

export interface Faults {
  /** Every write writes at most this many bytes (a short write), or null. */
  shortWritesOf: number | null
  /** A write writes half of what it was given and then fails with ENOSPC. */
  failWrites: boolean
  /** ftruncate fails with EIO. */
  failTruncate: boolean
  /** fsync fails with EIO. */
  failFsync: boolean
}

const errno = (code: string, call: string) =>
  Object.assign(new Error(`${code}: simulated failure, ${call}`), { code })

export function faultyFileOps(): { ops: FileOps; faults: Faults } {
  const faults: Faults = {
    shortWritesOf: null,
    failWrites: false,
    failTruncate: false,
    failFsync: false,
  }
  const ops: FileOps = {
    ...nodeFileOps,
    writeSync(fd, data, offset, length) {
      if (faults.failWrites) {
        nodeFileOps.writeSync(fd, data, offset, Math.ceil(length / 2))
        throw errno('ENOSPC', 'write')
      }
      const allowed =
        faults.shortWritesOf === null ? length : Math.min(length, faults.shortWritesOf)
      return nodeFileOps.writeSync(fd, data, offset, allowed)
    },
    ftruncateSync(fd, length) {
      if (faults.failTruncate) throw errno('EIO', 'ftruncate')
      nodeFileOps.ftruncateSync(fd, length)
    },
    fsync(fd) {
      return faults.failFsync ? Promise.reject(errno('EIO', 'fsync')) : nodeFileOps.fsync(fd)
    },
    fsyncSync(fd) {
      if (faults.failFsync) throw errno('EIO', 'fsync')
      nodeFileOps.fsyncSync(fd)
    },
  }
  return { ops, faults }
}
