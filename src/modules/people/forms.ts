import { z } from 'zod'

/** Why emergency access is needed; the categories are a code list in content/people.yml. */
export const breakGlassCategories = ['risk_to_life', 'safeguarding', 'continuity_of_care', 'legal_duty'] as const

export const breakGlassForm = z.object({
  category: z.enum(breakGlassCategories, { message: 'people.breakGlass.errors.categoryMissing' }),
  reason: z.string().trim().min(10, 'people.breakGlass.errors.reasonTooShort').max(2000, 'people.breakGlass.errors.reasonTooLong'),
})
