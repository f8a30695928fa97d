import { randomFillSync } from 'node:crypto'

let lastMillis = 0
let sequence = 0

/**
 * Random bytes are drawn from the operating system 4 KiB at a time: one call per id cost
 * several microseconds, a large share of a bulk insert (import, demo seed, benchmark data).
 */
const pool = Buffer.alloc(4096)
let poolOffset = pool.length

function randomBytes(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + size))
  poolOffset += size
  return bytes
}

/**
 * A UUIDv7 (RFC 9562): time-ordered, so new rows land at the end of primary-key
 * indexes on both dialects instead of scattering like v4 ids would.
 */
export function newId(now: number = Date.now()): string {
  // A 12-bit counter keeps ids monotonic within one millisecond in this process.
  if (now === lastMillis) {
    sequence = (sequence + 1) & 0xfff
  } else {
    lastMillis = now
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff
  }
  const bytes = randomBytes(16)
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = 0x70 | (sequence >> 8)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isId(value: string): boolean {
  return uuidPattern.test(value)
}
