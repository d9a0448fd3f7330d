/**
 * Every client's edits are fixed in advance by a seeded generator, so a receiver in
 * another process can tell from an update's ids alone which edit of which client it is,
 * and therefore when it was scheduled.
 *
 * A client types into its own paragraph like a person: mostly single characters at the
 * caret, sometimes a backspace over what it just typed, now and then a caret jump.
 * Each insert takes the next clock of the client's Yjs id (one character, one clock);
 * a backspace deletes the character of an earlier insert, so it is known by that clock.
 */

/** Share of keystrokes that are backspaces (the trace has 30 %; prose typing fewer). */
const BACKSPACE_SHARE = 0.12
/** Share of keystrokes preceded by a caret jump to elsewhere in the paragraph. */
const JUMP_SHARE = 0.02
const ALPHABET = 'eeeeaaaannnttiirroodsllgvhkmuebjzpcwf  ,.'

export interface EditPlan {
  /** 0 = insert one character, 1 = delete one character (backspace). */
  readonly kind: Uint8Array
  /** For an insert the clock it takes; for a backspace the clock of the insert it deletes. */
  readonly clock: Int32Array
  /** The character typed (inserts only). */
  readonly text: string[]
  /** When ≥ 0, the caret first jumps to this fraction of the paragraph's length. */
  readonly jump: Float32Array
  /** For a clock: the edit that inserted it. */
  readonly insertEdit: Int32Array
  /** For a clock: the edit that deleted it, or -1. */
  readonly deleteEdit: Int32Array
  /**
   * How far edit k strays from its beat, in [-0.5, 0.5) of the interval: people do not
   * type in step. Scaled by the schedule's `jitter` (0 keeps the edits on the beat).
   */
  readonly stray: Float32Array
}

/** mulberry32: small, fast and good enough for workload shapes. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The first `count` edits of the client with global index `client` in a run seeded `seed`. */
export function createEditPlan(seed: number, client: number, count: number): EditPlan {
  const random = createRandom((seed * 7919 + client * 104729) >>> 0)
  const kind = new Uint8Array(count)
  const clock = new Int32Array(count)
  const jump = new Float32Array(count).fill(-1)
  const text: string[] = new Array(count).fill('')
  const insertEdit = new Int32Array(count).fill(-1)
  const deleteEdit = new Int32Array(count).fill(-1)
  let inserts = 0
  // clocks of this streak's characters left of the caret, newest last
  let streak: number[] = []
  for (let k = 0; k < count; k++) {
    if (random() < JUMP_SHARE) {
      jump[k] = random()
      streak = []
    }
    if (streak.length > 0 && random() < BACKSPACE_SHARE) {
      const deleted = streak.pop()!
      kind[k] = 1
      clock[k] = deleted
      deleteEdit[deleted] = k
    } else {
      clock[k] = inserts
      insertEdit[inserts] = k
      text[k] = ALPHABET[Math.floor(random() * ALPHABET.length)]!
      streak.push(inserts)
      inserts++
    }
  }
  // a generator of its own, so plans of runs without jitter stay what they were
  const strayRandom = createRandom((seed * 6007 + client * 7907 + 1) >>> 0)
  const stray = new Float32Array(count)
  for (let k = 0; k < count; k++) stray[k] = strayRandom() - 0.5
  return { kind, clock, text, jump, insertEdit, deleteEdit, stray }
}
