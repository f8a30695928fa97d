import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../../platform/app.ts'
import { loadContent } from '../../platform/content/content.ts'
import { decidePosting, localTime, mayEditOwnPost, mayTakePart, moderationStatus, overPostingLimit, type ModerationHours } from './rules.ts'
import { bankHolidays, forumSettings } from './settings.ts'

const content = loadContent(path.join(projectRoot, 'content'), { strict: true })
const holidays = bankHolidays(content)
const hours: ModerationHours = forumSettings(content).moderationHours
const at = (iso: string) => new Date(iso)

describe('forum settings files', () => {
  it('ship Monday to Friday, 09:00 to 17:00 UK time, without bank holidays', () => {
    assert.deepEqual(hours, { timeZone: 'Europe/London', days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], opens: '09:00', closes: '17:00', excludeBankHolidays: true })
  })

  it('list the England and Wales bank holidays of 2025 to 2027, substitute days included', () => {
    for (const date of ['2025-04-18', '2025-12-26', '2026-04-06', '2026-12-28', '2027-03-26', '2027-12-27', '2027-12-28']) assert.ok(holidays.has(date), date)
    assert.equal(holidays.has('2026-12-26'), false, 'Boxing Day 2026 falls on a Saturday; the holiday is the Monday')
    assert.equal(holidays.size, 24)
  })
})

describe('UK time', () => {
  it('is GMT in winter and BST in summer', () => {
    assert.deepEqual(localTime(at('2026-01-14T08:59:00Z'), 'Europe/London'), { date: '2026-01-14', weekday: 'wednesday', minutes: 8 * 60 + 59 })
    assert.deepEqual(localTime(at('2026-07-15T08:59:00Z'), 'Europe/London'), { date: '2026-07-15', weekday: 'wednesday', minutes: 9 * 60 + 59 })
  })

  it('crosses midnight into the next local day in BST', () => {
    assert.deepEqual(localTime(at('2026-06-30T23:30:00Z'), 'Europe/London'), { date: '2026-07-01', weekday: 'wednesday', minutes: 30 })
  })
})

describe('moderation hours', () => {
  it('are on duty on a winter weekday from 09:00 GMT until 17:00', () => {
    assert.deepEqual(moderationStatus(at('2026-01-14T09:00:00Z'), hours, holidays), { onDuty: true, closes: '17:00' })
    assert.deepEqual(moderationStatus(at('2026-01-14T16:59:00Z'), hours, holidays), { onDuty: true, closes: '17:00' })
    assert.deepEqual(moderationStatus(at('2026-01-14T17:00:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-01-15' })
  })

  it('follow BST in summer: 08:00 UTC is 09:00 in London, 16:00 UTC is 17:00', () => {
    assert.deepEqual(moderationStatus(at('2026-07-15T08:00:00Z'), hours, holidays), { onDuty: true, closes: '17:00' })
    assert.deepEqual(moderationStatus(at('2026-07-15T07:59:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-07-15' })
    assert.equal(moderationStatus(at('2026-07-15T16:00:00Z'), hours, holidays).onDuty, false)
  })

  it('are off at the weekend, back on Monday', () => {
    assert.deepEqual(moderationStatus(at('2026-01-17T12:00:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-01-19' })
    assert.deepEqual(moderationStatus(at('2026-01-16T18:00:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-01-19' })
  })

  it('are off on a bank holiday, and skip a run of them (Easter 2026: back on Tuesday 7 April)', () => {
    assert.equal(moderationStatus(at('2026-04-03T11:00:00Z'), hours, holidays).onDuty, false, 'Good Friday')
    assert.deepEqual(moderationStatus(at('2026-04-02T17:30:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-04-07' })
    assert.deepEqual(moderationStatus(at('2026-12-24T17:30:00Z'), hours, holidays), { onDuty: false, opens: '09:00', resumesOn: '2026-12-29' })
  })

  it('count bank holidays as ordinary days when told to', () => {
    assert.equal(moderationStatus(at('2026-04-03T11:00:00Z'), { ...hours, excludeBankHolidays: false }, holidays).onDuty, true)
  })

  it('say when no day is moderated at all', () => {
    assert.deepEqual(moderationStatus(at('2026-01-14T12:00:00Z'), { ...hours, days: [] }, holidays), { onDuty: false, opens: '09:00', resumesOn: null })
  })
})

describe('posting', () => {
  const settings = { preModeratedPosts: 3, outOfHoursPosting: 'queue' as const }

  it('holds a new member’s first posts, then publishes', () => {
    assert.deepEqual(decidePosting({ findings: [], publishedBefore: 0, moderatedNow: true, settings }), { status: 'pending', holdReasons: ['new_member'], concern: false })
    assert.equal(decidePosting({ findings: [], publishedBefore: 2, moderatedNow: true, settings }).status, 'pending')
    assert.deepEqual(decidePosting({ findings: [], publishedBefore: 3, moderatedNow: true, settings }), { status: 'published', holdReasons: [], concern: false })
  })

  it('holds anything the filter finds, and marks safety words as a concern', () => {
    assert.deepEqual(decidePosting({ findings: ['nhs_number'], publishedBefore: 10, moderatedNow: true, settings }), { status: 'pending', holdReasons: ['nhs_number'], concern: false })
    assert.deepEqual(decidePosting({ findings: ['safety_words'], publishedBefore: 10, moderatedNow: true, settings }), { status: 'pending', holdReasons: ['safety_words'], concern: true })
  })

  it('queues out of hours only when set to', () => {
    assert.deepEqual(decidePosting({ findings: [], publishedBefore: 10, moderatedNow: false, settings }).holdReasons, ['out_of_hours'])
    assert.equal(decidePosting({ findings: [], publishedBefore: 10, moderatedNow: false, settings: { ...settings, outOfHoursPosting: 'publish' } }).status, 'published')
  })

  it('takes no new member rule when pre-moderation is off', () => {
    assert.equal(decidePosting({ findings: [], publishedBefore: 0, moderatedNow: true, settings: { ...settings, preModeratedPosts: 0 } }).status, 'published')
  })

  it('lets an author edit within the window, and never a hidden or deleted post', () => {
    const now = at('2026-01-14T12:00:00Z')
    assert.equal(mayEditOwnPost({ status: 'published', created_at: '2026-01-14T11:30:00Z' }, now, 30), true)
    assert.equal(mayEditOwnPost({ status: 'published', created_at: '2026-01-14T11:29:59Z' }, now, 30), false)
    assert.equal(mayEditOwnPost({ status: 'pending', created_at: '2026-01-14T11:59:00Z' }, now, 30), true)
    assert.equal(mayEditOwnPost({ status: 'hidden', created_at: '2026-01-14T11:59:00Z' }, now, 30), false)
    assert.equal(mayEditOwnPost({ status: 'deleted', created_at: '2026-01-14T11:59:00Z' }, now, 30), false)
  })

  it('limits the number of posts in the window', () => {
    assert.equal(overPostingLimit(4, { posts: 5 }), false)
    assert.equal(overPostingLimit(5, { posts: 5 }), true)
  })

  it('lets a suspended member take part again only once the suspension has ended', () => {
    const now = at('2026-01-14T12:00:00Z')
    assert.equal(mayTakePart({ status: 'active', suspended_until: null }, now), true)
    assert.equal(mayTakePart({ status: 'suspended', suspended_until: null }, now), false)
    assert.equal(mayTakePart({ status: 'suspended', suspended_until: '2026-01-15T00:00:00Z' }, now), false)
    assert.equal(mayTakePart({ status: 'suspended', suspended_until: '2026-01-14T11:00:00Z' }, now), true)
  })
})
