import type { FastifyRequest } from 'fastify'
import type { ContentParams } from '../../../platform/content/content.ts'
import { formError } from '../../../platform/http/forms.ts'

/** What a failed form shows: the error summary and the message beside each field. */
export type FormProblem = ReturnType<typeof formError>

/** A problem found after the form parsed (a name already taken, a choice no longer offered), shown as a field error. */
export function fieldProblem(request: FastifyRequest, field: string, contentKey: string, params?: ContentParams): FormProblem {
  return formError(field, request.server.content.t(contentKey, params))
}
