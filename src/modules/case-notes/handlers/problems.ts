import type { FieldError } from '../../../platform/http/forms.ts'
import type { NoteProblem } from '../commands.ts'

/** The problems as the GOV.UK error summary and the messages beside the fields show them. */
export function pageProblems(problems: readonly NoteProblem[]): { errors?: FieldError[]; fieldErrors?: Record<string, { text: string }> } {
  if (problems.length === 0) return {}
  return { errors: problems.map((problem) => ({ ...problem, href: `#${problem.field}` })), fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, { text: problem.text }])) }
}
