/**
 * Identities by run. The provenance record maps the ids of text an editor
 * rebuilt to the ids it repeats; asking it character by character costs an
 * object and a search per character, too slow for 100,000 characters. This
 * reads the same record (through its own encoding) into sorted runs, and maps
 * whole runs at once, in both directions: back to the id a character was first
 * written with, and forward to its newest incarnation.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** [first clock, length, target client, target clock] */
type Link = [clock: number, length: number, client: number, targetClock: number]

/** Called for each stretch of a run: `offset` into the run, its length, and where it maps. */
export type Emit = (offset: number, length: number, client: number, clock: number) => void

/** Chains longer than this are cut: a record is acyclic, this only guards against a bad one. */
const MAX_DEPTH = 64

export class IdentityMap {
  readonly #back = new Map<number, Link[]>()
  readonly #forward = new Map<number, Link[]>()

  /** Reads a provenance record: anything with `encode(encoder)` as `Provenance` has. */
  static of(provenance: { encode(encoder: encoding.Encoder): void }): IdentityMap {
    const encoder = encoding.createEncoder()
    provenance.encode(encoder)
    return IdentityMap.read(decoding.createDecoder(encoding.toUint8Array(encoder)))
  }

  /** Reads an encoded provenance record (the format of `Provenance.encode`) at `decoder`. */
  static read(decoder: decoding.Decoder): IdentityMap {
    const map = new IdentityMap()
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const client = decoding.readVarUint(decoder)
      for (let m = decoding.readVarUint(decoder); m > 0; m--) {
        const clock = decoding.readVarUint(decoder)
        const length = decoding.readVarUint(decoder)
        const target = decoding.readVarUint(decoder)
        const targetClock = decoding.readVarUint(decoder)
        add(map.#back, client, [clock, length, target, targetClock])
        add(map.#forward, target, [targetClock, length, client, clock])
      }
    }
    for (const links of map.#back.values()) links.sort((a, b) => a[0] - b[0])
    for (const links of map.#forward.values()) links.sort((a, b) => a[0] - b[0])
    return map
  }

  get isEmpty(): boolean {
    return this.#back.size === 0
  }

  /** The ids `length` characters from (client, clock) were first written with, by stretch. */
  originals(client: number, clock: number, length: number, emit: Emit): void {
    this.#follow(this.#back, this.#resolvedBack, client, clock, length, 0, emit, 0)
  }

  /** The newest ids carrying the same characters, by stretch. */
  latest(client: number, clock: number, length: number, emit: Emit): void {
    this.#follow(this.#forward, this.#resolvedForward, client, clock, length, 0, emit, 0)
  }

  /** Per link, where its whole chain ends, as [offset, length, client, clock] stretches. */
  readonly #resolvedBack = new Map<Link, Stretch[]>()
  readonly #resolvedForward = new Map<Link, Stretch[]>()

  #follow(
    map: Map<number, Link[]>,
    resolved: Map<Link, Stretch[]>,
    client: number,
    clock: number,
    length: number,
    offset: number,
    emit: Emit,
    depth: number,
  ): void {
    const links = map.get(client)
    if (!links || depth >= MAX_DEPTH) {
      emit(offset, length, client, clock)
      return
    }
    const end = clock + length
    let at = clock
    for (let i = firstEndingAfter(links, clock); at < end && i < links.length; i++) {
      const link = links[i]!
      const [start, size, target, targetClock] = link
      if (start >= end) break
      // Forward links may overlap (text rebuilt twice from one original): take the first.
      if (start + size <= at) continue
      if (start > at) {
        emit(offset + (at - clock), start - at, client, at)
        at = start
      }
      const stop = Math.min(end, start + size)
      // A chain is followed once per link and remembered: long histories rebuild a
      // passage many times, and every later question about it would walk the chain again.
      let stretches = resolved.get(link)
      if (!stretches) {
        const found: Stretch[] = []
        this.#follow(
          map,
          resolved,
          target,
          targetClock,
          size,
          0,
          (o, l, c, k) => found.push([o, l, c, k]),
          depth + 1,
        )
        stretches = found
        resolved.set(link, stretches)
      }
      clip(stretches, at - start, stop - start, offset + (at - clock) - (at - start), emit)
      at = stop
    }
    if (at < end) emit(offset + (at - clock), end - at, client, at)
  }
}

/** [offset within the link, length, client, clock] */
type Stretch = [offset: number, length: number, client: number, clock: number]

/** Emits the parts of `stretches` between `from` and `to` (link offsets), shifted by `shift`. */
function clip(stretches: Stretch[], from: number, to: number, shift: number, emit: Emit): void {
  for (const [offset, length, client, clock] of stretches) {
    const begin = Math.max(from, offset)
    const finish = Math.min(to, offset + length)
    if (begin < finish) emit(shift + begin, finish - begin, client, clock + (begin - offset))
  }
}

function add(map: Map<number, Link[]>, client: number, link: Link): void {
  const links = map.get(client)
  if (links) links.push(link)
  else map.set(client, [link])
}

/** Index of the first link that ends after `clock` (links sorted by start, not overlapping). */
function firstEndingAfter(links: Link[], clock: number): number {
  let low = 0
  let high = links.length
  while (low < high) {
    const middle = (low + high) >> 1
    const [start, size] = links[middle]!
    if (start + size <= clock) low = middle + 1
    else high = middle
  }
  return low
}
