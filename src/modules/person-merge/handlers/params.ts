import type { FastifyRequest } from 'fastify'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'

/** A record id from the path; anything that is not an id is a record that does not exist. */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name] ?? ''
  if (!isId(value)) throw notFound()
  return value
}
