import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { codeList } from '../../platform/content/code-lists.ts'
import { amendedNoteId, decideHealthOnly, healthOnlyNoteTypes, noteCategory, noteReadingOf, noteTypesFor, paragraphsOf, readableHealthOnly } from './rules.ts'

const clinician = { caseNotes: true, clinicalNotes: true }
const probationOfficer = { caseNotes: true, clinicalNotes: false }
const clinicalOnly = { caseNotes: false, clinicalNotes: true }

describe('case note rules', () => {
  it('names only note types of the code list as always health-only', () => {
    for (const type of healthOnlyNoteTypes) assert.ok(codeList('case_note_type').codes.some((code) => code.code === type), type)
  })

  it('makes clinical types health-only, and other types health-only only when a clinician marks them', () => {
    assert.deepEqual(decideHealthOnly('therapy_session', false, clinician), { ok: true, healthOnly: true })
    assert.deepEqual(decideHealthOnly('clinical_assessment', false, clinician), { ok: true, healthOnly: true })
    assert.deepEqual(decideHealthOnly('general', false, clinician), { ok: true, healthOnly: false })
    assert.deepEqual(decideHealthOnly('safeguarding', true, clinician), { ok: true, healthOnly: true })
  })

  it('never lets an author who cannot read clinical notes write one', () => {
    assert.deepEqual(decideHealthOnly('therapy_session', false, probationOfficer), { ok: false, problem: 'clinicalType', field: 'type' })
    assert.deepEqual(decideHealthOnly('general', true, probationOfficer), { ok: false, problem: 'notClinical', field: 'healthOnly' })
    assert.deepEqual(decideHealthOnly('general', false, probationOfficer), { ok: true, healthOnly: false })
  })

  it('lets a reader of clinical notes only write only health-only notes', () => {
    assert.deepEqual(decideHealthOnly('general', false, clinicalOnly), { ok: false, problem: 'notShared', field: 'healthOnly' })
    assert.deepEqual(decideHealthOnly('general', true, clinicalOnly), { ok: true, healthOnly: true })
  })

  it('offers the clinical types only to those who may write clinical notes', () => {
    const types = codeList('case_note_type').codes
    assert.equal(noteTypesFor(types, clinician).length, types.length)
    const offered = noteTypesFor(types, probationOfficer).map((type) => type.code)
    assert.ok(offered.includes('general'))
    assert.ok(!offered.includes('therapy_session') && !offered.includes('clinical_assessment'))
  })

  it('reads health-only notes only with the clinical_note category, ordinary ones only with case_note', () => {
    assert.deepEqual(readableHealthOnly(noteReadingOf(new Set(['case_note', 'clinical_note']))), [false, true])
    assert.deepEqual(readableHealthOnly(noteReadingOf(new Set(['case_note', 'risk']))), [false])
    assert.deepEqual(readableHealthOnly(noteReadingOf(new Set(['identity']))), [])
    assert.equal(noteCategory(true), 'clinical_note')
    assert.equal(noteCategory(false), 'case_note')
  })

  it('points every amendment at the original note', () => {
    assert.equal(amendedNoteId({ id: 'original', amends_note_id: null }), 'original')
    assert.equal(amendedNoteId({ id: 'second-amendment', amends_note_id: 'original' }), 'original')
  })

  it('keeps a note\'s line breaks as paragraphs of lines', () => {
    assert.deepEqual(paragraphsOf('Seen on the wing.\r\nCalm.\n\n\nAgreed to meet again.  \n'), [['Seen on the wing.', 'Calm.'], ['Agreed to meet again.']])
    assert.deepEqual(paragraphsOf('<b>not markup</b>'), [['<b>not markup</b>']])
  })
})
