import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import type { Scope } from '../../../platform/auth/scope.ts'
import type { Content } from '../../../platform/content/content.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import type { Person } from '../../../platform/db/schema.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import { peoplePaths } from '../paths.ts'
import type { FieldProblem, TypedFields } from '../person-fields.ts'
import { claimNextVersion, findPerson, recordChanges, updatePersonColumns, type PersonColumns } from '../repository.ts'
import { changedFields, dateFields, isCurrentVersion, type ChangeSection, type HistoryValue, type RecordedChange } from '../rules.ts'

/*
 * Every part of the person record has its own edit page, and they all work the same way:
 * the person is looked up in the caller's scope first (out of scope is a 404 and an audited
 * denial, before the form is even read); the form names the record version it was filled
 * in against, and a stale one changes nothing; the change, its history rows, the version
 * bump and the audit row share one transaction. A section says only what it shows and how
 * it reads and applies its form.
 */

export type PersonRequest = FastifyRequest<{ Params: Record<string, string>; Body: unknown }>

export interface SectionChange {
  section: ChangeSection
  change: RecordedChange
}

/** What a valid form would change, and how; `changes` empty means nothing would. */
export interface PlannedEdit {
  changes: SectionChange[]
  apply(tx: Tx): Promise<void>
}

export type Plan = { ok: true; edit: PlannedEdit } | { ok: false; errors: FieldProblem[] }

/** Who is making a change: their scope, and their id for the history and the rows they record. */
export interface Caller {
  scope: Scope
  userId: string
}

export interface Section<Context extends object> {
  template: string
  /** The field the "changed by someone else" message links to. */
  firstField: string
  /** What the page shows besides the person; null when an item named in the path is not this person's (404). */
  load(tx: Tx, scope: Scope, person: Person, params: Record<string, string>): Promise<Context | null>
  /** The form's starting values, from the record. */
  values(person: Person, context: Context): Record<string, unknown>
  plan(tx: Tx, caller: Caller, person: Person, context: Context, fields: TypedFields): Promise<Plan>
  /** Where a successful change leads; the person page unless the section says otherwise. */
  done?(person: Person): string
}

/** The posted form as typed text; anything that is not text (a repeated field) reads as empty. */
export function typedFields(body: unknown): TypedFields {
  const fields: TypedFields = {}
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') fields[name] = value
  }
  return fields
}

