import type { DataCategory } from '../../platform/auth/scope.ts'

/*
 * The rules of formulations and pathway plans, as pure functions: which parts of a
 * formulation a reader may write, versions, authors, and when a date is overdue.
 */

/** The shared part of a formulation: everyone working on the case reads it. */
export const sharedSections = ['presentingDifficulties', 'predisposingFactors', 'precipitatingFactors', 'perpetuatingFactors', 'protectiveFactors', 'strengths', 'relationalPatterns', 'riskLinks', 'recommendations'] as const
/** The clinical-only part: health-only, for clinical roles of health organisations. */
export const clinicalSections = ['clinicalImpressions', 'diagnosticConsiderations', 'treatmentRecommendations'] as const

export type SharedSection = (typeof sharedSections)[number]
export type ClinicalSection = (typeof clinicalSections)[number]
export type FormulationPart = 'shared' | 'clinical'
/** One part of a formulation: section key → text (an empty section is left out). */
export type PartText = Record<string, string>

export const formulationParts: Record<FormulationPart, { category: DataCategory; sections: readonly string[] }> = {
  shared: { category: 'formulation', sections: sharedSections },
  clinical: { category: 'clinical_formulation', sections: clinicalSections },
}

/**
 * The parts a caller may write: those whose data category they may read. A part they may
 * not write is carried forward unchanged from the previous version, never blanked.
 */
export function writableParts(readable: ReadonlySet<DataCategory>): FormulationPart[] {
  return (Object.keys(formulationParts) as FormulationPart[]).filter((part) => readable.has(formulationParts[part].category))
}

/** A part as typed: only its own sections, without empty ones. */
export function partFromTyped(part: FormulationPart, typed: Readonly<Record<string, string | null | undefined>>): PartText {
  return Object.fromEntries(formulationParts[part].sections.flatMap((section) => {
    const text = typed[section]
    return text ? [[section, text]] : []
  }))
}

export function nextFormulationVersion(latest: number | undefined): number {
  return (latest ?? 0) + 1
}

/** The version a form was based on is still the latest (0: there was none). */
export function isLatestVersion(basedOn: number, latest: number | undefined): boolean {
  return basedOn === (latest ?? 0)
}

/** A version's authors: whoever saved it, first, and the co-authors they named, each once. */
export function formulationAuthors(savedBy: string, coAuthors: readonly string[]): string[] {
  return [...new Set([savedBy, ...coAuthors])]
}

/** The plan version a change is based on is the current one (0: no plan yet). */
export function isCurrentPlanVersion(basedOn: number, plan: { version: number } | undefined): boolean {
  return basedOn === (plan?.version ?? 0)
}

/** The first saved change makes the plan; every later one changes it. */
export function planEventKind(planExisted: boolean): 'plan.created' | 'plan.changed' {
  return planExisted ? 'plan.changed' : 'plan.created'
}

/** A review date is overdue once it has passed without a new one being set. */
export function isReviewOverdue(reviewOn: string | null, today: string): boolean {
  return reviewOn !== null && reviewOn < today
}

/** Actions that are finished one way or the other; the rest are still to do. */
export const closedActionStatuses = ['done', 'cancelled'] as const

export function isActionOpen(status: string): boolean {
  return !(closedActionStatuses as readonly string[]).includes(status)
}

/** An open action whose date has passed. */
export function isActionOverdue(action: { status: string; due_on: string | null }, today: string): boolean {
  return isActionOpen(action.status) && action.due_on !== null && action.due_on < today
}

/** An action is someone's: a worker on the case or a description ("the person"), exactly one of them. */
export type ActionOwner = { userId: string; description: null } | { userId: null; description: string }

export function actionOwner(userId: string | null, description: string | null): ActionOwner | 'missing' | 'both' {
  if (userId && description) return 'both'
  if (userId) return { userId, description: null }
  if (description) return { userId: null, description }
  return 'missing'
}
