/**
 * A seeded pseudo-random source for demo and test data: the same seed gives the same
 * sequence on every machine, so seeded data, tests and benchmarks are repeatable.
 * Not for anything secret (ids and tokens use node:crypto).
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number
  /** A whole number from `min` to `max`, both included. */
  integer(min: number, max: number): number
  /** True with the given probability (0 never, 1 always). */
  chance(probability: number): boolean
  pick<T>(list: readonly T[]): T
  /** A calendar date (YYYY-MM-DD) from `earliest` to `latest`, both included. */
  dateBetween(earliest: string, latest: string): string
}

const millisPerDay = 86_400_000

function dayNumber(date: string): number {
  const millis = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN
  if (Number.isNaN(millis)) throw new RangeError(`"${date}" is not a date in the form YYYY-MM-DD`)
  return millis / millisPerDay
}

/** mulberry32: 32 bits of state, fast, and good enough for made-up data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), state | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed)
  const integer = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`integer(${min}, ${max}) needs whole numbers with min ≤ max`)
    }
    return min + Math.floor(next() * (max - min + 1))
  }
  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new RangeError('pick needs a list with at least one item')
      return list[integer(0, list.length - 1)] as T
    },
    dateBetween(earliest, latest) {
      const day = integer(dayNumber(earliest), dayNumber(latest))
      return new Date(day * millisPerDay).toISOString().slice(0, 10)
    },
  }
}