export interface PageProblems {
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/** Problems as the GOV.UK error summary and the messages beside fields show them; the first problem of a field wins. */
export function pageProblems(content: Content, problems: readonly FieldProblem[]): PageProblems {
  const errors: FieldError[] = []
  for (const { field, key } of problems) {
    if (errors.some((error) => error.field === field)) continue
    // A date input's problem links to its first box.
    errors.push({ field, text: content.t(key), href: `#${dateFields.has(field) ? `${field}-day` : field}` })
  }
  return { errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}

export function personIdOf(request: PersonRequest): string {
  const { personId } = request.params
  if (personId === undefined || !isId(personId)) throw notFound()
  return personId
}

/** A person the caller may see and change: not one merged into another record, which takes no more changes. */
async function editablePerson(tx: Tx, scope: Scope, personId: string): Promise<Person | undefined> {
  const person = await findPerson(tx, scope, personId)
  return person && person.merged_into_id === null ? person : undefined
}

type Shown<Context> = { person: Person; context: Context }

/** GET: the section's page, with the read audited. */
export function showSection<Context extends object>(section: Section<Context>) {
  return async (request: PersonRequest, reply: FastifyReply) => {
    const personId = personIdOf(request)
    const shown = await inTransaction(request.server.database.db, async (tx): Promise<Shown<Context> | null> => {
      const person = await editablePerson(tx, request.scope!, personId)
      const context = person ? await section.load(tx, request.scope!, person, request.params) : null
      await auditRequest(tx, request, { action: 'person.view', outcome: person && context ? 'allowed' : 'denied', personId, ...(person ? { recordType: 'person', recordId: personId } : {}) })
      return person && context ? { person, context } : null
    })
    if (!shown) throw notFound()
    return render(reply, section, shown, { values: section.values(shown.person, shown.context) })
  }
}

function render<Context extends object>(reply: FastifyReply, section: Section<Context>, shown: Shown<Context>, form: { values: Record<string, unknown>; status?: number } & Partial<PageProblems>) {
  const { status = 200, ...rest } = form
  return reply.code(status).view(section.template, { person: shown.person, ...shown.context, version: shown.person.version, ...rest })
}

export type EditOutcome<Context> =
  | { state: 'notFound' }
  | { state: 'stale'; shown: Shown<Context> }
  | { state: 'invalid'; shown: Shown<Context>; errors: FieldProblem[] }
  | { state: 'done'; person: Person }

/** The steps of one change to a record, for `editPerson`. */
export interface EditSteps<Context> {
  /** What the change needs besides the person; null when an item named in the path is not this person's. */
  load(tx: Tx, person: Person): Promise<Context | null>
  /** Problems found before the version is compared (an API body of the wrong shape). */
  precheck?(context: Context): FieldProblem[]
  /** The version of the record the change is based on, as sent. */
  version(context: Context): unknown
  plan(tx: Tx, person: Person, context: Context): Promise<Plan>
}

/**
 * One change to a record, for the pages and the API alike, in one transaction: the person in
 * the caller's scope (else an audited denial), then the version the change is based on, then
 * the change read and planned; a planned change claims the next version, is applied and kept
 * in the history. The audit row comes last, whatever the outcome.
 */
export async function editPerson<Context>(request: FastifyRequest, personId: string, steps: EditSteps<Context>): Promise<EditOutcome<Context>> {
  return inTransaction(request.server.database.db, async (tx): Promise<EditOutcome<Context>> => {
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details?: Record<string, unknown>) =>
      auditRequest(tx, request, { action: 'person.change', outcome, personId, ...(outcome === 'denied' ? {} : { recordType: 'person', recordId: personId }), ...(details ? { details } : {}) })
    const person = await editablePerson(tx, request.scope!, personId)
    const context = person ? await steps.load(tx, person) : null
    if (!person || !context) {
      await audit('denied')
      return { state: 'notFound' }
    }
    const shown = { person, context }
    const invalid = async (errors: FieldProblem[]) => {
      await audit('failed', { problems: errors.map((error) => error.key) })
      return { state: 'invalid' as const, shown, errors }
    }
    const stale = async () => {
      await audit('failed', { problem: 'stale_version' })
      return { state: 'stale' as const, shown }
    }
    const early = steps.precheck?.(context) ?? []
    if (early.length > 0) return invalid(early)
    if (!isCurrentVersion(steps.version(context), person.version)) return stale()
    const plan = await steps.plan(tx, person, context)
    if (!plan.ok) return invalid(plan.errors)
    const { changes } = plan.edit
    if (changes.length > 0) {
      // Someone else's edit may have committed since the record was read.
      if (!(await claimNextVersion(tx, personId, person.version))) return stale()
      await plan.edit.apply(tx)
      await recordChanges(tx, personId, request.principal!.userId, changes)
    }
    await audit('allowed', { sections: changes.map(({ section, change }) => `${section}.${change.action}`), fields: changes.flatMap(({ change }) => change.values.map((value) => value.field)) })
    return { state: 'done', person }
  })
}

/** POST: reads the form against the record in scope and applies it, or shows the form again with what is wrong. */
export function changeSection<Context extends object>(section: Section<Context>) {
  return async (request: PersonRequest, reply: FastifyReply) => {
    const personId = personIdOf(request)
    const caller = { scope: request.scope!, userId: request.principal!.userId }
    const fields = typedFields(request.body)
    const outcome = await editPerson(request, personId, {
      load: (tx, person) => section.load(tx, caller.scope, person, request.params),
      version: () => fields.version,
      plan: (tx, person, context) => section.plan(tx, caller, person, context, fields),
    })
    switch (outcome.state) {
      case 'notFound':
        throw notFound()
      case 'stale':
        return render(reply, section, outcome.shown, { status: 409, values: section.values(outcome.shown.person, outcome.shown.context), ...staleProblem(request.server.content, section.firstField) })
      case 'invalid':
        return render(reply, section, outcome.shown, { status: 400, values: request.body as Record<string, unknown>, ...pageProblems(request.server.content, outcome.errors) })
      case 'done':
        return reply.redirect(section.done?.(outcome.person) ?? peoplePaths.person({ personId }), 303)
    }
  }
}

/**
 * The form is shown again as the record now is, with the newer version, so the user can
 * check what changed and make their change again.
 */
function staleProblem(content: Content, firstField: string): PageProblems {
  const text = content.t('people.edit.staleVersion')
  return { errors: [{ field: firstField, text, href: `#${dateFields.has(firstField) ? `${firstField}-day` : firstField}` }], fieldErrors: {} }
}

/** Several edits as one: their changes together, applied in turn. */
export function combinedEdit(edits: readonly PlannedEdit[]): PlannedEdit {
  return {
    changes: edits.flatMap((edit) => edit.changes),
    apply: async (tx) => {
      for (const edit of edits) await edit.apply(tx)
    },
  }
}

/** An edit of columns on the person row: history gets each column whose value changes. */
export function columnEdit(person: Person, section: ChangeSection, columns: PersonColumns): PlannedEdit {
  const fields = Object.keys(columns) as (keyof PersonColumns)[]
  const before = Object.fromEntries(fields.map((field) => [field, person[field]])) as Record<keyof PersonColumns, HistoryValue>
  const values = changedFields(fields, before, columns as Record<keyof PersonColumns, HistoryValue>)
  return {
    changes: values.length > 0 ? [{ section, change: { action: 'updated', values } }] : [],
    apply: (tx) => updatePersonColumns(tx, person.id, columns),
  }
}
