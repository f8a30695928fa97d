import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { labelOf } from '../../platform/content/code-lists.ts'
import { loadContent } from '../../platform/content/content.ts'
import { changedFields, describeChange, isCurrentVersion, isManualClosingReason, readRecordedChange, timelineKindInWords, type Wording } from './rules.ts'

const content = loadContent(path.resolve(import.meta.dirname, '../../../content'), { strict: true })
const words: Wording = { t: (key, params) => content.t(key, params), has: (key) => content.has(key), labelOf, date: (value) => `date ${value}` }

describe('what an edit changes', () => {
  it('lists only the fields whose value differs, in the order given', () => {
    const fields = ['given_name', 'pronouns', 'interpreter_needed'] as const
    assert.deepEqual(changedFields(fields, { given_name: 'Jo', pronouns: null, interpreter_needed: false }, { given_name: 'Jo', pronouns: 'they/them', interpreter_needed: true }), [
      { field: 'pronouns', from: null, to: 'they/them' },
      { field: 'interpreter_needed', from: false, to: true },
    ])
    assert.deepEqual(changedFields(fields, { given_name: 'Jo', pronouns: null, interpreter_needed: false }, { given_name: 'Jo', pronouns: null, interpreter_needed: false }), [])
  })

  it('lets an edit through only when it names the current version', () => {
    assert.equal(isCurrentVersion('3', 3), true)
    assert.equal(isCurrentVersion(' 3 ', 3), true)
    assert.equal(isCurrentVersion(3, 3), true)
    assert.equal(isCurrentVersion('2', 3), false, 'someone changed the record since')
    assert.equal(isCurrentVersion(undefined, 1), false, 'a form without a version is not trusted')
    assert.equal(isCurrentVersion('1e0', 1), false)
    assert.equal(isCurrentVersion('', 1), false)
  })
})

describe('the history in words', () => {
  it('says what changed from what to what, with code lists as labels', () => {
    const described = describeChange('details', { action: 'updated', values: [{ field: 'sex', from: null, to: 'not_known' }, { field: 'given_name', from: 'Jo', to: 'Joanna' }] }, words)
    assert.deepEqual(described, {
      heading: 'Identity details changed',
      lines: [
        { label: 'Sex registered at birth', text: 'from not recorded to Not known' },
        { label: 'Given name', text: 'from Jo to Joanna' },
      ],
    })
  })

  it('shows an addition or an ending as the value itself, and yes/no for a yes/no', () => {
    assert.deepEqual(describeChange('identifier', { action: 'ended', values: [{ field: 'kind', from: 'pnc_id', to: null }, { field: 'ended_reason', from: null, to: 'recorded_in_error' }] }, words), {
      heading: 'Identifier ended',
      lines: [
        { label: 'Identifier', text: 'PNC ID' },
        { label: 'Reason', text: 'Recorded in error' },
      ],
    })
    assert.deepEqual(describeChange('language', { action: 'updated', values: [{ field: 'interpreter_needed', from: false, to: true }] }, words).lines, [{ label: 'Interpreter needed', text: 'from no to yes' }])
    assert.deepEqual(describeChange('need', { action: 'ended', values: [{ field: 'ended_on', from: null, to: '2026-01-05' }] }, words).lines, [{ label: 'Ended', text: 'date 2026-01-05' }])
    assert.deepEqual(describeChange('characteristic', { action: 'updated', values: [{ field: 'ethnicity', from: null, to: 'white_roma' }] }, words).lines, [{ label: 'Ethnic group', text: 'from not recorded to White: Roma' }])
  })

  it('still says something for a change it has no words for', () => {
    assert.deepEqual(describeChange('merge', { action: 'removed', values: [{ field: 'surviving_record', from: null, to: 'abc' }] }, words), { heading: 'Record changed', lines: [{ label: 'surviving record', text: 'abc' }] })
    assert.equal(timelineKindInWords('referral_made', words), 'Referral made')
  })

  it('reads back a stored change, and anything else as a change without values', () => {
    assert.deepEqual(readRecordedChange({ action: 'added', values: [{ field: 'need', from: null, to: 'trauma' }] }), { action: 'added', values: [{ field: 'need', from: null, to: 'trauma' }] })
    assert.deepEqual(readRecordedChange({ mergedFrom: 'someone' }), { action: 'updated', values: [] })
    // As the merge module writes them.
    assert.deepEqual(readRecordedChange({ mergedInto: { personId: 'p', mergeId: 'm' } }), { action: 'merged_into', values: [] })
    assert.equal(describeChange('merge', readRecordedChange({ mergeReversed: { personId: 'p', mergeId: 'm' } }), words).heading, 'Merge reversed')
    assert.deepEqual(readRecordedChange(null), { action: 'updated', values: [] })
    assert.deepEqual(readRecordedChange({ action: 'ended', values: [{ field: 'x', from: { nested: true }, to: 1 }, { field: 'y', to: 'kept' }] }), { action: 'ended', values: [{ field: 'y', from: null, to: 'kept' }] })
  })
})

describe('reasons an involvement closed', () => {
  it('names a closure made by a referral ending in words, and keeps it out of the reasons a person picks', () => {
    assert.equal(labelOf('involvement_closing_reason', 'referral_declined'), 'The referral was declined')
    assert.equal(labelOf('involvement_closing_reason', 'referral_withdrawn'), 'The referral was withdrawn')
    assert.equal(isManualClosingReason('referral_declined'), false)
    assert.equal(isManualClosingReason('completed'), true)
  })
})
