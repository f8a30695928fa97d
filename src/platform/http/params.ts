import type { FastifyRequest } from 'fastify'
import { isId } from '../db/ids.ts'
import { notFound } from './errors.ts'

/** A record id from the path; anything that is not an id is "not found", never a database error. */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}
