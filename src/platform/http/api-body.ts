import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'

/*
 * Reading a JSON API body against its zod schema. The schemas' messages are content keys,
 * so a problem can be told in the same words as on the pages; an API answers them as 422
 * `{ errors: [{ field, message }] }`.
 */

export interface ApiFieldError {
  field: string
  message: string
}

type Issue = z.ZodError['issues'][number]

/** The API fields an issue is about: each key that is not a field, else its path (`body` for the body as a whole). */
export function issueFields(issue: Issue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((field) => [...issue.path, field].join('.'))
  return [issue.path.length > 0 ? issue.path.join('.') : 'body']
}

/** The body read against its schema, or each problem on its field (zod messages are content keys). */
export function readApiBody<Schema extends z.ZodType>(request: FastifyRequest, schema: Schema): { ok: true; value: z.infer<Schema> } | { ok: false; errors: ApiFieldError[] } {
  const result = schema.safeParse(request.body ?? {})
  if (result.success) return { ok: true, value: result.data }
  const { content } = request.server
  const errors = result.error.issues.flatMap((issue) => {
    const message = content.has(issue.message) ? content.t(issue.message) : content.t('site.errors.invalidAnswer')
    return issueFields(issue).map((field) => ({ field, message }))
  })
  return { ok: false, errors }
}
