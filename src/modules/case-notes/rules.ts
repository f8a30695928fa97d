/*
 * Case notes' rules, as data and pure functions. A note is either ordinary case work
 * (category "case_note") or health-only clinical content (category "clinical_note"), which
 * only clinical roles of health organisations read (platform/auth/scope.ts).
 */

export type NoteCategory = 'case_note' | 'clinical_note'

/** Note types (code list "case_note_type") whose content is always clinical, so always health-only. */
export const healthOnlyNoteTypes: readonly string[] = ['therapy_session', 'clinical_assessment']

export function isHealthOnlyType(type: string): boolean {
  return healthOnlyNoteTypes.includes(type)
}

export function noteCategory(healthOnly: boolean): NoteCategory {
  return healthOnly ? 'clinical_note' : 'case_note'
}

/** Which notes categories of the person the caller may read (a case view's `readable`). */
export interface NoteReading {
  caseNotes: boolean
  clinicalNotes: boolean
}

export function noteReadingOf(readable: ReadonlySet<string>): NoteReading {
  return { caseNotes: readable.has('case_note'), clinicalNotes: readable.has('clinical_note') }
}

/** The values of `health_only` the caller may read: the condition every query of notes applies in SQL. */
export function readableHealthOnly(reading: NoteReading): boolean[] {
  return [...(reading.caseNotes ? [false] : []), ...(reading.clinicalNotes ? [true] : [])]
}

/** The note types an author is offered: the always-clinical ones only to those who may write clinical notes. */
export function noteTypesFor<Type extends { code: string }>(types: readonly Type[], reading: NoteReading): Type[] {
  return types.filter((type) => reading.clinicalNotes || !isHealthOnlyType(type.code))
}

export type HealthOnlyDecision = { ok: true; healthOnly: boolean } | { ok: false; problem: 'clinicalType' | 'notClinical' | 'notShared'; field: 'type' | 'healthOnly' }

/**
 * Whether a new note is health-only: always for a clinical type, and when a clinical author
 * marks it so. An author who may not read clinical notes can never write one (nor could they
 * read it back); one who may read only clinical notes cannot write an ordinary one.
 */
export function decideHealthOnly(type: string, markedHealthOnly: boolean, reading: NoteReading): HealthOnlyDecision {
  const healthOnly = isHealthOnlyType(type) || markedHealthOnly
  if (healthOnly && !reading.clinicalNotes) return isHealthOnlyType(type) ? { ok: false, problem: 'clinicalType', field: 'type' } : { ok: false, problem: 'notClinical', field: 'healthOnly' }
  if (!healthOnly && !reading.caseNotes) return { ok: false, problem: 'notShared', field: 'healthOnly' }
  return { ok: true, healthOnly }
}

/** The note an amendment names: always the original, so a note's amendments are one flat list. */
export function amendedNoteId(note: { id: string; amends_note_id: string | null }): string {
  return note.amends_note_id ?? note.id
}

/** A note's text as paragraphs (split at blank lines) of lines, so a page keeps its line breaks without markup in the text. */
export function paragraphsOf(text: string): string[][] {
  const trimmed = text.replace(/\r\n?/g, '\n').trim()
  return trimmed === '' ? [] : trimmed.split(/\n(?:[ \t]*\n)+/).map((paragraph) => paragraph.split('\n').map((line) => line.trimEnd()))
}
