import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuditEvent } from '../../../platform/audit/index.ts'
import type { DataCategory } from '../../../platform/auth/scope.ts'
import type { Tx } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { readCaseSection, renderCaseSection, type CaseView } from '../../casework/index.ts'
import type { CommandOutcome, FieldProblem } from '../case-command.ts'

/*
 * The form pages of formulations and plans: shown with the case found in scope and the
 * read audited; posted through `caseCommand`, then answered the GOV.UK way — a redirect
 * when done (Post/Redirect/Get), else the form again with what was typed and what is wrong.
 */

export interface FormPage<Shown> {
  template: string
  section: 'formulation' | 'plan'
  read: { action: AuditEvent; categories: readonly DataCategory[] }
  /** What the page shows; undefined when a record named in the path is not this case's. */
  load(tx: Tx, caseView: CaseView): Promise<Shown | undefined>
  /** The template's context from what was loaded. */
  context(shown: Shown, caseView: CaseView): Record<string, unknown>
}

/** GET: the form, filled in with `values` (what is recorded now). */
export async function showFormPage<Shown>(request: FastifyRequest, reply: FastifyReply, page: FormPage<Shown>, values: (shown: Shown) => Record<string, unknown>) {
  const read = await readCaseSection(request, page.read, async (tx, caseView) => ({ found: await page.load(tx, caseView) }))
  if (read.section && read.section.found === undefined) throw notFound()
  const shown = read.section?.found
  return renderCaseSection(reply, page.template, read, page.section, shown === undefined ? {} : { ...page.context(shown, read.caseView), values: values(shown) })
}

/** The GOV.UK error summary and the messages beside the fields, from problems on fields. */
export function pageErrors(problems: readonly FieldProblem[]) {
  return {
    errors: problems.map((problem) => ({ ...problem, href: `#${problem.field}` })),
    fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, { text: problem.text }])),
  }
}

/**
 * POST: answers what the command did. A refused form is shown again with what was typed;
 * when someone else's change got in first, it also says so (409) above the first field.
 */
export function answerFormPage<Shown, Done>(request: FastifyRequest, reply: FastifyReply, page: FormPage<Shown>, outcome: CommandOutcome<Shown, Done>, answer: { done: (done: Done, caseView: CaseView) => string; firstField: (caseView: CaseView) => string; staleKey: string }) {
  if (outcome.state === 'not_found') throw notFound()
  if (outcome.state === 'not_shared') return renderCaseSection(reply, page.template, { caseView: outcome.caseView, section: undefined }, page.section)
  if (outcome.state === 'done') return reply.redirect(answer.done(outcome.done, outcome.caseView), 303)
  const values = (request.body ?? {}) as Record<string, unknown>
  const problems =
    outcome.state === 'invalid' ? pageErrors(outcome.errors) : outcome.state === 'stale' ? pageErrors([{ field: answer.firstField(outcome.caseView), text: request.server.content.t(answer.staleKey) }]) : {}
  const read = { caseView: outcome.caseView, section: outcome.shown }
  return renderCaseSection(reply, page.template, read, page.section, { ...page.context(outcome.shown, outcome.caseView), values, ...problems }, outcome.state === 'invalid' ? 400 : 409)
}
