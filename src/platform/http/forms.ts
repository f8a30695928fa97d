import type { z } from 'zod'
import type { Content } from '../content/content.ts'

/** One entry of the GOV.UK error summary; `href` points at the field. */
export interface FieldError {
  field: string
  text: string
  href: string
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; fieldErrors: Record<string, { text: string }> }

/**
 * Parses a posted form. Schema messages are content keys (content/*.yml), so every
 * message the user reads is in the content files.
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, body: unknown, content: Content): FormResult<z.infer<Schema>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  const errors: FieldError[] = []
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (errors.some((error) => error.field === field)) continue
    // A schema message is a content key; zod's own English (e.g. a field missing from a hand-made post) gets a generic one.
    const text = content.has(issue.message) ? content.t(issue.message) : content.t('site.errors.invalidAnswer')
    errors.push({ field, text, href: `#${field}` })
  }
  return { ok: false, errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}

/** A form-level error (not tied to one field) in the same shape. */
export function formError(field: string, text: string): { errors: FieldError[]; fieldErrors: Record<string, { text: string }> } {
  return { errors: [{ field, text, href: `#${field}` }], fieldErrors: { [field]: { text } } }
}

/** A path to return to after sign-in: only a local path, so a crafted link cannot send the user elsewhere. */
export function localReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : undefined
}
