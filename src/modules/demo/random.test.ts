import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRandom } from './random.ts'

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 50 }, () => random.next())
    }
    assert.deepEqual(draw(1), draw(1))
    assert.notDeepEqual(draw(1), draw(2))
  })

  it('draws whole numbers from min to max, reaching both ends', () => {
    const random = createRandom(4)
    const drawn = new Set(Array.from({ length: 500 }, () => random.integer(-2, 3)))
    assert.deepEqual([...drawn].sort((a, b) => a - b), [-2, -1, 0, 1, 2, 3])
  })

  it('draws dates from earliest to latest, across a leap day', () => {
    const random = createRandom(9)
    const drawn = new Set(Array.from({ length: 500 }, () => random.dateBetween('2024-02-27', '2024-03-01')))
    assert.deepEqual([...drawn].sort(), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01'])
  })

  it('picks from the list, and refuses an empty one', () => {
    const random = createRandom(5)
    const colours = ['red', 'green', 'blue'] as const
    assert.deepEqual(new Set(Array.from({ length: 100 }, () => random.pick(colours))), new Set(colours))
    assert.throws(() => random.pick([]), RangeError)
  })

  it('says yes about as often as the probability asked for', () => {
    const random = createRandom(6)
    const yeses = Array.from({ length: 10_000 }, () => random.chance(0.25)).filter(Boolean).length
    assert.ok(yeses > 2300 && yeses < 2700, `${yeses} of 10000`)
    assert.equal(Array.from({ length: 100 }, () => random.chance(0)).some(Boolean), false)
  })

  it('refuses a date that is not YYYY-MM-DD', () => {
    assert.throws(() => createRandom(1).dateBetween('15/03/2026', '2026-03-20'), RangeError)
  })
})
