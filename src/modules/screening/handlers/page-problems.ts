import type { Content } from '../../../platform/content/content.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import type { Problem } from '../forms.ts'

export interface PageProblems {
  errors: FieldError[]
  fieldErrors: Record<string, { text: string }>
}

/** Date fields are GOV.UK date inputs: the error summary links to their day box. */
const dateFields = new Set(['screened_on', 'effectiveFrom'])

/**
 * Problems as the GOV.UK error summary and the messages beside fields show them; a field's
 * first problem wins. None is nothing at all, so a page's title gets no "Error:".
 */
export function pageProblems(content: Content, problems: readonly Problem[]): Partial<PageProblems> {
  if (problems.length === 0) return {}
  const errors: FieldError[] = []
  for (const { field, key, params } of problems) {
    if (errors.some((error) => error.field === field)) continue
    // A key that is not in the content is zod's own message (a hand-made post): a general one is shown.
    const text = content.has(key) ? content.t(key, params) : content.t('site.errors.invalidAnswer')
    errors.push({ field, text, href: `#${dateFields.has(field) ? `${field}-day` : field}` })
  }
  return { errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) }
}
